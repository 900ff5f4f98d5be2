package api

import (
	"bytes"
	"fmt"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// handleAPIResponses serves GET /api/v1/campaigns/:key/units/:unit/responses?after=&limit=: a page
// of a unit's raw responses, free text included, for the unit and administrators only.
func (h *handler) handleAPIResponses(c *fiber.Ctx) error {
	limit, err := web.AtoiDefault(c.Query("limit"), 100)
	if err != nil || limit < 1 || limit > 500 {
		return survey.Errorf(survey.EINVALID, "err.api.limit")
	}
	rs, next, err := h.Store.Responses(c.UserContext(), survey.ResponseFilter{
		Campaign: c.Params("key"), Unit: c.Params("unit"), After: c.Query("after"), Limit: limit})
	if err != nil {
		return err
	}
	return c.JSON(web.ListOf(rs, next))
}

// handleAPIImport serves POST /api/v1/campaigns/:key/units/:unit/import: a CSV or XLSX file of
// paper questionnaires, as the body or as the multipart field "file", under the same rules as the
// import page (survey.MayImportPaper): a closed, archived or published campaign takes none, and a
// unit head's token imports only while the campaign is open and the region allows it. A file with
// any bad cell is refused whole, every bad cell listed, before anything is stored; importing the
// same file again stores nothing twice (web.ImportPaper).
func (h *handler) handleAPIImport(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	if _, ok := camp.Unit(c.Params("unit")); !ok {
		return survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", c.Params("unit"), camp.Key)
	}
	region, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	if err := survey.MayImportPaper(web.Principal(c), region, camp, c.Params("unit")); err != nil {
		return err
	}
	unit, err := h.Store.Unit(ctx, c.Params("unit"))
	if err != nil {
		return err
	}
	q, err := h.Store.Questionnaire(ctx, camp.Questionnaire)
	if err != nil {
		return err
	}
	body, name, err := uploadedFile(c)
	if err != nil {
		return err
	}
	res, err := h.ImportPaper(ctx, &web.PaperFile{Campaign: camp, Questionnaire: q, Unit: unit, Region: region, Name: name, Data: body})
	if err != nil {
		if done := res.Stored + res.Duplicates; done > 0 {
			h.Log.Warn("paper import interrupted", "id", web.RequestID(c), "campaign", camp.Key, "unit", unit.Slug, "rows", done, "err", err)
		}
		return err
	}
	h.Audit(c, "import.paper", camp.Key+"/"+unit.Slug, fmt.Sprintf("%s: %d rows, %d stored", name, res.Rows, res.Stored))
	return c.JSON(res)
}

// uploadedFile returns the uploaded file and its name: the multipart field "file", or the raw
// body named by its content type.
func uploadedFile(c *fiber.Ctx) ([]byte, string, error) {
	if _, err := c.FormFile("file"); err == nil {
		return web.FormFile(c, "file")
	}
	body := c.Body()
	if len(body) == 0 {
		return nil, "", survey.Errorf(survey.EINVALID, "err.import.nofile")
	}
	name := "upload.csv"
	if c.Is("xlsx") || bytes.HasPrefix(body, []byte("PK\x03\x04")) {
		name = "upload.xlsx"
	}
	return bytes.Clone(body), name, nil
}
