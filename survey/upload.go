package survey

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Upload is a file a person uploaded and has not yet confirmed: a preview page shows what it
// holds, and the confirmation acts on the same bytes. It is kept in the store, not in a process,
// because another instance may serve the confirmation.
type Upload struct {
	// ID is random and unguessable; the confirm form carries it.
	ID string
	// Purpose says what the file is for ("paper", "units"); a confirmation names the purpose it
	// expects, so that an upload for one page cannot be confirmed on another.
	Purpose string
	// Owner is who uploaded the file; only they may confirm it.
	Owner string
	// Target is what the file applies to, such as "2026-S2/dpmptsp"; "" when nothing in particular.
	Target string
	// Name is the file's name as uploaded.
	Name      string
	Data      []byte
	CreatedAt time.Time
	// ExpiresAt is when the upload is forgotten unconfirmed.
	ExpiresAt time.Time
}

// MaxUpload bounds the bytes of one kept upload; a request body is smaller still.
const MaxUpload = 64 << 20

var uploadIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// NewUploadID returns a random upload ID.
func NewUploadID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ValidUploadID reports whether s has the form of an upload ID, so that a forged one is refused
// before the store is asked.
func ValidUploadID(s string) bool { return uploadIDPattern.MatchString(s) }

// Validate reports whether the upload can be kept.
func (u *Upload) Validate() error {
	switch {
	case !ValidUploadID(u.ID):
		return Errorf(EINVALID, "err.upload.id")
	case strings.TrimSpace(u.Purpose) == "" || strings.TrimSpace(u.Owner) == "":
		return Errorf(EINVALID, "err.upload.incomplete")
	case len(u.Data) == 0:
		return Errorf(EINVALID, "err.upload.empty")
	case len(u.Data) > MaxUpload:
		return Errorf(ETOOLARGE, "err.upload.large", MaxUpload>>20)
	case !utf8.ValidString(u.Name) || utf8.RuneCountInString(u.Name) > 255:
		return Errorf(EINVALID, "err.upload.name")
	case u.CreatedAt.IsZero() || !u.ExpiresAt.After(u.CreatedAt):
		return Errorf(EINVALID, "err.upload.expiry")
	}
	return nil
}

// UploadStore keeps uploads between their preview and their confirmation; every Store does.
type UploadStore interface {
	// SaveUpload keeps the upload until it expires, and forgets every upload that expired before
	// it was made. EINVALID, ETOOLARGE.
	SaveUpload(ctx context.Context, u *Upload) error
	// Upload returns the upload with the ID as it was at now. ENOTFOUND when there is none or it
	// has expired.
	Upload(ctx context.Context, id string, now time.Time) (*Upload, error)
	// DeleteUpload forgets the upload; forgetting one that is gone succeeds.
	DeleteUpload(ctx context.Context, id string) error
}
