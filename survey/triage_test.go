package survey_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

// triaged returns a tally holding one response of each kind the resident may choose, opened at
// the time, and the IDs of their cases by kind.
func triaged(t *testing.T, region *survey.Region, at time.Time) (*survey.CampaignTally, map[string]string) {
	t.Helper()
	tally := survey.NewCampaignTally("2026-S2")
	ids := map[string]string{}
	for i, kind := range survey.CaseKinds {
		r := &survey.Response{Key: "triage-key-000000" + kind, Unit: "dpmptsp", Channel: survey.ChannelWeb,
			Suggestion: "Pesan " + kind, CaseKind: kind, SubmittedAt: at}
		r.OpenCase(region, at)
		if (r.CaseCode != "") != (kind == survey.KindComplaint) || (r.CaseDue.IsZero()) != (kind != survey.KindComplaint) {
			t.Fatalf("%s: code %q due %v; only a complaint gets a code and a clock", kind, r.CaseCode, r.CaseDue)
		}
		id := survey.CaseID([]byte("secret"), "response "+r.Key)
		if r.CaseCode != "" {
			id = survey.CaseID([]byte("secret"), r.CaseCode)
		}
		rec := survey.RecordOf(r, id)
		tally.Add(&rec)
		ids[kind] = id
		if c := tally.Unit("dpmptsp").Cases[i]; c.Kind != kind || c.Tracked != (kind == survey.KindComplaint) {
			t.Fatalf("the %s's case: %+v", kind, c)
		}
	}
	return tally, ids
}

// TestPraiseAndSuggestionsNeverStartTheClock: of a complaint, a suggestion and praise sent at the
// same moment, only the complaint has a due time, counts in the answer figures and falls overdue,
// however long nobody answers; the suggestion and praise wait unread, never overdue.
func TestPraiseAndSuggestionsNeverStartTheClock(t *testing.T) {
	region := survey.DefaultRegion()
	at := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	tally, ids := triaged(t, &region, at)
	later := at.Add(30 * 24 * time.Hour)
	u := tally.Unit("dpmptsp")
	for kind, id := range ids {
		c, _ := u.Case(id)
		if want := kind == survey.KindComplaint; c.Overdue(later) != want || c.Clocked() != want {
			t.Errorf("%s a month on: overdue %v, clocked %v", kind, c.Overdue(later), c.Clocked())
		}
		if kind != survey.KindComplaint && c.State() != survey.CaseUnread {
			t.Errorf("%s: state %s, want unread", kind, c.State())
		}
	}
	if sla := u.SLA(later); sla.Cases != 1 || sla.Overdue != 1 || sla.Open != 1 {
		t.Errorf("SLA counts %+v; want the one complaint, overdue", sla)
	}
	// A suggestion kept from before triage carries a code and a due time; it is still no
	// complaint, and falls neither overdue nor into the figures.
	legacy := survey.Record{Key: "legacy", Unit: "rsud-blambangan", Case: "LEGACY000000", At: at, Due: at.Add(4 * time.Hour)}
	tally.Add(&legacy)
	if c, _ := tally.Unit("rsud-blambangan").Case("LEGACY000000"); c.Kind != survey.KindSuggestion || !c.Tracked || c.Overdue(later) {
		t.Errorf("a suggestion from before triage: %+v", c)
	}
	if sla := tally.SLA(later); sla.Cases != 1 {
		t.Errorf("campaign SLA counts %d cases, want 1", sla.Cases)
	}
}

// TestReclassifyMovesTheClock: a complaint reclassified as a suggestion leaves the figures and
// stops being overdue; praise reclassified as a complaint starts a clock at the reclassification;
// a complaint moved away and back keeps its first due time.
func TestReclassifyMovesTheClock(t *testing.T) {
	region := survey.DefaultRegion()
	at := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	tally, ids := triaged(t, &region, at)
	u := tally.Unit("dpmptsp")
	complaint, _ := u.Case(ids[survey.KindComplaint])
	praise, _ := u.Case(ids[survey.KindPraise])
	entry := int64(10)
	apply := func(c *survey.Case, kind string, when time.Time) {
		t.Helper()
		e := c.Reclassify(kind, &region, "kepala", when)
		if err := e.Validate(c); err != nil {
			t.Fatal(err)
		}
		entry++
		tally.Apply(&e, entry)
	}

	late := at.Add(6 * time.Hour)
	if !complaint.Overdue(late) {
		t.Fatal("the complaint is not overdue six hours on")
	}
	apply(complaint, survey.KindSuggestion, late)
	if complaint.Overdue(late) || complaint.Kind != survey.KindSuggestion || complaint.FiledAs() != survey.KindComplaint {
		t.Errorf("after reclassifying the complaint: %+v", complaint)
	}
	if sla := u.SLA(late); sla.Cases != 0 {
		t.Errorf("SLA still counts the reclassified complaint: %+v", sla)
	}

	apply(praise, survey.KindComplaint, late)
	if !praise.DueAt.Equal(late.Add(4*time.Hour)) || !praise.ClockStart().Equal(late) || praise.Overdue(late.Add(3*time.Hour)) {
		t.Errorf("praise made a complaint: due %v, clock from %v", praise.DueAt, praise.ClockStart())
	}
	reply := survey.CaseEvent{Case: praise.ID, Unit: "dpmptsp", Type: survey.EventReply, Text: "Ditindaklanjuti.", By: "kepala", At: late.Add(time.Hour)}
	if err := reply.Validate(praise); err != nil {
		t.Fatal(err)
	}
	tally.Apply(&reply, 20)
	if sla := u.SLA(late.Add(time.Hour)); sla.Cases != 1 || sla.InTime != 1 || sla.MedianAnswer != time.Hour {
		t.Errorf("SLA after answering the reclassified praise an hour into its clock: %+v", sla)
	}
	// Its resident holds no code: the reply closes it, there is no page to publish it on.
	if praise.State() != survey.CaseClosed {
		t.Errorf("a complaint without a code, answered: %s", praise.State())
	}
	publish := survey.CaseEvent{Case: praise.ID, Unit: "dpmptsp", Type: survey.EventPublish, By: "kepala", At: late}
	if err := publish.Validate(praise); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("publishing a reply nobody can read: %v", err)
	}

	apply(complaint, survey.KindComplaint, late.Add(2*time.Hour))
	if !complaint.DueAt.Equal(at.Add(4*time.Hour)) || !complaint.ClockFrom.IsZero() || !complaint.Overdue(late) {
		t.Errorf("the complaint back: due %v, clock from %v; want its first due time", complaint.DueAt, complaint.ClockFrom)
	}
}

