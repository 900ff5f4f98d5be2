package api_test

import (
	"testing"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/api"

	"github.com/skm-engine/skm/survey"
)

// FuzzDecodeJSON feeds arbitrary bodies to the decoder of every JSON API form: each either decodes
// or fails with an invalid error that has a message, and never panics.
//
//	go test -run x -fuzz FuzzDecodeJSON -fuzztime 2m ./app/
func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{
		`{"slug":"dpmptsp","name":{"id":"Dinas","en":"Office"},"services":[{"code":"izin","name":{"id":"Izin"}}],"active":true}`,
		`{"key":"2026-S2","copyFrom":"2026-S1","units":[{"unit":"dpmptsp","population":1000}]}`,
		`{"to":"open"}`, `{"base":"v1","questions":[{"element":"U1","text":{"id":"?"},"answers":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}]}]}`,
		`{"answers":{"U1":4,"U9":null}}`, `{"answers":{"U10":4}}`, `{"answers":{"U1":5}}`, `{"name":"x","role":"viewer","units":[]}`,
		``, `null`, `{"a":1}`, `{"slug":1}`, `[]`, `{"to":"open"} {}`, "\xff\xfe", `{"opensAt":"yesterday"}`,
	} {
		f.Add([]byte(seed))
	}
	targets := []func() any{
		func() any { return &survey.Unit{} }, func() any { return &survey.UnitUpdate{} },
		func() any { return &api.QuestionnaireForm{} }, func() any { return &survey.QuestionnaireUpdate{} },
		func() any { return &api.CampaignForm{} }, func() any { return &survey.CampaignUpdate{} },
		func() any { return &api.TransitionForm{} }, func() any { return &api.TokenForm{} },
		func() any { return &survey.Response{} },
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, newTarget := range targets {
			err := web.DecodeJSONBytes(body, newTarget())
			if err == nil {
				continue
			}
			if survey.ErrorCode(err) != survey.EINVALID || survey.ErrorMessage(err).Key == "" {
				t.Fatalf("body %q: error %v is not an invalid error with a message", body, err)
			}
		}
	})
}
