package admin

import (
	"fmt"
	"strconv"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// uploadPaper is the purpose paper files are kept under between their preview and confirmation.
const uploadPaper = "paper"

// maxPaperFile bounds a file of paper questionnaires: paper.MaxRows rows with a suggestion on
// many of them.
const maxPaperFile = 32 << 20

// paperPage is the data of the page that imports a unit's paper questionnaires: the upload form,
// and after an upload the preview of what the file holds.
type paperPage struct {
	web.Page
	Campaign *survey.Campaign
	Unit     *survey.Unit
	region   *survey.Region
	// refusal is why the visitor may not import now (survey.MayImportPaper); Refusal says it.
	refusal error
	// Refusal says why the visitor may not import into this campaign now; no form is offered.
	Refusal string
	// Problem and Details say why a file was refused: the lead sentence and every bad cell.
	Problem string
	Details []string
	Flash   string
	// Preview is what the uploaded file holds; nil before an upload.
	Preview              *paperPreview
	Action, Confirm, CSV string
	// Back leads to the campaign's page for an administrator, the unit's dashboard for its head;
	// BackText says which.
	XLSX, Back, BackText string
}

// paperPreview shows an uploaded file's questionnaires before anything is stored.
type paperPreview struct {
	Name        string
	Rows        string
	Suggestions string
	Complaints  string
	// File is the index of the file alone; After the unit's index once the file is stored, and
	// Before its index now.
	File, Before, After string
	// Stored says how much of the file an earlier import stored: "none", "some" or "all".
	Stored string
	// UploadID is kept for the confirm form; empty when nothing can be confirmed.
	UploadID string
}

// openPaperPage reads the campaign and unit of an import route (ENOTFOUND unless the campaign
// surveys the unit) and makes their import page, with the reason the visitor may not import now,
// if any.
func (h *handler) openPaperPage(c *fiber.Ctx) (*paperPage, error) {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return nil, err
	}
	if _, ok := camp.Unit(c.Params("unit")); !ok {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", c.Params("unit"), camp.Key)
	}
	unit, err := h.Store.Unit(ctx, c.Params("unit"))
	if err != nil {
		return nil, err
	}
	region, err := h.Store.Region(ctx)
	if err != nil {
		return nil, err
	}
	p := &paperPage{Page: h.Page(c, ""), Campaign: camp, Unit: unit, region: region}
	p.Title = fmt.Sprintf(p.T("paper.title"), p.In(unit.Name), p.Semester(camp.Key))
	base := link.PaperImport(camp.Key, unit.Slug)
	p.Action, p.Confirm, p.CSV, p.XLSX = base, base+"/konfirmasi", base+"/templat.csv", base+"/templat.xlsx"
	p.Back, p.BackText = link.UnitDashboard(unit.Slug, camp.Key), p.T("paper.back")
	if web.Principal(c).IsAdmin() {
		p.Back, p.BackText = link.Campaign(camp.Key), fmt.Sprintf(p.T("campaign.back.one"), p.Semester(camp.Key))
	}
	if p.refusal = survey.MayImportPaper(web.Principal(c), region, camp, unit.Slug); p.refusal != nil {
		p.Refusal = p.Printer.Error(p.refusal)
	}
	return p, nil
}

// paperFile is a file of the page's unit for its campaign.
func (h *handler) paperFile(c *fiber.Ctx, p *paperPage, name string, data []byte) (*web.PaperFile, error) {
	q, err := h.Store.Questionnaire(c.UserContext(), p.Campaign.Questionnaire)
	if err != nil {
		return nil, err
	}
	return &web.PaperFile{Campaign: p.Campaign, Questionnaire: q, Unit: p.Unit, Region: p.region, Name: name, Data: data}, nil
}

// handlePaperImport serves GET /admin/kampanye/:key/unit/:unit/impor: the templates and the
// upload form, or why the visitor may not import now; after a confirmed import, what it stored.
func (h *handler) handlePaperImport(c *fiber.Ctx) error {
	p, err := h.openPaperPage(c)
	if err != nil {
		return err
	}
	stored, errS := strconv.Atoi(c.Query("stored"))
	dup, errD := strconv.Atoi(c.Query("dup"))
	if errS == nil && errD == nil {
		p.Flash = fmt.Sprintf(p.T("paper.done"), p.Int(int64(stored)), p.Int(int64(dup)))
	}
	return h.Render(c, fiber.StatusOK, "admin_paper_import", p)
}

