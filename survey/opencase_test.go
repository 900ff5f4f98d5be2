package survey_test

import (
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestOpenCase(t *testing.T) {
	now := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	region := survey.DefaultRegion()
	r := &survey.Response{Suggestion: "  ", CaseKind: survey.KindComplaint, SubmittedAt: now}
	r.OpenCase(&region, now)
	if r.CaseCode != "" || r.CaseKind != "" {
		t.Error("blank text opened a case or kept a kind")
	}
	r.Suggestion, r.CaseKind = "Antre terlalu lama", survey.KindComplaint
	r.OpenCase(&region, now)
	if survey.NormalizeCaseCode(r.CaseCode) != r.CaseCode || !r.CaseDue.Equal(now.Add(4*time.Hour)) || !r.ReceivedAt.IsZero() {
		t.Errorf("opened %q due %v", r.CaseCode, r.CaseDue)
	}
	code := r.CaseCode
	r.OpenCase(&region, now)
	if r.CaseCode != code {
		t.Error("a second call changed the code")
	}
}
