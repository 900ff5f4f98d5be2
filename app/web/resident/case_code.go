package resident

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// caseCodeOf returns the tracking code to show the resident after store.Submit: the response's
// own, or, when the submission was a retry (receipt.Duplicate) from the browser that first sent
// it, the code the first one stored, so that a resident who pressed Send twice is shown the code
// that works. "" when it opened no case, or when the retry comes from another browser: a
// tracking code is its resident's secret.
func (h *handler) caseCodeOf(c *fiber.Ctx, r *survey.Response, receipt *survey.Receipt) (string, error) {
	if !receipt.Duplicate {
		return r.CaseCode, nil
	}
	if !h.sentByOwner(c, r.Key) {
		return "", nil
	}
	first, err := h.Store.Response(c.UserContext(), r.Key)
	if err != nil {
		return "", err
	}
	if first.Unit != r.Unit {
		return "", nil
	}
	return first.CaseCode, nil
}