// handlePaperUpload serves POST /admin/kampanye/:key/unit/:unit/impor: the uploaded file (field
// file) previewed: its count of questionnaires, the index of the file alone and of the unit after
// it, every bad cell, and whether it was imported before. Nothing is stored; a good file is kept
// for the confirm form (survey.Upload), so that any instance may serve the confirmation.
func (h *handler) handlePaperUpload(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := h.openPaperPage(c)
	if err != nil {
		return err
	}
	if p.refusal != nil {
		return h.Render(c, web.Status(p.refusal), "admin_paper_import", p)
	}
	data, name, err := web.FormFile(c, "file")
	if err != nil {
		return h.refusePaper(c, p, err)
	}
	file, err := h.paperFile(c, p, name, data)
	if err != nil {
		return err
	}
	camp, unit := p.Campaign, p.Unit
	check, err := h.CheckPaper(ctx, file)
	if err != nil {
		return h.refusePaper(c, p, err)
	}
	tally, err := h.Store.Tally(ctx, camp.Key)
	if err != nil {
		return err
	}
	before := tally.Unit(unit.Slug).Total().All.Tally
	after := before
	if check.Stored == web.StoredNone {
		after.Add(check.Counts.Tally)
	}
	p.Preview = &paperPreview{Name: name, Rows: p.Int(int64(check.Rows)), Suggestions: p.Int(int64(check.Suggestions)), Complaints: p.Int(int64(check.Complaints)),
		File: indexLine(p.Page, analytics.Compute(check.Counts.Tally)), Before: indexLine(p.Page, analytics.Compute(before)),
		After: indexLine(p.Page, analytics.Compute(after)), Stored: storedNames[check.Stored]}
	status := fiber.StatusOK
	if err := check.Err(); err != nil {
		p.Problem, p.Details, status = p.Printer.Error(err), p.Printer.Details(err), fiber.StatusBadRequest
	} else if check.Stored != web.StoredAll {
		kept, err := h.KeepUpload(c, uploadPaper, camp.Key+"/"+unit.Slug, name, data)
		if err != nil {
			return err
		}
		p.Preview.UploadID = kept.ID
	}
	web.NoStore(c)
	return h.Render(c, status, "admin_paper_import", p)
}

// storedNames name how much of a file is stored already, for the page.
var storedNames = map[web.PaperStored]string{web.StoredNone: "none", web.StoredSome: "some", web.StoredAll: "all"}

// refusePaper shows the import page with why the file was refused and every bad cell.
func (h *handler) refusePaper(c *fiber.Ctx, p *paperPage, err error) error {
	if code := survey.ErrorCode(err); code != survey.EINVALID && code != survey.ETOOLARGE && code != survey.ENOTFOUND &&
		code != survey.ECONFLICT && code != survey.EFORBIDDEN {
		return err
	}
	p.Problem, p.Details = p.Printer.Error(err), p.Printer.Details(err)
	if key := survey.ErrorMessage(err).Key; key == "err.paper.header.one" || key == "err.paper.header.many" {
		p.Problem = fmt.Sprintf(p.T("paper.wrongfile"), p.Semester(p.Campaign.Key)) + " " + p.Problem
	}
	return h.Render(c, web.Status(err), "admin_paper_import", p)
}

// indexLine says an index in a line: "81,25 (B, Baik) · 4 responden", or that there is none yet.
func indexLine(p web.Page, r analytics.Result) string {
	if r.Empty {
		return p.T("paper.index.none")
	}
	return fmt.Sprintf(p.T("paper.index"), p.Dec(r.Score, 2), string(r.Grade), p.Performance(r.Grade), p.Int(r.Respondents))
}

// handlePaperConfirm serves POST /admin/kampanye/:key/unit/:unit/impor/konfirmasi: stores the
// questionnaires of the file previewed (field upload), after checking once more who may import
// and the whole file. Importing a file already stored stores nothing new and says so.
func (h *handler) handlePaperConfirm(c *fiber.Ctx) error {
	p, err := h.openPaperPage(c)
	if err != nil {
		return err
	}
	if p.refusal != nil {
		return h.Render(c, web.Status(p.refusal), "admin_paper_import", p)
	}
	camp, unit := p.Campaign, p.Unit
	kept, err := h.PendingUpload(c, web.FormText(c, "upload"), uploadPaper, camp.Key+"/"+unit.Slug)
	if err != nil {
		return h.refusePaper(c, p, err)
	}
	file, err := h.paperFile(c, p, kept.Name, kept.Data)
	if err != nil {
		return err
	}
	res, err := h.ImportPaper(c.UserContext(), file)
	if err != nil {
		if done := res.Stored + res.Duplicates; done > 0 {
			h.Log.Warn("paper import interrupted", "id", web.RequestID(c), "campaign", camp.Key, "unit", unit.Slug, "rows", done, "err", err)
		}
		return h.refusePaper(c, p, err)
	}
	h.ForgetUpload(c, kept.ID)
	h.Audit(c, "import.paper", camp.Key+"/"+unit.Slug, fmt.Sprintf("%s: %d rows, %d stored, %d already stored", kept.Name, res.Rows, res.Stored, res.Duplicates))
	return c.Redirect(fmt.Sprintf("%s?stored=%d&dup=%d", link.PaperImport(camp.Key, unit.Slug), res.Stored, res.Duplicates), fiber.StatusSeeOther)
}
