package survey_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

func TestAnswersJSON(t *testing.T) {
	a := survey.Answers{4, 3, 0, 1, 2, 4, 4, 0, 3}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// Keyed by element code, blanks left out; encoding/json sorts map keys.
	if want := `{"U1":4,"U2":3,"U4":1,"U5":2,"U6":4,"U7":4,"U9":3}`; string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var back survey.Answers
	if err := json.Unmarshal(b, &back); err != nil || back != a {
		t.Errorf("round trip = %v, %v; want %v", back, err, a)
	}
	if b, _ := json.Marshal(survey.Answers{}); string(b) != "{}" {
		t.Errorf("no answers = %s, want {}", b)
	}
}

func TestAnswersUnmarshal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want survey.Answers
	}{
		{`{"U9":4,"U8":1}`, survey.Answers{7: 1, 8: 4}},
		{`{"U1":null,"U2":2}`, survey.Answers{1: 2}},
		{`{}`, survey.Answers{}},
		{`null`, survey.Answers{}},
	} {
		a := survey.Answers{1, 1, 1, 1, 1, 1, 1, 1, 1}
		if err := json.Unmarshal([]byte(tc.in), &a); err != nil || a != tc.want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", tc.in, a, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, says string }{
		{`{"U10":3}`, `Unknown element code "U10"`},
		{`{"u1":3}`, `Unknown element code "u1"`},
		{`{"Q1":3}`, `Unknown element code "Q1"`},
		{`{"U1":5}`, "Answer to U1 is 5: scores run from 1 to 4"},
		{`{"U3":0}`, "Answer to U3 is 0"},
		{`{"U2":-1}`, "Answer to U2 is -1"},
		{`{"U1":3.5}`, "must be an object"},
		{`{"U1":"4"}`, "must be an object"},
		{`[4,4,4,4,4,4,4,4,4]`, "must be an object"},
		{`"4,4,4"`, "must be an object"},
	} {
		var a survey.Answers
		err := json.Unmarshal([]byte(tc.in), &a)
		if survey.ErrorCode(err) != survey.EINVALID || !strings.Contains(said(err), tc.says) {
			t.Errorf("Unmarshal(%s) = %v, want EINVALID saying %q", tc.in, err, tc.says)
		}
	}
	// Inside a response, a bad answer reaches the caller as the domain error, not a JSON one.
	var r survey.Response
	err := json.Unmarshal([]byte(`{"key":"k","answers":{"U1":9}}`), &r)
	if survey.ErrorCode(err) != survey.EINVALID || !strings.Contains(said(err), "Answer to U1 is 9") {
		t.Errorf("a response with U1=9: %v", err)
	}
}

func TestAnswersHelpers(t *testing.T) {
	if n := (survey.Answers{4, 0, 3}).Answered(); n != 2 {
		t.Errorf("Answered = %d, want 2", n)
	}
	for _, tc := range []struct {
		a    survey.Answers
		want bool
	}{
		{survey.Answers{4, 4, 4, 4, 4, 4, 4, 4, 4}, true},
		{survey.Answers{1, 1, 1, 1, 1, 1, 1, 1, 1}, true},
		{survey.Answers{4, 4, 4, 4, 4, 4, 4, 4, 3}, false},
		{survey.Answers{4, 4, 4, 4, 4, 4, 4, 4, 0}, false},
		{survey.Answers{}, false},
	} {
		if got := tc.a.StraightLined(); got != tc.want {
			t.Errorf("%v.StraightLined() = %v", tc.a, got)
		}
	}
}

func TestResponseValidate(t *testing.T) {
	unit := &survey.Unit{Slug: "dpmptsp", Services: []survey.Service{{Code: "pbg", Name: survey.Text{ID: "PBG"}}}}
	valid := func() *survey.Response {
		return &survey.Response{Key: "0123456789abcdef", Campaign: "2026-S2", Unit: "dpmptsp", Service: "pbg",
			Answers: survey.Answers{4, 3}, Profile: survey.Profile{Gender: "P", Age: 30, Education: "S1", Occupation: "Swasta"},
			Channel: survey.ChannelKiosk, SubmittedAt: time.Now()}
	}
	if err := valid().Validate(unit); err != nil {
		t.Fatalf("a valid response: %v", err)
	}
	for _, tc := range []struct {
		name   string
		change func(r *survey.Response)
		says   string
	}{
		{"short key", func(r *survey.Response) { r.Key = "abc" }, "Submission key"},
		{"key with spaces", func(r *survey.Response) { r.Key = "0123456789 abcdef" }, "Submission key"},
		{"other unit", func(r *survey.Response) { r.Unit = "rsud" }, `for unit "rsud"`},
		{"nothing answered", func(r *survey.Response) { r.Answers = survey.Answers{} }, "at least one question"},
		{"score 5", func(r *survey.Response) { r.Answers[4] = 5 }, "Answer to U5 is 5"},
		{"negative score", func(r *survey.Response) { r.Answers[8] = -2 }, "Answer to U9 is -2"},
		{"unknown service", func(r *survey.Response) { r.Service = "ktp" }, `service "ktp"`},
		{"bad gender", func(r *survey.Response) { r.Profile.Gender = "X" }, `Gender "X"`},
		{"too young", func(r *survey.Response) { r.Profile.Age = 9 }, "Age 9"},
		{"bad education", func(r *survey.Response) { r.Profile.Education = "SMK" }, `Education "SMK"`},
		{"bad occupation", func(r *survey.Response) { r.Profile.Occupation = "Petani" }, `Occupation "Petani"`},
		{"bad channel", func(r *survey.Response) { r.Channel = "sms" }, `Channel "sms"`},
		{"long suggestion", func(r *survey.Response) { r.Suggestion = strings.Repeat("é", survey.MaxSuggestion+1) }, "longer than 2000"},
		{"not UTF-8", func(r *survey.Response) { r.Suggestion = "\xff" }, "UTF-8"},
		{"no time", func(r *survey.Response) { r.SubmittedAt = time.Time{} }, "Submission time"},
	} {
		r := valid()
		tc.change(r)
		err := r.Validate(unit)
		if survey.ErrorCode(err) != survey.EINVALID || !strings.Contains(said(err), tc.says) {
			t.Errorf("%s: %v, want EINVALID saying %q", tc.name, err, tc.says)
		}
	}
	r := valid()
	r.Suggestion = strings.Repeat("é", survey.MaxSuggestion)
	if err := r.Validate(unit); err != nil {
		t.Errorf("a suggestion of exactly %d characters: %v", survey.MaxSuggestion, err)
	}
}

// TestResponseJSON checks the JSON of a response: answers by element code, and no
// field that could hold a client address.
func TestResponseJSON(t *testing.T) {
	r := survey.Response{Key: "0123456789abcdef", Campaign: "2026-S2", Unit: "dpmptsp", Answers: survey.Answers{8: 4},
		Channel: survey.ChannelPaper, SubmittedAt: time.Date(2026, 8, 17, 3, 0, 0, 0, time.UTC), Day: "2026-08-17"}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for key := range m {
		switch key {
		case "key", "campaign", "unit", "questionnaire", "answers", "profile", "channel", "submittedAt", "day":
		default:
			t.Errorf("unexpected key %q in %s", key, b)
		}
	}
	if !strings.Contains(string(b), `"answers":{"U9":4}`) {
		t.Errorf("answers not keyed by element code: %s", b)
	}
}
