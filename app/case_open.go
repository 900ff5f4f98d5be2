package app

import (
	"context"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// openCase makes a response's suggestion or complaint a case: a fresh tracking code and the time
// by which the unit must answer, by the region's rule, counted from r.SubmittedAt (set it first).
// A response without text opens no case, and one that already has a code keeps it. The resident's
// survey, the complaint form and imports call it before store.Submit.
func (s *Server) openCase(r *survey.Response, region *survey.Region) {
	if strings.TrimSpace(r.Suggestion) == "" || r.CaseCode != "" {
		return
	}
	if r.SubmittedAt.IsZero() {
		r.SubmittedAt = s.now().UTC()
	}
	r.CaseCode = survey.NewCaseCode()
	r.CaseDue = region.CaseDue(r.SubmittedAt)
}

// caseCodeOf returns the tracking code to show the resident after store.Submit: the response's
// own, or, when the submission was a retry (receipt.Duplicate), the code the first one stored, so
// that a resident who pressed Send twice is shown the code that works. "" when it opened no case.
func (s *Server) caseCodeOf(ctx context.Context, r *survey.Response, receipt *survey.Receipt) (string, error) {
	if !receipt.Duplicate {
		return r.CaseCode, nil
	}
	first, err := s.store.Response(ctx, r.Key)
	if err != nil {
		return "", err
	}
	if first.Unit != r.Unit {
		return "", nil
	}
	return first.CaseCode, nil
}
