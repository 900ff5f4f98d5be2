package web

import (
	"crypto/rand"
	"encoding/base64"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/survey"
)

// BcryptCost is the work factor of password hashes (about a quarter second here); tests lower it.
var BcryptCost = 12

// MinPassword is the shortest password accepted.
const MinPassword = 10

// HashPassword returns the bcrypt hash of a new password, refusing one too short or too long.
func HashPassword(pw string) (string, error) {
	if len(pw) < MinPassword {
		return "", survey.Errorf(survey.EINVALID, "err.password.short", MinPassword)
	}
	if len(pw) > 72 {
		return "", survey.Errorf(survey.EINVALID, "err.password.long")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), BcryptCost)
	return string(h), err
}

// PasswordMatches compares in constant time; a missing hash compares against a dummy of the same
// cost, so an unknown username takes as long as a wrong password.
func PasswordMatches(hash, pw string) bool {
	dummy := false
	if hash == "" {
		hash, dummy = dummyHash(), true
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil && !dummy
}

var dummyHash = sync.OnceValue(func() string {
	h, _ := bcrypt.GenerateFromPassword([]byte(RandomPassword()), BcryptCost)
	return string(h)
})

// RandomPassword returns a password for the first administrator or a reset.
func RandomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
