package mongo

import (
	"errors"

	driver "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
)

// ClientOptions returns the driver options for the store at uri. Writes wait for a majority of a
// replica set with the journal written (w:majority, j:true), so an acknowledged response survives
// the loss of a member and cannot be rolled back; reads use read concern majority, so tallies and
// recovery never see a write that a rollback may still erase. The embedded store accepts both.
// Every connection of the engine is made with these.
func ClientOptions(uri string) *options.ClientOptions {
	return options.Client().ApplyURI(uri).
		SetWriteConcern(&writeconcern.WriteConcern{W: writeconcern.WCMajority, Journal: &journaled}).
		SetReadConcern(readconcern.Majority())
}

var journaled = true

// writeConcernFailed reports whether err carries a write-concern error: the server applied the
// write but could not make it durable on a majority, so it may be rolled back. That is a failure,
// never a success, whatever else the error says.
func writeConcernFailed(err error) bool {
	var bwe driver.BulkWriteException
	if errors.As(err, &bwe) && bwe.WriteConcernError != nil {
		return true
	}
	var we driver.WriteException
	if errors.As(err, &we) && we.WriteConcernError != nil {
		return true
	}
	var wce driver.WriteConcernError
	return errors.As(err, &wce)
}

// insertOutcome sorts the error of an unordered InsertMany: the documents refused one by one (a
// duplicate key, say), by index, or a failure that leaves unknown which documents are durable
// (lost connection, timeout, write-concern error), which acknowledges none.
func insertOutcome(err error) (map[int]driver.WriteError, error) {
	if err == nil {
		return nil, nil
	}
	var bwe driver.BulkWriteException
	if !errors.As(err, &bwe) || writeConcernFailed(err) || len(bwe.WriteErrors) == 0 {
		return nil, err
	}
	refused := make(map[int]driver.WriteError, len(bwe.WriteErrors))
	for _, we := range bwe.WriteErrors {
		refused[we.Index] = we.WriteError
	}
	return refused, nil
}

// orderedOutcome reads the result of an ordered insert of n documents: how many landed before the
// store stopped and the refusal that stopped it, or an error that leaves the outcome unknown (a
// write-concern error among them).
func orderedOutcome(err error, n int) (int, *driver.WriteError, error) {
	if err == nil {
		return n, nil, nil
	}
	var bwe driver.BulkWriteException
	if !errors.As(err, &bwe) || writeConcernFailed(err) || len(bwe.WriteErrors) == 0 {
		return 0, nil, err
	}
	first := bwe.WriteErrors[0]
	for _, we := range bwe.WriteErrors[1:] {
		if we.Index < first.Index {
			first = we
		}
	}
	return first.Index, &first.WriteError, nil
}

// duplicate reports whether err says only that the _id exists: a refusal, not a failure.
func duplicate(err error) bool {
	return err != nil && !writeConcernFailed(err) && driver.IsDuplicateKeyError(err)
}
