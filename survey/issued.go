package survey

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
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
	// Generation is the issue of the final report the file belongs to (1 for the first, more after
	// corrections); 0 for a file issued on download, such as a poster.
	Generation int `json:"generation,omitempty"`
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
	if r.Generation < 0 || r.Generation > MaxGenerations || (r.Generation > 0 && r.Kind == ReportPoster) {
		return Errorf(EINVALID, "err.issued.generation", r.Generation)
	}
	return nil
}

// ReportNumber returns the number printed on a file before it is rendered, such as
// SKM/2026-S2/DPMPTSP/3F09A1C2 (a poster: SKM/2026-S2/POSTER/DPMPTSP/…, the region's report:
// SKM/2026-S2/WILAYAH/…). The last part is a hash of what identifies the file (kind, campaign,
// unit, language and the instant of generation), so the same request at the same instant gets the
// same number, and so the same bytes, while another instant or language gets another.
func ReportNumber(kind ReportKind, campaign, unit, lang string, at time.Time) string {
	return reportNumber(kind, campaign, unit, fmt.Sprintf("%s|%s|%s|%s|%d", kind, campaign, unit, lang, at.UnixNano()))
}

// FinalNumber returns the number of a final report's file: as ReportNumber, and another for each
// generation, so that a correction issued at the same instant still gets a number of its own.
func FinalNumber(kind ReportKind, campaign, unit, lang string, generation int, at time.Time) string {
	return reportNumber(kind, campaign, unit, fmt.Sprintf("%s|%s|%s|%s|%d|final-%d", kind, campaign, unit, lang, at.UnixNano(), generation))
}

