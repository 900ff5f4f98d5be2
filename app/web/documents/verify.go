package documents

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// verifyPage is the data of the verification page.
type verifyPage struct {
	web.Page
	// Number is the number looked up, as typed.
	Number string
	Record *survey.IssuedReport
	// UnitName names the record's unit in the page's language.
	UnitName string
	// Outcome is "" before any check, else registered, notfound, badnumber, nofile, genuine, other,
	// altered or unknown; each has a message verify.<outcome>.
	Outcome string
	// Uploaded describes the file checked.
	Uploaded *verifyUpload
	// Final says whether the record is a final report in force or replaced; nil for a file that
	// is not a final report (a poster).
	Final *survey.FinalState
}

type verifyUpload struct {
	Name   string
	Bytes  int64
	SHA256 string
}

// Good reports whether the outcome confirms a genuine document or number.
func (p verifyPage) Good() bool {
	return p.Outcome == "genuine" || p.Outcome == "registered" || p.Outcome == "other"
}

// KindName names the record's kind.
func (p verifyPage) KindName() string {
	switch p.Record.Kind {
	case survey.ReportRegion:
		return p.T("verify.kind.region")
	case survey.ReportPoster:
		return p.T("verify.kind.poster")
	}
	return p.T("verify.kind.unit")
}

// LangName names the record's language.
func (p verifyPage) LangName() string {
	if p.Record.Lang == survey.LangEN {
		return p.T("verify.lang.en")
	}
	return p.T("verify.lang.id")
}

// outcomes word each outcome of a check.
var outcomes = map[string]string{
	"genuine": "verify.genuine", "altered": "verify.altered", "unknown": "verify.unknown", "other": "verify.other",
	"registered": "verify.registered", "notfound": "verify.notfound", "badnumber": "verify.badnumber", "nofile": "verify.nofile",
}

// OutcomeText says the outcome of the check.
func (p verifyPage) OutcomeText() string { return p.T(outcomes[p.Outcome]) }

// FinalText says whether the report is final and in force, or which number replaced it and why.
func (p verifyPage) FinalText() string {
	if p.Final.ReplacedBy != "" {
		return p.T("verify.replaced", p.Final.ReplacedBy, p.Final.Reason)
	}
	return p.T("verify.final")
}

// ReplacedLink is the verification page of the report that replaced this one.
func (p verifyPage) ReplacedLink() string { return link.Verify(p.Final.ReplacedBy) }

// IssuedAt formats when the record was issued, in the region's time zone.
func (p verifyPage) IssuedAt() string {
	return p.DateTime(p.Record.IssuedAt)
}

func (h *handler) verifyPage(c *fiber.Ctx) verifyPage {
	p := verifyPage{Page: h.Page(c, "")}
	p.Title = p.T("verify.title")
	return p
}

// withRecord fills the page with a record, its unit's name and whether it is a final report in
// force. ENOTFOUND for a record of a final report that was never issued (an issue interrupted, or
// lost to another made at the same time), which no one can hold.
func (h *handler) withRecord(c *fiber.Ctx, p *verifyPage, r *survey.IssuedReport) error {
	state, err := survey.FinalStateOf(c.UserContext(), h.Store, r)
	if err != nil {
		return err
	}
	if state.Final {
		p.Final = &state
	}
	p.Record = r
	if r.Unit == "" {
		return nil
	}
	p.UnitName = r.Unit
	if u, err := h.Store.Unit(c.UserContext(), r.Unit); err == nil {
		p.UnitName = p.In(u.Name)
	}
	return nil
}

// handleVerify serves GET /verifikasi (?no=NUMBER): the verification form, and what a number
// stands for.
func (h *handler) handleVerify(c *fiber.Ctx) error {
	p := h.verifyPage(c)
	p.Number = strings.TrimSpace(c.Query("no"))
	status := fiber.StatusOK
	if p.Number != "" {
		r, err := h.lookupNumber(c, p.Number)
		if err == nil {
			err = h.withRecord(c, &p, r)
		}
		switch {
		case survey.ErrorCode(err) == survey.EINVALID:
			p.Outcome, status = "badnumber", fiber.StatusBadRequest
		case survey.ErrorCode(err) == survey.ENOTFOUND:
			p.Outcome, status, p.Record, p.Final = "notfound", fiber.StatusNotFound, nil, nil
		case err != nil:
			return err
		default:
			p.Outcome = "registered"
		}
	}
	return h.Render(c, status, "verify", p)
}

func (h *handler) lookupNumber(c *fiber.Ctx, number string) (*survey.IssuedReport, error) {
	if !survey.ValidReportNumber(number) {
		return nil, survey.Errorf(survey.EINVALID, "err.verify.number")
	}
	return h.Store.IssuedByNumber(c.UserContext(), number)
}

// handleVerifyUpload serves POST /verifikasi: a multipart upload of a PDF (field file, and the
// number looked up, if any, in field no). It says whether the file is one the engine issued,
// unchanged, and which.
func (h *handler) handleVerifyUpload(c *fiber.Ctx) error {
	p := h.verifyPage(c)
	p.Number = strings.TrimSpace(c.FormValue("no"))
	fh, err := c.FormFile("file")
	if err != nil {
		p.Outcome = "nofile"
		return h.Render(c, fiber.StatusBadRequest, "verify", p)
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	p.Uploaded = &verifyUpload{Name: fh.Filename, Bytes: n, SHA256: hex.EncodeToString(sum.Sum(nil))}
	r, err := h.Store.IssuedBySHA256(c.UserContext(), p.Uploaded.SHA256)
	if err == nil {
		err = h.withRecord(c, &p, r)
	}
	switch {
	case err == nil:
		p.Outcome = "genuine"
		if p.Number != "" && p.Number != r.Number {
			p.Outcome = "other"
		}
	case survey.ErrorCode(err) != survey.ENOTFOUND:
		return err
	default:
		p.Outcome, p.Record, p.Final = "unknown", nil, nil
		if p.Number == "" {
			break
		}
		if claimed, err := h.lookupNumber(c, p.Number); err == nil && h.withRecord(c, &p, claimed) == nil {
			p.Outcome = "altered"
		}
	}
	return h.Render(c, fiber.StatusOK, "verify", p)
}
