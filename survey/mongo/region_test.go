package mongo_test

import (
	"bytes"
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
	r.Signer = survey.NewSigner("Dr. Ir. Mujiono, M.Si", "Sekretaris Daerah", "19700101 199503 1 001")
	r.OPDs = []string{"DPMPTSP", "Dinas Kesehatan"}
	r.HeadsImportPaper, r.Logo = true, "abc"
	if err := s.SaveRegion(ctx, r); err != nil {
		t.Fatal(err)
	}
	if !r.Saved() {
		t.Error("a saved region has no time of saving")
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

// TestLogoKeptApart keeps two logos, points the region at the second and prunes: only the
// region's logo remains.
func TestLogoKeptApart(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	png := []byte("\x89PNG\r\n\x1a\n-image-")
	for _, id := range []string{"first", "second"} {
		l := &survey.Logo{ID: id, PNG: png, Width: 800, Height: 600, Icon: png, IconWidth: 160, IconHeight: 120}
		if err := s.SaveLogo(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r.Logo = "second"
	if err := s.SaveRegion(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.PruneLogos(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Logo(ctx, "first"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("the replaced logo is still kept: %v", err)
	}
	got, err := s.Logo(ctx, "second")
	if err != nil || !bytes.Equal(got.PNG, png) || got.Width != 800 || got.IconHeight != 120 {
		t.Errorf("the region's logo: %+v, %v", got, err)
	}
	big := &survey.Logo{ID: "big", PNG: append(png, make([]byte, survey.MaxLogoBytes)...), Width: 1, Height: 1, Icon: png, IconWidth: 1, IconHeight: 1}
	if err := s.SaveLogo(ctx, big); survey.ErrorCode(err) != survey.ETOOLARGE {
		t.Errorf("a logo over the limit: %v", err)
	}
	if err := s.SaveLogo(ctx, &survey.Logo{ID: "jpeg", PNG: []byte("\xff\xd8\xff"), Icon: png, Width: 1, Height: 1, IconWidth: 1, IconHeight: 1}); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("a logo that is not PNG: %v", err)
	}
}
