package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web/documents"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

func init() {
	commands["report"] = command{"write a PDF report, the final one once issued, else a draft: skm report unit|region --campaign ID [--unit SLUG] -o FILE.pdf", runReport}
}

const reportUsage = "usage: skm report unit --campaign ID --unit SLUG -o FILE.pdf [--lang en]\n       skm report region --campaign ID -o FILE.pdf [--lang en]"

// runReport is `skm report unit|region`: write a report to a file as a download would give it:
// the final report once an administrator issued it, else a draft.
func runReport(env *Env, args []string) int {
	if len(args) == 0 || (args[0] != "unit" && args[0] != "region") {
		return env.errorf("%s", reportUsage)
	}
	kind := args[0]
	fs := config.NewFlagSet("skm report "+kind, env.Stderr)
	campaign := fs.String("campaign", "", "campaign key, such as 2026-S2")
	unit := ""
	if kind == "unit" {
		fs.StringVar(&unit, "unit", "", "the unit's slug, such as dpmptsp")
	}
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", survey.LangID, "language of the report: id or en")
	sc, code := openForCommand(env, fs, args[1:])
	if sc == nil {
		return code
	}
	defer sc.close()
	switch {
	case *campaign == "":
		return env.errorf("--campaign is required, such as --campaign 2026-S2\n%s", reportUsage)
	case kind == "unit" && unit == "":
		return env.errorf("--unit is required, such as --unit dpmptsp\n%s", reportUsage)
	case *out == "":
		return env.errorf("-o FILE.pdf is required\n%s", reportUsage)
	case *lang != survey.LangID && *lang != survey.LangEN:
		return env.errorf("--lang must be id or en")
	}

	const by = "skm report"
	src := documents.Source{Store: sc.db.Store, BaseURL: sc.cfg.BaseURL}
	var f *documents.File
	var err error
	if kind == "unit" {
		f, err = src.UnitReport(sc.ctx, *campaign, unit, *lang, time.Now())
	} else {
		f, err = src.RegionReport(sc.ctx, *campaign, *lang, time.Now())
	}
	if err != nil {
		return env.errorf("%s", i18n.For(i18n.EN, nil).Error(err))
	}
	if err := writeFileAtomic(*out, f.PDF); err != nil {
		return env.errorf("%v", err)
	}
	if f.Draft() {
		_ = sc.db.Store.Audit(sc.ctx, &survey.AuditEntry{Actor: by, Action: "report.download", Target: "draft",
			Detail: fmt.Sprintf("%s %s %s %s", kind, *campaign, unit, *lang)})
		fmt.Fprintf(env.Stdout, "Wrote %s (%d bytes), a draft: it has no number and cannot be verified.\nThe final report is issued at %s%s once the campaign has closed.\n",
			*out, len(f.PDF), sc.cfg.BaseURL, link.IssueReport(*campaign, unit))
		return 0
	}
	r := f.Record
	_ = sc.db.Store.Audit(sc.ctx, &survey.AuditEntry{Actor: by, Action: "report.download", Target: r.Number,
		Detail: fmt.Sprintf("%s %s %s %s sha256:%s", r.Kind, r.Campaign, r.Unit, r.Lang, r.SHA256)})
	fmt.Fprintf(env.Stdout, "Wrote %s (%d bytes), the final report number %s\nSHA-256 %s\nVerify at %s%s\n",
		*out, r.Bytes, r.Number, r.SHA256, sc.cfg.BaseURL, link.Verify(r.Number))
	return 0
}

// writeFileAtomic writes the file through a temporary file beside it, so that an interrupted
// run never leaves half a PDF under the name asked for.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".skm-report-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
