package apptest

import (
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/account"
	"github.com/skm-engine/skm/survey/surveytest"
)

// Main runs a package's tests with cheap password hashing and no sign-in slowdown, then stops
// the shared test store. The run fails when any page, chart or document asked the catalogue for
// wording it lacks. Call it from TestMain.
func Main(m *testing.M) {
	web.BcryptCost = bcrypt.MinCost
	account.SigninSlowdown = time.Millisecond
	surveytest.Main(missingWording{m})
}

// missingWording runs the tests and then fails them for every key the catalogue lacked.
type missingWording struct{ m *testing.M }

func (w missingWording) Run() int {
	code := w.m.Run()
	if missing := i18n.Missing(); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: the text catalogue lacks keys the tests asked for: %v\n", missing)
		return 1
	}
	return code
}
