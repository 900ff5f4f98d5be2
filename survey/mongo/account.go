package mongo

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

const (
	colUsers    = "users"
	colTokens   = "tokens"
	colSessions = "sessions"
	colAudit    = "audit"
	colAttempts = "attempts"
)

type userDoc struct {
	Username     string      `bson:"_id"`
	Name         string      `bson:"name"`
	Role         survey.Role `bson:"role"`
	Units        []string    `bson:"units"`
	PasswordHash string      `bson:"passwordHash"`
	Disabled     bool        `bson:"disabled"`
	CreatedAt    time.Time   `bson:"createdAt"`
	UpdatedAt    time.Time   `bson:"updatedAt"`
}

// CreateUser saves a new user.
func (s *Store) CreateUser(ctx context.Context, u *survey.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = s.now(), s.now()
	_, err := s.db.Collection(colUsers).InsertOne(ctx, userDoc(*u))
	if driver.IsDuplicateKeyError(err) {
		return survey.Errorf(survey.ECONFLICT, "err.user.taken", u.Username)
	}
	return storeErr(err)
}

// User returns the user.
func (s *Store) User(ctx context.Context, username string) (*survey.User, error) {
	var d userDoc
	if err := s.findByID(ctx, colUsers, username, &d, survey.Msg("err.user.notfound", username)); err != nil {
		return nil, err
	}
	u := survey.User(d)
	return &u, nil
}

// Users returns every user ordered by username.
func (s *Store) Users(ctx context.Context) ([]*survey.User, error) {
	var docs []userDoc
	if err := s.findAll(ctx, colUsers, bson.D{}, &docs); err != nil {
		return nil, err
	}
	out := make([]*survey.User, len(docs))
	for i := range docs {
		u := survey.User(docs[i])
		out[i] = &u
	}
	slices.SortFunc(out, func(a, b *survey.User) int { return strings.Compare(a.Username, b.Username) })
	return out, nil
}

// UpdateUser changes a user. Accounts are edited by administrators one at a time; the last edit
// wins.
func (s *Store) UpdateUser(ctx context.Context, username string, upd survey.UserUpdate) (*survey.User, error) {
	u, err := s.User(ctx, username)
	if err != nil {
		return nil, err
	}
	if upd.Name != nil {
		u.Name = *upd.Name
	}
	if upd.Role != nil {
		u.Role = *upd.Role
	}
	if upd.Units != nil {
		u.Units = slices.Clone(*upd.Units)
	}
	if upd.Disabled != nil {
		u.Disabled = *upd.Disabled
	}
	if upd.PasswordHash != nil {
		u.PasswordHash = *upd.PasswordHash
	}
	if u.Role != survey.RoleUnitHead {
		u.Units = nil
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	u.UpdatedAt = s.now()
	if _, err := s.db.Collection(colUsers).ReplaceOne(ctx, bson.D{{Key: "_id", Value: username}}, userDoc(*u)); err != nil {
		return nil, storeErr(fmt.Errorf("replace user: %w", err))
	}
	return u, nil
}

type tokenDoc struct {
	Hash      string      `bson:"_id"`
	ID        string      `bson:"id"`
	Name      string      `bson:"name"`
	Role      survey.Role `bson:"role"`
	Units     []string    `bson:"units"`
	CreatedBy string      `bson:"createdBy"`
	CreatedAt time.Time   `bson:"createdAt"`
	RevokedAt time.Time   `bson:"revokedAt"`
}

func (d *tokenDoc) token() *survey.Token {
	return &survey.Token{ID: d.ID, Name: d.Name, Role: d.Role, Units: d.Units, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt, RevokedAt: d.RevokedAt, Hash: d.Hash}
}

// CreateToken saves a new API token, assigning its ID.
func (s *Store) CreateToken(ctx context.Context, t *survey.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if len(t.Hash) != 64 {
		return survey.Errorf(survey.EINVALID, "err.token.hash")
	}
	t.ID, t.CreatedAt = t.Hash[:12], s.now()
	_, err := s.db.Collection(colTokens).InsertOne(ctx, tokenDoc{Hash: t.Hash, ID: t.ID, Name: t.Name, Role: t.Role, Units: t.Units, CreatedBy: t.CreatedBy, CreatedAt: t.CreatedAt})
	return storeErr(err)
}

// TokenByHash returns the token whose secret hashes to hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*survey.Token, error) {
	var d tokenDoc
	if err := s.findByID(ctx, colTokens, hash, &d, survey.Msg("err.token.unknown")); err != nil {
		return nil, err
	}
	return d.token(), nil
}

