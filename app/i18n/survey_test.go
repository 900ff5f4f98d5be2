package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// keyShape is what a catalogue key looks like: "err.unit.slug", "state.closed".
var keyShape = regexp.MustCompile(`^[a-z][a-z0-9]*(\.[a-z0-9_]+)+$`)

// surveyKeys returns every string literal shaped like a key in the code of the domain, its store
// and its paper reader: the keys their errors and messages name.
func surveyKeys(t *testing.T) []string {
	t.Helper()
	var keys []string
	for _, dir := range []string{"../../survey", "../../survey/mongo", "../../survey/paper"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			f.Imports = nil
			ast.Inspect(f, func(n ast.Node) bool {
				if _, ok := n.(*ast.ImportSpec); ok {
					return false
				}
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && keyShape.MatchString(s) && !slices.Contains(keys, s) {
						keys = append(keys, s)
					}
				}
				return true
			})
		}
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys in the survey code: %v", len(keys), keys)
	}
	return keys
}

// verbs lists the formatting verbs of a wording, in order.
var verbs = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// TestSurveyKeysInBothLanguages checks that every key the survey code names is in the catalogue,
// worded in both languages, and that both wordings take the same arguments in the same order.
func TestSurveyKeysInBothLanguages(t *testing.T) {
	for _, key := range surveyKeys(t) {
		text, ok := i18n.Lookup(key)
		if !ok {
			t.Errorf("%s: not in the catalogue", key)
			continue
		}
		if strings.TrimSpace(text.ID) == "" || strings.TrimSpace(text.EN) == "" {
			t.Errorf("%s: worded in one language only: %+v", key, text)
		}
		if id, en := verbs.FindAllString(text.ID, -1), verbs.FindAllString(text.EN, -1); !slices.Equal(id, en) {
			t.Errorf("%s: Indonesian takes %v, English %v", key, id, en)
		}
	}
}

// TestSurveyErrorsRender says errors made by the domain's own functions in both languages: every
// argument fills its verb, and words such as a weekday are said in the page's language.
func TestSurveyErrorsRender(t *testing.T) {
	q := survey.StandardQuestionnaire()
	q.Questions[3].Element = "U10"
	blankAnswer := survey.StandardQuestionnaire()
	blankAnswer.Questions[1].Answers[2].ID = " "
	campaign := &survey.Campaign{Key: "2026-S2", Questionnaire: "v1", State: survey.StateDraft,
		Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: -1}}}
	region := survey.DefaultRegion()
	region.Office = []survey.OfficeHours{{Day: time.Monday, Open: "07:30", Close: "12:00"}, {Day: time.Monday, Open: "11:00", Close: "16:00"}}
	issued := survey.NewIssuedReport("SKM/2026-S2/WILAYAH/0123ABCD", survey.ReportRegion, "2026-S2", "dpmptsp", "id", []byte("%PDF"), time.Now(), "admin")
	response := &survey.Response{Key: "0123456789abcdef", Unit: "dpmptsp", Service: "ktp", Answers: survey.Answers{4}, Channel: "web", SubmittedAt: time.Now()}
	_, _, semester := survey.ParseSemester("2026-S3")

	for _, tc := range []struct {
		name   string
		err    error
		id, en string
	}{
		{"a bad campaign key", semester,
			`Kode periode "2026-S3" harus berbentuk seperti 2026-S1 atau 2026-S2.`, `Campaign key "2026-S3" must look like 2026-S1 or 2026-S2.`},
		{"a bad unit slug", (&survey.Unit{Slug: "Bad Slug", Name: survey.Text{ID: "Pasar"}}).Validate(),
			`Slug unit "Bad Slug" harus terdiri atas 2–64 huruf kecil, angka, dan tanda hubung tunggal, misalnya "rsud-blambangan".`,
			`Unit slug "Bad Slug" must be 2–64 lower-case letters, digits and single hyphens, such as "rsud-blambangan".`},
		{"a negative population", campaign.Validate(),
			"Periode 2026-S2: populasi dpmptsp harus antara 0 dan 100000000.", "Campaign 2026-S2: population of dpmptsp must be between 0 and 100000000."},
		{"an unknown element", q.Validate(),
			`Pertanyaan 4: kode unsur "U10" tidak dikenal (gunakan U1..U9).`, `Question 4: unknown element code "U10" (use U1..U9).`},
		{"an answer without wording", blankAnswer.Validate(),
			"Pertanyaan 2, jawaban 3: teks bahasa Indonesia wajib diisi.", "Question 2, answer 3: Indonesian wording required."},
		{"overlapping office hours", region.Validate(),
			"Jam kerja hari Senin saling tumpang tindih.", "Office hours on Monday overlap."},
		{"a regional report naming a unit", issued.Validate(),
			"Berkas jenis wilayah tidak sesuai: laporan wilayah tidak menyebut unit, sedangkan jenis lain wajib menyebut unitnya.",
			"A region report names a unit exactly when it is not regional."},
		{"a service the unit lacks", response.Validate(&survey.Unit{Slug: "dpmptsp"}),
			`Unit dpmptsp tidak menyediakan layanan "ktp".`, `Unit dpmptsp does not offer service "ktp".`},
		{"a move between states", survey.Errorf(survey.ECONFLICT, "err.campaign.transition", "2027-S1", survey.StateDraft.Message(), survey.StateArchived.Message()),
			"Periode 2027-S1 berstatus draf dan tidak dapat beralih ke status diarsipkan.", "Campaign 2027-S1 is draft and cannot become archived."},
		{"an unknown state", survey.Errorf(survey.ECONFLICT, "err.campaign.transition", "2027-S1", survey.StateOpen.Message(), survey.State("paused").Message()),
			`Periode 2027-S1 berstatus berjalan dan tidak dapat beralih ke status "paused".`, `Campaign 2027-S1 is open and cannot become "paused".`},
	} {
		if tc.err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if got := i18n.For(i18n.ID, nil).Error(tc.err); got != tc.id {
			t.Errorf("%s in Indonesian:\n got %s\nwant %s", tc.name, got, tc.id)
		}
		if got := i18n.For(i18n.EN, nil).Error(tc.err); got != tc.en {
			t.Errorf("%s in English:\n got %s\nwant %s", tc.name, got, tc.en)
		}
	}
}

