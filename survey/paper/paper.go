// Package paper reads the results of paper questionnaires from the spreadsheets that units type
// them into: CSV as spreadsheet programs export it, or an XLSX workbook. It is the domain's only
// file-format adapter, kept apart so that survey imports no file-format library.
package paper

import (
	"archive/zip"
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

// fieldNames are the catalogue's words for the optional columns' fields.
var fieldNames = map[string]string{
	"service":    "paper.field.service",
	"gender":     "paper.field.gender",
	"age":        "paper.field.age",
	"education":  "paper.field.education",
	"occupation": "paper.field.occupation",
	"suggestion": "paper.field.suggestion",
	"date":       "paper.field.date",
}

// Read reads paper questionnaires from a CSV file (comma or semicolon separated, with or
// without a UTF-8 byte-order mark, as spreadsheet programs export them) or an XLSX workbook (its
// first sheet), chosen by the name's extension or the content. The header names the columns U1..U9
// in any order; a blank cell is an unanswered question. Any bad cell fails the whole file with an
// EINVALID *survey.Error whose Details name every bad row and column.
func Read(r io.Reader, name string, opts Options) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.unreadable")
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
		return nil, survey.Errorf(survey.EINVALID, "err.paper.empty")
	}
	if !utf8.Valid(data) {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.utf8")
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
			return nil, survey.Errorf(survey.EINVALID, "err.paper.csvrow", perr.StartLine, perr.Err.Error())
		} else if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.csv")
		}
		// The reader skips blank lines and a quoted cell may span lines; blank records fill the
		// gaps, so that record i is line i+1 counted from the header and errors name the row a
		// person sees.
		line, _ := cr.FieldPos(0)
		if headerLine == 0 {
			headerLine = line
		}
		if line-headerLine > MaxRows {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.rows", MaxRows)
		}
		for len(records) < line-headerLine {
			records = append(records, nil)
		}
		records = append(records, rec)
	}
	return records, nil
}

// A workbook is a zip archive, and a few hundred kilobytes of it can unpack to gigabytes. Only
// the parts that hold a sheet's cells are read (questionParts), each checked against what a
// sheet of questionnaires unpacks to before anything is unpacked. archive/zip stops a part at
// the size it declares, so the declared sizes bound the work.
const (
	// maxUnpacked bounds the parts read, unpacked: a sheet of MaxRows questionnaires with a
	// suggestion each is about 40 MB.
	maxUnpacked = 128 << 20
	// maxRatio bounds how many times its packed size a part over ratioFrom unpacks to: sheets
	// unpack to 10 to 15 times theirs.
	maxRatio  = 100
	ratioFrom = 1 << 20
)

// questionParts reports whether a part of a workbook is one reading its sheets needs: the
// package's and workbook's descriptions and relations, the styles (dates are formatted cells),
// the shared strings and the worksheets. Images, drawings, themes, macros and the rest are never
// unpacked.
func questionParts(name string) bool {
	switch name {
	case "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml":
		return true
	}
	return strings.HasPrefix(name, "xl/worksheets/") && !strings.Contains(name[len("xl/worksheets/"):], "/") && strings.HasSuffix(name, ".xml")
}

// slimXLSX returns the workbook with only the parts reading it needs, copied without unpacking,
// or an error when one of them would unpack to more than a sheet of questionnaires can.
func slimXLSX(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	var total uint64
	for _, f := range zr.File {
		if !questionParts(f.Name) {
			continue
		}
		if f.UncompressedSize64 > ratioFrom && f.UncompressedSize64 > maxRatio*f.CompressedSize64 {
			return nil, survey.Errorf(survey.ETOOLARGE, "err.paper.ratio", f.Name, maxRatio)
		}
		if total += f.UncompressedSize64; total > maxUnpacked {
			return nil, survey.Errorf(survey.ETOOLARGE, "err.paper.unpacked", maxUnpacked>>20)
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func readXLSX(data []byte) ([][]string, error) {
	slim, err := slimXLSX(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(slim), excelize.Options{UnzipSizeLimit: maxUnpacked})
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.nosheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.sheet")
	}
	defer rows.Close()
	var records [][]string
	for rows.Next() {
		rec, err := rows.Columns()
		if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsxrow", len(records)+1)
		}
		if len(records) > MaxRows {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.rows", MaxRows)
		}
		records = append(records, rec)
	}
	if len(records) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.empty")
	}
	return records, nil
}

// problems collects the bad cells of a file.
type problems struct{ list []survey.Message }

func (p *problems) add(key string, a ...any) {
	p.list = append(p.list, survey.Msg(key, a...))
}

// err returns the problems as one error, said by the key one for a single problem and many for
// more, each taking their number.
func (p *problems) err(one, many string) error {
	if len(p.list) == 0 {
		return nil
	}
	details := p.list
	if len(details) > maxListed {
		details = append(details[:maxListed:maxListed], survey.Msg("err.paper.more", len(p.list)-maxListed))
	}
	key := many
	if len(p.list) == 1 {
		key = one
	}
	return &survey.Error{Code: survey.EINVALID, Message: survey.Msg(key, len(p.list)), Details: details}
}

func parse(records [][]string, opts Options) ([]Row, error) {
	if len(records) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.empty")
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
				probs.add("err.paper.header.twice", survey.ElementCodes[i])
			}
			elementCol[i] = col
		} else if f, ok := columns[key]; ok && !opts.AnswersOnly {
			if _, dup := fieldCol[f]; dup {
				probs.add("err.paper.header.field", survey.Msg(fieldNames[f]))
			}
			fieldCol[f] = col
		}
	}
	for i, col := range elementCol {
		if col < 0 {
			probs.add("err.paper.header.missing", survey.ElementCodes[i])
		}
	}
	if err := probs.err("err.paper.header.one", "err.paper.header.many"); err != nil {
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
				probs.add("err.paper.cell.score", line, survey.ElementCodes[i], v)
				continue
			}
			row.Answers[i] = int8(score)
		}
		if filled == 0 {
			probs.add("err.paper.cell.unanswered", line)
		}
		if !opts.AnswersOnly {
			readProfile(&row, cell, fieldCol, loc, &probs)
		}
		rows = append(rows, row)
	}
	if err := probs.err("err.paper.file.one", "err.paper.file.many"); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.noquestionnaires")
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
		probs.add("err.paper.cell.suggestion", row.Line, survey.MaxSuggestion)
	}
	if v := get("gender"); v != "" {
		switch strings.ToLower(v) {
		case "l", "laki-laki", "laki laki", "male", "m":
			row.Profile.Gender = "L"
		case "p", "perempuan", "female", "f":
			row.Profile.Gender = "P"
		default:
			probs.add("err.paper.cell.gender", row.Line, v)
		}
	}
	if v := get("age"); v != "" {
		age, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || age < 10 || age > 120 {
			probs.add("err.paper.cell.age", row.Line, v)
		}
		row.Profile.Age = age
	}
	if v := get("education"); v != "" {
		if row.Profile.Education = matchCategory(normaliseEducation(v), survey.Educations); row.Profile.Education == "" {
			probs.add("err.paper.cell.education", row.Line, v, strings.Join(survey.Educations, ", "))
		}
	}
	if v := get("occupation"); v != "" {
		if row.Profile.Occupation = matchCategory(v, survey.Occupations); row.Profile.Occupation == "" {
			probs.add("err.paper.cell.occupation", row.Line, v, strings.Join(survey.Occupations, ", "))
		}
	}
	if v := get("date"); v != "" {
		d, err := parseDate(v, loc)
		if err != nil {
			probs.add("err.paper.cell.date", row.Line, v)
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
