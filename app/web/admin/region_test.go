package admin_test

import (
	"bufio"
	"bytes"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/survey"
)

// TestFirstSignInLeadsToTheRegion signs the first administrator in on an empty store: they are
// led to the region's profile, may skip it, and are not led there again.
func TestFirstSignInLeadsToTheRegion(t *testing.T) {
	e := apptest.New(t)
	e.User("admin", survey.RoleAdmin)
	e.User("kepala", survey.RoleUnitHead, "dpmptsp")
	b := e.Browser()
	resp, _ := b.SignIn("admin", apptest.Password)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/admin/wilayah?mulai=1" {
		t.Fatalf("first sign-in: %d to %q", resp.StatusCode, loc)
	}
	resp, body := b.Get("/admin/wilayah?mulai=1")
	d := apptest.Doc(t, body)
	if resp.StatusCode != http.StatusOK || d.Find(".welcome form[action='/admin/wilayah/lewati']").Length() != 1 {
		t.Fatalf("the region page offers no skip: %d", resp.StatusCode)
	}
	if resp, _ := e.Browser().SignIn("kepala", apptest.Password); resp.Header.Get("Location") != "/dasbor" {
		t.Errorf("a unit head is led to %q", resp.Header.Get("Location"))
	}
	resp, _ = b.Post("/admin/wilayah/lewati", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin" {
		t.Fatalf("skip: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r, _ := e.Store.Region(ctx); !r.Saved() || r.Name != survey.DefaultRegion().Name {
		t.Errorf("skipping saved %+v", r)
	}
	if len(auditActions(t, e, "region.setup")) != 1 {
		t.Error("skipping is not in the audit log")
	}
	again := e.Browser()
	if resp, _ := again.SignIn("admin", apptest.Password); resp.Header.Get("Location") != "/dasbor" {
		t.Errorf("after skipping, sign-in leads to %q", resp.Header.Get("Location"))
	}
}

func regionFields() map[string]string {
	return map[string]string{
		"name": "Kabupaten Banyuwangi", "timeZone": "Asia/Makassar",
		"organizer.id": "Bagian Organisasi Setda Kabupaten Banyuwangi", "organizer.en": "Organisation Bureau, Banyuwangi Regency",
		"opds": "DPMPTSP\nDinas Kesehatan\n", "signer.name": "Dr. Ir. H. Mujiono, M.Si", "signer.title": "Sekretaris Daerah",
		"signer.nip": "19670101 199203 1 008", "headsImportPaper": "on",
	}
}

// TestRegionProfile names the region with a logo: every page then carries the name and the logo,
// the logo is stored re-encoded at print and icon size, and the change is audited.
func TestRegionProfile(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/wilayah")
	logo := pngOf(t, 1500, 750)
	resp, body := postFile(t, b, "/admin/wilayah", regionFields(), "logo", "logo.png", logo)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/wilayah?ok=1" {
		t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	r, err := e.Store.Region(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "Kabupaten Banyuwangi" || r.TimeZone != "Asia/Makassar" || r.Organizer.EN != "Organisation Bureau, Banyuwangi Regency" ||
		r.Signer.NIP != "196701011992031008" || r.Signer.Title != "Sekretaris Daerah" || len(r.OPDs) != 2 || !r.HeadsImportPaper || r.Logo == "" {
		t.Fatalf("saved region %+v", r)
	}
	l, err := e.Store.Logo(ctx, r.Logo)
	if err != nil {
		t.Fatal(err)
	}
	if l.Width != survey.LogoPrintSize || l.Height != survey.LogoPrintSize/2 || l.IconWidth != survey.LogoIconSize || bytes.Equal(l.PNG, logo) {
		t.Errorf("stored logo %d×%d, icon %d×%d", l.Width, l.Height, l.IconWidth, l.IconHeight)
	}
	if img, err := png.Decode(bytes.NewReader(l.PNG)); err != nil || img.Bounds().Dx() != l.Width {
		t.Errorf("the stored logo is not the PNG it claims: %v", err)
	}
	resident := e.Browser()
	for _, path := range []string{"/", "/dasbor", "/admin", "/s/dpmptsp", "/admin/unit"} {
		who := b
		if path == "/" || path == "/s/dpmptsp" {
			who = resident
		}
		_, body := who.Get(path)
		d := apptest.Doc(t, body)
		if !strings.Contains(d.Find("header").Text(), "Kabupaten Banyuwangi") {
			t.Errorf("%s does not carry the region's name in its header", path)
		}
		if path != "/s/dpmptsp" && d.Find(".brand img[src='/logo/"+r.Logo+".png']").Length() != 1 {
			t.Errorf("%s does not show the logo in its header", path)
		}
	}
	_, body = b.Get("/s/dpmptsp")
	if d := apptest.Doc(t, body); d.Find(".intro img.logo").Length() != 1 || !strings.Contains(d.Find(".intro").Text(), "Bagian Organisasi Setda Kabupaten Banyuwangi") {
		t.Error("the survey form's organiser line lacks the logo or the organiser")
	}
	resp, icon := b.Get("/logo/" + r.Logo + ".png")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("logo: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
	}
	if cfg, err := png.DecodeConfig(strings.NewReader(icon)); err != nil || cfg.Width != survey.LogoIconSize {
		t.Errorf("the page logo is %d wide, %v", cfg.Width, err)
	}
	if entries := auditActions(t, e, "region.update"); len(entries) != 1 || !strings.Contains(entries[0].Detail, "logo") {
		t.Errorf("audit %+v", entries)
	}

	// Removing the logo forgets it.
	b.Get("/admin/wilayah")
	fields := regionFields()
	fields["logoRemove"] = "on"
	if resp, _ := postFile(t, b, "/admin/wilayah", fields, "", "", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove the logo: %d", resp.StatusCode)
	}
	if _, err := e.Store.Logo(ctx, r.Logo); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a removed logo is still stored: %v", err)
	}
}

