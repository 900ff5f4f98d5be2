package mongo

import (
	"context"
	"fmt"
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
}

func toIssuedDoc(id string, r *survey.IssuedReport) issuedDoc {
	return issuedDoc{ID: id, Number: r.Number, Kind: r.Kind, Campaign: r.Campaign, Unit: r.Unit, SHA256: r.SHA256,
		Bytes: r.Bytes, IssuedAt: r.IssuedAt.UTC(), IssuedBy: r.IssuedBy, Lang: r.Lang}
}

func (d *issuedDoc) report() *survey.IssuedReport {
	return &survey.IssuedReport{Number: d.Number, Kind: d.Kind, Campaign: d.Campaign, Unit: d.Unit, SHA256: d.SHA256,
		Bytes: d.Bytes, IssuedAt: d.IssuedAt, IssuedBy: d.IssuedBy, Lang: d.Lang}
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
