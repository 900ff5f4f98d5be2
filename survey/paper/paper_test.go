package paper_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// methodVector is one of docs/METHOD.md's public test vectors: rows of scores in element order U1..U9
// (blank = unanswered) and the result the regulation's method gives.
type methodVector struct {
	name  string
	rows  []string
	score float64
	grade analytics.Grade
	nrr   []float64 // rounded to 4 decimals; nil when docs/METHOD.md gives none
}

// vectorD builds docs/METHOD.md's vector D: element totals 105, 101, 100, 116, 102, 105, 106, 105,
// 115 over 29 respondents. Each total is 29 threes plus as many fours as it exceeds 87.
func vectorD() []string {
	totals := []int{105, 101, 100, 116, 102, 105, 106, 105, 115}
	rows := make([]string, 29)
	for r := range rows {
		cells := make([]string, 9)
		for e, total := range totals {
			cells[e] = "3"
			if r < total-87 {
				cells[e] = "4"
			}
		}
		rows[r] = strings.Join(cells, ",")
	}
	return rows
}

func vectorC() []string {
	var rows []string
	for i := range 15 {
		v := "4"
		if i >= 8 {
			v = "3"
		}
		rows = append(rows, strings.TrimSuffix(strings.Repeat(v+",", 9), ","))
	}
	return rows
}

var methodVectors = []methodVector{
	{name: "A", score: 81.67, grade: analytics.GradeB,
		rows: []string{"3,3,3,4,3,3,4,3,3", "4,3,3,4,4,3,4,3,4", "3,2,2,4,3,3,3,2,3", "4,4,3,4,4,4,4,3,3", "3,3,2,4,3,3,3,3,3",
			"2,3,3,4,3,3,3,2,3", "4,4,4,4,4,4,4,4,4", "3,3,3,3,3,3,3,3,3", "3,2,3,4,3,4,4,2,3", "4,3,3,4,3,3,4,3,4"},
		nrr: []float64{3.3, 3.0, 2.9, 3.9, 3.3, 3.3, 3.6, 2.8, 3.3}},
	{name: "B", score: 81.25, grade: analytics.GradeB,
		rows: []string{"4,4,,4,3,3,4,3,3", "3,3,3,4,3,3,3,3,3", "2,3,2,4,3,,3,2,3", "4,3,3,4,4,4,4,3,4"},
		nrr:  []float64{3.25, 3.25, 2.6667, 4.0, 3.25, 3.3333, 3.5, 2.75, 3.25}},
	{name: "C", score: 88.33, grade: analytics.GradeA, rows: vectorC()},
	{name: "D", score: 91.48, grade: analytics.GradeA, rows: vectorD()},
	{name: "one perfect respondent", score: 100, grade: analytics.GradeA, rows: []string{"4,4,4,4,4,4,4,4,4"}},
}

// csvOf writes rows as a file with the header U1..U9, in the given separator.
func csvOf(header string, sep string, rows []string) string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(header, ",", sep) + "\n")
	for _, r := range rows {
		b.WriteString(strings.ReplaceAll(r, ",", sep) + "\n")
	}
	return b.String()
}

// resultOf counts the rows as the engine does and computes the index.
func resultOf(rows []paper.Row) analytics.Result {
	t := survey.NewCampaignTally("paper")
	for _, row := range rows {
		t.Add(&survey.Record{Unit: "u", Answers: row.Answers})
	}
	return analytics.Compute(t.Unit("u").Total().All.Tally)
}

// reorder moves each row's cells into the order of the header's element codes, and adds the
// extra columns' cells.
func reorder(rows []string, order []int, extra ...string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		cells := strings.Split(r, ",")
		moved := make([]string, 0, len(order)+len(extra))
		for _, e := range order {
			moved = append(moved, cells[e])
		}
		out[i] = strings.Join(append(moved, extra...), ",")
	}
	return out
}

