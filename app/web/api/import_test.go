package api_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/app/apptest"

	"github.com/skm-engine/skm/survey"
)

const importPath = "/api/v1/campaigns/2026-S2/units/dpmptsp/import"

// upload sends a file as the body of an import request.
func upload(e *apptest.Env, token, path, contentType string, file []byte) (*http.Response, string) {
	e.T.Helper()
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(file))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bearer "+token)
	return e.Do(req)
}

// uploadForm sends a file as the multipart field "file", as a browser form does.
func uploadForm(e *apptest.Env, token, path, filename string, file []byte) (*http.Response, string) {
	e.T.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, err := w.CreateFormFile("file", filename)
	if err != nil {
		e.T.Fatal(err)
	}
	part.Write(file)
	w.Close()
	return upload(e, token, path, w.FormDataContentType(), buf.Bytes())
}

// unitState is what an import may change: the unit's tally and its stored responses.
type unitState struct {
	respondents int64
	score       string
	keys        []string
}

func stateOf(e *apptest.Env, t *testing.T, unit string) unitState {
	t.Helper()
	ctx := context.Background()
	tally, err := e.Store.Tally(ctx, "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	st := unitState{respondents: tally.Unit(unit).Total().All.Respondents}
	resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/"+unit+"/results", e.Token(survey.RoleAdmin), "")
	wantStatus(t, "results", resp, body, http.StatusOK)
	st.score = body[strings.Index(body, `"score":`):][:14]
	err = e.Store.EachResponse(ctx, "2026-S2", unit, func(r *survey.Response) error {
		st.keys = append(st.keys, r.Key)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// wantRecount fails the test unless the campaign's tallies equal a recount of its responses.
func wantRecount(e *apptest.Env, t *testing.T) {
	t.Helper()
	diff, err := e.Store.Verify(context.Background(), "2026-S2")
	if err != nil || len(diff) > 0 {
		t.Errorf("tallies differ from a recount (%v):\n%s", err, strings.Join(diff, "\n"))
	}
}

// vectorBCSV is docs/METHOD.md's vector B (score 81.25) with Indonesian profile columns, the header in
// another order than the answers' element order, and blank cells.
const vectorBCSV = "No;tanggal;layanan;U3;U1;U2;U4;U5;U6;U7;U8;U9;jenis_kelamin;umur;pendidikan;pekerjaan;saran\n" +
	"1;17/08/2026;izin-usaha;;4;4;4;3;3;4;3;3;P;34;SMA;Wirausaha;Antrean lama\n" +
	"2;17/08/2026;PBG;3;3;3;4;3;3;3;3;3;L;45;S1;PNS;\n" +
	"3;18/08/2026;;2;2;3;4;3;;3;2;3;;;;;\n" +
	"4;2026-08-19;izin-usaha;3;4;3;4;4;4;4;3;4;laki-laki;61;D3;swasta;\"Petugas ramah, tempat bersih\"\n"

func TestImportFormats(t *testing.T) {
	plain := "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,,4,3,3,4,3,3\n3,3,3,4,3,3,3,3,3\n2,3,2,4,3,,3,2,3\n4,3,3,4,4,4,4,3,4\n"
	xlsx := [][]any{{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Layanan", "Umur"},
		{4, 4, nil, 4, 3, 3, 4, 3, 3, "pbg", 30}, {3, 3, 3, 4, 3, 3, 3, 3, 3},
		{2, 3, 2, 4, 3, nil, 3, 2, 3}, {4, 3, 3, 4, 4, 4, 4, 3, 4, nil, 52.0}}
	for _, tc := range []struct {
		name string
		send func(e *apptest.Env, token string) (*http.Response, string)
	}{
		{"comma CSV", func(e *apptest.Env, tok string) (*http.Response, string) {
			return upload(e, tok, importPath, "text/csv", []byte(plain))
		}},
		{"semicolon CSV with BOM and CRLF", func(e *apptest.Env, tok string) (*http.Response, string) {
			file := "\xef\xbb\xbf" + strings.ReplaceAll(strings.ReplaceAll(plain, ",", ";"), "\n", "\r\n")
			return upload(e, tok, importPath, "text/csv; charset=utf-8", []byte(file))
		}},
		{"Indonesian header in any order", func(e *apptest.Env, tok string) (*http.Response, string) {
			return upload(e, tok, importPath, "text/csv", []byte(vectorBCSV))
		}},
		{"multipart upload", func(e *apptest.Env, tok string) (*http.Response, string) {
			return uploadForm(e, tok, importPath, "kuesioner agustus.csv", []byte(vectorBCSV))
		}},
		{"XLSX body", func(e *apptest.Env, tok string) (*http.Response, string) {
			return upload(e, tok, importPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", apptest.XLSXFile(t, xlsx))
		}},
		{"XLSX multipart", func(e *apptest.Env, tok string) (*http.Response, string) {
			return uploadForm(e, tok, importPath, "kuesioner.xlsx", apptest.XLSXFile(t, xlsx))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := apptest.New(t)
			e.Seed()
			e.AllowHeadsImportPaper()
			resp, body := tc.send(e, e.Token(survey.RoleUnitHead, "dpmptsp"))
			wantStatus(t, "import", resp, body, http.StatusOK)
			if got := decodeBody[web.PaperResult](t, body); got != (web.PaperResult{Rows: 4, Stored: 4}) {
				t.Errorf("import result = %+v, want 4 rows stored", got)
			}
			st := stateOf(e, t, "dpmptsp")
			if st.respondents != 4 || st.score != `"score":81.25,` {
				t.Errorf("after the import: %d respondents, %s; want vector B's 4 and 81.25", st.respondents, st.score)
			}
			for _, key := range st.keys {
				r, err := e.Store.Response(context.Background(), key)
				if err != nil {
					t.Fatal(err)
				}
				if r.Channel != survey.ChannelPaper || r.Questionnaire != "v1" || r.Campaign != "2026-S2" {
					t.Errorf("imported response %+v", r)
				}
			}
			wantRecount(e, t)
		})
	}
}

func TestImportReadsProfileColumns(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	resp, body := upload(e, e.Token(survey.RoleAdmin), importPath, "text/csv", []byte(vectorBCSV))
	wantStatus(t, "import", resp, body, http.StatusOK)
	var rs []*survey.Response
	e.Store.EachResponse(context.Background(), "2026-S2", "dpmptsp", func(r *survey.Response) error {
		rs = append(rs, r)
		return nil
	})
	byLine := map[string]*survey.Response{}
	for _, r := range rs {
		byLine[r.Key[strings.LastIndex(r.Key, "-")+1:]] = r
	}
	first, fourth := byLine["2"], byLine["5"]
	if first == nil || fourth == nil {
		t.Fatalf("responses by line = %v", byLine)
	}
	if first.Service != "izin-usaha" || first.Profile != (survey.Profile{Gender: "P", Age: 34, Education: "SMA", Occupation: "Wirausaha"}) ||
		first.Suggestion != "Antrean lama" || first.Answers != (survey.Answers{4, 4, 0, 4, 3, 3, 4, 3, 3}) {
		t.Errorf("row 2 = %+v", first)
	}
	// The date is noon of that day in the region's time zone (Asia/Jakarta).
	if want := time.Date(2026, 8, 17, 5, 0, 0, 0, time.UTC); !first.SubmittedAt.Equal(want) || first.Day != "2026-08-17" {
		t.Errorf("row 2 submitted %s on %s, want %s on 2026-08-17", first.SubmittedAt, first.Day, want)
	}
	if fourth.Profile != (survey.Profile{Gender: "L", Age: 61, Education: "D1-D3", Occupation: "Swasta"}) || fourth.Suggestion != "Petugas ramah, tempat bersih" || fourth.Day != "2026-08-19" {
		t.Errorf("row 5 = %+v", fourth)
	}
	if r := byLine["3"]; r == nil || r.Service != "pbg" {
		t.Errorf("row 3's service PBG was not read as pbg: %+v", r)
	}
	if r := byLine["4"]; r == nil || r.Service != "" || r.Profile != (survey.Profile{}) || r.Day != "2026-08-18" {
		t.Errorf("row 4, with a blank profile, = %+v; want no profile", r)
	}

	// Without a date column a row is dated at the time of the import.
	resp, body = upload(e, e.Token(survey.RoleAdmin), importPath, "text/csv", []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n"))
	wantStatus(t, "import without dates", resp, body, http.StatusOK)
	undated := 0
	e.Store.EachResponse(context.Background(), "2026-S2", "dpmptsp", func(r *survey.Response) error {
		if byLine[r.Key[strings.LastIndex(r.Key, "-")+1:]].Key == r.Key {
			return nil
		}
		undated++
		if !r.SubmittedAt.Equal(e.Now) || r.Day != "2026-08-17" {
			t.Errorf("an undated row was submitted %s on %s, want the import's time %s", r.SubmittedAt, r.Day, e.Now)
		}
		return nil
	})
	if undated != 1 {
		t.Errorf("%d undated responses, want 1", undated)
	}
}

func TestImportRejectsWholeFile(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	resp, body := upload(e, admin, importPath, "text/csv", []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,3\n3,3,3,3,3,3,3,3,4\n"))
	wantStatus(t, "a first good file", resp, body, http.StatusOK)
	before := stateOf(e, t, "dpmptsp")

	for _, tc := range []struct {
		name, file string
		says       []string
	}{
		{"bad cells among good rows",
			"layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9,jenis_kelamin\n" +
				"pbg,4,4,4,4,4,4,4,4,4,P\n" +
				"pbg,4,5,4,4,4,4,4,4,4,P\n" +
				"pbg,4,4,4,4,4,4,4,4,4,P\n" +
				",4,4,4,empat,4,4,4,4,4,wanita\n" +
				"pbg,4,4,4,4,4,4,4,4,4,L\n",
			[]string{"3 problems", "row 3, column U2", `"5" is not a score from 1 to 4`, "row 5, column U4", `"empat"`, "row 5, column gender"}},
		{"a service the unit does not offer",
			"layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\npbg,4,4,4,4,4,4,4,4,4\nrawat-jalan,3,3,3,3,3,3,3,3,3\nktp,3,3,3,3,3,3,3,3,3\n",
			[]string{"2 problems", `row 3: Unit dpmptsp does not offer service "rawat-jalan"`, `row 4: Unit dpmptsp does not offer service "ktp"`}},
		{"a missing column", "U1,U2,U3,U4,U5,U6,U7,U9\n4,4,4,4,4,4,4,4\n", []string{"column U8 is missing"}},
		{"an empty row of answers", "U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\n4,4,4,4,4,4,4,4,4,\n,,,,,,,,,bagus\n", []string{"row 3: no question answered"}},
		{"not UTF-8", "U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\n4,4,4,4,4,4,4,4,4,caf\xe9\n", []string{"not UTF-8"}},
		{"a broken workbook", "PK\x03\x04garbage", []string{"not a readable XLSX"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := upload(e, admin, importPath, "text/csv", []byte(tc.file))
			wantError(t, tc.name, resp, body, http.StatusBadRequest, survey.EINVALID, tc.says...)
			after := stateOf(e, t, "dpmptsp")
			if after.respondents != before.respondents || after.score != before.score || strings.Join(after.keys, " ") != strings.Join(before.keys, " ") {
				t.Errorf("a refused file changed the unit: before %+v, after %+v", before, after)
			}
		})
	}
	wantRecount(e, t)
}

func TestImportTwiceStoresOnce(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	e.SubmitRows("web", "dpmptsp", apptest.VectorA[:3]...)

	resp, body := upload(e, admin, importPath, "text/csv", []byte(vectorBCSV))
	wantStatus(t, "first import", resp, body, http.StatusOK)
	once := stateOf(e, t, "dpmptsp")
	resp, body = upload(e, admin, importPath, "text/csv", []byte(vectorBCSV))
	wantStatus(t, "the same file again", resp, body, http.StatusOK)
	if got := decodeBody[web.PaperResult](t, body); got != (web.PaperResult{Rows: 4, Duplicates: 4}) {
		t.Errorf("second import = %+v, want 4 rows, all duplicates", got)
	}
	resp, body = uploadForm(e, admin, importPath, "salinan.csv", []byte(vectorBCSV))
	if got := decodeBody[web.PaperResult](t, body); resp.StatusCode != 200 || got.Duplicates != 4 {
		t.Errorf("the same file under another name = %d %+v, want 4 duplicates", resp.StatusCode, got)
	}
	if twice := stateOf(e, t, "dpmptsp"); twice.respondents != 7 || len(twice.keys) != 7 || twice.score != once.score {
		t.Errorf("after importing twice: %+v; want the 3 web and 4 paper responses once", twice)
	}

	// The same rows for another unit are that unit's responses, not duplicates.
	one := []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n")
	for _, unit := range []string{"dpmptsp", "rsud-blambangan"} {
		resp, body = upload(e, admin, "/api/v1/campaigns/2026-S2/units/"+unit+"/import", "text/csv", one)
		if got := decodeBody[web.PaperResult](t, body); resp.StatusCode != 200 || got.Stored != 1 {
			t.Errorf("one row for %s = %d %+v, want it stored", unit, resp.StatusCode, got)
		}
	}
	wantRecount(e, t)
}

// TestImportLargeFile imports a file of more rows than one batch stores. (Importing it again is
// left to TestImportTwiceStoresOnce's small file: on the embedded store every duplicate costs a
// scan of the responses.)
func TestImportLargeFile(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	rows := web.PaperChunk + 1
	var file strings.Builder
	file.WriteString("U1,U2,U3,U4,U5,U6,U7,U8,U9\n")
	for i := range rows {
		fmt.Fprintf(&file, "%d,4,4,4,4,4,4,4,%d\n", 1+i%4, 1+i%3)
	}
	resp, body := upload(e, admin, importPath, "text/csv", []byte(file.String()))
	wantStatus(t, "a large file", resp, body, http.StatusOK)
	if got := decodeBody[web.PaperResult](t, body); got != (web.PaperResult{Rows: rows, Stored: rows}) {
		t.Errorf("import = %+v, want %d rows stored", got, rows)
	}
	if st := stateOf(e, t, "dpmptsp"); st.respondents != int64(rows) || len(st.keys) != rows {
		t.Errorf("%d respondents and %d responses, want %d", st.respondents, len(st.keys), rows)
	}
	wantRecount(e, t)

	// A file wrong on every row lists the first hundred rows and counts the rest.
	bad := "layanan,U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + strings.Repeat("ktp,4,4,4,4,4,4,4,4,4\n", 150)
	resp, body = upload(e, admin, importPath, "text/csv", []byte(bad))
	got := wantError(t, "150 bad rows", resp, body, http.StatusBadRequest, survey.EINVALID, "150 problems", "… and 50 more")
	if len(got.Error.Details) != 101 {
		t.Errorf("%d details, want 100 rows and a summary", len(got.Error.Details))
	}
}

func TestImportRefusals(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	file := []byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4\n")
	ctx := context.Background()
	if err := e.Store.CreateUnit(ctx, &survey.Unit{Slug: "pasar", Name: survey.Text{ID: "Pasar"}}); err != nil {
		t.Fatal(err)
	}
	resp, body := upload(e, admin, "/api/v1/campaigns/2026-S2/units/pasar/import", "text/csv", file)
	wantError(t, "a unit outside the campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "pasar is not part of campaign 2026-S2")
	resp, body = upload(e, admin, "/api/v1/campaigns/2030-S1/units/dpmptsp/import", "text/csv", file)
	wantError(t, "an unknown campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "2030-S1")
	resp, body = upload(e, admin, importPath, "text/csv", nil)
	wantError(t, "no file", resp, body, http.StatusBadRequest, survey.EINVALID, "CSV or XLSX")

	// The region decides whether unit heads import; a head imports only their own unit's file.
	head := e.Token(survey.RoleUnitHead, "dpmptsp")
	resp, body = upload(e, head, importPath, "text/csv", file)
	wantError(t, "a unit head where the region does not allow it", resp, body, http.StatusForbidden, survey.EFORBIDDEN, "entered by the administrators")
	e.AllowHeadsImportPaper()
	resp, body = upload(e, e.Token(survey.RoleUnitHead, "rsud-blambangan"), importPath, "text/csv", file)
	wantStatus(t, "another unit's head", resp, body, http.StatusForbidden)

	// A closed, archived or published campaign takes no paper questionnaires from anyone, and says why.
	for _, step := range []struct {
		to   survey.State
		says string
	}{{survey.StateClosed, "2026-S2 is closed"}, {survey.StateArchived, "2026-S2 is archived"}, {"published", "have been published"}} {
		var err error
		if step.to == "published" {
			_, err = e.Store.PublishCampaign(ctx, "2026-S2", e.Now)
		} else {
			_, err = e.Store.TransitionCampaign(ctx, "2026-S2", step.to, "test", e.Now)
		}
		if err != nil {
			t.Fatal(err)
		}
		for who, token := range map[string]string{"admin": admin, "head": head} {
			resp, body = upload(e, token, importPath, "text/csv", file)
			wantError(t, string(step.to)+", "+who, resp, body, http.StatusConflict, survey.ECONFLICT, step.says)
		}
	}
	if st := stateOf(e, t, "dpmptsp"); st.respondents != 0 {
		t.Errorf("a refused import stored %d responses", st.respondents)
	}
}
