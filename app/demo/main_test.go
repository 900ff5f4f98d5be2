package demo_test

import (
	"testing"

	"github.com/skm-engine/skm/app/apptest"
)

func TestMain(m *testing.M) { apptest.Main(m) }