// TestPaperErrorsRender reads files with every kind of bad cell and header and says their errors
// and every detail in both languages.
func TestPaperErrorsRender(t *testing.T) {
	read := func(file string) error {
		t.Helper()
		if _, err := paper.Read(strings.NewReader(file), "bad.csv", paper.Options{}); err != nil {
			return err
		}
		t.Fatalf("a bad file was read:\n%s", file)
		return nil
	}
	cells := read("layanan,jk,umur,pendidikan,pekerjaan,tanggal,saran,U1,U2,U3,U4,U5,U6,U7,U8,U9\n" +
		"a,X,7,SMK,Petani,31/02/2026," + strings.Repeat("x", survey.MaxSuggestion+1) + ",5,4,4,4,4,4,4,4,4\n" +
		"a" + strings.Repeat(",", 15) + "\n")
	header := read("U1,U1,U2,U3,U4,U5,U6,U7,U8,layanan,service\n4,4,4,4,4,4,4,4,4,a,b\n")
	many := read("U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + strings.Repeat("9,9,9,9,9,9,9,9,9\n", 20))

	id, en := i18n.For(i18n.ID, nil), i18n.For(i18n.EN, nil)
	for _, p := range []i18n.Printer{id, en} {
		for _, err := range []error{cells, header, many} {
			for _, s := range append([]string{p.Error(err)}, p.Details(err)...) {
				if strings.Contains(s, "%!") || strings.Contains(s, "err.") || strings.Contains(s, "paper.") {
					t.Errorf("%s: %q", p.Lang(), s)
				}
			}
		}
	}
	for _, want := range []struct {
		err    error
		id, en string
	}{
		{cells, `baris 2, kolom U1: "5" bukan skor 1 sampai 4`, `row 2, column U1: "5" is not a score from 1 to 4`},
		{cells, `baris 2, kolom jenis kelamin: "X" bukan L (laki-laki) atau P (perempuan)`, `row 2, column gender: "X" is not L (laki-laki) or P (perempuan)`},
		{cells, `baris 2, kolom pendidikan: "SMK" bukan salah satu dari SD, SMP, SMA, D1-D3, S1, S2, S3`, `row 2, column education: "SMK" is not one of SD, SMP, SMA, D1-D3, S1, S2, S3`},
		{cells, "baris 2, kolom saran: lebih dari 2000 karakter", "row 2, column suggestion: longer than 2000 characters"},
		{cells, "baris 3: tidak ada pertanyaan yang dijawab (U1 sampai U9 kosong semua)", "row 3: no question answered (U1 to U9 are all blank)"},
		{header, "baris judul: kolom U1 muncul dua kali", "header: column U1 appears twice"},
		{header, "baris judul: dua kolom memuat layanan", "header: two columns give the service"},
		{header, "baris judul: kolom U9 tidak ada (baris judul harus memuat U1 sampai U9)", "header: column U9 is missing (the header must name U1 to U9)"},
		{many, "… dan 80 lainnya", "… and 80 more"},
	} {
		if !slices.Contains(id.Details(want.err), want.id) {
			t.Errorf("Indonesian details lack %q:\n%s", want.id, strings.Join(id.Details(want.err), "\n"))
		}
		if !slices.Contains(en.Details(want.err), want.en) {
			t.Errorf("English details lack %q:\n%s", want.en, strings.Join(en.Details(want.err), "\n"))
		}
	}
	for _, want := range []struct{ got, want string }{
		{en.Error(cells), "The file has errors: 8 problems; nothing was read."},
		{id.Error(header), "Baris judul salah: 3 masalah; tidak ada yang dibaca."},
		{en.Error(header), "The header is wrong: 3 problems; nothing was read."},
		{id.Error(many), "Berkas mengandung kesalahan: 180 masalah; tidak ada yang dibaca."},
	} {
		if want.got != want.want {
			t.Errorf("error %q, want %q", want.got, want.want)
		}
	}
}
