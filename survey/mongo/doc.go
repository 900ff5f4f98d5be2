// Package mongo implements survey.Store on MongoDB and on the embedded MongoDB-compatible store
// (FerretDB on SQLite), with one code path for both. It uses only what both do correctly: reads
// by _id on every hot path, and inserts under unique keys for every write that can race, since
// the embedded store does not make concurrent updates of one document atomic. docs/STORAGE.md
// states the invariants; this is how the code keeps them.
//
// # Write path: group commit, decided by the commit
//
// Submit and SubmitAll queue their responses; one committer takes everything queued (at most
// Options.MaxBatch responses and MaxBatchBytes per campaign part) and writes, per campaign:
//
//  1. words: the cases' words (collection cases, keyed by the internal case ID), unordered.
//  2. claim: insert "{campaign}/{seq}", the next entry of the campaign's gap-free tally log,
//     holding the tally records of the batch (no free text). When another instance took the
//     number, the claim searches for the end of the log and takes the number after it.
//  3. responses, each naming entry seq; a submission key stored before fails alone.
//  4. commit: insert "{campaign}/{seq}/commit", listing the records not stored.
//
// The tally log lives in the responses collection (its documents name their campaign in "log"),
// so that on a single server steps 2 to 4 are one ordered insert, which stops at the first
// document refused: one durable write, one SQLite transaction on the embedded store. On a replica
// set, and for a batch of more than 100 documents (FerretDB stops an ordered insert only within
// its chunks of 100), they are written one after another.
//
// The commit is the single decision of what the entry counts, and a response is acknowledged only
// when the commit in the store counts it: the writer's own, or, when its insert met a duplicate,
// the one a recovering reader wrote first. What no commit counts (an orphan) is deleted by the
// writer, or by a resubmission that meets it. A write-concern error acknowledges nothing; an
// insert that fails without saying is decided by what is stored, as recovery does.
// ClientOptions sets w:majority with the journal and read concern majority.
//
// Recovery: an entry claimed but not committed stops every reader at it. A reader that has
// watched it, on its own monotonic clock, for Options.StaleClaimAfter (or finds it written before
// Options.RecoverBefore, the start of the process that owns the embedded store) commits it itself,
// counting exactly the records whose response and words are stored under it. Both commits are
// inserts under one _id, so the first wins; the timeout only ends the waiting, it never decides
// what is counted, and no instance compares its clock with another's.
//
// Case events (replies, publications) are log entries without text, each reply's text an insert
// of its own keyed by the entry; Rebuild and PurgeResponses append a reset entry whose state is
// the checkpoint of that entry.
//
// # Read path: tally views
//
// Every instance folds each campaign's committed entries, in order, into an in-memory
// survey.CampaignTally. Tally answers from that view and asks the log for new entries (one read
// by _id finds that there are none) at most every Options.TallyFreshness: this instance's own
// submissions are folded as they are acknowledged, other instances' show within the window.
// Readers share a snapshot that copies only the units changed since the last one. Every
// Options.CheckpointEvery entries the folded state is saved as a checkpoint in chunks of at most
// 512 KiB behind a small head, replacing the one before, so a cold start reads the newest
// checkpoint and the entries after it. Verify recounts the stored responses and case events the
// folded entries count, compares counts and every case's summary, and checks every case's words
// are stored; Rebuild recounts without holding a claim and commits a reset at once.
package mongo
