package survey_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
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

func TestIssuedRegistry(t *testing.T) {
	s := surveytest.MustOpenStore(t, survey.MongoOptions{})
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	number := survey.ReportNumber(survey.ReportUnit, "2026-S2", "dpmptsp", "id", at)
	file := []byte("%PDF-1.3 the report")
	r := survey.NewIssuedReport(number, survey.ReportUnit, "2026-S2", "dpmptsp", "id", file, at, "admin")
	if err := s.RecordIssued(ctx, r); err != nil {
		t.Fatal(err)
	}
	byNumber, err := s.IssuedByNumber(ctx, number)
	if err != nil || *byNumber != *r {
		t.Fatalf("by number: %v %+v, want %+v", err, byNumber, r)
	}
	byHash, err := s.IssuedBySHA256(ctx, survey.SHA256Hex(file))
	if err != nil || *byHash != *r {
		t.Fatalf("by digest: %v %+v", err, byHash)
	}

	if err := s.RecordIssued(ctx, survey.NewIssuedReport(number, survey.ReportUnit, "2026-S2", "dpmptsp", "id", file, at, "admin")); err != nil {
		t.Errorf("recording the same file again: %v", err)
	}
	other := survey.NewIssuedReport(number, survey.ReportUnit, "2026-S2", "dpmptsp", "id", []byte("%PDF other"), at, "admin")
	if err := s.RecordIssued(ctx, other); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("same number for other bytes: got %v, want conflict", err)
	}
	if _, err := s.IssuedBySHA256(ctx, other.SHA256); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("the refused file's digest: got %v, want not_found", err)
	}
	if _, err := s.IssuedByNumber(ctx, "SKM/2026-S2/DPMPTSP/00000000"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("unknown number: got %v, want not_found", err)
	}

	bad := *r
	bad.Kind, bad.Unit = survey.ReportRegion, "dpmptsp"
	if err := s.RecordIssued(ctx, &bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("regional report naming a unit: got %v, want invalid", err)
	}
	bad = *r
	bad.SHA256 = "ABC"
	if err := s.RecordIssued(ctx, &bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("bad digest: got %v, want invalid", err)
	}
}

// Instances race to record the same file (the same request served twice at one instant) and
// different files: each number ends with exactly one digest.
func TestIssuedRegistryConcurrent(t *testing.T) {
	s := surveytest.MustOpenStore(t, survey.MongoOptions{})
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	const files = 5
	var wg sync.WaitGroup
	errs := make(chan error, files*4)
	for i := range files * 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unit := []string{"a-unit", "b-unit", "c-unit", "d-unit", "e-unit"}[i%files]
			number := survey.ReportNumber(survey.ReportUnit, "2026-S2", unit, "id", at)
			errs <- s.RecordIssued(ctx, survey.NewIssuedReport(number, survey.ReportUnit, "2026-S2", unit, "id", []byte(number), at, "t"))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	for _, unit := range []string{"a-unit", "b-unit", "c-unit", "d-unit", "e-unit"} {
		number := survey.ReportNumber(survey.ReportUnit, "2026-S2", unit, "id", at)
		r, err := s.IssuedBySHA256(ctx, survey.SHA256Hex([]byte(number)))
		if err != nil || r.Number != number {
			t.Errorf("%s: %v %+v", unit, err, r)
		}
	}
}
