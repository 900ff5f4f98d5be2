package apptest

import (
	"context"
	"fmt"
	"time"

	"github.com/skm-engine/skm/survey"
)

// SubmitMessage stores a survey response to the unit in campaign 2026-S2 at the environment's
// clock, whose message of the kind (survey.KindComplaint, KindSuggestion or KindPraise) says the
// text, as the survey form stores it, and returns the case it opens.
func (e *Env) SubmitMessage(unit, kind, text string) *survey.Case {
	t := e.T
	t.Helper()
	ctx := context.Background()
	region, err := e.Store.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.messages++
	r := &survey.Response{Key: fmt.Sprintf("message-%s-%06d", unit, e.messages), Campaign: "2026-S2", Unit: unit, Questionnaire: "v1",
		Answers: survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3}, Channel: survey.ChannelWeb, Suggestion: text, CaseKind: kind,
		SubmittedAt: e.Now.UTC(), Day: e.Now.In(region.Location()).Format(time.DateOnly)}
	r.OpenCase(region, e.Now)
	if _, err := e.Store.Submit(ctx, r); err != nil {
		t.Fatal(err)
	}
	tally, err := e.Store.Tally(ctx, "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	cases := tally.Unit(unit).Cases
	return cases[len(cases)-1]
}
