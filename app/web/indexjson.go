package web

import (
	"github.com/skm-engine/skm/analytics"
)

// IndexJSON is the JSON form of an index, shared by `skm ikm --json` and the API: the keys are part
// of the engine's contract.
type IndexJSON struct {
	Respondents int64         `json:"respondents"`
	Elements    []ElementJSON `json:"elements"`
	IKM         *float64      `json:"ikm"`
	Score       *float64      `json:"score"`
	Grade       string        `json:"grade"`
	Performance string        `json:"performance"`
}

// ElementJSON is one element of an IndexJSON.
type ElementJSON struct {
	Code     string   `json:"code"`
	Answered int64    `json:"answered"`
	NRR      *float64 `json:"nrr"`
	Score    *float64 `json:"score"`
	Grade    string   `json:"grade"`
}

// IndexOf presents a result; values that do not exist (nobody answered) are null, never 0.
func IndexOf(r analytics.Result) IndexJSON {
	out := IndexJSON{Respondents: r.Respondents, Grade: string(r.Grade), Performance: r.Performance, Elements: []ElementJSON{}}
	if !r.Empty {
		out.IKM, out.Score = round4(r.IKM), &r.Score
	}
	for _, e := range r.Elements {
		ej := ElementJSON{Code: e.Code, Answered: e.Answered, Grade: string(e.Grade)}
		if e.Answered > 0 {
			score := e.Score
			ej.NRR, ej.Score = round4(e.NRR), &score
		}
		out.Elements = append(out.Elements, ej)
	}
	return out
}

// round4 rounds a display value to 4 decimals, as the regulation prints NRR and IKM.
func round4(v float64) *float64 {
	r := float64(int64(v*10000+0.5)) / 10000
	return &r
}
