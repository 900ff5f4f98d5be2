package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/config"
)

// TestREADMEDocumentsEverySetting keeps the README's configuration table complete: a setting
// added to the code without a row there fails.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range config.Variables() {
		if !strings.Contains(string(readme), "`"+v+"`") {
			t.Errorf("README.md does not document %s", v)
		}
	}
	for name := range commands {
		if !strings.Contains(string(readme), "`skm "+name) {
			t.Errorf("README.md does not document the command skm %s", name)
		}
	}
}
