package survey_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func jakarta(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatalf("load Asia/Jakarta: %v", err)
	}
	return loc
}

func TestSemesterKeyInJakarta(t *testing.T) {
	loc := jakarta(t)
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 1, 1, 0, 0, 0, 0, loc), "2026-S1"},
		{time.Date(2026, 6, 30, 23, 59, 59, 0, loc), "2026-S1"},
		{time.Date(2026, 7, 1, 0, 0, 0, 0, loc), "2026-S2"},
		{time.Date(2026, 12, 31, 23, 59, 59, 0, loc), "2026-S2"},
		// Midnight in Jakarta is 17:00 UTC the day before: the semester follows the region's clock.
		{time.Date(2026, 6, 30, 16, 59, 59, 0, time.UTC), "2026-S1"},
		{time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC), "2026-S2"},
		{time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), "2027-S1"},
		{time.Date(2026, 12, 31, 16, 59, 59, 0, time.UTC), "2026-S2"},
	} {
		if got := survey.SemesterKey(tc.at, loc); got != tc.want {
			t.Errorf("SemesterKey(%s) = %s, want %s", tc.at.Format(time.RFC3339), got, tc.want)
		}
	}
}

func TestSemesterBounds(t *testing.T) {
	loc := jakarta(t)
	for _, tc := range []struct {
		key        string
		start, end time.Time
	}{
		{"2026-S1", time.Date(2026, 1, 1, 0, 0, 0, 0, loc), time.Date(2026, 7, 1, 0, 0, 0, 0, loc)},
		{"2026-S2", time.Date(2026, 7, 1, 0, 0, 0, 0, loc), time.Date(2027, 1, 1, 0, 0, 0, 0, loc)},
		{"2000-S1", time.Date(2000, 1, 1, 0, 0, 0, 0, loc), time.Date(2000, 7, 1, 0, 0, 0, 0, loc)},
	} {
		start, end, err := survey.SemesterBounds(tc.key, loc)
		if err != nil || !start.Equal(tc.start) || !end.Equal(tc.end) {
			t.Errorf("SemesterBounds(%s) = %s, %s, %v; want %s, %s", tc.key, start, end, err, tc.start, tc.end)
		}
		if got := survey.SemesterKey(start, loc); got != tc.key {
			t.Errorf("the first instant of %s is in %s", tc.key, got)
		}
		if got := survey.SemesterKey(end.Add(-time.Nanosecond), loc); got != tc.key {
			t.Errorf("the last instant of %s is in %s", tc.key, got)
		}
		if got := survey.SemesterKey(end, loc); got == tc.key {
			t.Errorf("the end of %s is still in it", tc.key)
		}
	}
	// 2026-S2 starts at 2026-06-30T17:00:00Z.
	start, _, _ := survey.SemesterBounds("2026-S2", loc)
	if want := time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("2026-S2 starts at %s UTC, want %s", start.UTC(), want)
	}
}

func TestParseSemesterRejects(t *testing.T) {
	for _, key := range []string{"", "2026", "2026-S0", "2026-S3", "2026-s1", "2026-1", "26-S1", "2026-S1 ", " 2026-S1", "2026-H1", "1999-S2", "2201-S1", "２０２６-S1"} {
		if _, _, err := survey.ParseSemester(key); survey.ErrorCode(err) != survey.EINVALID {
			t.Errorf("ParseSemester(%q) = %v, want EINVALID", key, err)
		}
		if _, _, err := survey.SemesterBounds(key, time.UTC); err == nil {
			t.Errorf("SemesterBounds(%q) accepted it", key)
		}
	}
	_, _, err := survey.ParseSemester("2026-S3")
	wantError(t, "ParseSemester(2026-S3)", err, survey.EINVALID, survey.Msg("err.campaign.key", "2026-S3"))
}

func TestPreviousAndNextSemester(t *testing.T) {
	for _, tc := range []struct{ key, prev, next string }{
		{"2026-S1", "2025-S2", "2026-S2"},
		{"2026-S2", "2026-S1", "2027-S1"},
	} {
		if got, err := survey.PreviousSemester(tc.key); got != tc.prev || err != nil {
			t.Errorf("PreviousSemester(%s) = %s, %v; want %s", tc.key, got, err, tc.prev)
		}
		if got, err := survey.NextSemester(tc.key); got != tc.next || err != nil {
			t.Errorf("NextSemester(%s) = %s, %v; want %s", tc.key, got, err, tc.next)
		}
	}
	if _, err := survey.PreviousSemester("last"); err == nil {
		t.Error("PreviousSemester accepted a bad key")
	}
}

