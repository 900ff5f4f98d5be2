package mongo

import (
	"errors"
	"testing"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

// TestWriteConcernErrorIsAFailure: an insert whose only complaint is a write-concern error wrote
// documents a majority may not hold; it must count as failed, never as stored.
func TestWriteConcernErrorIsAFailure(t *testing.T) {
	wce := &driver.WriteConcernError{Name: "WriteConcernFailed", Code: 64, Message: "waiting for replication timed out"}
	for name, err := range map[string]error{
		"insert many": driver.BulkWriteException{WriteConcernError: wce},
		"insert many with a duplicate": driver.BulkWriteException{WriteConcernError: wce,
			WriteErrors: []driver.BulkWriteError{{WriteError: driver.WriteError{Index: 0, Code: 11000}}}},
		"insert one": driver.WriteException{WriteConcernError: wce},
	} {
		if refused, got := insertOutcome(err); got == nil || refused != nil {
			t.Errorf("%s: taken as refused %v, err %v", name, refused, got)
		}
		if duplicate(err) {
			t.Errorf("%s: taken as a duplicate", name)
		}
		if code := survey.ErrorCode(storeErr(err)); code != survey.EUNAVAILABLE {
			t.Errorf("%s: code %s, want unavailable", name, code)
		}
	}
	dup := driver.BulkWriteException{WriteErrors: []driver.BulkWriteError{{WriteError: driver.WriteError{Index: 2, Code: 11000}}}}
	if refused, err := insertOutcome(dup); err != nil || len(refused) != 1 || !driver.IsDuplicateKeyError(refused[2]) {
		t.Errorf("a duplicate alone: %v %v", refused, err)
	}
	if _, err := insertOutcome(errors.New("connection reset")); err == nil {
		t.Error("a lost connection taken as success")
	}
}
