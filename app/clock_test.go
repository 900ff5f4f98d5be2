package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/notify"
	"github.com/skm-engine/skm/survey"
)

// TestEveryTimeIsInTheRegionsZone runs a region in Asia/Makassar (WITA, UTC+8) at 16:30 UTC, which
// is 00:30 the next day there and 23:30 the same day in Jakarta: every place that shows people a
// time (dashboard, published results, plan page, audit log, tokens, verification page, both PDF
// reports, the poster, the responses download, the email) must say 18 August 00.30 WITA, and a
// machine file must carry the offset.
func TestEveryTimeIsInTheRegionsZone(t *testing.T) {
	e := apptest.New(t)
	e.Now = time.Date(2026, 8, 17, 16, 30, 0, 0, time.UTC)
	ctx := context.Background()
	e.Seed()
	region, err := e.Store.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	region.Name, region.TimeZone = "Kota Makassar", "Asia/Makassar"
	region.CaseContacts = map[string][]string{"dpmptsp": {"pengaduan@dpmptsp.go.id"}}
	if err := e.Store.SaveRegion(ctx, region); err != nil {
		t.Fatal(err)
	}
	e.Restart()

	code := e.Browser().FileComplaint("dpmptsp", "Antrean panjang sejak pagi.")
	e.SubmitGenerated("dpmptsp", 6)
	if err := e.Store.SavePlan(ctx, &survey.Plan{Campaign: "2026-S2", Unit: "dpmptsp", UpdatedAt: e.Now, UpdatedBy: "kepala"}); err != nil {
		t.Fatal(err)
	}
	admin := e.SignedIn("admin", survey.RoleAdmin)
	admin.Get("/admin/token")
	if resp, _ := admin.Post("/admin/token", url.Values{"name": {"Portal data"}, "role": {"viewer"}}); resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d", resp.StatusCode)
	}

	const local = "18 Agu 2026 00.30 WITA"
	page := func(b *apptest.Browser, path string) string {
		t.Helper()
		resp, body := b.Get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		return apptest.Doc(t, body).Find("main").Text()
	}
	says := func(where, text string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q: %.300q", where, want, text)
			}
		}
		if strings.Contains(text, "WIB") || strings.Contains(text, "UTC") {
			t.Errorf("%s names another zone: %.300q", where, text)
		}
	}
	says("the unit dashboard", page(admin, "/dasbor/unit/dpmptsp"), local)
	says("the plan page", page(admin, "/rencana/2026-S2/unit/dpmptsp"), local)
	// The store stamps a token with its own clock; the page says that instant in the region's zone.
	tokens, err := e.Store.Tokens(ctx)
	if err != nil || len(tokens) != 1 {
		t.Fatalf("tokens %v: %v", tokens, err)
	}
	says("the tokens page", page(admin, "/admin/token"), tokens[0].CreatedAt.In(region.Location()).Format("2006 15.04")+" WITA")
	says("the audit log", page(admin, "/admin/audit"), local)
	says("the English audit log", page(admin, "/admin/audit?lang=en"), "18 Aug 2026 00:30 WITA")
	page(admin, "/admin/audit?lang=id")

	reports := map[string]string{}
	for name, path := range map[string]string{"unit report": "/laporan/2026-S2/unit/dpmptsp.pdf", "region report": "/laporan/2026-S2/wilayah.pdf", "poster": "/poster/dpmptsp.pdf"} {
		resp, pdf := admin.Get(path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, resp.StatusCode)
		}
		reports[name] = pdf
		// gofpdf writes the metadata's dates without an offset, which readers take for UTC.
		if !strings.Contains(pdf, "/CreationDate (D:20260817163000)") {
			t.Errorf("%s: metadata %q, want the instant in UTC", name, regexp.MustCompile(`/CreationDate \([^)]*\)`).FindString(pdf))
		}
	}
	says("the unit report", apptest.PDFText(t, reports["unit report"]), "18 Agustus 2026 pukul 00.30 WITA", "Makassar, 18 Agustus 2026",
		"18 Agustus 2026 – 18 Agustus 2026 (1 hari; jawaban masuk pada 1 hari)")
	says("the region report", apptest.PDFText(t, reports["region report"]), "18 Agustus 2026 pukul 00.30 WITA", "Makassar, 18 Agustus 2026")
	says("the poster", apptest.PDFText(t, reports["poster"]), "· 18 Agustus 2026")
	// A report is a draft until its final issue, and drafts are not recorded; the poster is.
	issued, err := e.Store.IssuedBySHA256(ctx, survey.SHA256Hex([]byte(reports["poster"])))
	if err != nil {
		t.Fatal(err)
	}
	says("the verification page", page(e.Browser(), "/verifikasi?no="+url.QueryEscape(issued.Number)), local)

	// The downloads are machine files: times in ISO 8601 with the region's offset.
	_, body := admin.Get("/ekspor/2026-S2/unit/dpmptsp/responses.csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains([]byte(body), []byte("2026-08-18T00:30:00+08:00")) || len(rows) < 2 {
		t.Errorf("responses.csv: %q", rows[:min(len(rows), 3)])
	}
	_, body = admin.Get("/ekspor/2026-S2/unit/dpmptsp/responses.xlsx")
	book, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	sheet, _ := book.GetRows(book.GetSheetName(0))
	if !strings.Contains(strings.Join(sheet[1], " "), "2026-08-18T00:30:00+08:00") {
		t.Errorf("responses.xlsx: %q", sheet[1])
	}

	sink := apptest.NewMailSink(t)
	cfg := e.Config
	cfg.Notify = config.Notify{SMTPAddr: sink.Addr(), SMTPFrom: "skm@makassarkota.go.id"}
	n, err := notify.New(cfg, e.Store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return e.Now })
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if err := n.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	mails := sink.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails, want the new complaint's", len(mails))
	}
	head, text, _ := strings.Cut(mails[0].Data, "\r\n\r\n")
	subject, err := new(mime.WordDecoder).DecodeHeader(regexp.MustCompile(`(?m)^Subject: (.*)\r$`).FindStringSubmatch(head)[1])
	if err != nil {
		t.Fatal(err)
	}
	says("the email", subject+"\n"+text, local, "18 Agu 2026 04.30 WITA")
	if strings.Contains(subject+text, code) {
		t.Error("the email carries the resident's tracking code")
	}

	// A campaign published an hour later says so in the same zone (the session has gone idle,
	// and the results are public).
	e.Now = e.Now.Add(time.Hour)
	if _, err := e.Store.TransitionCampaign(ctx, "2026-S2", survey.StateClosed, "admin", e.Now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.PublishCampaign(ctx, "2026-S2", e.Now); err != nil {
		t.Fatal(err)
	}
	says("the published results", page(e.Browser(), "/hasil"), "18 Agu 2026 01.30 WITA")
}
