package documents

import (
	"fmt"
	"strings"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// PDF documents: the unit and regional evaluation reports, drafts until their final report is
// issued, and the counter poster. A final report and a poster carry a number printed on them and
// recorded with their SHA-256, so that the public verification page can tell a genuine, unchanged
// file from any other; a draft carries neither.

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
// GET /api/v1/campaigns/:key/units/:unit/report.pdf (?lang=en): the unit's evaluation report, the
// final one once issued, else a draft.
func (h *handler) handleUnitReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	f, err := h.source().UnitReport(c.UserContext(), c.Params("key"), c.Params("unit"), lang, h.Now())
	if err != nil {
		return err
	}
	return h.sendFile(c, f, fmt.Sprintf("%s %s %s %s", survey.ReportUnit, c.Params("key"), c.Params("unit"), lang))
}

// handleRegionReport serves GET /laporan/:key/wilayah.pdf and GET /api/v1/campaigns/:key/report.pdf
// (?lang=en): the region's consolidated report, the final one once issued, else a draft.
func (h *handler) handleRegionReport(c *fiber.Ctx) error {
	lang, err := reportLang(c)
	if err != nil {
		return err
	}
	f, err := h.source().RegionReport(c.UserContext(), c.Params("key"), lang, h.Now())
	if err != nil {
		return err
	}
	return h.sendFile(c, f, fmt.Sprintf("%s %s %s", survey.ReportRegion, c.Params("key"), lang))
}

// handlePoster serves GET /poster/:unit.pdf: the unit's counter poster for the open campaign, or
// the latest one the unit is part of.
func (h *handler) handlePoster(c *fiber.Ctx) error {
	f, err := h.source().IssuePoster(c.UserContext(), h.Store, c.Params("unit"), h.Now(), web.Principal(c).Name)
	if err != nil {
		return err
	}
	return h.sendFile(c, f, "")
}

func (h *handler) source() Source { return Source{Store: h.Store, BaseURL: h.Config.BaseURL} }

// sendFile audits the download and sends the file: a numbered file by its number and digest, a
// draft as what was asked for.
func (h *handler) sendFile(c *fiber.Ctx, f *File, what string) error {
	if r := f.Record; r != nil {
		h.Audit(c, "report.download", r.Number, strings.TrimSpace(fmt.Sprintf("%s %s %s %s sha256:%s", r.Kind, r.Campaign, r.Unit, r.Lang, r.SHA256)))
	} else {
		h.Audit(c, "report.download", "draft", what)
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+f.Filename+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(f.PDF)
}
