package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/skm-engine/skm/app/apptest"
)

// runSKM runs the skm command in process and returns its exit status and output.
func runSKM(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &Env{Getenv: func(k string) string { return env[k] }, Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

// ikmVectors are docs/METHOD.md's public test vectors A–D, written as files in testdata the way
// spreadsheets export them (vector B: semicolons, a byte-order mark and CRLF).
var ikmVectors = []struct {
	file        string
	respondents int64
	ikm, score  float64
	grade, perf string
	// u8 is the NRR of element U8 (complaint handling, the 9th question on the form).
	u8 float64
}{
	{"testdata/vector-a.csv", 10, 3.2667, 81.67, "B", "Baik", 2.8},
	{"testdata/vector-b.csv", 4, 3.25, 81.25, "B", "Baik", 2.75},
	{"testdata/vector-c.csv", 15, 3.5333, 88.33, "A", "Sangat Baik", 3.5333},
	{"testdata/vector-d.csv", 29, 3.659, 91.48, "A", "Sangat Baik", 3.6207},
}

func TestIKMJSON(t *testing.T) {
	for _, v := range ikmVectors {
		t.Run(filepath.Base(v.file), func(t *testing.T) {
			code, stdout, stderr := runSKM(t, nil, "ikm", "--json", v.file)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			var raw map[string]json.RawMessage
			if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
				t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
			}
			if keys := sortedKeys(raw); !slices.Equal(keys, []string{"elements", "grade", "ikm", "performance", "respondents", "score"}) {
				t.Errorf("keys = %v", keys)
			}
			var got struct {
				Respondents int64
				IKM         float64
				Score       float64
				Grade       string
				Performance string
				Elements    []map[string]json.RawMessage
			}
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatal(err)
			}
			if got.Respondents != v.respondents || got.IKM != v.ikm || got.Score != v.score || got.Grade != v.grade || got.Performance != v.perf {
				t.Errorf("got %d respondents, IKM %v, score %v %s %s; want %d, %v, %v %s %s",
					got.Respondents, got.IKM, got.Score, got.Grade, got.Performance, v.respondents, v.ikm, v.score, v.grade, v.perf)
			}
			if len(got.Elements) != 9 {
				t.Fatalf("%d elements, want 9", len(got.Elements))
			}
			for i, el := range got.Elements {
				if keys := sortedKeys(el); !slices.Equal(keys, []string{"answered", "code", "grade", "nrr", "score"}) {
					t.Errorf("element %d keys = %v", i, keys)
				}
				if want := `"U` + string(rune('1'+i)) + `"`; string(el["code"]) != want {
					t.Errorf("element %d code = %s, want %s", i, el["code"], want)
				}
			}
			if string(got.Elements[7]["nrr"]) != jsonNumber(v.u8) {
				t.Errorf("U8 nrr = %s, want %v", got.Elements[7]["nrr"], v.u8)
			}
		})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestIKMTextInIndonesian(t *testing.T) {
	for _, v := range ikmVectors {
		t.Run(filepath.Base(v.file), func(t *testing.T) {
			code, stdout, stderr := runSKM(t, nil, "ikm", v.file)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			score := strings.Replace(jsonNumber(v.score), ".", ",", 1)
			for _, want := range []string{
				"Indeks Kepuasan Masyarakat — " + v.file,
				"responden, PermenPANRB 14/2017",
				"Unsur", "Dijawab", "NRR tertimbang", "Mutu",
				"Nilai IKM         " + score,
				"Mutu pelayanan    " + v.grade,
				"Kinerja unit      " + v.perf,
			} {
				if !strings.Contains(stdout, want) {
					t.Errorf("the table lacks %q:\n%s", want, stdout)
				}
			}
			if strings.Contains(stdout, "Nilai IKM         "+jsonNumber(v.score)) {
				t.Errorf("the score is printed with a decimal point, not an Indonesian comma:\n%s", stdout)
			}
		})
	}
	_, stdout, _ := runSKM(t, nil, "ikm", "testdata/vector-b.csv")
	for _, want := range []string{"4 responden", "U3", "2,6667", "U6", "3,3333"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("vector B's table lacks %q:\n%s", want, stdout)
		}
	}
}

func TestIKMXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kuesioner.xlsx")
	records := [][]any{{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}}
	for range 3 {
		records = append(records, []any{4, 4, 4, 4, 4, 4, 4, 4, 4})
	}
	if err := os.WriteFile(path, apptest.XLSXFile(t, records), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runSKM(t, nil, "ikm", "--json", path)
	if code != 0 || !strings.Contains(stdout, `"score": 100,`) || !strings.Contains(stdout, `"respondents": 3,`) {
		t.Errorf("exit %d, stdout %s, stderr %s; want 3 respondents scoring 100", code, stdout, stderr)
	}
}

func TestIKMBadInput(t *testing.T) {
	dir := t.TempDir()
	const h = "U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
	for _, tc := range []struct {
		name, file string
		says       []string
	}{
		{"score 5", h + "4,4,4,4,4,4,4,4,4\n3,3,3,3,3,5,3,3,3\n", []string{"row 3, column U6", `"5" is not a score from 1 to 4`}},
		{"not a number", h + "4,4,4,4,4,4,4,4,4\n4,4,empat,4,4,4,4,4,4\n", []string{"row 3, column U3", `"empat"`}},
		{"missing U column", "U1,U2,U3,U4,U5,U6,U7,U9\n4,4,4,4,4,4,4,4\n", []string{"header", "column U8 is missing"}},
		{"empty file", "", []string{"empty"}},
		{"header only", h, []string{"no questionnaires"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".csv")
			if err := os.WriteFile(path, []byte(tc.file), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"ikm", path}, {"ikm", "--json", path}} {
				code, stdout, stderr := runSKM(t, nil, args...)
				if code == 0 {
					t.Errorf("%v: exit 0", args)
				}
				if stdout != "" {
					t.Errorf("%v: printed a result on stdout: %q", args, stdout)
				}
				if !strings.Contains(stderr, path) {
					t.Errorf("%v: stderr does not name the file: %q", args, stderr)
				}
				for _, s := range tc.says {
					if !strings.Contains(stderr, s) {
						t.Errorf("%v: stderr does not say %q:\n%s", args, s, stderr)
					}
				}
			}
		})
	}

	code, stdout, stderr := runSKM(t, nil, "ikm", filepath.Join(dir, "no-such-file.csv"))
	if code == 0 || stdout != "" || !strings.Contains(stderr, "no-such-file.csv") {
		t.Errorf("a missing file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = runSKM(t, nil, "ikm")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "usage: skm ikm") {
		t.Errorf("no file: exit %d, stdout %q, stderr %q; want usage and exit 2", code, stdout, stderr)
	}
}
