package survey_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

// Who may add paper questionnaires to which campaign, and the campaign's own refusal first.
func TestMayImportPaper(t *testing.T) {
	admin := &survey.Principal{Name: "admin", Role: survey.RoleAdmin}
	head := &survey.Principal{Name: "kepala", Role: survey.RoleUnitHead, Units: []string{"dpmptsp"}}
	viewer := &survey.Principal{Name: "viewer", Role: survey.RoleViewer}
	allows := &survey.Region{HeadsImportPaper: true}
	forbids := &survey.Region{}
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	camp := func(state survey.State, published bool) *survey.Campaign {
		c := &survey.Campaign{Key: "2026-S2", State: state}
		if published {
			c.PublishedAt = at
		}
		return c
	}
	for _, tc := range []struct {
		name   string
		p      *survey.Principal
		r      *survey.Region
		c      *survey.Campaign
		unit   string
		code   string
		reason string
	}{
		{"admin, open", admin, forbids, camp(survey.StateOpen, false), "dpmptsp", "", ""},
		{"admin, draft", admin, forbids, camp(survey.StateDraft, false), "dpmptsp", "", ""},
		{"admin, closed", admin, forbids, camp(survey.StateClosed, false), "dpmptsp", survey.ECONFLICT, "err.paper.closed"},
		{"admin, archived", admin, forbids, camp(survey.StateArchived, false), "dpmptsp", survey.ECONFLICT, "err.paper.archived"},
		{"admin, published", admin, forbids, camp(survey.StateClosed, true), "dpmptsp", survey.ECONFLICT, "err.paper.published"},
		{"head, open, allowed", head, allows, camp(survey.StateOpen, false), "dpmptsp", "", ""},
		{"head, open, region forbids", head, forbids, camp(survey.StateOpen, false), "dpmptsp", survey.EFORBIDDEN, "err.paper.heads"},
		{"head, draft", head, allows, camp(survey.StateDraft, false), "dpmptsp", survey.ECONFLICT, "err.paper.notopen"},
		{"head, closed", head, allows, camp(survey.StateClosed, false), "dpmptsp", survey.ECONFLICT, "err.paper.closed"},
		{"head, closed, region forbids", head, forbids, camp(survey.StateClosed, false), "dpmptsp", survey.ECONFLICT, "err.paper.closed"},
		{"head, published", head, allows, camp(survey.StateArchived, true), "dpmptsp", survey.ECONFLICT, "err.paper.published"},
		{"head, another unit", head, allows, camp(survey.StateOpen, false), "rsud-blambangan", survey.EFORBIDDEN, "err.paper.unit"},
		{"viewer", viewer, allows, camp(survey.StateOpen, false), "dpmptsp", survey.EFORBIDDEN, "err.paper.unit"},
	} {
		err := survey.MayImportPaper(tc.p, tc.r, tc.c, tc.unit)
		if survey.ErrorCode(err) != tc.code || (err != nil && survey.ErrorMessage(err).Key != tc.reason) {
			t.Errorf("%s: got %v, want %s %s", tc.name, err, tc.code, tc.reason)
		}
	}
}

func TestSuggestKeyAndBefore(t *testing.T) {
	loc := jakarta(t)
	now := time.Date(2026, 8, 17, 10, 0, 0, 0, loc)
	s1 := &survey.Campaign{Key: "2026-S1"}
	s2 := &survey.Campaign{Key: "2026-S2"}
	next := &survey.Campaign{Key: "2027-S1"}
	old := &survey.Campaign{Key: "2025-S1"}
	for _, tc := range []struct {
		existing []*survey.Campaign
		want     string
	}{
		{nil, "2026-S2"},
		{[]*survey.Campaign{s1}, "2026-S2"},
		{[]*survey.Campaign{s1, s2}, "2027-S1"},
		{[]*survey.Campaign{s2, next}, ""},
	} {
		if got := survey.SuggestKey(tc.existing, now, loc); got != tc.want {
			t.Errorf("SuggestKey(%d campaigns) = %q, want %q", len(tc.existing), got, tc.want)
		}
	}
	// On the last evening of June in Jakarta it is already July 1 in Jayapura.
	if got := survey.SuggestKey(nil, time.Date(2026, 6, 30, 16, 0, 0, 0, time.UTC), time.FixedZone("WIT", 9*3600)); got != "2026-S2" {
		t.Errorf("SuggestKey in WIT = %q, want 2026-S2", got)
	}
	if got := survey.Before([]*survey.Campaign{old, next, s1, s2}, "2027-S1"); got != s2 {
		t.Errorf("Before(2027-S1) = %v, want 2026-S2", got)
	}
	if got := survey.Before([]*survey.Campaign{s2, next}, "2026-S1"); got != nil {
		t.Errorf("Before(2026-S1) = %v, want none", got)
	}
}
