package admin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/survey"
)

// Limits of a unit spreadsheet: its rows, and what its workbook may unpack to (a small XLSX
// can hold a zip bomb).
const (
	maxSheetRows   = 20_000
	maxSheetUnzip  = 256 << 20
	maxSheetMemory = 1 << 20
)

// eachRow calls fn with each row of a CSV file (comma or semicolon separated, as spreadsheet
// programs export them, with or without a byte-order mark) or of an XLSX workbook's first sheet,
// chosen by the file's name or its content. Rows are numbered from 1 as a spreadsheet numbers
// them, so that a problem names the row a person sees; one row at a time is held.
func eachRow(data []byte, name string, fn func(row int, cells []string) error) error {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return eachXLSXRow(data, fn)
	}
	return eachCSVRow(data, fn)
}

func eachCSVRow(data []byte, fn func(int, []string) error) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return survey.Errorf(survey.EINVALID, "err.sheet.empty")
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return survey.Errorf(survey.EINVALID, "err.sheet.csvrow", perr.StartLine)
		} else if err != nil {
			return survey.Errorf(survey.EINVALID, "err.upload.read")
		}
		row, _ := cr.FieldPos(0)
		if row > maxSheetRows+1 {
			return survey.Errorf(survey.EINVALID, "err.sheet.rows", maxSheetRows)
		}
		for _, cell := range rec {
			if !utf8.ValidString(cell) {
				return survey.Errorf(survey.EINVALID, "err.sheet.utf8", row)
			}
		}
		if err := fn(row, rec); err != nil {
			return err
		}
	}
}

func eachXLSXRow(data []byte, fn func(int, []string) error) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxSheetUnzip, UnzipXMLSizeLimit: maxSheetMemory})
	if err != nil {
		return survey.Errorf(survey.EINVALID, "err.sheet.xlsx")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return survey.Errorf(survey.EINVALID, "err.sheet.empty")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return survey.Errorf(survey.EINVALID, "err.sheet.xlsx")
	}
	defer rows.Close()
	row := 0
	for rows.Next() {
		row++
		if row > maxSheetRows+1 {
			return survey.Errorf(survey.EINVALID, "err.sheet.rows", maxSheetRows)
		}
		cells, err := rows.Columns()
		if err != nil {
			return survey.Errorf(survey.EINVALID, "err.sheet.xlsxrow", row)
		}
		if err := fn(row, cells); err != nil {
			return err
		}
	}
	if rows.Error() != nil {
		return survey.Errorf(survey.EINVALID, "err.sheet.xlsx")
	}
	if row == 0 {
		return survey.Errorf(survey.EINVALID, "err.sheet.empty")
	}
	return nil
}