func TestReadMethodVectors(t *testing.T) {
	const header = "U1,U2,U3,U4,U5,U6,U7,U8,U9"
	shuffled := []int{8, 2, 0, 7, 1, 6, 3, 5, 4} // U9,U3,U1,U8,U2,U7,U4,U6,U5
	formats := []struct {
		name string
		file func(rows []string) string
	}{
		{"comma", func(rows []string) string { return csvOf(header, ",", rows) }},
		{"semicolon", func(rows []string) string { return csvOf(header, ";", rows) }},
		{"BOM and CRLF", func(rows []string) string {
			return "\xef\xbb\xbf" + strings.ReplaceAll(csvOf(header, ";", rows), "\n", "\r\n")
		}},
		{"header in another order with extra columns", func(rows []string) string {
			return csvOf("U9,U3,u1,U8,U2,U7,U4,U6,U5,Nomor,Petugas", ",", reorder(rows, shuffled, "7", "Bu Sri"))
		}},
		{"quoted cells", func(rows []string) string {
			var b strings.Builder
			b.WriteString(`"U1","U2","U3","U4","U5","U6","U7","U8","U9"` + "\n")
			for _, r := range rows {
				b.WriteString(`"` + strings.ReplaceAll(r, ",", `","`) + `"` + "\n")
			}
			return b.String()
		}},
		{"spaces around cells", func(rows []string) string {
			return csvOf(" U1 ,U2 , U3,U4,U5,U6,U7,U8,U9", " ; ", rows)
		}},
	}
	for _, v := range methodVectors {
		for _, f := range formats {
			t.Run(v.name+"/"+f.name, func(t *testing.T) {
				rows, err := paper.Read(strings.NewReader(f.file(v.rows)), "vector.csv", paper.Options{})
				if err != nil {
					t.Fatalf("Read: %v %v", err, survey.ErrorDetails(err))
				}
				if len(rows) != len(v.rows) {
					t.Fatalf("read %d rows, want %d", len(rows), len(v.rows))
				}
				for i, row := range rows {
					if row.Line != i+2 {
						t.Errorf("row %d has line %d, want %d", i, row.Line, i+2)
					}
				}
				r := resultOf(rows)
				if r.Respondents != int64(len(v.rows)) || r.Score != v.score || r.Grade != v.grade {
					t.Errorf("%d respondents, score %.2f %s; want %d, %.2f %s", r.Respondents, r.Score, r.Grade, len(v.rows), v.score, v.grade)
				}
				for i, want := range v.nrr {
					if got := float64(int64(r.Elements[i].NRR*10000+0.5)) / 10000; got != want {
						t.Errorf("NRR of %s = %.4f, want %.4f", survey.ElementCodes[i], got, want)
					}
				}
			})
		}
	}
}

func TestReadBlankIsUnanswered(t *testing.T) {
	rows, err := paper.Read(strings.NewReader("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,,3,,,,,,\n"), "b.csv", paper.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (survey.Answers{4, 0, 3}); rows[0].Answers != want {
		t.Errorf("answers = %v, want %v (blank = 0, unanswered)", rows[0].Answers, want)
	}
}

// TestReadMessageKind reads the column that says what a row's message is, in either language;
// a row that does not say stays "", which imports read as a suggestion.
func TestReadMessageKind(t *testing.T) {
	file := "U1,U2,U3,U4,U5,U6,U7,U8,U9,saran,jenis\n" +
		"4,4,4,4,4,4,4,4,4,Berkas hilang,Keluhan\n" +
		"4,4,4,4,4,4,4,4,4,Petugas ramah,pujian\n" +
		"4,4,4,4,4,4,4,4,4,Tambah kursi,\n" +
		"4,4,4,4,4,4,4,4,4,Loket tutup,complaint\n"
	rows, err := paper.Read(strings.NewReader(file), "jenis.csv", paper.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Kind)
	}
	if want := []string{survey.KindComplaint, survey.KindPraise, "", survey.KindComplaint}; !slices.Equal(got, want) {
		t.Errorf("kinds %q, want %q", got, want)
	}
	_, err = paper.Read(strings.NewReader("type,U1,U2,U3,U4,U5,U6,U7,U8,U9\nmarah,4,4,4,4,4,4,4,4,4\n"), "type.csv", paper.Options{})
	wantPaperError(t, err, survey.Msg("err.paper.cell.kind", 2, "marah"))
}

