package mongo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey"
)

// The issued-file registry keeps each record twice, keyed by number and keyed by digest, because
// the embedded store serves only _id equality without a scan; both copies are whole records, so
// either lookup needs one read.
const (
	colIssued       = "issued_reports"
	colIssuedHashes = "issued_report_hashes"
)

type issuedDoc struct {
	ID       string            `bson:"_id"`
	Number   string            `bson:"number"`
	Kind     survey.ReportKind `bson:"kind"`
	Campaign string            `bson:"campaign"`
	Unit     string            `bson:"unit,omitempty"`
	SHA256   string            `bson:"sha256"`
	Bytes    int64             `bson:"bytes"`
	IssuedAt time.Time         `bson:"issuedAt"`
	IssuedBy string            `bson:"issuedBy"`
	Lang     string            `bson:"lang"`
	// Generation is omitted for files issued on download, as records made before final reports
	// existed are.
	Generation int `bson:"generation,omitempty"`
}

func toIssuedDoc(id string, r *survey.IssuedReport) issuedDoc {
	return issuedDoc{ID: id, Number: r.Number, Kind: r.Kind, Campaign: r.Campaign, Unit: r.Unit, SHA256: r.SHA256,
		Bytes: r.Bytes, IssuedAt: r.IssuedAt.UTC(), IssuedBy: r.IssuedBy, Lang: r.Lang, Generation: r.Generation}
}

func (d *issuedDoc) report() *survey.IssuedReport {
	return &survey.IssuedReport{Number: d.Number, Kind: d.Kind, Campaign: d.Campaign, Unit: d.Unit, SHA256: d.SHA256,
		Bytes: d.Bytes, IssuedAt: d.IssuedAt, IssuedBy: d.IssuedBy, Lang: d.Lang, Generation: d.Generation}
}

func hashKey(digest string) string { return "sha256:" + digest }

// RecordIssued saves the record of an issued file: first under its number, which decides any
// conflict, then under its digest. A retry after a failure between the two inserts completes the
// second one.
func (s *Store) RecordIssued(ctx context.Context, r *survey.IssuedReport) error {
	if err := r.Validate(); err != nil {
		return err
	}
	_, err := s.db.Collection(colIssued).InsertOne(ctx, toIssuedDoc(r.Number, r))
	if driver.IsDuplicateKeyError(err) {
		prev, err := s.IssuedByNumber(ctx, r.Number)
		if err != nil {
			return err
		}
		if prev.SHA256 != r.SHA256 {
			return survey.Errorf(survey.ECONFLICT, "err.issued.taken", r.Number)
		}
		r = prev
	} else if err != nil {
		return storeErr(fmt.Errorf("record issued report: %w", err))
	}
	// The number is part of the file's bytes, so a digest is never recorded under two numbers:
	// a duplicate here is this same record.
	_, err = s.db.Collection(colIssuedHashes).InsertOne(ctx, toIssuedDoc(hashKey(r.SHA256), r))
	if err != nil && !driver.IsDuplicateKeyError(err) {
		return storeErr(fmt.Errorf("record issued report digest: %w", err))
	}
	return nil
}

// IssuedByNumber returns the record of the file issued under the number.
func (s *Store) IssuedByNumber(ctx context.Context, number string) (*survey.IssuedReport, error) {
	r, err := s.findIssued(ctx, colIssued, number)
	if err == driver.ErrNoDocuments {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.issued.nonumber", number)
	}
	return r, err
}

// IssuedBySHA256 returns the record of the file with the digest.
func (s *Store) IssuedBySHA256(ctx context.Context, digest string) (*survey.IssuedReport, error) {
	r, err := s.findIssued(ctx, colIssuedHashes, hashKey(digest))
	if err == driver.ErrNoDocuments {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.issued.nodigest", digest)
	}
	return r, err
}

// findIssued returns driver.ErrNoDocuments itself, for the callers to word.
func (s *Store) findIssued(ctx context.Context, col, id string) (*survey.IssuedReport, error) {
	var d issuedDoc
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if err == driver.ErrNoDocuments {
		return nil, err
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find issued report: %w", err))
	}
	return d.report(), nil
}

// A final report is kept as one document per generation, whose unique _id makes the first of two
// people issuing it at once the only one to succeed, and its files' bytes in chunks. Nothing is
// ever updated in place, which the embedded store could not make atomic.
const (
	colFinals      = "final_reports"
	colFinalChunks = "final_report_chunks"
)

