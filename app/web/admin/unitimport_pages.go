package admin

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// Limits of a unit import: the file, and how long it waits for its confirmation.
const (
	maxUnitFile   = 8 << 20
	unitUploadTTL = time.Hour
	uploadUnits   = "units"
	// previewRows is how many of the units a preview lists; the counts cover them all.
	previewRows = 50
	// saveBatch is how many units a confirmation writes at once.
	saveBatch = 500
)

// cellView is a bad cell as the preview lists it.
type cellView struct {
	Row     int
	Column  string
	Message string
	Details []string
}

// previewUnit is one unit of a preview.
type previewUnit struct {
	Slug       string
	Name       string
	OPD        string
	Services   int
	Population int64
}

type unitImportPage struct {
	web.Page
	Problems *problems
	// FileName, Rows, New, Updated, Cells, Units and More describe an uploaded file; Upload is
	// the ID of the kept file the confirmation stores, set only when nothing is wrong.
	FileName string
	Checked  bool
	Rows     int
	New      int
	Updated  int
	Cells    []cellView
	Units    []previewUnit
	More     int
	Upload   string
	Limit    int
}

func (h *handler) importPage(c *fiber.Ctx) unitImportPage {
	p := h.Page(c, "")
	ip := unitImportPage{Page: p, Problems: newProblems(p.Printer), Limit: maxUnitFile >> 20}
	ip.Title = p.T("units.import.title")
	return ip
}

// handleUnitImport serves GET /admin/unit/impor: the upload form, the columns it reads and the
// templates.
func (h *handler) handleUnitImport(c *fiber.Ctx) error {
	return h.Render(c, fiber.StatusOK, "admin_unit_import", h.importPage(c))
}

// handleUnitImportTemplate serves GET /admin/unit/impor/templat.csv and templat.xlsx: the header
// and two example rows.
func (h *handler) handleUnitImportTemplate(c *fiber.Ctx) error {
	rows := [][]string{
		{"slug", "name", "opd", "name_en", "services", "population"},
		{"dpmptsp", "Dinas Penanaman Modal dan PTSP", "DPMPTSP", "Investment and One-Stop Service Office",
			"izin-usaha;Izin usaha;Business permit|Persetujuan bangunan gedung", "12500"},
		{"puskesmas-sobo", "Puskesmas Sobo", "Dinas Kesehatan", "Sobo Community Health Centre", "Rawat jalan|Imunisasi", ""},
	}
	switch c.Params("ext") {
	case "csv":
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.WriteAll(rows); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="unit.csv"`)
		return c.Send(buf.Bytes())
	case "xlsx":
		f := excelize.NewFile()
		defer f.Close()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
				return err
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="unit.xlsx"`)
		return c.Send(buf.Bytes())
	}
	return fiber.ErrNotFound
}

// handleUnitImportUpload serves POST /admin/unit/impor: reads the spreadsheet (field file) and
// shows what it would change, every bad cell, and, only when none is bad, the button that stores
// it. The file waits in the store for the confirmation, which any instance may receive; nothing
// else is stored.
func (h *handler) handleUnitImportUpload(c *fiber.Ctx) error {
	ip := h.importPage(c)
	fh, err := c.FormFile("file")
	if err != nil {
		ip.Problems.say("file", "err.sheet.nofile")
		return h.Render(c, fiber.StatusBadRequest, "admin_unit_import", ip)
	}
	if fh.Size > maxUnitFile {
		ip.Problems.add("file", survey.Errorf(survey.ETOOLARGE, "err.sheet.size", maxUnitFile>>20))
		return h.Render(c, fiber.StatusRequestEntityTooLarge, "admin_unit_import", ip)
	}
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxUnitFile))
	if err != nil {
		return err
	}
	ip.FileName = fh.Filename
	sh, err := h.checkUnitSheet(c, data, fh.Filename, func(u *survey.Unit) error {
		if len(ip.Units) < previewRows {
			ip.Units = append(ip.Units, previewUnit{Slug: u.Slug, Name: u.Name.In(ip.Lang), OPD: u.OPD, Services: len(u.Services), Population: u.Population})
		}
		return nil
	})
	if err != nil {
		if survey.ErrorCode(err) != survey.EINVALID {
			return err
		}
		ip.Problems.add("file", err)
		return h.Render(c, fiber.StatusBadRequest, "admin_unit_import", ip)
	}
	h.describeSheet(&ip, sh)
	if len(sh.Bad) > 0 {
		return h.Render(c, fiber.StatusBadRequest, "admin_unit_import", ip)
	}
	now := h.Now()
	up := &survey.Upload{Kind: uploadUnits, By: web.Principal(c).Name, Name: fh.Filename, Data: data, CreatedAt: now, ExpiresAt: now.Add(unitUploadTTL)}
	if err := h.Store.SaveUpload(c.UserContext(), up); err != nil {
		return err
	}
	ip.Upload = up.ID
	return h.Render(c, fiber.StatusOK, "admin_unit_import", ip)
}