func TestReadProfileColumns(t *testing.T) {
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	file := "tanggal;pekerjaan;U1;U2;U3;U4;U5;U6;U7;U8;U9;layanan;jenis_kelamin;umur;pendidikan;saran\n" +
		"17/08/2026;swasta;4;4;4;4;4;4;4;4;3;Izin-Usaha;Perempuan;34;D3;Antrean terlalu lama\n" +
		"2026-08-18;PNS;3;3;3;3;3;3;3;3;3;;L;61.0;s1;\n" +
		";;2;;;;;;;;;;;;;\n"
	rows, err := paper.Read(strings.NewReader(file), "profil.csv", paper.Options{Location: jakarta})
	if err != nil {
		t.Fatalf("Read: %v %v", err, survey.ErrorDetails(err))
	}
	want := []paper.Row{
		{Line: 2, Answers: survey.Answers{4, 4, 4, 4, 4, 4, 4, 4, 3}, Service: "izin-usaha",
			Profile:    survey.Profile{Gender: "P", Age: 34, Education: "D1-D3", Occupation: "Swasta"},
			Suggestion: "Antrean terlalu lama", Date: time.Date(2026, 8, 17, 12, 0, 0, 0, jakarta)},
		{Line: 3, Answers: survey.Answers{3, 3, 3, 3, 3, 3, 3, 3, 3},
			Profile: survey.Profile{Gender: "L", Age: 61, Education: "S1", Occupation: "PNS"}, Date: time.Date(2026, 8, 18, 12, 0, 0, 0, jakarta)},
		{Line: 4, Answers: survey.Answers{2}},
	}
	for i := range want {
		if fmt.Sprintf("%+v", rows[i]) != fmt.Sprintf("%+v", want[i]) {
			t.Errorf("row %d =\n %+v\nwant\n %+v", i, rows[i], want[i])
		}
	}

	// English headers name the same fields; AnswersOnly ignores them, bad values included.
	file = "service,gender,age,education,occupation,suggestion,date,U1,U2,U3,U4,U5,U6,U7,U8,U9\n" +
		"pbg,female,200,doctorate,farmer,ok,yesterday,4,4,4,4,4,4,4,4,4\n"
	if _, err := paper.Read(strings.NewReader(file), "en.csv", paper.Options{AnswersOnly: true}); err != nil {
		t.Errorf("AnswersOnly read a bad profile: %v", err)
	}
	_, err = paper.Read(strings.NewReader(file), "en.csv", paper.Options{})
	wantPaperError(t, err, survey.Msg("err.paper.cell.age", 2, "200"), survey.Msg("err.paper.cell.education", 2, "doctorate", educations), survey.Msg("err.paper.cell.occupation", 2, "farmer", occupations),
		survey.Msg("err.paper.cell.date", 2, "yesterday"))
}

var (
	educations  = strings.Join(survey.Educations, ", ")
	occupations = strings.Join(survey.Occupations, ", ")
)

// score returns the message of a cell that holds no score, in the row and the element's column.
func score(row int, element, value string) survey.Message {
	return survey.Msg("err.paper.cell.score", row, element, value)
}

// wantPaperError checks that err is an EINVALID *survey.Error whose message or one of whose
// details is each of the messages; a message given without arguments matches by its key alone.
func wantPaperError(t *testing.T, err error, want ...survey.Message) {
	t.Helper()
	var e *survey.Error
	if !errors.As(err, &e) || e.Code != survey.EINVALID {
		t.Fatalf("error = %v, want an EINVALID *survey.Error", err)
	}
	said := append([]survey.Message{e.Message}, e.Details...)
	for _, w := range want {
		if !slices.ContainsFunc(said, func(m survey.Message) bool {
			return m.Key == w.Key && (w.Args == nil || reflect.DeepEqual(m.Args, w.Args))
		}) {
			t.Errorf("error does not say %+v:\n%+v", w, said)
		}
	}
}

