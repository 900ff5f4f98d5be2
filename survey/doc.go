// Package survey is the domain of the SKM engine: the region and its service units, questionnaire
// versions, semiannual campaigns, residents' responses and complaints, the cases they open, the
// units' follow-up plans, the files the engine issues, and the tallies derived from responses.
//
// It holds the vocabulary, each type's Validate method, the rules between them (which campaign
// states may follow which, when a case may be answered or published, how a response becomes a
// tally Record and how records add up to Counts), and the interfaces of the store: Store, which
// also keeps plans, issued files and the notification outbox, and AccountStore for who may sign
// in. It imports no database driver and no file-format library; those live beside it:
//
//	survey/mongo       the Store on MongoDB or the embedded store, with the tally log
//	survey/paper       the reader of paper questionnaires typed into CSV or XLSX files
//	survey/embedded    the embedded MongoDB-compatible store (FerretDB on SQLite)
//	survey/surveytest  stores for tests
//
// Errors are *Error values with a code (EINVALID, ENOTFOUND, ...) for programs and a Message for
// people: a key of the engine's text catalogue (app/i18n) and the arguments its wording takes, so
// that each page says what went wrong in its own language. The domain never holds the words.
package survey
