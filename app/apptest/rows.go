package apptest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
)

// VectorA is docs/METHOD.md's public test vector A: 10 respondents, score 81.67, B.
var VectorA = []string{
	"3,3,3,4,3,3,4,3,3", "4,3,3,4,4,3,4,3,4", "3,2,2,4,3,3,3,2,3", "4,4,3,4,4,4,4,3,3", "3,3,2,4,3,3,3,3,3",
	"2,3,3,4,3,3,3,2,3", "4,4,4,4,4,4,4,4,4", "3,3,3,3,3,3,3,3,3", "3,2,3,4,3,4,4,2,3", "4,3,3,4,3,3,4,3,4",
}

// AnswersOf parses a row of scores in element order U1..U9; a blank is unanswered.
func AnswersOf(t testing.TB, row string) survey.Answers {
	t.Helper()
	var a survey.Answers
	cells := strings.Split(row, ",")
	if len(cells) != 9 {
		t.Fatalf("row %q has %d cells, want 9", row, len(cells))
	}
	for i, c := range cells {
		if c == "" {
			continue
		}
		v, err := strconv.Atoi(c)
		if err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		a[i] = int8(v)
	}
	return a
}

// SubmitRows stores one web response per row for the unit in campaign 2026-S2 and returns their keys.
func (e *Env) SubmitRows(prefix, unit string, rows ...string) []string {
	t := e.T
	t.Helper()
	var rs []*survey.Response
	var keys []string
	for i, row := range rows {
		at := e.Now.Add(time.Duration(i) * time.Minute)
		r := &survey.Response{Key: fmt.Sprintf("%s-%s-%04d", prefix, unit, i), Campaign: "2026-S2", Unit: unit, Questionnaire: "v1",
			Answers: AnswersOf(t, row), Channel: survey.ChannelWeb, SubmittedAt: at, Day: at.Format(time.DateOnly)}
		rs = append(rs, r)
		keys = append(keys, r.Key)
	}
	if _, err := e.Store.SubmitAll(context.Background(), rs); err != nil {
		t.Fatal(err)
	}
	return keys
}
