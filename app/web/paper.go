package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// PaperFile is a spreadsheet of paper questionnaires for one unit of a campaign, as the import
// page and the API receive it. Both read it through here, so that one file gives the same
// questionnaires, the same submission keys and the same refusals whichever way it arrives.
type PaperFile struct {
	Campaign      *survey.Campaign
	Questionnaire *survey.Questionnaire
	Unit          *survey.Unit
	Region        *survey.Region
	Name          string
	Data          []byte
}

// PaperCheck is what a file of paper questionnaires holds, read before anything is stored.
type PaperCheck struct {
	// Rows is the number of questionnaires, Suggestions how many carry a message, and Complaints
	// how many of those are complaints, which start the unit's clock when imported.
	Rows, Suggestions, Complaints int
	// Counts are the counts of the file's questionnaires alone.
	Counts survey.Counts
	// Problems lists the first maxPaperProblems bad cells and rows; ProblemCount counts them all.
	Problems     []survey.Message
	ProblemCount int
	// Stored says whether an earlier import of the same file stored its questionnaires: none,
	// some (that import was interrupted) or all of them.
	Stored PaperStored
}

// PaperStored is how much of a file an earlier import stored.
type PaperStored int

// How much of a file is stored already.
const (
	StoredNone PaperStored = iota
	StoredSome
	StoredAll
)

// PaperResult reports an import.
type PaperResult struct {
	Rows       int `json:"rows"`
	Stored     int `json:"stored"`
	Duplicates int `json:"duplicates"`
}

// maxPaperProblems bounds the problems kept of one file, so that a wholly wrong file of 100,000
// rows is answered in the memory of a few hundred messages.
const maxPaperProblems = 500

// PaperChunk bounds the questionnaires stored by one SubmitAll: one group commit writes them all,
// and a whole file of up to paper.MaxRows would outlast the store's batch timeout.
const PaperChunk = 1000

// options are the options the file is read with: the campaign's questionnaire decides which
// columns belong in it.
func (f *PaperFile) options() paper.Options {
	return paper.Options{Location: f.Region.Location(), Asked: AskedColumns(f.Questionnaire),
		Questionnaire: survey.Msg("paper.questionnaire", f.Questionnaire.Version, semesterOf(f.Campaign.Key))}
}

// semesterOf names a campaign's period in a message, as every page names it.
func semesterOf(key string) survey.Message {
	year, half, _ := survey.ParseSemester(key)
	return survey.Msg("period.semester", i18n.Roman(half), half, year)
}

// AskedColumns are the profile questions the version asks, by the names paper files use for them:
// the columns its paper template has and an imported file may have.
func AskedColumns(q *survey.Questionnaire) []string {
	asked := []string{}
	for _, f := range paper.ProfileFields {
		if q.Asks(f) {
			asked = append(asked, f)
		}
	}
	return asked
}

// fileID identifies the file's content for this campaign and unit: the same bytes are the same
// questionnaires, and their submission keys say so.
func (f *PaperFile) fileID() string {
	sum := sha256.Sum256(append([]byte(f.Campaign.Key+"|"+f.Unit.Slug+"|"), f.Data...))
	return hex.EncodeToString(sum[:])[:20]
}

func (f *PaperFile) key(id string, line int) string { return fmt.Sprintf("paper-%s-%d", id, line) }

// response is the questionnaire of a row, received now. Its message is what the type column
// says, a suggestion when it says nothing; a complaint's clock starts now, when it reaches the
// unit, not on the date written on the form.
func (f *PaperFile) response(id string, row paper.Row, now time.Time, openCases bool) *survey.Response {
	at := now
	if !row.Date.IsZero() {
		at = row.Date
	}
	r := &survey.Response{
		Key: f.key(id, row.Line), Campaign: f.Campaign.Key, Unit: f.Unit.Slug, Service: row.Service,
		Questionnaire: f.Campaign.Questionnaire, Answers: row.Answers, Profile: row.Profile, Channel: survey.ChannelPaper,
		Suggestion: row.Suggestion, CaseKind: row.Kind, SubmittedAt: at, Day: at.In(f.Region.Location()).Format(time.DateOnly),
	}
	if openCases {
		r.OpenCase(f.Region, now)
	}
	return r
}

