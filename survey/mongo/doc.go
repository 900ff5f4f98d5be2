// Package mongo implements survey.Store on MongoDB and on the embedded MongoDB-compatible store
// (FerretDB on SQLite). It uses only what both do correctly: reads by _id on every hot path, and
// inserts under unique keys for every write that can race, since the embedded store does not make
// concurrent updates of one document atomic.
//
// # Write path: group commit
//
// Submit and SubmitAll queue their responses; one committer takes everything queued (about
// Options.MaxBatch responses at most) and commits it per campaign in three inserts, whatever the size:
//
//  1. claim: insert tally_log "{campaign}/{seq}", the next entry of the campaign's gap-free log,
//     holding the tally Records of the batch. When another instance took the number, the claim
//     searches for the end of the log and takes the number after it.
//  2. responses: one unordered insert into responses, each naming entry seq. A submission key
//     stored before fails alone as a duplicate and gets the first receipt back.
//  3. commit: insert tally_commits "{campaign}/{seq}", listing the records not stored.
//
// A response is acknowledged once step 2 has stored it: the client's write concern (majority on
// a replica set) makes that durable, and from then on it is counted exactly once. The commit does
// not hold up the reply: a finisher writes the waiting commits together in one insert, and Flush
// waits for them. An insert that fails in a way that leaves unknown which responses landed
// acknowledges none; resubmitting the same keys is safe.
//
// Recovery: an entry claimed but not committed stops every reader at it until its claim is stale
// (Options.StaleClaimAfter, or written before Options.RecoverBefore, which the engine sets to the
// start of the process that owns the embedded store). The first reader to find it stale commits it, excluding exactly
// the records whose responses are not stored under that entry. Both commits are inserts under
// the same _id, so the first wins and the other is refused; a writer gives up within
// Options.BatchTimeout, well before its claim can turn stale. Case replies and publications are
// log entries too (claimed and committed at once), and Rebuild and PurgeResponses append a reset
// entry whose commit holds the whole state.
//
// # Read path: tally views
//
// Every instance folds each campaign's committed entries, in order, into an in-memory
// survey.CampaignTally. Tally answers from that view and asks the log for new entries (one read
// by _id finds that there are none) at most every Options.TallyFreshness: this instance's own
// submissions are folded as they are acknowledged while its view is up to date, other instances'
// show within the window once their commits are written. Readers share a snapshot that copies only the units changed since
// the last one. Every Options.CheckpointEvery entries the folded state is saved as a checkpoint
// (the first instance's insert wins), and a head document points at a recent one, so a cold
// start reads the newest checkpoint and the entries after it, never every response. Verify
// recounts the responses counted by the entries folded so far and lists every difference.
package mongo