// TestCaseEventsFitTheKind: a suggestion is read, not answered; a complaint is answered, not
// merely read; a reclassification names a kind the case does not have.
func TestCaseEventsFitTheKind(t *testing.T) {
	region := survey.DefaultRegion()
	at := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	tally, ids := triaged(t, &region, at)
	u := tally.Unit("dpmptsp")
	suggestion, _ := u.Case(ids[survey.KindSuggestion])
	complaint, _ := u.Case(ids[survey.KindComplaint])
	for name, c := range map[string]struct {
		e    survey.CaseEvent
		on   *survey.Case
		code string
	}{
		"reply to a suggestion": {survey.CaseEvent{Type: survey.EventReply, Text: "Terima kasih"}, suggestion, survey.ECONFLICT},
		"read a complaint":      {survey.CaseEvent{Type: survey.EventRead}, complaint, survey.ECONFLICT},
		"the same kind":         {survey.CaseEvent{Type: survey.EventReclassify, Kind: survey.KindComplaint}, complaint, survey.ECONFLICT},
		"an unknown kind":       {survey.CaseEvent{Type: survey.EventReclassify, Kind: "keluhan"}, complaint, survey.EINVALID},
	} {
		c.e.Case, c.e.Unit = c.on.ID, c.on.Unit
		if err := c.e.Validate(c.on); survey.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
	read := survey.CaseEvent{Case: suggestion.ID, Unit: "dpmptsp", Type: survey.EventRead, By: "kepala", At: at.Add(time.Hour)}
	if err := read.Validate(suggestion); err != nil {
		t.Fatal(err)
	}
	tally.Apply(&read, 11)
	again := read
	again.At = at.Add(2 * time.Hour)
	tally.Apply(&again, 12)
	if suggestion.State() != survey.CaseRead || !suggestion.ReadAt.Equal(read.At) {
		t.Errorf("read twice: %+v", suggestion)
	}
	if err := read.Validate(suggestion); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("reading a read suggestion: %v", err)
	}
}

// TestPaperComplaintClockStartsAtImport: a paper questionnaire dated three weeks before its
// import carries a complaint whose clock starts when it is imported.
func TestPaperComplaintClockStartsAtImport(t *testing.T) {
	region := survey.DefaultRegion()
	dated := time.Date(2026, 8, 3, 5, 0, 0, 0, time.UTC)
	imported := dated.Add(21 * 24 * time.Hour)
	r := &survey.Response{Key: "paper-000000000001", Unit: "dpmptsp", Channel: survey.ChannelPaper, Suggestion: "Loket tutup sebelum jamnya.",
		CaseKind: survey.KindComplaint, SubmittedAt: dated}
	r.OpenCase(&region, imported)
	if !r.CaseDue.Equal(imported.Add(4*time.Hour)) || !r.ReceivedAt.Equal(imported) || !r.SubmittedAt.Equal(dated) {
		t.Fatalf("due %v, received %v, submitted %v", r.CaseDue, r.ReceivedAt, r.SubmittedAt)
	}
	tally := survey.NewCampaignTally("2026-S2")
	rec := survey.RecordOf(r, "PAPER0000001")
	tally.Add(&rec)
	c, _ := tally.Unit("dpmptsp").Case("PAPER0000001")
	if !c.ReceivedAt.Equal(imported) || c.Overdue(imported.Add(time.Hour)) || c.Channel != survey.ChannelPaper || c.Tracked {
		t.Errorf("the paper complaint's case: %+v", c)
	}
}

// TestResponseMessageKind: the kinds a response may carry.
func TestResponseMessageKind(t *testing.T) {
	u := &survey.Unit{Slug: "dpmptsp"}
	at := time.Date(2026, 8, 17, 2, 0, 0, 0, time.UTC)
	base := survey.Response{Key: "kind-key-0000000001", Unit: "dpmptsp", Channel: survey.ChannelWeb, SubmittedAt: at,
		Answers: survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3}, Suggestion: "Bagus"}
	for name, c := range map[string]struct {
		change func(*survey.Response)
		ok     bool
	}{
		"praise":                 {func(r *survey.Response) { r.CaseKind = survey.KindPraise }, true},
		"before triage":          {func(r *survey.Response) {}, true},
		"an unknown kind":        {func(r *survey.Response) { r.CaseKind = "pujian" }, false},
		"a code without its due": {func(r *survey.Response) { r.CaseCode = survey.NewCaseCode() }, false},
		"praise on the complaint form": {func(r *survey.Response) {
			r.Kind, r.Answers, r.CaseKind = survey.SourceComplaint, survey.Answers{}, survey.KindPraise
		}, false},
	} {
		r := base
		c.change(&r)
		if err := r.Validate(u); (err == nil) != c.ok {
			t.Errorf("%s: %v", name, err)
		}
	}
}
