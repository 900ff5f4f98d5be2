package surveytest

import (
	"os"
	"os/exec"
	"testing"
)

// RequireTool returns the path of an external program a test needs (chromium, pdftotext). When it
// is missing the test is skipped with a message saying how to install it, unless
// SKM_REQUIRE_TOOLS is set, as CI sets it after installing them: then a missing tool fails.
func RequireTool(tb testing.TB, name, debianPackage string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " is not installed (apt-get install " + debianPackage + "); this test needs it"
	if os.Getenv("SKM_REQUIRE_TOOLS") != "" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}
