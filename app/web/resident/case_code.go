package resident

import (
	"context"

	"github.com/skm-engine/skm/survey"
)

// caseCodeOf returns the tracking code to show the resident after store.Submit: the response's
// own, or, when the submission was a retry (receipt.Duplicate), the code the first one stored, so
// that a resident who pressed Send twice is shown the code that works. "" when it opened no case.
func (h *handler) caseCodeOf(ctx context.Context, r *survey.Response, receipt *survey.Receipt) (string, error) {
	if !receipt.Duplicate {
		return r.CaseCode, nil
	}
	first, err := h.Store.Response(ctx, r.Key)
	if err != nil {
		return "", err
	}
	if first.Unit != r.Unit {
		return "", nil
	}
	return first.CaseCode, nil
}
