package app

import "time"

// Session lifetimes: a session ends after sessionIdle without a request, and after sessionMax
// whatever happens.
const (
	sessionIdle = 30 * time.Minute
	sessionMax  = 12 * time.Hour
)
