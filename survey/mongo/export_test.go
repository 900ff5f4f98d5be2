package mongo

import (
	"context"
	"time"
)

// WriteCommitsApart makes the store write each batch's claim, responses and commit one after
// another, as it does on a replica set, so that the embedded store can test that path too.
func WriteCommitsApart(s *Store) { s.replicated = true }

// OwnsClaim reports whether the store would take the stored claim of the campaign's entry seq for
// one it just tried to write with these records at this time, after an insert of unknown outcome.
func OwnsClaim(ctx context.Context, s *Store, campaign string, seq int64, records []byte, at time.Time) (bool, error) {
	return s.ownClaim(ctx, &claimDoc{ID: logID(campaign, seq), Campaign: campaign, Seq: seq, Writer: s.writer, At: at, Records: records})
}
