package documents

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// issuePage is the data of the page that issues a final report.
type issuePage struct {
	web.Page
	Campaign *survey.Campaign
	// Unit is the unit's slug, "" for the region's report; Subject names the unit or the region.
	Unit, Subject string
	// Issues are the report's generations, newest first.
	Issues []issueRow
	// Refusal says why no report may be issued now; empty when one may.
	Refusal string
	// Seen is the newest generation, which the form sends back.
	Seen   int
	Reason string
	// ReasonError is the problem with the reason, next to its field; Problem any other.
	ReasonError, Problem string
	Flash                string
	Action, Back         string
}

// issueRow is one generation of a final report.
type issueRow struct {
	Generation int
	Files      []issueFile
	At, By     string
	Reason     string
	Current    bool
}

type issueFile struct {
	Lang, Number, Download, Verify string
}

// Correction reports whether the form issues a correction of a report already issued.
func (p issuePage) Correction() bool { return p.Seen > 0 }

// handleIssuePage serves GET /laporan/:key/terbitkan?unit=: the final reports of a unit (or of the
// region) in a campaign, and the form that issues the first or a correction, saying what will
// happen.
func (h *handler) handleIssuePage(c *fiber.Ctx) error {
	flash := ""
	if n, err := strconv.Atoi(c.Query("ok")); err == nil && n > 0 {
		flash = h.Printer(c).T("issue.done", n)
	}
	return h.renderIssue(c, fiber.StatusOK, strings.Clone(c.Query("unit")), "", nil, flash)
}

// handleIssue serves POST /laporan/:key/terbitkan: issues the final report of the unit (field unit,
// "" for the region's) in every language. Field seen is the newest generation the form showed;
// reason is required for a correction.
func (h *handler) handleIssue(c *fiber.Ctx) error {
	unit, reason := web.FormText(c, "unit"), web.FormText(c, "reason")
	seen, err := strconv.Atoi(web.FormText(c, "seen"))
	if err != nil || seen < 0 {
		return survey.Errorf(survey.EINVALID, "err.issue.seen")
	}
	kind := survey.ReportUnit
	if unit == "" {
		kind = survey.ReportRegion
	}
	f, err := h.source().IssueFinal(c.UserContext(), kind, c.Params("key"), unit, seen, reason, h.Now(), web.Principal(c).Name)
	switch code := survey.ErrorCode(err); {
	case code == survey.EINVALID || code == survey.ECONFLICT:
		return h.renderIssue(c, web.Status(err), unit, reason, err, "")
	case err != nil:
		return err
	}
	var numbers []string
	for _, r := range f.Files {
		numbers = append(numbers, r.Number)
	}
	action, detail := "report.issue", strings.Join(numbers, " ")
	if f.Generation > 1 {
		action, detail = "report.reissue", detail+": "+f.Reason
	}
	h.Audit(c, action, f.Campaign+"/"+unitOrRegion(unit), detail)
	return c.Redirect(link.IssueReport(f.Campaign, unit)+issueOK(unit)+strconv.Itoa(f.Generation), fiber.StatusSeeOther)
}

// issueOK joins the ok parameter to the page's address, which may have a query already.
func issueOK(unit string) string {
	if unit == "" {
		return "?ok="
	}
	return "&ok="
}

func unitOrRegion(unit string) string {
	if unit == "" {
		return string(survey.ReportRegion)
	}
	return unit
}

func (h *handler) renderIssue(c *fiber.Ctx, status int, unit, reason string, failure error, flash string) error {
	ctx := c.UserContext()
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	p := issuePage{Page: h.Page(c, ""), Campaign: camp, Unit: unit, Reason: reason, Flash: flash,
		Action: link.IssueReport(camp.Key, ""), Back: link.Campaign(camp.Key)}
	kind := survey.ReportRegion
	p.Subject = p.RegionName(p.Region.Name)
	if unit != "" {
		kind = survey.ReportUnit
		if _, ok := camp.Unit(unit); !ok {
			return survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", unit, camp.Key)
		}
		u, err := h.Store.Unit(ctx, unit)
		if err != nil {
			return err
		}
		p.Subject = p.In(u.Name)
	}
	p.Title = fmt.Sprintf(p.T("issue.title"), p.Subject, p.Semester(camp.Key))
	for n := 1; n <= survey.MaxGenerations; n++ {
		f, err := h.Store.FinalReport(ctx, kind, camp.Key, unit, n)
		if survey.ErrorCode(err) == survey.ENOTFOUND {
			break
		} else if err != nil {
			return err
		}
		row := issueRow{Generation: n, At: p.DateTime(f.IssuedAt), By: f.IssuedBy, Reason: f.Reason}
		for _, r := range f.Files {
			download := link.UnitReport(camp.Key, unit)
			if unit == "" {
				download = link.RegionReport(camp.Key)
			}
			if r.Lang == survey.LangEN {
				download += "?lang=en"
			}
			row.Files = append(row.Files, issueFile{Lang: p.T(langNames[r.Lang]), Number: r.Number, Download: download, Verify: link.Verify(r.Number)})
		}
		p.Issues = append([]issueRow{row}, p.Issues...)
		p.Seen = n
	}
	if len(p.Issues) > 0 {
		p.Issues[0].Current = true
	}
	if err := camp.Issuable(); err != nil {
		p.Refusal = p.Printer.Error(err)
	}
	if failure != nil {
		if key := survey.ErrorMessage(failure).Key; key == "err.final.reason" || key == "err.final.reasonlength" {
			p.ReasonError = p.Printer.Error(failure)
		} else {
			p.Problem = p.Printer.Error(failure)
		}
	}
	return h.Render(c, status, "report_issue", p)
}

// langNames are the catalogue's names of the report languages.
var langNames = map[string]string{survey.LangID: "verify.lang.id", survey.LangEN: "verify.lang.en"}
