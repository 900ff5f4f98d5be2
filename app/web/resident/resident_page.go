package resident

import (
	"bytes"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Every phone that opens a survey gets the same page but for three values: its CSRF token, a
// fresh submission key bound to the browser and the render time. Executing the template and
// compressing the page are most of what a page view costs the server, and on a busy semester's
// last day the store needs that CPU, so an empty form is rendered and compressed once per unit,
// language and variant with placeholders (see zippedPage), and each request fills them in. The
// thank-you page has no per-request value at all.

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
func (h *handler) renderedPage(t *surveyTarget, key pageKey, data func() any) (*zippedPage, error) {
	if z, ok := t.pages.Load(key); ok {
		return z.(*zippedPage), nil
	}
	var buf bytes.Buffer
	if err := h.RenderTo(&buf, key.view, data()); err != nil {
		return nil, err
	}
	z, _ := t.pages.LoadOrStore(key, zipPage(buf.Bytes(), csrfPlaceholder, keyPlaceholder, stampPlaceholder))
	return z.(*zippedPage), nil
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
	return sendPage(c, page, p.CSRF, key, h.renderStamp(t.unit.Slug, key, h.Now()))
}

// sendPage answers 200 with the page, its placeholders filled with the CSRF token, the
// submission key and the stamp; gzipped for a browser that accepts it.
func sendPage(c *fiber.Ctx, page *zippedPage, csrf, key, stamp string) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Vary(fiber.HeaderAcceptEncoding)
	if c.Context().Request.Header.HasAcceptEncoding("gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Status(fiber.StatusOK).Send(page.gzip(csrf, key, stamp))
	}
	return c.Status(fiber.StatusOK).Send(page.plain(csrf, key, stamp))
}
