package mongo_test

import (
	"testing"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/storetest"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestStoreConformance runs the Store conformance suite on the test store: the embedded one, or
// the MongoDB named by SKM_TEST_MONGODB_URI. Checkpoints come every 8 entries, so that instances
// starting cold read them.
func TestStoreConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Instances {
		db := surveytest.MustOpenDatabase(t)
		opts := mongo.Options{CheckpointEvery: 8}
		return storetest.Instances{Store: surveytest.MustOpenStoreOn(t, db, opts),
			Another: func(t *testing.T) survey.Store { return surveytest.MustOpenStoreOn(t, db, opts) }}
	})
}
