package dashboard

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// handleExportUnitTable serves GET /ekspor/:key/unit/:unit/:table.:ext?layanan=CODE: the element
// table, the answer distribution or the respondent profile of the unit dashboard, as CSV or XLSX.
func (h *handler) handleExportUnitTable(c *fiber.Ctx) error {
	table, ext := c.Params("table"), c.Params("ext")
	if table != "elements" && table != "distribution" && table != "profile" {
		return survey.Errorf(survey.ENOTFOUND, "err.export.unittable", table)
	}
	if _, ok := exportTypes[ext]; !ok {
		return survey.Errorf(survey.EINVALID, "err.export.format", ext)
	}
	in, err := h.loadUnitInput(c, c.Params("unit"), c.Params("key"), c.Query("layanan"))
	if err != nil {
		return err
	}
	d, err := buildUnitDashboard(h.Page(c, ""), in)
	if err != nil {
		return err
	}
	var tables []reports.WebTable
	switch table {
	case "elements":
		tables = []reports.WebTable{d.Elements.Table}
	case "distribution":
		tables = []reports.WebTable{d.Distribution.Table}
	case "profile":
		for _, f := range d.Profile {
			tables = append(tables, f.Table)
		}
	}
	name := fmt.Sprintf("skm-%s-%s-%s", in.Campaign.Key, in.Unit.Slug, table)
	if in.Service != "" {
		name += "-" + in.Service
	}
	return h.sendExport(c, name, ext, in.Campaign.Key+"/"+in.Unit.Slug+"/"+table, func(rw rowWriter) (int, error) {
		return writeTables(rw, tables)
	})
}

// handleExportRegionTable serves GET /ekspor/:key/ranking.:ext: the units ranked, as the region
// dashboard shows them.
func (h *handler) handleExportRegionTable(c *fiber.Ctx) error {
	table, ext := c.Params("table"), c.Params("ext")
	if table != "ranking" {
		return survey.Errorf(survey.ENOTFOUND, "err.export.regiontable", table)
	}
	if _, ok := exportTypes[ext]; !ok {
		return survey.Errorf(survey.EINVALID, "err.export.format", ext)
	}
	in, err := h.loadRegionInput(c, c.Params("key"))
	if err != nil {
		return err
	}
	d, err := buildRegionDashboard(h.Page(c, ""), in)
	if err != nil {
		return err
	}
	return h.sendExport(c, "skm-"+in.Campaign.Key+"-ranking", ext, in.Campaign.Key+"/ranking", func(rw rowWriter) (int, error) {
		return writeTables(rw, []reports.WebTable{d.Ranking.Table})
	})
}

// writeTables writes tables one under the other, each with its caption and header, and returns
// the number of data rows.
func writeTables(rw rowWriter, tables []reports.WebTable) (int, error) {
	n := 0
	for i, t := range tables {
		if i > 0 {
			if err := rw.Row(nil); err != nil {
				return n, err
			}
		}
		if len(tables) > 1 {
			if err := rw.Row([]exportCell{textCell(t.Caption)}); err != nil {
				return n, err
			}
		}
		header := make([]exportCell, len(t.Columns))
		for j, col := range t.Columns {
			header[j] = textCell(col.Label)
		}
		if err := rw.Row(header); err != nil {
			return n, err
		}
		rows := t.Rows
		if t.Foot != nil {
			rows = append(rows[:len(rows):len(rows)], t.Foot)
		}
		for _, row := range rows {
			cells := make([]exportCell, len(row))
			for j, c := range row {
				cells[j] = cellOf(c)
			}
			if err := rw.Row(cells); err != nil {
				return n, err
			}
			n++
		}
		if t.Note != "" {
			if err := rw.Row([]exportCell{textCell(t.Note)}); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// sendExport writes a download into a temporary file and then sends that file, so that an error
// while writing still gets a proper error response, memory holds no more than a row, and the
// download is audited only once it is complete.
func (h *handler) sendExport(c *fiber.Ctx, name, ext, target string, write func(rowWriter) (int, error)) error {
	contentType, ok := exportTypes[ext]
	if !ok {
		return survey.Errorf(survey.EINVALID, "err.export.format", ext)
	}
	f, err := os.CreateTemp("", "skm-export-*")
	if err != nil {
		return fmt.Errorf("create export file: %w", err)
	}
	spool := &spoolFile{f}
	size, n, err := writeExport(f, ext, name, write)
	if err != nil {
		spool.Close()
		return err
	}
	h.Audit(c, "export", target+"."+ext, fmt.Sprintf("%d rows", n))
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+"."+ext+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Response().SetBodyStream(spool, int(size))
	return nil
}

// writeExport writes the download to f and rewinds it, returning its size and its data rows.
func writeExport(f *os.File, ext, sheet string, write func(rowWriter) (int, error)) (int64, int, error) {
	rw, err := newRowWriter(ext, f, sheetName(sheet))
	if err != nil {
		return 0, 0, err
	}
	n, err := write(rw)
	if err != nil {
		return 0, n, err
	}
	if err := rw.Close(); err != nil {
		return 0, n, fmt.Errorf("complete export: %w", err)
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, n, fmt.Errorf("size export: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, n, fmt.Errorf("rewind export: %w", err)
	}
	return size, n, nil
}

// sheetName fits a name to a worksheet name's 31 characters.
func sheetName(name string) string {
	name = strings.TrimPrefix(name, "skm-")
	if len(name) > 31 {
		name = name[:31]
	}
	return name
}

// spoolFile is a temporary file removed when the response has been sent (fasthttp closes a body
// stream that is an io.Closer).
type spoolFile struct{ *os.File }

func (f *spoolFile) Close() error {
	err := f.File.Close()
	_ = os.Remove(f.File.Name())
	return err
}
