package survey

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a signed-in person or an API token may do.
type Role string

// Roles.
const (
	// RoleAdmin is the region's organisation bureau: everything in the region.
	RoleAdmin Role = "admin"
	// RoleUnitHead is a unit head or their staff: their own units' results, cases and plans.
	RoleUnitHead Role = "unit_head"
	// RoleViewer is read-only across the region (inspectorate, leadership).
	RoleViewer Role = "viewer"
)

// Roles lists the roles in order of power.
var Roles = []Role{RoleAdmin, RoleViewer, RoleUnitHead}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is who makes a request: a signed-in user or an API token.
type Principal struct {
	Name  string
	Role  Role
	Units []string // the units a unit head may see
}

// CanSeeUnit reports whether the principal may read the unit's results.
func (p *Principal) CanSeeUnit(slug string) bool {
	if p == nil {
		return false
	}
	return p.Role == RoleAdmin || p.Role == RoleViewer || slices.Contains(p.Units, slug)
}

// MayActFor reports whether the principal may act for the unit: change what belongs to it and
// read what its residents wrote. Administrators may, and the unit's own heads; viewers never.
func (p *Principal) MayActFor(slug string) bool {
	return p.IsAdmin() || (p != nil && p.Role == RoleUnitHead && slices.Contains(p.Units, slug))
}

// IsAdmin reports whether the principal administers the region.
func (p *Principal) IsAdmin() bool { return p != nil && p.Role == RoleAdmin }

// User is a person who signs in.
type User struct {
	Username     string    `json:"username"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	Units        []string  `json:"units"`
	PasswordHash string    `json:"-"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)

// Validate reports whether the user can be saved.
func (u *User) Validate() error {
	if !usernamePattern.MatchString(u.Username) {
		return Errorf(EINVALID, "err.user.username", u.Username)
	}
	if strings.TrimSpace(u.Name) == "" || utf8.RuneCountInString(u.Name) > 100 {
		return Errorf(EINVALID, "err.user.name")
	}
	return validScope(u.Role, u.Units)
}

func validScope(r Role, units []string) error {
	if !r.Valid() {
		return Errorf(EINVALID, "err.role.unknown", r)
	}
	if r == RoleUnitHead && len(units) == 0 {
		return Errorf(EINVALID, "err.role.nounits")
	}
	if r != RoleUnitHead && len(units) > 0 {
		return Errorf(EINVALID, "err.role.units")
	}
	for _, s := range units {
		if !ValidSlug(s) {
			return Errorf(EINVALID, "err.unit.ref", s)
		}
	}
	return nil
}

// Principal returns the user as a request's principal.
func (u *User) Principal() *Principal {
	return &Principal{Name: u.Username, Role: u.Role, Units: slices.Clone(u.Units)}
}

// UserUpdate changes a user; nil fields are left as they are.
type UserUpdate struct {
	Name         *string   `json:"name"`
	Role         *Role     `json:"role"`
	Units        *[]string `json:"units"`
	Disabled     *bool     `json:"disabled"`
	PasswordHash *string   `json:"-"`
}

// Token is an API bearer token; only the SHA-256 of its secret is stored.
type Token struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Role      Role      `json:"role"`
	Units     []string  `json:"units"`
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
	RevokedAt time.Time `json:"revokedAt,omitzero"`
	// Hash is the hex SHA-256 of the secret.
	Hash string `json:"-"`
}

// Validate reports whether the token can be saved.
func (t *Token) Validate() error {
	if strings.TrimSpace(t.Name) == "" || utf8.RuneCountInString(t.Name) > 100 {
		return Errorf(EINVALID, "err.token.name")
	}
	return validScope(t.Role, t.Units)
}

// Principal returns the token as a request's principal.
func (t *Token) Principal() *Principal {
	return &Principal{Name: "token:" + t.Name, Role: t.Role, Units: slices.Clone(t.Units)}
}

// Session lifetimes: a session ends after SessionIdle without a request, and after SessionMax
// whatever happens.
const (
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
)

// Session is a signed-in browser; only the SHA-256 of its cookie value is stored.
type Session struct {
	Hash      string    `json:"-"`
	Username  string    `json:"username"`
	CSRF      string    `json:"-"`
	CreatedAt time.Time `json:"createdAt"`
	SeenAt    time.Time `json:"seenAt"`
}

// AuditEntry records who did what, when.
type AuditEntry struct {
	ID     string    `json:"id"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Target string    `json:"target"`
	Detail string    `json:"detail,omitempty"`
	// Client is a keyed hash of the client address, never the address itself.
	Client string `json:"client,omitempty"`
}

// AuditFilter selects audit entries; zero fields match everything.
type AuditFilter struct {
	Actor  string
	Action string
	Since  time.Time
	Until  time.Time
	Limit  int
}

// AccountStore keeps who may sign in and what they did. Errors as for Store.
type AccountStore interface {
	// CreateUser saves a new user. EINVALID; ECONFLICT when the username is taken.
	CreateUser(ctx context.Context, u *User) error
	// User returns the user. ENOTFOUND.
	User(ctx context.Context, username string) (*User, error)
	// Users returns every user ordered by username.
	Users(ctx context.Context) ([]*User, error)
	// UpdateUser changes a user and returns it. ENOTFOUND, EINVALID.
	UpdateUser(ctx context.Context, username string, upd UserUpdate) (*User, error)

	// CreateToken saves a new API token. EINVALID.
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token whose secret hashes to hash. ENOTFOUND.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	// Tokens returns every token, newest first.
	Tokens(ctx context.Context) ([]*Token, error)
	// RevokeToken stops a token from working. ENOTFOUND.
	RevokeToken(ctx context.Context, id string, at time.Time) error

	// CreateSession saves a new session.
	CreateSession(ctx context.Context, s *Session) error
	// Session returns the session whose cookie hashes to hash. ENOTFOUND.
	Session(ctx context.Context, hash string) (*Session, error)
	// TouchSession records that the session was used at the time.
	TouchSession(ctx context.Context, hash string, at time.Time) error
	// DeleteSession signs a session out.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessions signs every session of the user out, or every session idle since before
	// idleBefore or created before createdBefore when username is "".
	DeleteSessions(ctx context.Context, username string, idleBefore, createdBefore time.Time) (int, error)

	// Audit records an entry.
	Audit(ctx context.Context, e *AuditEntry) error
	// AuditEntries returns the entries matching the filter, newest first.
	AuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)

	// CountAttempt records one attempt under key in the window starting at window and returns
	// how many the window now holds, counting at most limit+1. It is exact across instances.
	CountAttempt(ctx context.Context, key string, window time.Time, limit int) (int, error)
	// Attempts returns how many attempts the window holds, at most limit+1.
	Attempts(ctx context.Context, key string, window time.Time, limit int) (int, error)
	// PurgeAttempts deletes the attempts of windows that started before the time.
	PurgeAttempts(ctx context.Context, before time.Time) error
}
