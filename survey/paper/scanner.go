package paper

import (
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/skm-engine/skm/survey"
)

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
	"type": "kind", "jenis": "kind", "jenis pesan": "kind", "jenis_pesan": "kind",
}

// messageKinds maps the accepted values of the type column (lower case) to a case kind.
var messageKinds = map[string]string{
	"keluhan": survey.KindComplaint, "pengaduan": survey.KindComplaint, "complaint": survey.KindComplaint,
	"saran": survey.KindSuggestion, "suggestion": survey.KindSuggestion,
	"pujian": survey.KindPraise, "praise": survey.KindPraise,
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
	"kind":       "paper.field.kind",
}

// ProfileFields are the profile questions a questionnaire may ask, by the names Options.Asked uses.
var ProfileFields = []string{"service", "gender", "age", "education", "occupation"}

// questionCode is a column that names a question the way elements are named: a file with one the
// regulation does not know was made for another questionnaire.
var questionCode = regexp.MustCompile(`^U[0-9]+$`)

// Scanner reads a file's paper questionnaires one at a time, so that a file of any length is read
// in the memory of one row beside the file itself.
type Scanner struct {
	src        source
	opts       Options
	loc        *time.Location
	elementCol [9]int
	fieldCol   map[string]int
	row        Row
	probs      problems
	records    int
	err        error
}

// NewScanner opens a file (as Read describes) and reads its header. EINVALID when the file cannot
// be read or the header does not fit: an element's column missing or twice, or, unless
// AnswersOnly, a column the questionnaire does not ask, listed as one error.
func NewScanner(data []byte, name string, opts Options) (*Scanner, error) {
	src, err := openSource(data, name)
	if err != nil {
		return nil, err
	}
	s := &Scanner{src: src, opts: opts, loc: opts.Location, fieldCol: map[string]int{}}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.opts.Questionnaire.Key == "" {
		s.opts.Questionnaire = survey.Msg("paper.questionnaire.any")
	}
	header, _, err := src.next()
	if err == nil {
		err = s.readHeader(header)
	} else if errors.Is(err, io.EOF) {
		err = survey.Errorf(survey.EINVALID, "err.paper.empty")
	}
	if err != nil {
		src.close()
		return nil, err
	}
	return s, nil
}

func (s *Scanner) readHeader(header []string) error {
	s.elementCol = [9]int{-1, -1, -1, -1, -1, -1, -1, -1, -1}
	var probs problems
	for col, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if i, ok := survey.ElementIndex(strings.ToUpper(key)); ok {
			if s.elementCol[i] >= 0 {
				probs.add("err.paper.header.twice", survey.ElementCodes[i])
			}
			s.elementCol[i] = col
			continue
		}
		if s.opts.AnswersOnly {
			continue
		}
		if questionCode.MatchString(strings.ToUpper(key)) {
			probs.add("err.paper.header.element", strings.ToUpper(key), s.opts.Questionnaire)
			continue
		}
		f, ok := columns[key]
		if !ok {
			continue
		}
		if slices.Contains(ProfileFields, f) && s.opts.Asked != nil && !slices.Contains(s.opts.Asked, f) {
			probs.add("err.paper.header.notasked", strings.TrimSpace(h), s.opts.Questionnaire)
			continue
		}
		if _, dup := s.fieldCol[f]; dup {
			probs.add("err.paper.header.field", survey.Msg(fieldNames[f]))
		}
		s.fieldCol[f] = col
	}
	for i, col := range s.elementCol {
		if col < 0 {
			probs.add("err.paper.header.missing", survey.ElementCodes[i])
		}
	}
	return probs.err("err.paper.header.one", "err.paper.header.many")
}

// Scan reads the next questionnaire, skipping blank rows. It returns false at the end of the file
// or when the file cannot be read further (Err says why). A row with bad cells is still returned,
// with those cells left blank; Problems lists them.
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	for {
		rec, line, err := s.src.next()
		if errors.Is(err, io.EOF) {
			return false
		} else if err != nil {
			s.err = err
			return false
		}
		if s.records++; s.records > MaxRows {
			s.err = survey.Errorf(survey.EINVALID, "err.paper.rows", MaxRows)
			return false
		}
		if blankRecord(rec) {
			continue
		}
		s.probs.list = s.probs.list[:0]
		s.row = s.parse(rec, line)
		return true
	}
}

// Row returns the questionnaire Scan read.
func (s *Scanner) Row() Row { return s.row }

// Problems returns the bad cells of the row Scan read; valid until the next Scan.
func (s *Scanner) Problems() []survey.Message { return s.probs.list }

// Err returns the error that stopped the reading, if any.
func (s *Scanner) Err() error { return s.err }

// Close releases the file.
func (s *Scanner) Close() { s.src.close() }

func (s *Scanner) parse(rec []string, line int) Row {
	cell := func(col int) string {
		if col < 0 || col >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[col])
	}
	row := Row{Line: line}
	filled := 0
	for i, col := range s.elementCol {
		v := cell(col)
		if v == "" {
			continue
		}
		filled++
		score, err := strconv.Atoi(strings.TrimSuffix(v, ".0"))
		if err != nil || score < 1 || score > 4 {
			s.probs.add("err.paper.cell.score", line, survey.ElementCodes[i], v)
			continue
		}
		row.Answers[i] = int8(score)
	}
	if filled == 0 {
		s.probs.add("err.paper.cell.unanswered", line)
	}
	if !s.opts.AnswersOnly {
		s.readProfile(&row, cell)
	}
	return row
}

func (s *Scanner) readProfile(row *Row, cell func(int) string) {
	get := func(f string) string {
		if col, ok := s.fieldCol[f]; ok {
			return cell(col)
		}
		return ""
	}
	probs := &s.probs
	row.Service = strings.ToLower(get("service"))
	row.Suggestion = get("suggestion")
	if utf8.RuneCountInString(row.Suggestion) > survey.MaxSuggestion {
		probs.add("err.paper.cell.suggestion", row.Line, survey.MaxSuggestion)
	}
	if v := get("kind"); v != "" {
		if row.Kind = messageKinds[strings.ToLower(v)]; row.Kind == "" {
			probs.add("err.paper.cell.kind", row.Line, v)
		}
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
		d, err := parseDate(v, s.loc)
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
