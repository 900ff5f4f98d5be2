package app

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEDocumentsEverySetting keeps the README's configuration table complete: a setting
// added to the code without a row there fails.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		if !strings.Contains(string(readme), "`"+s.env+"`") {
			t.Errorf("README.md does not document %s", s.env)
		}
	}
	for name := range commands {
		if !strings.Contains(string(readme), "`skm "+name) {
			t.Errorf("README.md does not document the command skm %s", name)
		}
	}
}