// checkUnitSheet reads a spreadsheet against the region and its units as they are now, handing
// each good row's unit to each.
func (h *handler) checkUnitSheet(c *fiber.Ctx, data []byte, name string, each func(*survey.Unit) error) (*unitSheet, error) {
	ctx := c.UserContext()
	region, err := h.Store.Region(ctx)
	if err != nil {
		return nil, err
	}
	units, err := h.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return nil, err
	}
	return readUnitSheet(data, name, region, units, each)
}

// describeSheet puts what a checked sheet holds on the page, in its language.
func (h *handler) describeSheet(ip *unitImportPage, sh *unitSheet) {
	ip.Checked, ip.Rows, ip.New, ip.Updated = true, sh.Rows, sh.New, sh.Updated
	for _, b := range sh.Bad {
		cv := cellView{Row: b.Row, Column: b.Column, Message: ip.Message(b.Message)}
		for _, d := range b.Details {
			cv.Details = append(cv.Details, ip.Message(d))
		}
		ip.Cells = append(ip.Cells, cv)
	}
	if len(sh.Bad) == 0 {
		ip.More = sh.New + sh.Updated - len(ip.Units)
	} else {
		ip.Units = nil
	}
}

// handleUnitImportConfirm serves POST /admin/unit/impor/:id: stores the units of the kept file,
// checked again against the units as they are now, then forgets the file. Nothing is written
// unless every row is right.
func (h *handler) handleUnitImportConfirm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	ip := h.importPage(c)
	up, err := h.keptUpload(c)
	if err != nil {
		ip.Problems.add("file", err)
		return h.Render(c, web.Status(err), "admin_unit_import", ip)
	}
	ip.FileName = up.Name
	// The file is read twice: once to check every row against the units as they are now, then
	// to write them in batches, so that a bad row stores nothing and no unit is held meanwhile.
	sh, err := h.checkUnitSheet(c, up.Data, up.Name, func(*survey.Unit) error { return nil })
	if err == nil && len(sh.Bad) > 0 {
		h.describeSheet(&ip, sh)
		return h.Render(c, fiber.StatusConflict, "admin_unit_import", ip)
	} else if err != nil {
		return err
	}
	var batch []*survey.Unit
	write := func() error {
		err := h.Store.SaveUnits(ctx, batch)
		batch = batch[:0]
		return err
	}
	if _, err := h.checkUnitSheet(c, up.Data, up.Name, func(u *survey.Unit) error {
		if batch = append(batch, u); len(batch) == saveBatch {
			return write()
		}
		return nil
	}); err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	if err := h.Store.DeleteUpload(ctx, up.ID); err != nil {
		return err
	}
	h.Audit(c, "unit.import", up.Name, fmt.Sprintf("%d new, %d updated", sh.New, sh.Updated))
	return c.Redirect(fmt.Sprintf("/admin/unit?impor=%d", sh.New+sh.Updated), fiber.StatusSeeOther)
}

// handleUnitImportCancel serves POST /admin/unit/impor/:id/batal: forgets the kept file.
func (h *handler) handleUnitImportCancel(c *fiber.Ctx) error {
	up, err := h.keptUpload(c)
	if err == nil {
		if err := h.Store.DeleteUpload(c.UserContext(), up.ID); err != nil {
			return err
		}
	} else if survey.ErrorCode(err) != survey.ENOTFOUND {
		return err
	}
	return c.Redirect("/admin/unit/impor", fiber.StatusSeeOther)
}

// keptUpload returns the kept unit file the request names, which only its uploader may use.
func (h *handler) keptUpload(c *fiber.Ctx) (*survey.Upload, error) {
	up, err := h.Store.Upload(c.UserContext(), c.Params("id"), h.Now())
	if err != nil {
		return nil, err
	}
	if up.Kind != uploadUnits || up.By != web.Principal(c).Name {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.upload.gone")
	}
	return up, nil
}
