package web

import (
	"context"
	"time"
)

// maxReleases bounds the attempts a window may give back: more successes than this from one
// client in one window (more than one a second for a quarter of an hour) count as failures.
const maxReleases = 1000

// Reservation is one attempt at something limited per window, such as a sign-in or a tracking-code
// lookup, counted before the attempt is made: requests that arrive together each hold their own
// place in the count, so no more than the limit are ever tried, however they interleave.
type Reservation struct {
	// Allowed reports whether the attempt is within the limit and may be made.
	Allowed bool
	key     string
	window  time.Time
}

// Reserve counts an attempt under key in the window that starts at window and reports whether it
// stays within limit. Attempts given back with Release do not count: only failures add up.
func (s *Server) Reserve(ctx context.Context, key string, window time.Time, limit int) (Reservation, error) {
	released, err := s.Accounts.Attempts(ctx, key+"|released", window, maxReleases)
	if err != nil {
		return Reservation{}, err
	}
	n, err := s.Accounts.CountAttempt(ctx, key, window, limit+released)
	if err != nil {
		return Reservation{}, err
	}
	return Reservation{Allowed: n-released <= limit, key: key, window: window}, nil
}

// Release gives a reserved attempt back: it succeeded, and only failures count toward the limit.
func (s *Server) Release(ctx context.Context, r Reservation) error {
	_, err := s.Accounts.CountAttempt(ctx, r.key+"|released", r.window, maxReleases)
	return err
}
