package mongo_test

import (
	"reflect"
	"testing"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestRegionSettings reads the default region until one is saved, and a saved region back whole.
func TestRegionSettings(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	r, err := s.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := survey.DefaultRegion(); !reflect.DeepEqual(*r, want) {
		t.Errorf("region of a new database: %+v, want %+v", r, want)
	}
	r.Name = "Pemerintah Kabupaten Banyuwangi"
	r.CaseHours, r.OfficeHoursOnly = 8, true
	r.Office = survey.DefaultOfficeHours()
	r.Holidays = []string{"2026-08-17", "2026-08-24"}
	r.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id", "kabid@dpmptsp.go.id"}}
	r.EscalateTo = []string{"ortala@banyuwangikab.go.id"}
	if err := s.SaveRegion(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("saved %+v\nread  %+v", r, got)
	}
	bad := *got
	bad.TimeZone = "Jakarta"
	if err := s.SaveRegion(ctx, &bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("a region with a bad time zone: %v", err)
	}
}