func TestCanTransition(t *testing.T) {
	allowed := map[[2]survey.State]bool{
		{survey.StateDraft, survey.StateOpen}:      true,
		{survey.StateOpen, survey.StateClosed}:     true,
		{survey.StateClosed, survey.StateOpen}:     true,
		{survey.StateClosed, survey.StateArchived}: true,
	}
	states := []survey.State{survey.StateDraft, survey.StateOpen, survey.StateClosed, survey.StateArchived, "paused"}
	for _, from := range states {
		for _, to := range states {
			if got := survey.CanTransition(from, to); got != allowed[[2]survey.State{from, to}] {
				t.Errorf("CanTransition(%s, %s) = %v", from, to, got)
			}
		}
	}
}

func TestCampaignValidate(t *testing.T) {
	valid := func() *survey.Campaign {
		return &survey.Campaign{Key: "2026-S2", Questionnaire: "v1", State: survey.StateDraft,
			Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan"}}}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("a valid campaign: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(c *survey.Campaign)
		says   survey.Message
	}{
		{"bad key", func(c *survey.Campaign) { c.Key = "2026-S9" }, survey.Msg("err.campaign.key", "2026-S9")},
		{"no questionnaire", func(c *survey.Campaign) { c.Questionnaire = "" }, survey.Msg("err.campaign.questionnaire", "2026-S2")},
		{"no units", func(c *survey.Campaign) { c.Units = nil }, survey.Msg("err.campaign.nounits", "2026-S2")},
		{"bad unit slug", func(c *survey.Campaign) { c.Units[0].Unit = "DPMPTSP" }, survey.Msg("err.campaign.unit", "2026-S2", "DPMPTSP")},
		{"unit twice", func(c *survey.Campaign) { c.Units[1].Unit = "dpmptsp" }, survey.Msg("err.campaign.unittwice", "2026-S2", "dpmptsp")},
		{"negative population", func(c *survey.Campaign) { c.Units[0].Population = -1 }, survey.Msg("err.campaign.population", "2026-S2", "dpmptsp", 100_000_000)},
		{"huge population", func(c *survey.Campaign) { c.Units[0].Population = 1e9 }, survey.Msg("err.campaign.population", "2026-S2", "dpmptsp", 100_000_000)},
		{"closes before it opens", func(c *survey.Campaign) {
			c.OpensAt = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
			c.ClosesAt = c.OpensAt
		}, survey.Msg("err.campaign.schedule", "2026-S2")},
		{"unknown state", func(c *survey.Campaign) { c.State = "paused" }, survey.Msg("err.campaign.state", "2026-S2", survey.State("paused"))},
	} {
		c := valid()
		tc.change(c)
		wantError(t, tc.name, c.Validate(), survey.EINVALID, tc.says)
	}
}

func TestCopyFor(t *testing.T) {
	loc := jakarta(t)
	prev := &survey.Campaign{Key: "2026-S2", Questionnaire: "v3", State: survey.StateArchived,
		Units:   []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000, Target: 278}},
		History: []survey.Transition{{From: survey.StateDraft, To: survey.StateOpen}}, PublishedAt: time.Now()}
	next, err := prev.CopyFor("2027-S1", loc)
	if err != nil {
		t.Fatal(err)
	}
	if next.Key != "2027-S1" || next.Questionnaire != "v3" || next.State != survey.StateDraft || len(next.History) != 0 || !next.PublishedAt.IsZero() {
		t.Errorf("copy = %+v", next)
	}
	if !next.OpensAt.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, loc)) || !next.ClosesAt.Equal(time.Date(2027, 7, 1, 0, 0, 0, 0, loc)) {
		t.Errorf("copy runs %s–%s", next.OpensAt, next.ClosesAt)
	}
	next.Units[0].Population = 5
	if prev.Units[0].Population != 1000 {
		t.Error("the copy shares its units with the original")
	}
	if _, err := prev.CopyFor("2027-S3", loc); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("CopyFor a bad key: %v", err)
	}
}
