package paper_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// A file made for another questionnaire is refused by its header: a question the regulation's nine
// elements do not have, or a profile question the campaign's version does not ask.
func TestScannerRefusesAnotherQuestionnairesFile(t *testing.T) {
	const h = "U1,U2,U3,U4,U5,U6,U7,U8,U9"
	version := survey.Msg("paper.questionnaire", 3, "2026-S2")
	asked := paper.Options{Asked: []string{"gender", "age"}, Questionnaire: version}
	for _, tc := range []struct {
		name, file string
		opts       paper.Options
		says       survey.Message
	}{
		{"a tenth question", h + ",U10\n4,4,4,4,4,4,4,4,4,4\n", paper.Options{Questionnaire: version},
			survey.Msg("err.paper.header.element", "U10", version)},
		{"a question not asked", h + ",Pendidikan\n4,4,4,4,4,4,4,4,4,SMA\n", asked,
			survey.Msg("err.paper.header.notasked", "Pendidikan", version)},
		{"an element missing", "U1,U2,U3,U4,U5,U6,U7,U8,Umur\n4,4,4,4,4,4,4,4,40\n", asked,
			survey.Msg("err.paper.header.missing", "U9")},
	} {
		_, err := paper.NewScanner([]byte(tc.file), "kuesioner.csv", tc.opts)
		wantPaperError(t, err, tc.says)
	}
	// The questions it does ask are read; skm ikm reads answers alone and ignores the rest.
	if _, err := paper.NewScanner([]byte(h+",Umur,JK,Saran\n4,4,4,4,4,4,4,4,4,40,P,ok\n"), "k.csv", asked); err != nil {
		t.Errorf("a file of the questions asked: %v", err)
	}
	if _, err := paper.NewScanner([]byte(h+",U10\n4,4,4,4,4,4,4,4,4,4\n"), "k.csv", paper.Options{AnswersOnly: true}); err != nil {
		t.Errorf("answers only: %v", err)
	}
}

// The scanner hands over one row at a time with that row's bad cells, and reads an XLSX file the
// same way as CSV.
func TestScannerRowsAndProblems(t *testing.T) {
	records := [][]any{{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "Saran"}}
	for i := range 2500 {
		rec := []any{4, 3, 3, 4, 3, 3, 4, 3, 3, ""}
		if i == 1200 {
			rec[4] = 7
		}
		if i%1000 == 0 {
			rec[9] = fmt.Sprintf("saran %d", i)
		}
		records = append(records, rec)
	}
	var csvFile strings.Builder
	for _, rec := range records {
		for j, v := range rec {
			if j > 0 {
				csvFile.WriteString(",")
			}
			fmt.Fprint(&csvFile, v)
		}
		csvFile.WriteString("\n")
	}
	for name, data := range map[string][]byte{"kertas.csv": []byte(csvFile.String()), "kertas.xlsx": xlsxOf(t, records)} {
		sc, err := paper.NewScanner(data, name, paper.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, suggestions := 0, 0
		var bad []survey.Message
		for sc.Scan() {
			rows++
			if sc.Row().Suggestion != "" {
				suggestions++
			}
			bad = append(bad, sc.Problems()...)
		}
		sc.Close()
		if sc.Err() != nil || rows != 2500 || suggestions != 3 || len(bad) != 1 || fmt.Sprint(bad[0].Args) != "[1202 U5 7]" {
			t.Errorf("%s: %d rows, %d suggestions, problems %v, err %v", name, rows, suggestions, bad, sc.Err())
		}
	}
	if _, err := paper.NewScanner(bytes.Repeat([]byte(" "), 10), "blank.csv", paper.Options{}); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("a blank file: %v", err)
	}
}
