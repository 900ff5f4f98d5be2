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
// starting cold read them. It runs twice: with a batch's claim, responses and commit in one
// insert, as on a single server, and written one after another, as on a replica set.
func TestStoreConformance(t *testing.T) {
	for _, apart := range []bool{false, true} {
		t.Run(map[bool]string{false: "one insert", true: "writes apart"}[apart], func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) storetest.Instances {
				db := surveytest.MustOpenDatabase(t)
				opts := mongo.Options{CheckpointEvery: 8}
				open := func(t *testing.T) *mongo.Store {
					s := surveytest.MustOpenStoreOn(t, db, opts)
					if apart {
						mongo.WriteCommitsApart(s)
					}
					return s
				}
				return storetest.Instances{Store: open(t), Another: func(t *testing.T) survey.Store { return open(t) }}
			})
		})
	}
}
