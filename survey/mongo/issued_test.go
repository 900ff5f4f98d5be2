package mongo_test

import (
	"sync"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestIssuedRegistry(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
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

func TestIssuedRegistryConcurrent(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
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
