package app

import (
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/skm-engine/skm/survey/surveytest"
)

func TestMain(m *testing.M) {
	bcryptCost = bcrypt.MinCost
	surveytest.Main(m)
}
