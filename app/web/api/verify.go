package api

import (
	"github.com/gofiber/fiber/v2"
)

// verifyResult is what one instance finds when it recounts a campaign against its own tallies.
type verifyResult struct {
	Campaign    string   `json:"campaign"`
	Entry       int64    `json:"entry"`
	Respondents int64    `json:"respondents"`
	Differences []string `json:"differences"`
}

// handleAPIVerify serves GET /api/v1/campaigns/:key/verify: this instance recounts the campaign's
// responses and case events and lists every difference from the tallies it holds, so that each
// instance behind a load balancer can be asked in turn (skm verify --url).
func (h *handler) handleAPIVerify(c *fiber.Ctx) error {
	ctx := c.UserContext()
	key := c.Params("key")
	diff, err := h.Store.Verify(ctx, key)
	if err != nil {
		return err
	}
	t, err := h.Store.Tally(ctx, key)
	if err != nil {
		return err
	}
	res := verifyResult{Campaign: key, Entry: t.Seq, Differences: append([]string{}, diff...)}
	for slug := range t.Units {
		res.Respondents += t.Unit(slug).Total().All.Respondents
	}
	return c.JSON(res)
}