// TestRegionFormShowsEachProblem sends a region with several mistakes: each is shown next to its
// field in the page's language, what was typed comes back, and nothing is saved.
func TestRegionFormShowsEachProblem(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin", survey.RoleAdmin)
	for lang, want := range map[string][]string{
		"id": {"wajib diisi", "harus terdiri atas 18 angka", "tercantum dua kali", "bukan gambar PNG atau JPEG"},
		"en": {"required", "must have 18 digits", "listed twice", "not a PNG or JPEG image"},
	} {
		b.Get("/admin/wilayah?lang=" + lang)
		fields := regionFields()
		fields["name"], fields["signer.nip"], fields["opds"] = " ", "1967 0101", "DPMPTSP\ndpmptsp"
		resp, body := postFile(t, b, "/admin/wilayah", fields, "logo", "logo.png", []byte("this is a text file, not a picture"))
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("%s: status %d", lang, resp.StatusCode)
		}
		d := apptest.Doc(t, body)
		for i, id := range []string{"name", "signer-nip", "opds", "logo"} {
			if msg := fieldError(t, d, id); !strings.Contains(msg, want[i]) {
				t.Errorf("%s: %s says %q, want %q", lang, id, msg, want[i])
			}
		}
		if d.Find("#signer-name").AttrOr("value", "") != "Dr. Ir. H. Mujiono, M.Si" || !strings.Contains(d.Find("#opds").Text(), "dpmptsp") {
			t.Errorf("%s: what was typed is not shown again", lang)
		}
		if d.Find("#problems li a[href='#signer-nip']").Length() != 1 {
			t.Errorf("%s: the list above the form does not lead to the NIP", lang)
		}
	}
	if r, _ := e.Store.Region(ctx); r.Saved() {
		t.Error("a refused form saved the region")
	}
}

// TestLogoLimits refuses a logo of too many pixels, and one just over the size limit, next to
// the field; a 40 MB logo is refused as soon as its headers arrive, with the limit named, before
// the server reads it.
func TestLogoLimits(t *testing.T) {
	e := apptest.New(t)
	b := e.SignedIn("admin", survey.RoleAdmin)
	b.Get("/admin/wilayah")
	resp, body := postFile(t, b, "/admin/wilayah", regionFields(), "logo", "wide.png", pngOf(t, 4100, 2))
	if msg := fieldError(t, apptest.Doc(t, body), "logo"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "4100 × 2") {
		t.Errorf("too many pixels: %d %q", resp.StatusCode, msg)
	}
	over := append(pngOf(t, 10, 10), make([]byte, 2<<20)...)
	resp, body = postFile(t, b, "/admin/wilayah", regionFields(), "logo", "big.png", over)
	if msg := fieldError(t, apptest.Doc(t, body), "logo"); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "2 MB") {
		t.Errorf("just over 2 MB: %d %q", resp.StatusCode, msg)
	}

	// A JPEG is stored as PNG.
	resp, _ = postFile(t, b, "/admin/wilayah", regionFields(), "logo", "logo.jpg", jpegOf(t, 300, 200))
	r, _ := e.Store.Region(ctx)
	if l, err := e.Store.Logo(ctx, r.Logo); resp.StatusCode != http.StatusSeeOther || err != nil || l.Width != 300 || !bytes.HasPrefix(l.PNG, []byte("\x89PNG")) {
		t.Errorf("a JPEG logo: %d, %v", resp.StatusCode, err)
	}
	// Noise compresses badly: the logo shrinks until its record fits the store's limit.
	resp, body = postFile(t, b, "/admin/wilayah", regionFields(), "logo", "noise.png", noiseOf(t, 600, 600))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a noisy logo: %d %s", resp.StatusCode, body)
	}
	r, _ = e.Store.Region(ctx)
	l, err := e.Store.Logo(ctx, r.Logo)
	if err != nil || len(l.PNG)+len(l.Icon) > survey.MaxLogoBytes || l.Width >= 600 {
		t.Errorf("a noisy logo is stored at %d px in %d bytes, %v", l.Width, len(l.PNG)+len(l.Icon), err)
	}

	base := e.Listen()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cookies := ""
	for k, v := range b.Cookies {
		cookies += k + "=" + v + "; "
	}
	fmt.Fprintf(conn, "POST /admin/wilayah HTTP/1.1\r\nHost: skm.test\r\nCookie: %s\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: %d\r\n\r\n--xyz\r\n", cookies, 40<<20)
	// The file follows as a browser sends it; the server refuses it once it has the first few
	// kilobytes, without reading the rest.
	go func() {
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for sent := 0; sent < 40<<20; sent += len(chunk) {
			if _, err := conn.Write(chunk); err != nil {
				return
			}
		}
	}()
	resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("a 40 MB logo got no answer before it was sent: %v", err)
	}
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "2 MB") {
		t.Errorf("40 MB logo: %d %s", resp.StatusCode, page)
	}
	if r2, _ := e.Store.Region(ctx); r2.Logo != r.Logo {
		t.Error("a refused logo replaced the region's")
	}
}

// TestRegionPagesAreAdministratorsOnly keeps viewers and unit heads out of the region's profile.
func TestRegionPagesAreAdministratorsOnly(t *testing.T) {
	e := apptest.New(t)
	viewer := e.SignedIn("viewer", survey.RoleViewer)
	if resp, _ := viewer.Get("/admin/wilayah"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer opens the region's profile: %d", resp.StatusCode)
	}
	viewer.Get("/")
	if resp, _ := viewer.Post("/admin/wilayah/lewati", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer skips the region's profile: %d", resp.StatusCode)
	}
}
