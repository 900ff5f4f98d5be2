package mongo_test

import (
	"fmt"
	"testing"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// TestSaveUnitsCreatesAndReplaces imports 300 units twice: the second import replaces by slug,
// keeping each unit's creation time, and adds the new one. Updating that many at once is what
// the embedded store cannot do in one command.
func TestSaveUnitsCreatesAndReplaces(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	var first []*survey.Unit
	for i := range 300 {
		first = append(first, &survey.Unit{Slug: fmt.Sprintf("unit-%d", i), Name: survey.Text{ID: fmt.Sprintf("Unit %d", i)}, OPD: "DPMPTSP", Active: true})
	}
	if err := s.SaveUnits(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveUnits(ctx, first); err != nil {
		t.Fatal(err)
	}
	before, err := s.Unit(ctx, "unit-1")
	if err != nil {
		t.Fatal(err)
	}
	services := make([]survey.Service, 202)
	for i := range services {
		services[i] = survey.Service{Code: fmt.Sprintf("layanan-%d", i), Name: survey.Text{ID: fmt.Sprintf("Layanan %d", i)}}
	}
	second := []*survey.Unit{
		{Slug: "unit-1", Name: survey.Text{ID: "Unit Satu", EN: "Unit One"}, OPD: "Dinas Kesehatan", Active: true, Services: services,
			Head: survey.NewSigner("Budi Santoso", "Kepala", "197001011995031001"), Population: 12500},
		{Slug: "unit-new", Name: survey.Text{ID: "Unit Baru"}, Active: true},
	}
	if err := s.SaveUnits(ctx, second); err != nil {
		t.Fatal(err)
	}
	all, err := s.Units(ctx, survey.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 301 {
		t.Fatalf("%d units after the imports, want 301", len(all))
	}
	got, err := s.Unit(ctx, "unit-1")
	if err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(before.CreatedAt) || got.Name.EN != "Unit One" || got.OPD != "Dinas Kesehatan" || len(got.Services) != 202 ||
		got.Head.NIP != "197001011995031001" || got.Population != 12500 {
		t.Errorf("replaced unit %+v", got)
	}
	bad := []*survey.Unit{{Slug: "unit-good", Name: survey.Text{ID: "Baik"}}, {Slug: "Bad Slug", Name: survey.Text{ID: "Buruk"}}}
	if err := s.SaveUnits(ctx, bad); survey.ErrorCode(err) != survey.EINVALID {
		t.Fatalf("a bad unit: %v", err)
	}
	if _, err := s.Unit(ctx, "unit-good"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a bad import stored its good unit: %v", err)
	}
}
