// Package survey is the domain of the SKM engine: the region and its service units, questionnaire
// versions, semiannual campaigns, residents' responses and the tallies derived from them.
//
// It defines the vocabulary, each type's Validate method and the Store interface; MongoStore
// implements Store on MongoDB (or the embedded MongoDB-compatible store).
package survey
