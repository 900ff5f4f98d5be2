package apptest

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey/surveytest"
)

// PDFText returns a PDF's text as pdftotext extracts it, its words joined by single spaces, or
// skips the test when poppler-utils is not installed.
func PDFText(t testing.TB, pdf string) string {
	t.Helper()
	cmd := exec.Command(surveytest.RequireTool(t, "pdftotext", "poppler-utils"), "-enc", "UTF-8", "-", "-")
	cmd.Stdin = strings.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