type finalDoc struct {
	ID         string            `bson:"_id"`
	Kind       survey.ReportKind `bson:"kind"`
	Campaign   string            `bson:"campaign"`
	Unit       string            `bson:"unit,omitempty"`
	Generation int               `bson:"generation"`
	Files      []finalFileDoc    `bson:"files"`
	IssuedAt   time.Time         `bson:"issuedAt"`
	IssuedBy   string            `bson:"issuedBy"`
	Reason     string            `bson:"reason,omitempty"`
}

// finalFileDoc is a file of a final report: its record and the number of chunks of its bytes.
type finalFileDoc struct {
	Record issuedDoc `bson:"record"`
	Chunks int       `bson:"chunks"`
}

func finalID(kind survey.ReportKind, campaign, unit string, n int) string {
	return fmt.Sprintf("%s/%s/%s/%d", kind, campaign, unit, n)
}

// IssueFinal keeps the files' bytes and records them, then writes the generation's document, the
// moment the report is issued. A failure before that leaves nothing anyone can download, and a
// record that verification does not call final (survey.FinalStateOf).
func (s *Store) IssueFinal(ctx context.Context, f *survey.FinalReport, pdfs map[string][]byte) error {
	if err := f.Validate(); err != nil {
		return err
	}
	d := finalDoc{ID: finalID(f.Kind, f.Campaign, f.Unit, f.Generation), Kind: f.Kind, Campaign: f.Campaign, Unit: f.Unit,
		Generation: f.Generation, IssuedAt: f.IssuedAt.UTC(), IssuedBy: f.IssuedBy, Reason: strings.TrimSpace(f.Reason)}
	for i := range f.Files {
		r := &f.Files[i]
		pdf := pdfs[r.Number]
		if survey.SHA256Hex(pdf) != r.SHA256 || int64(len(pdf)) != r.Bytes {
			return survey.Errorf(survey.EINVALID, "err.final.bytes", r.Number)
		}
		n, err := s.writeChunks(ctx, colFinalChunks, r.Number, pdf, time.Time{})
		if err != nil {
			return err
		}
		if err := s.RecordIssued(ctx, r); err != nil {
			return err
		}
		d.Files = append(d.Files, finalFileDoc{Record: toIssuedDoc(r.Number, r), Chunks: n})
	}
	_, err := s.db.Collection(colFinals).InsertOne(ctx, d)
	if driver.IsDuplicateKeyError(err) {
		return s.lostFinal(ctx, f)
	}
	return storeErr(err)
}

// lostFinal removes the bytes of a generation another person issued first, unless that issue
// holds the same file (the same request at the same instant), and says who was first.
func (s *Store) lostFinal(ctx context.Context, f *survey.FinalReport) error {
	won, err := s.FinalReport(ctx, f.Kind, f.Campaign, f.Unit, f.Generation)
	if err != nil {
		return err
	}
	for _, r := range f.Files {
		if mine, ok := won.File(r.Lang); ok && mine.Number == r.Number {
			continue
		}
		if err := s.deleteChunks(ctx, colFinalChunks, r.Number, int((r.Bytes+chunkBytes-1)/chunkBytes)); err != nil {
			return err
		}
	}
	return survey.Errorf(survey.ECONFLICT, "err.final.taken", f.Generation, won.IssuedBy)
}

// FinalReport returns generation n of a report.
func (s *Store) FinalReport(ctx context.Context, kind survey.ReportKind, campaign, unit string, n int) (*survey.FinalReport, error) {
	var d finalDoc
	if err := s.findByID(ctx, colFinals, finalID(kind, campaign, unit, n), &d, survey.Msg("err.final.notfound", campaign)); err != nil {
		return nil, err
	}
	f := &survey.FinalReport{Kind: d.Kind, Campaign: d.Campaign, Unit: d.Unit, Generation: d.Generation, IssuedAt: d.IssuedAt,
		IssuedBy: d.IssuedBy, Reason: d.Reason}
	for _, fd := range d.Files {
		f.Files = append(f.Files, *fd.Record.report())
	}
	return f, nil
}

// FinalFile returns the bytes of a final report's file, which its record sizes.
func (s *Store) FinalFile(ctx context.Context, number string) ([]byte, error) {
	r, err := s.IssuedByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if r.Generation == 0 {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.final.nofile", number)
	}
	return s.readChunks(ctx, colFinalChunks, number, int((r.Bytes+chunkBytes-1)/chunkBytes), r.Bytes)
}
