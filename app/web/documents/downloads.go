package documents

import (
	"context"
	"fmt"
	"strings"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// PDF documents: the unit and regional evaluation reports and the counter poster, each issued
// under a number printed on it and recorded with its SHA-256, so that the public verification
// page can tell a genuine, unchanged file from any other.

// reportLang is the language a download asks for: ?lang=en, else Indonesian. It is not the
// visitor's interface language: a report is an official document, Indonesian unless asked.
func reportLang(c *fiber.Ctx) (string, error) {
	switch l := c.Query("lang"); l {
	case "", survey.LangID:
		return survey.LangID, nil
	case survey.LangEN:
		return survey.LangEN, nil
	default:
		return "", survey.Errorf(survey.EINVALID, "err.report.lang")
	}
}

// handleUnitReport serves GET /laporan/:key/unit/:unit.pdf and
// GET /api/v1/campaigns/:key/units/:unit/report.pdf (?lang=en): the unit's evaluation report.
func (h *handler) handleUnitReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	key, unit := c.Params("key"), c.Params("unit")
	src := Source{Store: h.Store, BaseURL: h.Config.BaseURL}
	return h.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*File, error) {
		return src.IssueUnitReport(ctx, issued, key, unit, lang, h.Now(), by)
	})
}

// handleRegionReport serves GET /laporan/:key/wilayah.pdf and GET /api/v1/campaigns/:key/report.pdf
// (?lang=en): the region's consolidated report.
func (h *handler) handleRegionReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	key := c.Params("key")
	src := Source{Store: h.Store, BaseURL: h.Config.BaseURL}
	return h.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*File, error) {
		return src.IssueRegionReport(ctx, issued, key, lang, h.Now(), by)
	})
}

// handlePoster serves GET /poster/:unit.pdf: the unit's counter poster for the open campaign, or
// the latest one the unit is part of.
func (h *handler) handlePoster(c *fiber.Ctx) error {
	unit := c.Params("unit")
	src := Source{Store: h.Store, BaseURL: h.Config.BaseURL}
	return h.sendIssued(c, func(ctx context.Context, issued survey.IssuedStore, by string) (*File, error) {
		return src.IssuePoster(ctx, issued, unit, h.Now(), by)
	})
}

// sendIssued issues a file, audits the download and sends it.
func (h *handler) sendIssued(c *fiber.Ctx, issue func(context.Context, survey.IssuedStore, string) (*File, error)) error {
	issued := h.Store
	f, err := issue(c.UserContext(), issued, web.Principal(c).Name)
	if err != nil {
		return err
	}
	r := f.Record
	h.Audit(c, "report.download", r.Number, strings.TrimSpace(fmt.Sprintf("%s %s %s %s sha256:%s", r.Kind, r.Campaign, r.Unit, r.Lang, r.SHA256)))
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+f.Filename+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(f.PDF)
}