// Tokens returns every token, newest first.
func (s *Store) Tokens(ctx context.Context) ([]*survey.Token, error) {
	var docs []tokenDoc
	if err := s.findAll(ctx, colTokens, bson.D{}, &docs); err != nil {
		return nil, err
	}
	out := make([]*survey.Token, len(docs))
	for i := range docs {
		out[i] = docs[i].token()
	}
	slices.SortFunc(out, func(a, b *survey.Token) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

// RevokeToken stops a token from working.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	tokens, err := s.Tokens(ctx)
	if err != nil {
		return err
	}
	for _, t := range tokens {
		if t.ID == id {
			_, err := s.db.Collection(colTokens).UpdateOne(ctx, bson.D{{Key: "_id", Value: t.Hash}},
				bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: at.UTC()}}}})
			return storeErr(err)
		}
	}
	return survey.Errorf(survey.ENOTFOUND, "err.token.notfound", id)
}

type sessionDoc struct {
	Hash      string    `bson:"_id"`
	Username  string    `bson:"username"`
	CSRF      string    `bson:"csrf"`
	CreatedAt time.Time `bson:"createdAt"`
	SeenAt    time.Time `bson:"seenAt"`
}

// CreateSession saves a new session.
func (s *Store) CreateSession(ctx context.Context, ss *survey.Session) error {
	_, err := s.db.Collection(colSessions).InsertOne(ctx, sessionDoc(*ss))
	return storeErr(err)
}

// Session returns the session whose cookie hashes to hash.
func (s *Store) Session(ctx context.Context, hash string) (*survey.Session, error) {
	var d sessionDoc
	if err := s.findByID(ctx, colSessions, hash, &d, survey.Msg("err.session.notfound")); err != nil {
		return nil, err
	}
	ss := survey.Session(d)
	return &ss, nil
}

// TouchSession records that the session was used.
func (s *Store) TouchSession(ctx context.Context, hash string, at time.Time) error {
	_, err := s.db.Collection(colSessions).UpdateOne(ctx, bson.D{{Key: "_id", Value: hash}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "seenAt", Value: at.UTC()}}}})
	return storeErr(err)
}

// DeleteSession signs a session out.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	_, err := s.db.Collection(colSessions).DeleteOne(ctx, bson.D{{Key: "_id", Value: hash}})
	return storeErr(err)
}

// DeleteSessions signs out every session of a user, or every expired session. The embedded store
// has no TTL indexes, so expiry is this sweep, run periodically.
func (s *Store) DeleteSessions(ctx context.Context, username string, idleBefore, createdBefore time.Time) (int, error) {
	filter := bson.D{{Key: "username", Value: username}}
	if username == "" {
		filter = bson.D{{Key: "$or", Value: bson.A{
			bson.D{{Key: "seenAt", Value: bson.D{{Key: "$lt", Value: idleBefore.UTC()}}}},
			bson.D{{Key: "createdAt", Value: bson.D{{Key: "$lt", Value: createdBefore.UTC()}}}},
		}}}
	}
	res, err := s.db.Collection(colSessions).DeleteMany(ctx, filter)
	if err != nil {
		return 0, storeErr(fmt.Errorf("delete sessions: %w", err))
	}
	return int(res.DeletedCount), nil
}

type auditDoc struct {
	ID     string    `bson:"_id"`
	At     time.Time `bson:"at"`
	Actor  string    `bson:"actor"`
	Action string    `bson:"action"`
	Target string    `bson:"target"`
	Detail string    `bson:"detail,omitempty"`
	Client string    `bson:"client,omitempty"`
}

