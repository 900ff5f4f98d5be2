// Package paper reads the results of paper questionnaires from the spreadsheets that units type
// them into: CSV as spreadsheet programs export it, or an XLSX workbook. It is the domain's only
// file-format adapter, kept apart so that survey imports no file-format library.
package paper

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/survey"
)

// Row is one paper questionnaire read from a spreadsheet.
type Row struct {
	// Line is the row's number in the file; the header is row 1.
	Line       int
	Answers    survey.Answers
	Service    string
	Profile    survey.Profile
	Suggestion string
	// Date is the survey date, when the file has one (noon in the options' location).
	Date time.Time
}

// Options tune Read.
type Options struct {
	// AnswersOnly reads only the U1..U9 columns, ignoring every other column.
	AnswersOnly bool
	// Location places the dates of the file; UTC when nil.
	Location *time.Location
}

// MaxRows bounds one imported file.
const MaxRows = 100_000

// maxListed bounds the problems listed in an error, so a wholly wrong file gives a readable answer.
const maxListed = 100

// columns maps the accepted header names (lower case) of the optional columns, in Indonesian
// and English, to a field.
var columns = map[string]string{
	"service": "service", "layanan": "service", "jenis layanan": "service", "jenis_layanan": "service",
	"gender": "gender", "jenis kelamin": "gender", "jenis_kelamin": "gender", "jk": "gender",
	"age": "age", "umur": "age", "usia": "age",
	"education": "education", "pendidikan": "education",
	"occupation": "occupation", "pekerjaan": "occupation",
	"suggestion": "suggestion", "saran": "suggestion", "saran_masukan": "suggestion", "pengaduan": "suggestion",
	"date": "date", "tanggal": "date",
}

// Read reads paper questionnaires from a CSV file (comma or semicolon separated, with or
// without a UTF-8 byte-order mark, as spreadsheet programs export them) or an XLSX workbook (its
// first sheet), chosen by the name's extension or the content. The header names the columns U1..U9
// in any order; a blank cell is an unanswered question. Any bad cell fails the whole file with an
// EINVALID *survey.Error whose Details name every bad row and column.
func Read(r io.Reader, name string, opts Options) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "The file cannot be read.")
	}
	var records [][]string
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		records, err = readXLSX(data)
	} else {
		records, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	return parse(records, opts)
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "The file is empty.")
	}
	if !utf8.Valid(data) {
		return nil, survey.Errorf(survey.EINVALID, "The file is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\".")
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	var records [][]string
	headerLine := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, survey.Errorf(survey.EINVALID, "Row %d is not valid CSV: %s.", perr.StartLine, perr.Err)
		} else if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "The file cannot be read as CSV.")
		}
		// The reader skips blank lines and a quoted cell may span lines; blank records fill the
		// gaps, so that record i is line i+1 counted from the header and errors name the row a
		// person sees.
		line, _ := cr.FieldPos(0)
		if headerLine == 0 {
			headerLine = line
		}
		if line-headerLine > MaxRows {
			return nil, survey.Errorf(survey.EINVALID, "The file has more than %d rows; split it.", MaxRows)
		}
		for len(records) < line-headerLine {
			records = append(records, nil)
		}
		records = append(records, rec)
	}
	return records, nil
}

func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "The file is not a readable XLSX workbook.")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "The workbook has no sheet.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "The first sheet of the workbook cannot be read.")
	}
	defer rows.Close()
	var records [][]string
	for rows.Next() {
		rec, err := rows.Columns()
		if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "Row %d of the workbook cannot be read.", len(records)+1)
		}
		if len(records) > MaxRows {
			return nil, survey.Errorf(survey.EINVALID, "The file has more than %d rows; split it.", MaxRows)
		}
		records = append(records, rec)
	}
	if len(records) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "The file is empty.")
	}
	return records, nil
}

// problems collects the bad cells of a file.
type problems struct{ list []survey.Message }

func (p *problems) add(format string, a ...any) {
	p.list = append(p.list, survey.Msg(format, a...))
}

func (p *problems) err(what string) error {
	if len(p.list) == 0 {
		return nil
	}
	details := p.list
	if len(details) > maxListed {
		details = append(details[:maxListed:maxListed], survey.Msg("… and %d more", len(p.list)-maxListed))
	}
	noun := "problems"
	if len(p.list) == 1 {
		noun = "problem"
	}
	return &survey.Error{Code: survey.EINVALID, Message: survey.Msg("%s: %d %s; nothing was read.", what, len(p.list), noun), Details: details}
}