func TestReadErrors(t *testing.T) {
	const h = "U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
	for _, tc := range []struct {
		name, file string
		says       []survey.Message
	}{
		{"score 5", h + "4,4,4,4,4,4,4,4,4\n4,5,4,4,4,4,4,4,4\n", []survey.Message{score(3, "U2", "5"), survey.Msg("err.paper.file.one", 1)}},
		{"score 0", h + "0,4,4,4,4,4,4,4,4\n", []survey.Message{score(2, "U1", "0")}},
		{"negative", h + "4,4,4,4,4,4,4,4,-1\n", []survey.Message{score(2, "U9", "-1")}},
		{"a word", h + "4,4,4,baik,4,4,4,4,4\n", []survey.Message{score(2, "U4", "baik")}},
		{"a fraction", h + "4,4,4,4,3.5,4,4,4,4\n", []survey.Message{score(2, "U5", "3.5")}},
		{"every bad cell listed", h + "5,4,4,4,4,4,4,4,4\n4,4,4,4,4,4,4,4,4\n4,4,x,4,4,4,4,4,9\n",
			[]survey.Message{survey.Msg("err.paper.file.many", 3), score(2, "U1", "5"), score(4, "U3", "x"), score(4, "U9", "9")}},
		{"all blank answers", h + "4,4,4,4,4,4,4,4,4\n,,,,,,,,,Budi\n", []survey.Message{survey.Msg("err.paper.cell.unanswered", 3)}},
		{"missing column", "U1,U2,U3,U4,U5,U6,U7,U9\n4,4,4,4,4,4,4,4\n",
			[]survey.Message{survey.Msg("err.paper.header.one", 1), survey.Msg("err.paper.header.missing", "U8")}},
		{"numbered columns", "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n4,4,4,4,4,4,4,4,4\n",
			[]survey.Message{survey.Msg("err.paper.header.many", 9), survey.Msg("err.paper.header.missing", "U1"), survey.Msg("err.paper.header.missing", "U9")}},
		{"column twice", "U1,U2,U3,U4,U5,U6,U7,U8,U9,U1\n4,4,4,4,4,4,4,4,4,4\n", []survey.Message{survey.Msg("err.paper.header.twice", "U1")}},
		{"two service columns", "layanan,service,U1,U2,U3,U4,U5,U6,U7,U8,U9\na,b,4,4,4,4,4,4,4,4,4\n",
			[]survey.Message{survey.Msg("err.paper.header.field", survey.Msg("paper.field.service"))}},
		{"empty", "", []survey.Message{survey.Msg("err.paper.empty")}},
		{"only a BOM and blank lines", "\xef\xbb\xbf\n\n  \n", []survey.Message{survey.Msg("err.paper.empty")}},
		{"header only", h, []survey.Message{survey.Msg("err.paper.noquestionnaires")}},
		{"bad gender", "jk," + h + "X,4,4,4,4,4,4,4,4,4\n", []survey.Message{survey.Msg("err.paper.cell.gender", 2, "X")}},
		{"age out of range", "umur," + h + "7,4,4,4,4,4,4,4,4,4\n", []survey.Message{survey.Msg("err.paper.cell.age", 2, "7")}},
		{"bad date", "tanggal," + h + "31/02/2026,4,4,4,4,4,4,4,4,4\n", []survey.Message{survey.Msg("err.paper.cell.date", 2, "31/02/2026")}},
		{"long suggestion", "saran," + h + strings.Repeat("a", survey.MaxSuggestion+1) + ",4,4,4,4,4,4,4,4,4\n",
			[]survey.Message{survey.Msg("err.paper.cell.suggestion", 2, survey.MaxSuggestion)}},
		{"broken quote", h + "4,4,4,4,\"4,4,4,4,4\n4,4\"x,4\n", []survey.Message{survey.Msg("err.paper.csvrow", 2, `extraneous or missing " in quoted-field`)}},
		{"not UTF-8", "U1,U2,U3,U4,U5,U6,U7,U8,U9,Saran\n4,4,4,4,4,4,4,4,4,Pelayanan \xe9l\xe9gant\n", []survey.Message{survey.Msg("err.paper.utf8")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := paper.Read(strings.NewReader(tc.file), "bad.csv", paper.Options{})
			if rows != nil {
				t.Errorf("a bad file returned %d rows", len(rows))
			}
			wantPaperError(t, err, tc.says...)
		})
	}
}

func TestReadListsAtMostAHundredProblems(t *testing.T) {
	file := "U1,U2,U3,U4,U5,U6,U7,U8,U9\n" + strings.Repeat("9,9,9,9,9,9,9,9,9\n", 20)
	_, err := paper.Read(strings.NewReader(file), "bad.csv", paper.Options{})
	wantPaperError(t, err, survey.Msg("err.paper.file.many", 180), survey.Msg("err.paper.more", 80))
	if slices.ContainsFunc(survey.ErrorDetails(err), func(m survey.Message) bool { return m.Key == "err.paper.cell.unanswered" }) {
		t.Error("a row of bad scores is also reported as unanswered")
	}
	if n := len(survey.ErrorDetails(err)); n != 101 {
		t.Errorf("%d details, want 100 and a summary", n)
	}
}

