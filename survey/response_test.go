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
	notObject := survey.Msg("err.answers.object")
	for _, tc := range []struct {
		in   string
		says survey.Message
	}{
		{`{"U10":3}`, survey.Msg("err.answers.element", "U10")},
		{`{"u1":3}`, survey.Msg("err.answers.element", "u1")},
		{`{"Q1":3}`, survey.Msg("err.answers.element", "Q1")},
		{`{"U1":5}`, survey.Msg("err.answers.score", "U1", 5)},
		{`{"U3":0}`, survey.Msg("err.answers.score", "U3", 0)},
		{`{"U2":-1}`, survey.Msg("err.answers.score", "U2", -1)},
		{`{"U1":3.5}`, notObject},
		{`{"U1":"4"}`, notObject},
		{`[4,4,4,4,4,4,4,4,4]`, notObject},
		{`"4,4,4"`, notObject},
	} {
		var a survey.Answers
		wantError(t, "Unmarshal("+tc.in+")", json.Unmarshal([]byte(tc.in), &a), survey.EINVALID, tc.says)
	}
	// Inside a response, a bad answer reaches the caller as the domain error, not a JSON one.
	var r survey.Response
	err := json.Unmarshal([]byte(`{"key":"k","answers":{"U1":9}}`), &r)
	wantError(t, "a response with U1=9", err, survey.EINVALID, survey.Msg("err.answers.score", "U1", 9))
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
		says   survey.Message
	}{
		{"short key", func(r *survey.Response) { r.Key = "abc" }, survey.Msg("err.response.key")},
		{"key with spaces", func(r *survey.Response) { r.Key = "0123456789 abcdef" }, survey.Msg("err.response.key")},
		{"other unit", func(r *survey.Response) { r.Unit = "rsud" }, survey.Msg("err.response.unit", "rsud", "dpmptsp")},
		{"nothing answered", func(r *survey.Response) { r.Answers = survey.Answers{} }, survey.Msg("err.response.unanswered")},
		{"score 5", func(r *survey.Response) { r.Answers[4] = 5 }, survey.Msg("err.answers.score", "U5", int8(5))},
		{"negative score", func(r *survey.Response) { r.Answers[8] = -2 }, survey.Msg("err.answers.score", "U9", int8(-2))},
		{"unknown service", func(r *survey.Response) { r.Service = "ktp" }, survey.Msg("err.response.service", "dpmptsp", "ktp")},
		{"bad gender", func(r *survey.Response) { r.Profile.Gender = "X" }, survey.Msg("err.profile.gender", "X")},
		{"too young", func(r *survey.Response) { r.Profile.Age = 9 }, survey.Msg("err.profile.age", 9)},
		{"bad education", func(r *survey.Response) { r.Profile.Education = "SMK" }, survey.Msg("err.profile.education", "SMK", "SD, SMP, SMA, D1-D3, S1, S2, S3")},
		{"bad occupation", func(r *survey.Response) { r.Profile.Occupation = "Petani" }, survey.Msg("err.profile.occupation", "Petani", strings.Join(survey.Occupations, ", "))},
		{"bad channel", func(r *survey.Response) { r.Channel = "sms" }, survey.Msg("err.response.channel", "sms")},
		{"long suggestion", func(r *survey.Response) { r.Suggestion = strings.Repeat("é", survey.MaxSuggestion+1) }, survey.Msg("err.response.length", 2000)},
		{"not UTF-8", func(r *survey.Response) { r.Suggestion = "\xff" }, survey.Msg("err.response.utf8")},
		{"no time", func(r *survey.Response) { r.SubmittedAt = time.Time{} }, survey.Msg("err.response.time")},
	} {
		r := valid()
		tc.change(r)
		wantError(t, tc.name, r.Validate(unit), survey.EINVALID, tc.says)
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