func reportNumber(kind ReportKind, campaign, unit, seed string) string {
	sum := sha256.Sum256([]byte(seed))
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

// MaxGenerations bounds the corrections of one report.
const MaxGenerations = 99

// maxReason bounds the reason given for a correction, in characters.
const maxReason = 500

// FinalReport is one issue of the official report of a unit, or of the region, for a campaign:
// its files, one per language, rendered once and kept, so that every later download returns the
// same bytes. A correction issues the next generation, which replaces this one; no generation
// ever changes.
type FinalReport struct {
	Kind     ReportKind `json:"kind"`
	Campaign string     `json:"campaign"`
	// Unit is the unit's slug; empty for the region's report.
	Unit string `json:"unit,omitempty"`
	// Generation counts the issues: 1 for the first, n+1 for the one replacing generation n.
	Generation int `json:"generation"`
	// Files are the records of the issued files, one per language.
	Files    []IssuedReport `json:"files"`
	IssuedAt time.Time      `json:"issuedAt"`
	IssuedBy string         `json:"issuedBy"`
	// Reason says why this generation replaced the previous one; empty for the first.
	Reason string `json:"reason,omitempty"`
}

// File returns the report's file in the language.
func (f *FinalReport) File(lang string) (*IssuedReport, bool) {
	for i := range f.Files {
		if f.Files[i].Lang == lang {
			return &f.Files[i], true
		}
	}
	return nil, false
}

// Validate reports whether the final report can be kept: each file is valid and belongs to it,
// one per language, and a correction says why it was made.
func (f *FinalReport) Validate() error {
	if f.Kind != ReportUnit && f.Kind != ReportRegion {
		return Errorf(EINVALID, "err.issued.kind", f.Kind)
	}
	if f.Generation < 1 || f.Generation > MaxGenerations {
		return Errorf(EINVALID, "err.final.generation", MaxGenerations)
	}
	if err := f.CheckReason(); err != nil {
		return err
	}
	if len(f.Files) == 0 || strings.TrimSpace(f.IssuedBy) == "" || f.IssuedAt.IsZero() {
		return Errorf(EINVALID, "err.issued.incomplete")
	}
	langs := map[string]bool{}
	for i := range f.Files {
		r := &f.Files[i]
		if err := r.Validate(); err != nil {
			return err
		}
		if r.Kind != f.Kind || r.Campaign != f.Campaign || r.Unit != f.Unit || r.Generation != f.Generation || langs[r.Lang] {
			return Errorf(EINVALID, "err.final.file", r.Number)
		}
		langs[r.Lang] = true
	}
	return nil
}

// CheckReason reports whether a correction says why it was made, briefly enough. EINVALID.
func (f *FinalReport) CheckReason() error {
	reason := strings.TrimSpace(f.Reason)
	if f.Generation > 1 && reason == "" {
		return Errorf(EINVALID, "err.final.reason")
	}
	if utf8.RuneCountInString(reason) > maxReason {
		return Errorf(EINVALID, "err.final.reasonlength", maxReason)
	}
	return nil
}

// Issuable reports whether the campaign's final reports may be issued now: once it has closed,
// when its figures no longer move. ECONFLICT says why not.
func (c *Campaign) Issuable() error {
	if c.State != StateClosed && c.State != StateArchived {
		return Errorf(ECONFLICT, "err.final.open", c.Key, c.State.Message())
	}
	return nil
}

// FinalStore keeps the final reports and their bytes; every Store does.
type FinalStore interface {
	// IssueFinal keeps the files of a final report (their bytes by number) as its generation
	// f.Generation and records each file for verification. EINVALID; ECONFLICT when that
	// generation exists already (another person issued it meanwhile).
	IssueFinal(ctx context.Context, f *FinalReport, pdfs map[string][]byte) error
	// FinalReport returns generation n of the report of the unit ("" for the region's) in the
	// campaign. ENOTFOUND.
	FinalReport(ctx context.Context, kind ReportKind, campaign, unit string, n int) (*FinalReport, error)
	// FinalFile returns the bytes of a final report's file. ENOTFOUND.
	FinalFile(ctx context.Context, number string) ([]byte, error)
}

// LatestFinal returns the newest generation of the report of the unit ("" for the region's) in the
// campaign. ENOTFOUND when none was issued.
func LatestFinal(ctx context.Context, s FinalStore, kind ReportKind, campaign, unit string) (*FinalReport, error) {
	var latest *FinalReport
	for n := 1; n <= MaxGenerations; n++ {
		f, err := s.FinalReport(ctx, kind, campaign, unit, n)
		if ErrorCode(err) == ENOTFOUND && latest != nil {
			break
		} else if err != nil {
			return nil, err
		}
		latest = f
	}
	return latest, nil
}

// FinalState is what became of a recorded file that belongs to a final report.
type FinalState struct {
	// Final is true for a file of a final report; false for a file issued on download.
	Final bool
	// ReplacedBy is the number of the file that replaced it, in the same language, after a
	// correction; empty while it is in force.
	ReplacedBy string
	// Reason is why it was replaced.
	Reason string
}

// FinalStateOf says whether the recorded file is a final report in force or replaced. ENOTFOUND
// when it claims to be part of a final report that was never issued: an issue interrupted, or
// lost to another person's at the same time, never reached anyone.
func FinalStateOf(ctx context.Context, s FinalStore, r *IssuedReport) (FinalState, error) {
	if r.Generation == 0 {
		return FinalState{}, nil
	}
	f, err := s.FinalReport(ctx, r.Kind, r.Campaign, r.Unit, r.Generation)
	if err != nil {
		return FinalState{}, err
	}
	if own, ok := f.File(r.Lang); !ok || own.Number != r.Number {
		return FinalState{}, Errorf(ENOTFOUND, "err.issued.nonumber", r.Number)
	}
	next, err := s.FinalReport(ctx, r.Kind, r.Campaign, r.Unit, r.Generation+1)
	if ErrorCode(err) == ENOTFOUND {
		return FinalState{Final: true}, nil
	} else if err != nil {
		return FinalState{}, err
	}
	state := FinalState{Final: true, Reason: next.Reason}
	if file, ok := next.File(r.Lang); ok {
		state.ReplacedBy = file.Number
	} else if len(next.Files) > 0 {
		state.ReplacedBy = next.Files[0].Number
	}
	return state, nil
}
