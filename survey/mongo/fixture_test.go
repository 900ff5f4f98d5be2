package mongo_test

import (
	"context"

	"github.com/skm-engine/skm/survey/storetest"
)

var ctx = context.Background()

// The conformance suite's fixtures: two units, the standard questionnaire and an open campaign
// 2026-S2; and response number i for a unit.
var (
	mustSeed = storetest.Seed
	response = storetest.Response
)