// Audit records an entry; its ID sorts by time.
func (s *Store) Audit(ctx context.Context, e *survey.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.ID = fmt.Sprintf("%020d-%s", e.At.UnixNano(), randomHex(4))
	_, err := s.db.Collection(colAudit).InsertOne(ctx, auditDoc(*e))
	return storeErr(err)
}

// AuditEntries returns the entries matching the filter, newest first.
func (s *Store) AuditEntries(ctx context.Context, f survey.AuditFilter) ([]*survey.AuditEntry, error) {
	filter := bson.D{}
	if f.Actor != "" {
		filter = append(filter, bson.E{Key: "actor", Value: f.Actor})
	}
	if f.Action != "" {
		filter = append(filter, bson.E{Key: "action", Value: f.Action})
	}
	if !f.Since.IsZero() {
		filter = append(filter, bson.E{Key: "at", Value: bson.D{{Key: "$gte", Value: f.Since.UTC()}}})
	}
	if !f.Until.IsZero() {
		filter = append(filter, bson.E{Key: "at", Value: bson.D{{Key: "$lt", Value: f.Until.UTC()}}})
	}
	var docs []auditDoc
	if err := s.findAll(ctx, colAudit, filter, &docs); err != nil {
		return nil, err
	}
	slices.SortFunc(docs, func(a, b auditDoc) int { return strings.Compare(b.ID, a.ID) })
	if f.Limit > 0 && len(docs) > f.Limit {
		docs = docs[:f.Limit]
	}
	out := make([]*survey.AuditEntry, len(docs))
	for i := range docs {
		e := survey.AuditEntry(docs[i])
		out[i] = &e
	}
	return out, nil
}

// CountAttempt records one attempt by claiming the next free slot "{key}|{window}|{n}" with an
// insert: unique _ids make the count exact however many instances race, where an $inc on the
// embedded store would lose updates. Slots fill in order, so the search for a free one starts
// past those Attempts finds taken.
func (s *Store) CountAttempt(ctx context.Context, key string, window time.Time, limit int) (int, error) {
	taken, err := s.Attempts(ctx, key, window, limit)
	if err != nil {
		return 0, err
	}
	for n := taken + 1; n <= limit+1; n++ {
		_, err := s.db.Collection(colAttempts).InsertOne(ctx, bson.D{{Key: "_id", Value: attemptID(key, window, n)}, {Key: "at", Value: window.UTC()}})
		if driver.IsDuplicateKeyError(err) {
			continue
		} else if err != nil {
			return 0, storeErr(fmt.Errorf("count attempt: %w", err))
		}
		return n, nil
	}
	return limit + 1, nil
}

// Attempts returns how many attempts the window holds, at most limit+1.
func (s *Store) Attempts(ctx context.Context, key string, window time.Time, limit int) (int, error) {
	// Slots fill in order, so the count is the first free slot less one: a binary search.
	lo, hi := 0, limit+1 // slot lo is taken (0 trivially), slot hi+1 may not be
	for lo < hi {
		mid := (lo + hi + 1) / 2
		err := s.db.Collection(colAttempts).FindOne(ctx, bson.D{{Key: "_id", Value: attemptID(key, window, mid)}}).Err()
		if err == driver.ErrNoDocuments {
			hi = mid - 1
		} else if err != nil {
			return 0, storeErr(fmt.Errorf("read attempts: %w", err))
		} else {
			lo = mid
		}
	}
	return lo, nil
}

func attemptID(key string, window time.Time, n int) string {
	sum := sha256.Sum256([]byte(key))
	return fmt.Sprintf("%x|%d|%d", sum[:12], window.Unix(), n)
}

// PurgeAttempts deletes attempt slots of windows that started before the time.
func (s *Store) PurgeAttempts(ctx context.Context, before time.Time) error {
	_, err := s.db.Collection(colAttempts).DeleteMany(ctx, bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}})
	return storeErr(err)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
