package mongo_test

import (
	"testing"

	"github.com/skm-engine/skm/survey/surveytest"
)

func TestMain(m *testing.M) { surveytest.Main(m) }
