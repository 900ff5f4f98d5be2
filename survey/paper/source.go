package paper

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

// source yields a file's records one at a time with the row number a person sees, the header
// being row 1.
type source interface {
	next() (rec []string, line int, err error)
	close()
}

func openSource(data []byte, name string) (source, error) {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return openXLSX(data)
	}
	return openCSV(data)
}

// csvSource reads CSV. The reader skips blank lines and a quoted cell may span lines, so a row's
// number is its first line counted from the header's.
type csvSource struct {
	r          *csv.Reader
	headerLine int
}

func openCSV(data []byte) (source, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.empty")
	}
	if !utf8.Valid(data) {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.utf8")
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvSource{r: r}, nil
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, 0, io.EOF
	}
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return nil, 0, survey.Errorf(survey.EINVALID, "err.paper.csvrow", perr.StartLine, perr.Err.Error())
	} else if err != nil {
		return nil, 0, survey.Errorf(survey.EINVALID, "err.paper.csv")
	}
	line, _ := s.r.FieldPos(0)
	if s.headerLine == 0 {
		s.headerLine = line
	}
	return rec, line - s.headerLine + 1, nil
}

func (s *csvSource) close() {}

// xlsxSource reads the first sheet of a workbook, row by row.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	n    int
}

func openXLSX(data []byte) (source, error) {
	slim, err := slimXLSX(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(slim), excelize.Options{UnzipSizeLimit: maxUnpacked})
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, survey.Errorf(survey.EINVALID, "err.paper.nosheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, survey.Errorf(survey.EINVALID, "err.paper.sheet")
	}
	return &xlsxSource{f: f, rows: rows}, nil
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if s.n == 0 {
			return nil, 0, survey.Errorf(survey.EINVALID, "err.paper.empty")
		}
		return nil, 0, io.EOF
	}
	s.n++
	rec, err := s.rows.Columns()
	if err != nil {
		return nil, 0, survey.Errorf(survey.EINVALID, "err.paper.xlsxrow", s.n)
	}
	return rec, s.n, nil
}

func (s *xlsxSource) close() {
	s.rows.Close()
	s.f.Close()
}

// Records hands fn every record of a CSV file or XLSX workbook (as Read reads them) with its row
// number, the header being row 1, stopping at fn's first error: for spreadsheets other than
// questionnaires, read in the memory of one record. rec is only valid while fn runs.
func Records(data []byte, name string, fn func(rec []string, line int) error) error {
	src, err := openSource(data, name)
	if err != nil {
		return err
	}
	defer src.close()
	for n := 0; ; n++ {
		rec, line, err := src.next()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if n > MaxRows {
			return survey.Errorf(survey.EINVALID, "err.paper.rows", MaxRows)
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}
