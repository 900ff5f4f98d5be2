package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
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

// importChunk bounds the rows stored by one SubmitAll: one group commit writes them all, and a
// whole file of up to paper.MaxRows would outlast the store's batch timeout.
const importChunk = 1000

// maxImportProblems bounds the rows listed in a refusal, so a wholly wrong file gets a readable
// answer.
const maxImportProblems = 100

// importResult reports a paper import.
type importResult struct {
	Rows       int `json:"rows"`
	Stored     int `json:"stored"`
	Duplicates int `json:"duplicates"`
}

// handleAPIImport serves POST /api/v1/campaigns/:key/units/:unit/import: a CSV or XLSX file of
// paper questionnaires, as the body or as the multipart field "file". A file with any bad row is
// refused whole with every bad cell listed, before anything is stored; a good file is stored in
// chunks. Each row's submission key derives from the file's content, so importing the same file
// again stores nothing twice, and completes an import the store interrupted.
func (h *handler) handleAPIImport(c *fiber.Ctx) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	if camp.State == survey.StateArchived {
		return survey.Errorf(survey.ECONFLICT, "err.import.archived", camp.Key)
	}
	if _, ok := camp.Unit(c.Params("unit")); !ok {
		return survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", c.Params("unit"), camp.Key)
	}
	unit, err := h.Store.Unit(ctx, c.Params("unit"))
	if err != nil {
		return err
	}
	body, name, err := uploadedFile(c)
	if err != nil {
		return err
	}
	region, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	rows, err := paper.Read(bytes.NewReader(body), name, paper.Options{Location: region.Location()})
	if err != nil {
		return err
	}
	sum := sha256.Sum256(append([]byte(camp.Key+"|"+unit.Slug+"|"), body...))
	fileID := hex.EncodeToString(sum[:])[:20]
	now := h.Now()
	responses := make([]*survey.Response, 0, len(rows))
	var problems []survey.Message
	for _, row := range rows {
		at := now
		if !row.Date.IsZero() {
			at = row.Date
		}
		r := &survey.Response{
			Key: fmt.Sprintf("paper-%s-%d", fileID, row.Line), Campaign: camp.Key, Unit: unit.Slug, Service: row.Service,
			Questionnaire: camp.Questionnaire, Answers: row.Answers, Profile: row.Profile, Channel: survey.ChannelPaper,
			Suggestion: row.Suggestion, CaseKind: row.Kind, SubmittedAt: at, Day: at.In(region.Location()).Format(time.DateOnly),
		}
		// A paper complaint reaches the unit when it is imported: its clock starts now, not on
		// the date written on the form.
		r.OpenCase(region, now)
		if err := r.Validate(unit); err != nil {
			problems = append(problems, survey.Msg("err.import.row", row.Line, survey.ErrorMessage(err)))
		}
		responses = append(responses, r)
	}
	if len(problems) > 0 {
		details := problems
		if len(details) > maxImportProblems {
			details = append(details[:maxImportProblems:maxImportProblems], survey.Msg("err.paper.more", len(problems)-maxImportProblems))
		}
		return &survey.Error{Code: survey.EINVALID, Message: survey.Msg("err.import.rows", len(problems)), Details: details}
	}
	res := importResult{Rows: len(rows)}
	for start := 0; start < len(responses); start += importChunk {
		receipts, err := h.Store.SubmitAll(ctx, responses[start:min(start+importChunk, len(responses))])
		if err != nil {
			if done := res.Stored + res.Duplicates; done > 0 {
				h.Log.Warn("paper import interrupted", "id", web.RequestID(c), "campaign", camp.Key, "unit", unit.Slug, "rows", done, "err", err)
				return survey.Errorf(survey.ErrorCode(err), "err.import.partial",
					survey.ErrorMessage(err), done, len(rows))
			}
			return err
		}
		for _, rc := range receipts {
			if rc.Duplicate {
				res.Duplicates++
			} else {
				res.Stored++
			}
		}
	}
	h.Audit(c, "import.paper", camp.Key+"/"+unit.Slug, fmt.Sprintf("%s: %d rows, %d stored", name, res.Rows, res.Stored))
	return c.JSON(res)
}

// uploadedFile returns the uploaded file and its name: the multipart field "file", or the raw
// body named by its content type.
func uploadedFile(c *fiber.Ctx) ([]byte, string, error) {
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			return nil, "", survey.Errorf(survey.EINVALID, "err.upload.read")
		}
		defer f.Close()
		body, err := io.ReadAll(f)
		if err != nil {
			return nil, "", survey.Errorf(survey.EINVALID, "err.upload.read")
		}
		return body, fh.Filename, nil
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
