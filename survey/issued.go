package survey

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ReportKind is what an issued file is.
type ReportKind string

// The kinds of file the engine issues.
const (
	// ReportUnit is a unit's evaluation report (Laporan Hasil SKM).
	ReportUnit ReportKind = "unit"
	// ReportRegion is the region's consolidated report over every unit of a campaign.
	ReportRegion ReportKind = "region"
	// ReportPoster is the printable QR poster for a unit's counter.
	ReportPoster ReportKind = "poster"
)

// kindNames are the catalogue's words for the kinds.
var kindNames = map[ReportKind]string{
	ReportUnit:   "issued.kind.unit",
	ReportRegion: "issued.kind.region",
	ReportPoster: "issued.kind.poster",
}

// Valid reports whether k is a known kind.
func (k ReportKind) Valid() bool {
	return k == ReportUnit || k == ReportRegion || k == ReportPoster
}

// IssuedReport is the record of one file the engine issued: its number, what it is, and the
// SHA-256 of its bytes, so that anyone holding a copy can learn whether it is genuine and unchanged.
type IssuedReport struct {
	Number   string     `json:"number"`
	Kind     ReportKind `json:"kind"`
	Campaign string     `json:"campaign"`
	// Unit is the unit's slug; empty for a regional report.
	Unit string `json:"unit,omitempty"`
	// SHA256 is the lower-case hex digest of the file.
	SHA256   string    `json:"sha256"`
	Bytes    int64     `json:"bytes"`
	IssuedAt time.Time `json:"issuedAt"`
	// IssuedBy names who asked for the file: a user, a token or the command line.
	IssuedBy string `json:"issuedBy"`
	Lang     string `json:"lang"`
}

// NewIssuedReport returns the record of the file's bytes issued under the number.
func NewIssuedReport(number string, kind ReportKind, campaign, unit, lang string, file []byte, at time.Time, by string) *IssuedReport {
	return &IssuedReport{Number: number, Kind: kind, Campaign: campaign, Unit: unit, SHA256: SHA256Hex(file),
		Bytes: int64(len(file)), IssuedAt: at.UTC(), IssuedBy: by, Lang: lang}
}

// SHA256Hex returns the lower-case hex SHA-256 of b, the form IssuedReport keeps.
func SHA256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

var (
	numberPattern = regexp.MustCompile(`^SKM/\d{4}-S[12]/[A-Z0-9-]+(/[A-Z0-9-]+)?/[0-9A-F]{8}$`)
	sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// ValidReportNumber reports whether s has the form of a report number.
func ValidReportNumber(s string) bool { return numberPattern.MatchString(s) }

// ValidSHA256 reports whether s is a lower-case hex SHA-256 digest.
func ValidSHA256(s string) bool { return sha256Pattern.MatchString(s) }

// Validate reports whether the record can be saved.
func (r *IssuedReport) Validate() error {
	if !ValidReportNumber(r.Number) {
		return Errorf(EINVALID, "err.issued.number", r.Number)
	}
	if !r.Kind.Valid() {
		return Errorf(EINVALID, "err.issued.kind", r.Kind)
	}
	if _, _, err := ParseSemester(r.Campaign); err != nil {
		return err
	}
	if (r.Kind == ReportRegion) != (r.Unit == "") {
		return Errorf(EINVALID, "err.issued.unit", Msg(kindNames[r.Kind]))
	}
	if r.Unit != "" && !ValidSlug(r.Unit) {
		return Errorf(EINVALID, "err.unit.ref", r.Unit)
	}
	if !ValidSHA256(r.SHA256) {
		return Errorf(EINVALID, "err.issued.sha256", r.SHA256)
	}
	if r.Bytes <= 0 || r.IssuedAt.IsZero() || strings.TrimSpace(r.IssuedBy) == "" {
		return Errorf(EINVALID, "err.issued.incomplete")
	}
	if r.Lang != LangID && r.Lang != LangEN {
		return Errorf(EINVALID, "err.issued.lang", r.Lang)
	}
	return nil
}

// ReportNumber returns the number printed on a file before it is rendered, such as
// SKM/2026-S2/DPMPTSP/3F09A1C2 (a poster: SKM/2026-S2/POSTER/DPMPTSP/…, the region's report:
// SKM/2026-S2/WILAYAH/…). The last part is a hash of what identifies the file (kind, campaign,
// unit, language and the instant of generation), so the same request at the same instant gets the
// same number, and so the same bytes, while another instant or language gets another.
func ReportNumber(kind ReportKind, campaign, unit, lang string, at time.Time) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%s|%s|%d", kind, campaign, unit, lang, at.UnixNano())))
	code := strings.ToUpper(hex.EncodeToString(sum[:4]))
	name := strings.ToUpper(unit)
	switch kind {
	case ReportRegion:
		name = "WILAYAH"
	case ReportPoster:
		name = "POSTER/" + name
	}
	return "SKM/" + campaign + "/" + name + "/" + code
}

// IssuedStore keeps the record of every file the engine issued; every Store does.
type IssuedStore interface {
	// RecordIssued saves the record of an issued file. Recording the same number with the same
	// digest again succeeds and changes nothing. EINVALID; ECONFLICT when the number is already
	// recorded for other bytes.
	RecordIssued(ctx context.Context, r *IssuedReport) error
	// IssuedByNumber returns the record of the file issued under the number. ENOTFOUND.
	IssuedByNumber(ctx context.Context, number string) (*IssuedReport, error)
	// IssuedBySHA256 returns the record of the file with the hex SHA-256 digest. ENOTFOUND.
	IssuedBySHA256(ctx context.Context, digest string) (*IssuedReport, error)
}
