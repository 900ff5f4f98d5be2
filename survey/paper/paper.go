// Package paper reads the results of paper questionnaires from the spreadsheets that units type
// them into: CSV as spreadsheet programs export it, or an XLSX workbook. It is the domain's only
// file-format adapter, kept apart so that survey imports no file-format library.
package paper

import (
	"io"
	"time"

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
	// Kind is what the file says Suggestion is: survey.KindComplaint, KindSuggestion or
	// KindPraise; "" when it does not say, which imports read as a suggestion.
	Kind string
	// Date is the survey date, when the file has one (noon in the options' location).
	Date time.Time
}

// Options tune Read and NewScanner.
type Options struct {
	// AnswersOnly reads only the U1..U9 columns, ignoring every other column.
	AnswersOnly bool
	// Location places the dates of the file; UTC when nil.
	Location *time.Location
	// Asked lists the profile fields ("gender", "age", "education", "occupation") the
	// questionnaire asks; nil means all of them. A file with a column for another is refused: it
	// was made for another questionnaire.
	Asked []string
	// Questionnaire names the questionnaire the file must fit, such as "v3 of campaign 2026-S2", in
	// the messages that refuse a file made for another.
	Questionnaire survey.Message
}

// MaxRows bounds one imported file.
const MaxRows = 100_000

// maxListed bounds the problems listed in an error, so a wholly wrong file gives a readable answer.
const maxListed = 100

// Read reads every paper questionnaire of a CSV file (comma or semicolon separated, with or
// without a UTF-8 byte-order mark, as spreadsheet programs export them) or an XLSX workbook (its
// first sheet), chosen by the name's extension or the content. The header names the columns U1..U9
// in any order; a blank cell is an unanswered question. Any bad cell fails the whole file with an
// EINVALID *survey.Error whose Details name every bad row and column (the first hundred).
func Read(r io.Reader, name string, opts Options) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.unreadable")
	}
	sc, err := NewScanner(data, name, opts)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	var rows []Row
	var probs problems
	for sc.Scan() {
		rows = append(rows, sc.Row())
		probs.list = append(probs.list, sc.Problems()...)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := probs.err("err.paper.file.one", "err.paper.file.many"); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.noquestionnaires")
	}
	return rows, nil
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
	return ProblemsError(one, many, p.list, len(p.list))
}

// ProblemsError returns an EINVALID error naming the count of problems, said by the key one for a
// single problem and many for more, listing the first hundred of them and how many more there are.
func ProblemsError(one, many string, listed []survey.Message, count int) error {
	details := listed[:min(len(listed), maxListed):min(len(listed), maxListed)]
	if count > len(details) {
		details = append(details, survey.Msg("err.paper.more", count-len(details)))
	}
	key := many
	if count == 1 {
		key = one
	}
	return &survey.Error{Code: survey.EINVALID, Message: survey.Msg(key, count), Details: details}
}