func parse(records [][]string, opts Options) ([]Row, error) {
	if len(records) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "The file is empty.")
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	elementCol := [9]int{-1, -1, -1, -1, -1, -1, -1, -1, -1}
	fieldCol := map[string]int{}
	var probs problems
	for col, h := range records[0] {
		key := strings.ToLower(strings.TrimSpace(h))
		if i, ok := survey.ElementIndex(strings.ToUpper(key)); ok {
			if elementCol[i] >= 0 {
				probs.add("header: column %s appears twice", survey.ElementCodes[i])
			}
			elementCol[i] = col
		} else if f, ok := columns[key]; ok && !opts.AnswersOnly {
			if _, dup := fieldCol[f]; dup {
				probs.add("header: two columns give the %s", f)
			}
			fieldCol[f] = col
		}
	}
	for i, col := range elementCol {
		if col < 0 {
			probs.add("header: column %s is missing (the header must name U1 to U9)", survey.ElementCodes[i])
		}
	}
	if err := probs.err("The header is wrong"); err != nil {
		return nil, err
	}
	var rows []Row
	for n, rec := range records[1:] {
		line := n + 2
		cell := func(col int) string {
			if col < 0 || col >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[col])
		}
		if blankRecord(rec) {
			continue
		}
		row := Row{Line: line}
		filled := 0
		for i, col := range elementCol {
			v := cell(col)
			if v == "" {
				continue
			}
			filled++
			score, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
			if err != nil || score < 1 || score > 4 {
				probs.add("row %d, column %s: %q is not a score from 1 to 4", line, survey.ElementCodes[i], v)
				continue
			}
			row.Answers[i] = int8(score)
		}
		if filled == 0 {
			probs.add("row %d: no question answered (U1 to U9 are all blank)", line)
		}
		if !opts.AnswersOnly {
			readProfile(&row, cell, fieldCol, loc, &probs)
		}
		rows = append(rows, row)
	}
	if err := probs.err("The file has errors"); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "The file has a header but no questionnaires.")
	}
	return rows, nil
}

func readProfile(row *Row, cell func(int) string, cols map[string]int, loc *time.Location, probs *problems) {
	get := func(f string) string {
		if col, ok := cols[f]; ok {
			return cell(col)
		}
		return ""
	}
	row.Service = strings.ToLower(get("service"))
	row.Suggestion = get("suggestion")
	if utf8.RuneCountInString(row.Suggestion) > survey.MaxSuggestion {
		probs.add("row %d, column suggestion: longer than %d characters", row.Line, survey.MaxSuggestion)
	}
	if v := get("gender"); v != "" {
		switch strings.ToLower(v) {
		case "l", "laki-laki", "laki laki", "male", "m":
			row.Profile.Gender = "L"
		case "p", "perempuan", "female", "f":
			row.Profile.Gender = "P"
		default:
			probs.add("row %d, column gender: %q is not L (laki-laki) or P (perempuan)", row.Line, v)
		}
	}
	if v := get("age"); v != "" {
		age, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || age < 10 || age > 120 {
			probs.add("row %d, column age: %q is not an age from 10 to 120", row.Line, v)
		}
		row.Profile.Age = age
	}
	if v := get("education"); v != "" {
		if row.Profile.Education = matchCategory(normaliseEducation(v), survey.Educations); row.Profile.Education == "" {
			probs.add("row %d, column education: %q is not one of %s", row.Line, v, strings.Join(survey.Educations, ", "))
		}
	}
	if v := get("occupation"); v != "" {
		if row.Profile.Occupation = matchCategory(v, survey.Occupations); row.Profile.Occupation == "" {
			probs.add("row %d, column occupation: %q is not one of %s", row.Line, v, strings.Join(survey.Occupations, ", "))
		}
	}
	if v := get("date"); v != "" {
		d, err := parseDate(v, loc)
		if err != nil {
			probs.add("row %d, column date: %q is not a date such as 2026-08-17 or 17/08/2026", row.Line, v)
		}
		row.Date = d
	}
}

func blankRecord(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

func matchCategory(v string, set []string) string {
	for _, s := range set {
		if strings.EqualFold(strings.TrimSpace(v), s) {
			return s
		}
	}
	return ""
}

func normaliseEducation(v string) string {
	switch strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(v), "–", "-")) {
	case "D1", "D2", "D3", "D1-D3", "DIPLOMA":
		return "D1-D3"
	}
	return v
}

func parseDate(v string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006"} {
		if d, err := time.ParseInLocation(layout, v, loc); err == nil {
			return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc), nil
		}
	}
	return time.Time{}, errors.New("bad date")
}
