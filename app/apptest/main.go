package apptest

import (
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/account"
	"github.com/skm-engine/skm/survey/surveytest"
)

// Main runs a package's tests with cheap password hashing and no sign-in slowdown, then stops
// the shared test store. Call it from TestMain.
func Main(m *testing.M) {
	web.BcryptCost = bcrypt.MinCost
	account.SigninSlowdown = time.Millisecond
	surveytest.Main(m)
}