// TestReadRowNumbersSkipBlankLines checks that an error names the row a person sees in the
// file, even when blank lines or a cell spanning lines come before it.
func TestReadRowNumbersSkipBlankLines(t *testing.T) {
	file := "Saran,U1,U2,U3,U4,U5,U6,U7,U8,U9\n" +
		"\"Ruang tunggu\npanas\",4,4,4,4,4,4,4,4,4\n" + // lines 2–3
		"\n" + // line 4
		",3,3,3,3,3,3,3,3,3\n" + // line 5
		",3,3,3,3,7,3,3,3,3\n" // line 6
	_, err := paper.Read(strings.NewReader(file), "gaps.csv", paper.Options{})
	wantPaperError(t, err, score(6, "U5", "7"))
	rows, err := paper.Read(strings.NewReader(strings.Replace(file, ",7,", ",2,", 1)), "gaps.csv", paper.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if fmt.Sprint(lines) != "[2 5 6]" {
		t.Errorf("lines = %v, want [2 5 6]", lines)
	}
}

// xlsxOf builds a workbook whose first sheet holds the records; numbers are stored as numbers, as
// a spreadsheet program does.
func xlsxOf(tb testing.TB, records [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, rec := range records {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &rec); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSX(t *testing.T) {
	records := [][]any{{"Layanan", "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Umur"}}
	for _, row := range methodVectors[1].rows { // B, with blanks
		rec := []any{"pbg"}
		for _, c := range strings.Split(row, ",") {
			if c == "" {
				rec = append(rec, nil)
			} else {
				var v int
				fmt.Sscan(c, &v)
				rec = append(rec, v)
			}
		}
		records = append(records, append(rec, 40.0))
	}
	data := xlsxOf(t, records)
	for _, name := range []string{"kuesioner.xlsx", "upload.bin"} { // by extension, and by content
		rows, err := paper.Read(bytes.NewReader(data), name, paper.Options{})
		if err != nil {
			t.Fatalf("%s: %v %v", name, err, survey.ErrorDetails(err))
		}
		if r := resultOf(rows); r.Score != 81.25 || len(rows) != 4 || rows[0].Service != "pbg" || rows[0].Profile.Age != 40 {
			t.Errorf("%s: %d rows, score %.2f, first row %+v; want vector B's 81.25", name, len(rows), r.Score, rows[0])
		}
	}

	records[3][4] = 5
	_, err := paper.Read(bytes.NewReader(xlsxOf(t, records)), "bad.xlsx", paper.Options{})
	wantPaperError(t, err, score(4, "U4", "5"))

	_, err = paper.Read(strings.NewReader("PK\x03\x04 not really a workbook"), "broken.xlsx", paper.Options{})
	wantPaperError(t, err, survey.Msg("err.paper.xlsx"))
}

// FuzzRead checks that no file makes Read panic, and that it either returns rows whose
// every answer is a score from 1 to 4 (blank as 0), or an EINVALID *survey.Error.
//
//	go test -fuzz=FuzzRead ./survey/paper/
func FuzzRead(f *testing.F) {
	for _, v := range methodVectors {
		f.Add([]byte(csvOf("U1,U2,U3,U4,U5,U6,U7,U8,U9", ",", v.rows)), false)
		f.Add([]byte(csvOf("U1,U2,U3,U4,U5,U6,U7,U8,U9", ";", v.rows)), true)
	}
	f.Add([]byte("\xef\xbb\xbftanggal;layanan;jenis_kelamin;umur;pendidikan;pekerjaan;saran;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n"+
		"17/08/2026;pbg;P;34;D3;Swasta;\"Antre, lama\";4;4;;4;4;4;4;4;3\r\n"), false)
	f.Add([]byte("U1,U2,U3,U4,U5,U6,U7,U8,U9\n\"4\n\",,,,,,,,\n\n5,x,,,,,,,\n"), false)
	f.Add(xlsxOf(f, [][]any{{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "umur"}, {4, 3, 2, 1, 4, 3, 2, 1, nil, 30}}), false)
	f.Fuzz(func(t *testing.T, data []byte, answersOnly bool) {
		rows, err := paper.Read(bytes.NewReader(data), "fuzz", paper.Options{AnswersOnly: answersOnly})
		if err != nil {
			var e *survey.Error
			if !errors.As(err, &e) || e.Code != survey.EINVALID || e.Key == "" {
				t.Fatalf("error %v is not an EINVALID *survey.Error with a message", err)
			}
			if rows != nil {
				t.Fatalf("an error came with %d rows", len(rows))
			}
			return
		}
		if len(rows) == 0 {
			t.Fatal("no rows and no error")
		}
		last := 1
		for _, row := range rows {
			if row.Line <= last {
				t.Fatalf("row line %d after %d", row.Line, last)
			}
			last = row.Line
			if row.Answers.Answered() == 0 {
				t.Fatalf("row %d answers nothing", row.Line)
			}
			for i, v := range row.Answers {
				if v < 0 || v > 4 {
					t.Fatalf("row %d: %s = %d", row.Line, survey.ElementCodes[i], v)
				}
			}
			if err := row.Profile.Validate(); err != nil {
				t.Fatalf("row %d: invalid profile accepted: %v", row.Line, err)
			}
			if answersOnly && (row.Profile != survey.Profile{} || row.Service != "" || row.Suggestion != "" || !row.Date.IsZero()) {
				t.Fatalf("row %d: AnswersOnly read more than answers: %+v", row.Line, row)
			}
		}
	})
}
