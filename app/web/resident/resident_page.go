package resident

import (
	"bytes"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Every phone that opens a survey gets the same page but for three values: its CSRF token, a
// fresh submission key bound to the browser and the render time. Executing the template is most of what a page view
// costs the server, and on a busy semester's last day the store needs that CPU, so an empty form
// is rendered once per unit, language and variant with placeholders, and each request fills them
// in. The thank-you page has no per-request value at all.

// Placeholders stand in for the per-request values; they pass through HTML escaping unchanged
// and cannot occur in anything a page shows.
const (
	csrfPlaceholder  = "__skm_csrf__"
	keyPlaceholder   = "__skm_key__"
	stampPlaceholder = "__skm_stamp__"
)

// pageKey names one rendering of a target's page: the region's settings (their pointer changes
// when the region cache reloads them), the language and the variant.
type pageKey struct {
	view   string
	region *survey.Region
	lang   string
	kiosk  bool
}

// renderedPage returns the target's page rendered once with data, or renders and keeps it.
func (h *handler) renderedPage(t *surveyTarget, key pageKey, data func() any) ([]byte, error) {
	if b, ok := t.pages.Load(key); ok {
		return b.([]byte), nil
	}
	var buf bytes.Buffer
	if err := h.RenderTo(&buf, key.view, data()); err != nil {
		return nil, err
	}
	b, _ := t.pages.LoadOrStore(key, buf.Bytes())
	return b.([]byte), nil
}

// sendEmptyForm answers with the unit's empty questionnaire for this request.
func (h *handler) sendEmptyForm(c *fiber.Ctx, p web.Page, t *surveyTarget, kiosk bool) error {
	page, err := h.renderedPage(t, pageKey{"survey", p.Region, p.Lang, kiosk}, func() any {
		sp := h.surveyPage(p, t, kiosk, surveyForm{SurveyInput: web.SurveyInput{Key: keyPlaceholder}}, nil, "")
		sp.CSRF, sp.Stamp = csrfPlaceholder, stampPlaceholder
		return sp
	})
	if err != nil {
		return err
	}
	key := h.ownedKey(c)
	page = bytes.Replace(page, []byte(csrfPlaceholder), []byte(p.CSRF), 1)
	page = bytes.Replace(page, []byte(keyPlaceholder), []byte(key), 1)
	page = bytes.Replace(page, []byte(stampPlaceholder), []byte(h.renderStamp(t.unit.Slug, key, h.Now())), 1)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(fiber.StatusOK).Send(page)
}
