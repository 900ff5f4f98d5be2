package app

import (
	"crypto/rand"
	"encoding/base64"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/survey"
)

// bcryptCost is the work factor of password hashes (about a quarter second here); tests lower it.
var bcryptCost = 12

// minPassword is the shortest password accepted.
const minPassword = 10

func hashPassword(pw string) (string, error) {
	if len(pw) < minPassword {
		return "", survey.Errorf(survey.EINVALID, "A password has at least %d characters.", minPassword)
	}
	if len(pw) > 72 {
		return "", survey.Errorf(survey.EINVALID, "A password has at most 72 bytes.")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcryptCost)
	return string(h), err
}

// passwordMatches compares in constant time; a missing hash compares against a dummy of the same
// cost, so an unknown username takes as long as a wrong password.
func passwordMatches(hash, pw string) bool {
	dummy := false
	if hash == "" {
		hash, dummy = dummyHash(), true
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil && !dummy
}

var dummyHash = sync.OnceValue(func() string {
	h, _ := bcrypt.GenerateFromPassword([]byte(randomPassword()), bcryptCost)
	return string(h)
})

// randomPassword returns a password for the first administrator or a reset.
func randomPassword() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
