package dashboard

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// exportCell is one cell of a download: text, or a number a spreadsheet can compute with.
type exportCell struct {
	Text     string
	Number   float64
	IsNumber bool
}

func textCell(s string) exportCell { return exportCell{Text: s} }

func numberCell(v float64) exportCell { return exportCell{Number: v, IsNumber: true} }

// cellOf converts a figure's table cell: numbers stay numbers, the rest is its text.
func cellOf(c reports.WebCell) exportCell {
	if c.IsNumber {
		return numberCell(c.Value)
	}
	return textCell(c.Text)
}

// neutralise keeps a spreadsheet program from reading text as a formula (CSV injection): text
// that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which
// spreadsheets show but never evaluate.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// rowWriter writes a download row by row, so that no more than a row is held at a time.
type rowWriter interface {
	Row(cells []exportCell) error
	// Close completes the file; nothing is complete before it returns nil.
	Close() error
}

// newRowWriter returns a writer of the format named by ext, "csv" or "xlsx".
func newRowWriter(ext string, w io.Writer, sheet string) (rowWriter, error) {
	switch ext {
	case "csv":
		return newCSVWriter(w)
	case "xlsx":
		return newXLSXWriter(w, sheet)
	}
	return nil, survey.Errorf(survey.EINVALID, "err.export.format", ext)
}

// exportTypes are the content types of the formats.
var exportTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

type csvWriter struct {
	buf *bufio.Writer
	w   *csv.Writer
	rec []string
}

// newCSVWriter writes UTF-8 CSV with a byte-order mark, which spreadsheet programs need to read
// UTF-8 rather than a local code page; numbers are written with a decimal point.
func newCSVWriter(w io.Writer) (*csvWriter, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString("\ufeff"); err != nil {
		return nil, err
	}
	return &csvWriter{buf: buf, w: csv.NewWriter(buf)}, nil
}

func (c *csvWriter) Row(cells []exportCell) error {
	c.rec = c.rec[:0]
	for _, cell := range cells {
		if cell.IsNumber {
			c.rec = append(c.rec, strconv.FormatFloat(cell.Number, 'f', -1, 64))
		} else {
			c.rec = append(c.rec, neutralise(cell.Text))
		}
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

type xlsxWriter struct {
	out  io.Writer
	file *excelize.File
	sw   *excelize.StreamWriter
	row  int
	vals []any
}

// newXLSXWriter writes a one-sheet workbook with excelize's StreamWriter, which keeps at most a
// chunk of the sheet in memory and the rest in a temporary file. The archive is written straight
// to w: excelize's own Write would first build the whole file in memory.
func newXLSXWriter(w io.Writer, sheet string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("name sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("stream sheet: %w", err)
	}
	return &xlsxWriter{out: w, file: f, sw: sw}, nil
}

func (x *xlsxWriter) Row(cells []exportCell) error {
	x.row++
	x.vals = x.vals[:0]
	for _, cell := range cells {
		if cell.IsNumber {
			x.vals = append(x.vals, cell.Number)
		} else {
			x.vals = append(x.vals, neutralise(cell.Text))
		}
	}
	name, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(name, x.vals)
}

func (x *xlsxWriter) Close() error {
	defer x.file.Close()
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("flush sheet: %w", err)
	}
	x.file.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(x.out) })
	if err := x.file.Write(io.Discard); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}