// each reads the file row by row, giving fn each questionnaire with the problems of its row.
func (f *PaperFile) each(now time.Time, openCases bool, fn func(r *survey.Response, problems []survey.Message) error) error {
	sc, err := paper.NewScanner(f.Data, f.Name, f.options())
	if err != nil {
		return err
	}
	defer sc.Close()
	id := f.fileID()
	for sc.Scan() {
		row := sc.Row()
		r := f.response(id, row, now, openCases)
		problems := sc.Problems()
		// The service is the one cell only the unit can judge; the rest the scanner has judged,
		// and a row it passed is checked whole as a response.
		if _, ok := f.Unit.Service(row.Service); row.Service != "" && !ok {
			problems = append(problems[:len(problems):len(problems)],
				survey.Msg("err.import.row", row.Line, survey.Msg("err.response.service", f.Unit.Slug, row.Service)))
		} else if len(problems) == 0 {
			if err := r.Validate(f.Unit); err != nil {
				problems = []survey.Message{survey.Msg("err.import.row", row.Line, survey.ErrorMessage(err))}
			}
		}
		if err := fn(r, problems); err != nil {
			return err
		}
	}
	return sc.Err()
}

// CheckPaper reads the whole file without storing anything: its questionnaires, their counts,
// every bad cell, and whether an earlier import stored it. EINVALID for a file that cannot be read
// or whose header does not fit the campaign's questionnaire.
func (s *Server) CheckPaper(ctx context.Context, f *PaperFile) (*PaperCheck, error) {
	check := &PaperCheck{}
	tally := survey.NewCampaignTally(f.Campaign.Key)
	first, last := "", ""
	err := f.each(s.now(), false, func(r *survey.Response, problems []survey.Message) error {
		check.Rows++
		if first == "" {
			first = r.Key
		}
		last = r.Key
		if len(problems) > 0 {
			check.ProblemCount += len(problems)
			check.Problems = append(check.Problems, problems[:min(len(problems), maxPaperProblems-len(check.Problems))]...)
			return nil
		}
		if r.Suggestion != "" {
			check.Suggestions++
			if r.MessageKind() == survey.KindComplaint {
				check.Complaints++
			}
		}
		rec := survey.RecordOf(r, "")
		tally.Add(&rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if check.Rows == 0 {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.noquestionnaires")
	}
	check.Counts = tally.Unit(f.Unit.Slug).Total().All
	if check.Stored, err = s.storedPaper(ctx, first, last); err != nil {
		return nil, err
	}
	return check, nil
}

// storedPaper tells from a file's first and last questionnaires whether an earlier import stored
// it: an import stores the rows in order, so both mean all of them, the first alone some.
func (s *Server) storedPaper(ctx context.Context, first, last string) (PaperStored, error) {
	stored := func(key string) (bool, error) {
		_, err := s.Store.Response(ctx, key)
		if survey.ErrorCode(err) == survey.ENOTFOUND {
			return false, nil
		}
		return err == nil, err
	}
	hasFirst, err := stored(first)
	if err != nil || !hasFirst {
		return StoredNone, err
	}
	hasLast, err := stored(last)
	if err != nil || !hasLast {
		return StoredSome, err
	}
	return StoredAll, nil
}

// Err returns the check's problems as the error that refuses the file, or nil for a good file.
func (c *PaperCheck) Err() error {
	if c.ProblemCount == 0 {
		return nil
	}
	return paper.ProblemsError("err.import.problems.one", "err.import.problems.many", c.Problems, c.ProblemCount)
}

// ImportPaper stores a file's questionnaires after reading the whole file once more: a file with
// any bad cell is refused whole, before anything is stored. Each questionnaire's submission key
// derives from the file's content and its row, so the same file imported again stores nothing
// twice, and completes an import the store interrupted. The caller has checked who may import.
func (s *Server) ImportPaper(ctx context.Context, f *PaperFile) (PaperResult, error) {
	check, err := s.CheckPaper(ctx, f)
	if err != nil {
		return PaperResult{}, err
	}
	if err := check.Err(); err != nil {
		return PaperResult{}, err
	}
	res := PaperResult{Rows: check.Rows}
	batch := make([]*survey.Response, 0, PaperChunk)
	flush := func() error {
		receipts, err := s.Store.SubmitAll(ctx, batch)
		if err != nil {
			if done := res.Stored + res.Duplicates; done > 0 {
				return survey.Errorf(survey.ErrorCode(err), "err.import.partial", survey.ErrorMessage(err), done, res.Rows)
			}
			return err
		}
		for _, rc := range receipts {
			if rc.Duplicate {
				res.Duplicates++
			} else {
				res.Stored++
			}
		}
		batch = batch[:0]
		return nil
	}
	err = f.each(s.now(), true, func(r *survey.Response, _ []survey.Message) error {
		if batch = append(batch, r); len(batch) == PaperChunk {
			return flush()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	return res, err
}
