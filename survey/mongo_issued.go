package survey

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

var _ IssuedStore = (*MongoStore)(nil)

// The issued-file registry keeps each record twice, keyed by number and keyed by digest, because
// the embedded store serves only _id equality without a scan; both copies are whole records, so
// either lookup needs one read.
const (
	colIssued       = "issued_reports"
	colIssuedHashes = "issued_report_hashes"
)

type issuedDoc struct {
	ID       string     `bson:"_id"`
	Number   string     `bson:"number"`
	Kind     ReportKind `bson:"kind"`
	Campaign string     `bson:"campaign"`
	Unit     string     `bson:"unit,omitempty"`
	SHA256   string     `bson:"sha256"`
	Bytes    int64      `bson:"bytes"`
	IssuedAt time.Time  `bson:"issuedAt"`
	IssuedBy string     `bson:"issuedBy"`
	Lang     string     `bson:"lang"`
}

func toIssuedDoc(id string, r *IssuedReport) issuedDoc {
	return issuedDoc{ID: id, Number: r.Number, Kind: r.Kind, Campaign: r.Campaign, Unit: r.Unit, SHA256: r.SHA256,
		Bytes: r.Bytes, IssuedAt: r.IssuedAt.UTC(), IssuedBy: r.IssuedBy, Lang: r.Lang}
}

func (d *issuedDoc) report() *IssuedReport {
	return &IssuedReport{Number: d.Number, Kind: d.Kind, Campaign: d.Campaign, Unit: d.Unit, SHA256: d.SHA256,
		Bytes: d.Bytes, IssuedAt: d.IssuedAt, IssuedBy: d.IssuedBy, Lang: d.Lang}
}

func hashKey(digest string) string { return "sha256:" + digest }

// RecordIssued saves the record of an issued file: first under its number, which decides any
// conflict, then under its digest. A retry after a failure between the two inserts completes the
// second one.
func (s *MongoStore) RecordIssued(ctx context.Context, r *IssuedReport) error {
	if err := r.Validate(); err != nil {
		return err
	}
	_, err := s.db.Collection(colIssued).InsertOne(ctx, toIssuedDoc(r.Number, r))
	if mongo.IsDuplicateKeyError(err) {
		prev, err := s.IssuedByNumber(ctx, r.Number)
		if err != nil {
			return err
		}
		if prev.SHA256 != r.SHA256 {
			return Errorf(ECONFLICT, "Report number %s was already issued for another file.", r.Number)
		}
		r = prev
	} else if err != nil {
		return storeErr(fmt.Errorf("record issued report: %w", err))
	}
	// The number is part of the file's bytes, so a digest is never recorded under two numbers:
	// a duplicate here is this same record.
	_, err = s.db.Collection(colIssuedHashes).InsertOne(ctx, toIssuedDoc(hashKey(r.SHA256), r))
	if err != nil && !mongo.IsDuplicateKeyError(err) {
		return storeErr(fmt.Errorf("record issued report digest: %w", err))
	}
	return nil
}

// IssuedByNumber returns the record of the file issued under the number.
func (s *MongoStore) IssuedByNumber(ctx context.Context, number string) (*IssuedReport, error) {
	r, err := s.findIssued(ctx, colIssued, number)
	if err == mongo.ErrNoDocuments {
		return nil, Errorf(ENOTFOUND, "No report was issued under number %s.", number)
	}
	return r, err
}

// IssuedBySHA256 returns the record of the file with the digest.
func (s *MongoStore) IssuedBySHA256(ctx context.Context, digest string) (*IssuedReport, error) {
	r, err := s.findIssued(ctx, colIssuedHashes, hashKey(digest))
	if err == mongo.ErrNoDocuments {
		return nil, Errorf(ENOTFOUND, "No issued report has SHA-256 %s.", digest)
	}
	return r, err
}

// findIssued returns mongo.ErrNoDocuments itself, for the callers to word.
func (s *MongoStore) findIssued(ctx context.Context, col, id string) (*IssuedReport, error) {
	var d issuedDoc
	err := s.db.Collection(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if err == mongo.ErrNoDocuments {
		return nil, err
	} else if err != nil {
		return nil, storeErr(fmt.Errorf("find issued report: %w", err))
	}
	return d.report(), nil
}
