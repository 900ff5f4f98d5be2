package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestReportNumber(t *testing.T) {
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	unit := survey.ReportNumber(survey.ReportUnit, "2026-S2", "rsud-blambangan", "id", at)
	if !strings.HasPrefix(unit, "SKM/2026-S2/RSUD-BLAMBANGAN/") || !survey.ValidReportNumber(unit) {
		t.Errorf("unit number %q", unit)
	}
	if again := survey.ReportNumber(survey.ReportUnit, "2026-S2", "rsud-blambangan", "id", at); again != unit {
		t.Errorf("same inputs gave %q then %q", unit, again)
	}
	for name, other := range map[string]string{
		"another instant":  survey.ReportNumber(survey.ReportUnit, "2026-S2", "rsud-blambangan", "id", at.Add(time.Nanosecond)),
		"another language": survey.ReportNumber(survey.ReportUnit, "2026-S2", "rsud-blambangan", "en", at),
		"another unit":     survey.ReportNumber(survey.ReportUnit, "2026-S2", "dpmptsp", "id", at),
	} {
		if other == unit {
			t.Errorf("%s gave the same number %q", name, other)
		}
	}
	region := survey.ReportNumber(survey.ReportRegion, "2026-S2", "", "id", at)
	poster := survey.ReportNumber(survey.ReportPoster, "2026-S2", "dpmptsp", "id", at)
	if !strings.HasPrefix(region, "SKM/2026-S2/WILAYAH/") || !strings.HasPrefix(poster, "SKM/2026-S2/POSTER/DPMPTSP/") ||
		!survey.ValidReportNumber(region) || !survey.ValidReportNumber(poster) {
		t.Errorf("region %q, poster %q", region, poster)
	}
	for _, bad := range []string{"", "SKM/2026-S3/X/0123ABCD", "SKM/2026-S2/x/0123ABCD", "SKM/2026-S2/X/0123abcd", "SKM/2026-S2/X/Y/Z/0123ABCD"} {
		if survey.ValidReportNumber(bad) {
			t.Errorf("%q accepted as a report number", bad)
		}
	}
}

// Instances race to record the same file (the same request served twice at one instant) and
// different files: each number ends with exactly one digest.
