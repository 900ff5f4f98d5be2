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

func TestFinalReportValidate(t *testing.T) {
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	file := func(lang string, gen int) survey.IssuedReport {
		r := survey.NewIssuedReport(survey.FinalNumber(survey.ReportUnit, "2026-S2", "dpmptsp", lang, gen, at), survey.ReportUnit, "2026-S2", "dpmptsp", lang, []byte("%PDF "+lang), at, "admin")
		r.Generation = gen
		return *r
	}
	good := func() *survey.FinalReport {
		return &survey.FinalReport{Kind: survey.ReportUnit, Campaign: "2026-S2", Unit: "dpmptsp", Generation: 1, IssuedAt: at, IssuedBy: "admin",
			Files: []survey.IssuedReport{file("id", 1), file("en", 1)}}
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	for name, spoil := range map[string]func(*survey.FinalReport){
		"a poster":                 func(f *survey.FinalReport) { f.Kind = survey.ReportPoster },
		"generation 0":             func(f *survey.FinalReport) { f.Generation = 0 },
		"a correction, no reason":  func(f *survey.FinalReport) { f.Generation, f.Files = 2, []survey.IssuedReport{file("id", 2)} },
		"a file of another unit":   func(f *survey.FinalReport) { f.Files[1].Unit = "rsud-blambangan" },
		"a file of another issue":  func(f *survey.FinalReport) { f.Files[1].Generation = 2 },
		"one language twice":       func(f *survey.FinalReport) { f.Files[1] = file("id", 1) },
		"no files":                 func(f *survey.FinalReport) { f.Files = nil },
		"a reason of 501 letters":  func(f *survey.FinalReport) { f.Reason = strings.Repeat("a", 501) },
		"nobody issued it":         func(f *survey.FinalReport) { f.IssuedBy = " " },
		"a file with a bad digest": func(f *survey.FinalReport) { f.Files[0].SHA256 = "x" },
	} {
		f := good()
		spoil(f)
		if err := f.Validate(); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("%s: got %v, want invalid", name, err)
		}
	}
	if a, b := survey.FinalNumber(survey.ReportUnit, "2026-S2", "dpmptsp", "id", 1, at), survey.FinalNumber(survey.ReportUnit, "2026-S2", "dpmptsp", "id", 2, at); a == b || !survey.ValidReportNumber(a) {
		t.Errorf("generations 1 and 2 at one instant: %q and %q", a, b)
	}
	if c := (&survey.Campaign{Key: "2026-S2", State: survey.StateOpen}); c.Issuable() == nil {
		t.Error("an open campaign's final report may be issued")
	}
	if c := (&survey.Campaign{Key: "2026-S2", State: survey.StateClosed}); c.Issuable() != nil {
		t.Errorf("a closed campaign's final report may not be issued: %v", c.Issuable())
	}
}
