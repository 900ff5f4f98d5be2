package app

import (
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/survey/surveytest"
)

func TestMain(m *testing.M) {
	bcryptCost = bcrypt.MinCost
	signinSlowdown = time.Millisecond
	surveytest.Main(m)
}
