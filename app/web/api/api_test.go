package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"

	"github.com/skm-engine/skm/survey"
)

// apiError is the JSON body of an API error.
type apiError struct {
	Error struct {
		Code    string   `json:"code"`
		Message string   `json:"message"`
		Details []string `json:"details"`
		Request string   `json:"request"`
	} `json:"error"`
}

// wantError checks that a response is the JSON error with the status and code, and that its
// message contains each of the fragments (case-insensitive).
func wantError(t *testing.T, what string, resp *http.Response, body string, status int, code string, fragments ...string) apiError {
	t.Helper()
	var e apiError
	if resp.StatusCode != status {
		t.Errorf("%s: status %d, want %d; body %s", what, resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q, want JSON", what, ct)
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Errorf("%s: the body is not a JSON error: %v: %s", what, err, body)
		return e
	}
	if e.Error.Code != code {
		t.Errorf("%s: code %q, want %q (%s)", what, e.Error.Code, code, e.Error.Message)
	}
	for _, f := range fragments {
		if !strings.Contains(strings.ToLower(e.Error.Message+" "+strings.Join(e.Error.Details, " ")), strings.ToLower(f)) {
			t.Errorf("%s: message %q does not say %q", what, e.Error.Message, f)
		}
	}
	return e
}

// wantStatus fails the test unless the response has the status.
func wantStatus(t *testing.T, what string, resp *http.Response, body string, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d; body %s", what, resp.StatusCode, status, body)
	}
}

func decodeBody[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestAPINeverOpen(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	param := regexp.MustCompile(`:\w+`)
	routes := 0
	for _, r := range e.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == http.MethodHead {
			continue
		}
		routes++
		path := param.ReplaceAllString(r.Path, "dpmptsp")
		for _, auth := range []string{"", "Bearer ", "Bearer skm_not-a-token", "Basic YWRtaW46YWRtaW4=", "skm_no-scheme"} {
			req := httptest.NewRequest(r.Method, path, strings.NewReader(`{}`))
			req.Header.Set("Content-Type", "application/json")
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			resp, body := e.Do(req)
			what := fmt.Sprintf("%s %s with Authorization %q", r.Method, path, auth)
			wantError(t, what, resp, body, http.StatusUnauthorized, survey.EUNAUTHORIZED)
			if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: WWW-Authenticate %q, want a Bearer challenge", what, resp.Header.Get("WWW-Authenticate"))
			}
		}
	}
	if routes < 20 {
		t.Fatalf("only %d API routes checked; the route listing is broken", routes)
	}
	// A signed-in browser's session cookie does not open the API either: it takes a token.
	b := e.SignedIn("ani", survey.RoleAdmin)
	resp, body := b.Get("/api/v1/units")
	wantError(t, "GET /api/v1/units with a session cookie", resp, body, http.StatusUnauthorized, survey.EUNAUTHORIZED, "token")
}

func TestAPIErrorCarriesRequestID(t *testing.T) {
	e := apptest.New(t)
	resp, body := e.API("GET", "/api/v1/units/no-such-unit", e.Token(survey.RoleAdmin), "")
	got := wantError(t, "unknown unit", resp, body, http.StatusNotFound, survey.ENOTFOUND, "no-such-unit")
	if got.Error.Request == "" || got.Error.Request != resp.Header.Get("X-Request-Id") {
		t.Errorf("error request %q, X-Request-Id %q: want the same non-empty id", got.Error.Request, resp.Header.Get("X-Request-Id"))
	}
}

func TestAPIUnits(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)

	unit := `{"slug":"puskesmas-sobo","name":{"id":"Puskesmas Sobo","en":"Sobo Health Centre"},"opd":"Dinas Kesehatan",
		"services":[{"code":"kia","name":{"id":"Kesehatan ibu dan anak"}}],"active":true}`
	resp, body := e.API("POST", "/api/v1/units", admin, unit)
	wantStatus(t, "create unit", resp, body, http.StatusCreated)
	created := decodeBody[survey.Unit](t, body)
	if created.Slug != "puskesmas-sobo" || created.Name.EN != "Sobo Health Centre" || len(created.Services) != 1 || created.CreatedAt.IsZero() {
		t.Errorf("created unit = %+v", created)
	}

	resp, body = e.API("POST", "/api/v1/units", admin, unit)
	wantError(t, "create the same slug again", resp, body, http.StatusConflict, survey.ECONFLICT, "puskesmas-sobo", "already exists")

	resp, body = e.API("GET", "/api/v1/units", admin, "")
	wantStatus(t, "list units", resp, body, http.StatusOK)
	units := decodeBody[web.List[survey.Unit]](t, body)
	var slugs []string
	for _, u := range units.Items {
		slugs = append(slugs, u.Slug)
	}
	if want := []string{"dpmptsp", "puskesmas-sobo", "rsud-blambangan"}; !slices.Equal(slugs, want) {
		t.Errorf("units = %v, want %v", slugs, want)
	}

	resp, body = e.API("GET", "/api/v1/units?opd=Dinas+Kesehatan", admin, "")
	wantStatus(t, "list units of an OPD", resp, body, http.StatusOK)
	if got := decodeBody[web.List[survey.Unit]](t, body); len(got.Items) != 1 || got.Items[0].Slug != "puskesmas-sobo" {
		t.Errorf("units of Dinas Kesehatan = %+v", got.Items)
	}

	resp, body = e.API("PATCH", "/api/v1/units/puskesmas-sobo", admin, `{"active":false,"opd":"Dinas Kesehatan Kabupaten"}`)
	wantStatus(t, "update unit", resp, body, http.StatusOK)
	resp, body = e.API("GET", "/api/v1/units/puskesmas-sobo", admin, "")
	wantStatus(t, "read unit", resp, body, http.StatusOK)
	if got := decodeBody[survey.Unit](t, body); got.Active || got.OPD != "Dinas Kesehatan Kabupaten" || got.Name.ID != "Puskesmas Sobo" || len(got.Services) != 1 {
		t.Errorf("after the update the unit is %+v; want inactive, new OPD, other fields kept", got)
	}
	resp, body = e.API("GET", "/api/v1/units?active=true", admin, "")
	if got := decodeBody[web.List[survey.Unit]](t, body); len(got.Items) != 2 {
		t.Errorf("active units = %d, want 2 after deactivating one", len(got.Items))
	}

	resp, body = e.API("PATCH", "/api/v1/units/no-such-unit", admin, `{"active":false}`)
	wantError(t, "update an unknown unit", resp, body, http.StatusNotFound, survey.ENOTFOUND, "no-such-unit")
	resp, body = e.API("PATCH", "/api/v1/units/puskesmas-sobo", admin, `{"services":[{"code":"Bad Code","name":{"id":"x"}}]}`)
	wantError(t, "update with a bad service code", resp, body, http.StatusBadRequest, survey.EINVALID, "Bad Code")
	resp, body = e.API("PATCH", "/api/v1/units/puskesmas-sobo", admin, `{"slug":"other"}`)
	wantError(t, "update the slug", resp, body, http.StatusBadRequest, survey.EINVALID, "unknown field", "slug")
}

func TestAPIQuestionnaireVersions(t *testing.T) {
	e := apptest.New(t)
	e.Seed() // v1, pinned by campaign 2026-S2
	admin := e.Token(survey.RoleAdmin)

	resp, body := e.API("GET", "/api/v1/questionnaires/v1", admin, "")
	wantStatus(t, "read v1", resp, body, http.StatusOK)
	v1 := decodeBody[survey.Questionnaire](t, body)
	if !v1.Locked || len(v1.Questions) != 9 {
		t.Fatalf("v1 = locked %v with %d questions; want locked with 9", v1.Locked, len(v1.Questions))
	}

	title := `{"title":{"id":"Survei Kepuasan Masyarakat 2027","en":"Satisfaction Survey 2027"}}`
	resp, body = e.API("PUT", "/api/v1/questionnaires/v1", admin, title)
	wantError(t, "edit a version in use", resp, body, http.StatusConflict, survey.ECONFLICT, "v1", "used by a campaign", "new version")
	resp, body = e.API("GET", "/api/v1/questionnaires/v1", admin, "")
	if got := decodeBody[survey.Questionnaire](t, body); got.Title != v1.Title {
		t.Errorf("the refused edit changed v1's title to %+v", got.Title)
	}

	// Editing a version in use makes a new one based on it.
	resp, body = e.API("POST", "/api/v1/questionnaires", admin, `{"base":"v1",`+title[1:])
	wantStatus(t, "new version based on v1", resp, body, http.StatusCreated)
	v2 := decodeBody[survey.Questionnaire](t, body)
	if v2.ID != "v2" || v2.Version != 2 || v2.Base != "v1" || v2.Locked || v2.Title.ID != "Survei Kepuasan Masyarakat 2027" {
		t.Errorf("v2 = %s version %d base %q locked %v title %q", v2.ID, v2.Version, v2.Base, v2.Locked, v2.Title.ID)
	}
	if !slices.EqualFunc(v2.Questions, v1.Questions, func(a, b survey.Question) bool { return a == b }) {
		t.Error("v2 did not copy v1's questions")
	}

	// A version no campaign uses may change in place.
	q := v2.Questions
	q[0].Text.ID = "Apakah persyaratan pelayanan sesuai?"
	qs, _ := json.Marshal(map[string]any{"questions": q})
	resp, body = e.API("PUT", "/api/v1/questionnaires/v2", admin, string(qs))
	wantStatus(t, "edit v2", resp, body, http.StatusOK)
	if got := decodeBody[survey.Questionnaire](t, body); got.Questions[0].Text.ID != "Apakah persyaratan pelayanan sesuai?" || got.Version != 2 {
		t.Errorf("edited v2 = %+v", got.Questions[0])
	}

	resp, body = e.API("POST", "/api/v1/questionnaires", admin, `{}`)
	wantStatus(t, "new standard version", resp, body, http.StatusCreated)
	if got := decodeBody[survey.Questionnaire](t, body); got.ID != "v3" || got.Questions[7].Element != "U9" || got.Questions[8].Element != "U8" {
		t.Errorf("standard version = %s asking %s then %s as Q8/Q9; want v3 asking U9 then U8", got.ID, got.Questions[7].Element, got.Questions[8].Element)
	}

	resp, body = e.API("GET", "/api/v1/questionnaires", admin, "")
	wantStatus(t, "list versions", resp, body, http.StatusOK)
	var ids []string
	for _, q := range decodeBody[web.List[survey.Questionnaire]](t, body).Items {
		ids = append(ids, q.ID)
	}
	if want := []string{"v3", "v2", "v1"}; !slices.Equal(ids, want) {
		t.Errorf("versions = %v, want newest first %v", ids, want)
	}

	bad := slices.Clone(v1.Questions)
	bad[3].Element = "U10"
	b, _ := json.Marshal(map[string]any{"questions": bad})
	resp, body = e.API("POST", "/api/v1/questionnaires", admin, string(b))
	wantError(t, "unknown element code", resp, body, http.StatusBadRequest, survey.EINVALID, "question 4", `unknown element code "U10"`)
	bad[3].Element = "U1"
	b, _ = json.Marshal(map[string]any{"questions": bad})
	resp, body = e.API("PUT", "/api/v1/questionnaires/v3", admin, string(b))
	wantError(t, "an element asked twice", resp, body, http.StatusBadRequest, survey.EINVALID, "U1 is asked twice")
	b, _ = json.Marshal(map[string]any{"questions": bad[:8]})
	resp, body = e.API("PUT", "/api/v1/questionnaires/v3", admin, string(b))
	wantError(t, "eight questions", resp, body, http.StatusBadRequest, survey.EINVALID, "exactly 9 questions")
	// Question 2 (and only it) offers a fifth answer, as if a score of 5 existed.
	five, _ := json.Marshal(map[string]any{"questions": v1.Questions})
	five = bytes.Replace(five, []byte(`"answers":[`), []byte(`"answers":[{"id":"Luar biasa","en":"Outstanding"},`), 2)
	five = bytes.Replace(five, []byte(`"answers":[{"id":"Luar biasa","en":"Outstanding"},`), []byte(`"answers":[`), 1)
	resp, body = e.API("POST", "/api/v1/questionnaires", admin, string(five))
	wantError(t, "a fifth answer (score 5)", resp, body, http.StatusBadRequest, survey.EINVALID, "Question 2 offers 5 answers")
	resp, body = e.API("PUT", "/api/v1/questionnaires/v3", admin, string(five))
	wantError(t, "a fifth answer in an edit", resp, body, http.StatusBadRequest, survey.EINVALID, "Question 2 offers 5 answers")
	resp, body = e.API("POST", "/api/v1/questionnaires", admin, `{"base":"v99"}`)
	wantError(t, "unknown base", resp, body, http.StatusNotFound, survey.ENOTFOUND, "v99")
	resp, body = e.API("PUT", "/api/v1/questionnaires/v99", admin, title)
	wantError(t, "edit an unknown version", resp, body, http.StatusNotFound, survey.ENOTFOUND, "v99")
}

func TestAPICampaigns(t *testing.T) {
	e := apptest.New(t)
	e.Seed() // 2026-S2 open with dpmptsp (1000) and rsud-blambangan (200)
	admin := e.Token(survey.RoleAdmin)

	// Copy the previous semester: same units, populations and questionnaire, scheduled over the
	// new semester in Asia/Jakarta.
	resp, body := e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S1","copyFrom":"2026-S2"}`)
	wantStatus(t, "copy 2026-S2 into 2027-S1", resp, body, http.StatusCreated)
	c := decodeBody[survey.Campaign](t, body)
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	if c.State != survey.StateDraft || c.Questionnaire != "v1" || len(c.Units) != 2 || c.Units[0] != (survey.CampaignUnit{Unit: "dpmptsp", Population: 1000, Target: 278}) {
		t.Errorf("copied campaign = %+v", c)
	}
	if want := time.Date(2027, 1, 1, 0, 0, 0, 0, jakarta); !c.OpensAt.Equal(want) || !c.ClosesAt.Equal(want.AddDate(0, 6, 0)) {
		t.Errorf("copied campaign runs %s–%s, want the first half of 2027 in Asia/Jakarta", c.OpensAt, c.ClosesAt)
	}

	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S1","copyFrom":"2026-S2"}`)
	wantError(t, "the same key again", resp, body, http.StatusConflict, survey.ECONFLICT, "2027-S1 already exists")
	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S2","copyFrom":"2019-S1"}`)
	wantError(t, "copy an unknown campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "2019-S1")
	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S3","questionnaire":"v1","units":[{"unit":"dpmptsp"}]}`)
	wantError(t, "a key that is no semester", resp, body, http.StatusBadRequest, survey.EINVALID, "2027-S3", "2026-S1")
	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S2","questionnaire":"v1","units":[{"unit":"kantor-pos"}]}`)
	wantError(t, "an unknown unit", resp, body, http.StatusNotFound, survey.ENOTFOUND, "kantor-pos")
	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S2","questionnaire":"v1","units":[{"unit":"Kantor Pos"}]}`)
	wantError(t, "a bad unit slug", resp, body, http.StatusBadRequest, survey.EINVALID, "Kantor Pos")
	resp, body = e.API("POST", "/api/v1/campaigns", admin, `{"key":"2027-S2","questionnaire":"v1","units":[{"unit":"dpmptsp","population":-5}]}`)
	wantError(t, "a negative population", resp, body, http.StatusBadRequest, survey.EINVALID, "population")

	// A draft may change; a transition that is not allowed is refused with the states named.
	resp, body = e.API("PATCH", "/api/v1/campaigns/2027-S1", admin, `{"units":[{"unit":"dpmptsp","population":5000}]}`)
	wantStatus(t, "change the draft's units", resp, body, http.StatusOK)
	if got := decodeBody[survey.Campaign](t, body); len(got.Units) != 1 || got.Units[0].Target != 357 {
		t.Errorf("changed units = %+v, want dpmptsp with target 357", got.Units)
	}
	resp, body = e.API("POST", "/api/v1/campaigns/2027-S1/transitions", admin, `{"to":"archived"}`)
	wantError(t, "archive a draft", resp, body, http.StatusConflict, survey.ECONFLICT, "2027-S1 is draft and cannot become archived")
	resp, body = e.API("POST", "/api/v1/campaigns/2027-S1/transitions", admin, `{"to":"draft"}`)
	wantError(t, "back to draft", resp, body, http.StatusBadRequest, survey.EINVALID, "open, closed or archived")
	resp, body = e.API("POST", "/api/v1/campaigns/2027-S1/transitions", admin, `{"to":"open"}`)
	wantError(t, "a second open campaign", resp, body, http.StatusConflict, survey.ECONFLICT, "2026-S2 is already open", "close it")

	resp, body = e.API("POST", "/api/v1/campaigns/2026-S2/transitions", admin, `{"to":"closed"}`)
	wantStatus(t, "close 2026-S2", resp, body, http.StatusOK)
	resp, body = e.API("POST", "/api/v1/campaigns/2026-S2/transitions", admin, `{"to":"closed"}`)
	wantError(t, "close 2026-S2 twice", resp, body, http.StatusConflict, survey.ECONFLICT, "Campaign 2026-S2 is closed already")
	resp, body = e.API("POST", "/api/v1/campaigns/2027-S1/transitions", admin, `{"to":"open"}`)
	wantStatus(t, "open 2027-S1", resp, body, http.StatusOK)
	opened := decodeBody[survey.Campaign](t, body)
	if opened.State != survey.StateOpen || len(opened.History) != 1 || opened.History[0].From != survey.StateDraft || opened.History[0].By != "token:test admin" {
		t.Errorf("opened campaign = state %s history %+v", opened.State, opened.History)
	}
	resp, body = e.API("PATCH", "/api/v1/campaigns/2027-S1", admin, `{"questionnaire":"v1"}`)
	wantError(t, "change an open campaign's questionnaire", resp, body, http.StatusConflict, survey.ECONFLICT, "2027-S1 is open")
	resp, body = e.API("POST", "/api/v1/campaigns/2026-S2/transitions", admin, `{"to":"archived"}`)
	wantStatus(t, "archive 2026-S2", resp, body, http.StatusOK)
	resp, body = e.API("POST", "/api/v1/campaigns/2026-S2/transitions", admin, `{"to":"open"}`)
	wantError(t, "reopen an archived campaign", resp, body, http.StatusConflict, survey.ECONFLICT, "archived and cannot become open")
	resp, body = e.API("PATCH", "/api/v1/campaigns/2026-S2", admin, `{"units":[{"unit":"dpmptsp"}]}`)
	wantError(t, "change an archived campaign", resp, body, http.StatusConflict, survey.ECONFLICT, "archived")

	resp, body = e.API("GET", "/api/v1/campaigns", admin, "")
	wantStatus(t, "list campaigns", resp, body, http.StatusOK)
	var keys []string
	for _, c := range decodeBody[web.List[survey.Campaign]](t, body).Items {
		keys = append(keys, c.Key+"="+string(c.State))
	}
	if want := []string{"2027-S1=open", "2026-S2=archived"}; !slices.Equal(keys, want) {
		t.Errorf("campaigns = %v, want %v", keys, want)
	}
	resp, body = e.API("GET", "/api/v1/campaigns?state=open", admin, "")
	if got := decodeBody[web.List[survey.Campaign]](t, body); len(got.Items) != 1 || got.Items[0].Key != "2027-S1" {
		t.Errorf("open campaigns = %+v", got.Items)
	}
	resp, body = e.API("GET", "/api/v1/campaigns/2031-S1", admin, "")
	wantError(t, "an unknown campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "2031-S1")
	resp, body = e.API("POST", "/api/v1/campaigns/2031-S1/transitions", admin, `{"to":"open"}`)
	wantError(t, "move an unknown campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "2031-S1")
}

// ikmKeys are the keys of an index in JSON: the contract of `skm ikm --json` and the API.
var ikmKeys = []string{"elements", "grade", "ikm", "performance", "respondents", "score"}

func TestAPIResults(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	e.SubmitRows("vector-a", "dpmptsp", apptest.VectorA...)

	resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/results", admin, "")
	wantStatus(t, "unit results", resp, body, http.StatusOK)
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	wantKeys := append(slices.Clone(ikmKeys), "adequacy", "campaign", "flagged", "interval", "unit")
	slices.Sort(wantKeys)
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, wantKeys) {
		t.Errorf("result keys = %v, want %v", keys, wantKeys)
	}
	r := decodeBody[struct {
		Unit        string
		Respondents int64
		IKM         float64
		Score       float64
		Grade       string
		Performance string
		Elements    []map[string]any
		Adequacy    struct{ Target, Respondents int64 }
		Interval    struct{ Low, High float64 }
	}](t, body)
	if r.Unit != "dpmptsp" || r.Respondents != 10 || r.IKM != 3.2667 || r.Score != 81.67 || r.Grade != "B" || r.Performance != "Baik" {
		t.Errorf("vector A = %+v, want 10 respondents, IKM 3.2667, 81.67, B, Baik", r)
	}
	if len(r.Elements) != 9 || r.Elements[7]["code"] != "U8" || r.Elements[7]["nrr"] != 2.8 || r.Elements[3]["score"] != 97.5 {
		t.Errorf("elements = %v", r.Elements)
	}
	for _, el := range r.Elements {
		if keys := slices.Sorted(maps.Keys(el)); !slices.Equal(keys, []string{"answered", "code", "grade", "nrr", "score"}) {
			t.Errorf("element keys = %v", keys)
		}
	}
	if r.Adequacy.Target != 278 || r.Adequacy.Respondents != 10 || !(r.Interval.Low < 81.67 && 81.67 < r.Interval.High) {
		t.Errorf("adequacy %+v, interval %+v", r.Adequacy, r.Interval)
	}

	// A unit without responses has no score: null, never 0.
	resp, body = e.API("GET", "/api/v1/campaigns/2026-S2/units/rsud-blambangan/results", admin, "")
	wantStatus(t, "empty unit", resp, body, http.StatusOK)
	if !strings.Contains(body, `"score":null`) || !strings.Contains(body, `"ikm":null`) || !strings.Contains(body, `"respondents":0`) {
		t.Errorf("empty unit's results: %s", body)
	}
	resp, body = e.API("GET", "/api/v1/campaigns/2026-S2/units/puskesmas-x/results", admin, "")
	wantError(t, "a unit outside the campaign", resp, body, http.StatusNotFound, survey.ENOTFOUND, "puskesmas-x", "2026-S2")

	resp, body = e.API("GET", "/api/v1/campaigns/2026-S2/results", admin, "")
	wantStatus(t, "region results", resp, body, http.StatusOK)
	region := decodeBody[struct {
		Campaign string
		Pooled   struct{ Score float64 }
		Units    []struct {
			Unit  string
			Score *float64
		}
		Groups []struct {
			OPD    string
			Units  []string
			Pooled struct{ Score *float64 }
		}
	}](t, body)
	if region.Campaign != "2026-S2" || region.Pooled.Score != 81.67 || len(region.Units) != 2 || region.Units[0].Unit != "dpmptsp" {
		t.Errorf("region results = %+v", region)
	}
	// Each OPD rolls up its own units: here one each, so an OPD's score is its unit's.
	if len(region.Groups) != 2 || region.Groups[0].OPD != "DPMPTSP" || strings.Join(region.Groups[0].Units, ",") != "dpmptsp" ||
		region.Groups[0].Pooled.Score == nil || *region.Groups[0].Pooled.Score != *region.Units[0].Score {
		t.Errorf("OPD groups = %+v", region.Groups)
	}
}

func TestAPIResponsesPaging(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	want := e.SubmitRows("paging", "dpmptsp", apptest.VectorA[:7]...)
	e.SubmitRows("paging", "rsud-blambangan", apptest.VectorA[7:]...)

	var got []string
	after, pages := "", 0
	for {
		resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/responses?limit=3&after="+after, admin, "")
		wantStatus(t, "page", resp, body, http.StatusOK)
		page := decodeBody[web.List[survey.Response]](t, body)
		pages++
		for _, r := range page.Items {
			if r.Unit != "dpmptsp" || r.Answers.Answered() != 9 {
				t.Errorf("response %s is for %s with %d answers", r.Key, r.Unit, r.Answers.Answered())
			}
			got = append(got, r.Key)
		}
		if page.Next == "" {
			break
		}
		if len(page.Items) != 3 || pages > 5 {
			t.Fatalf("page %d has %d items and next %q", pages, len(page.Items), page.Next)
		}
		after = page.Next
	}
	if pages != 3 || !slices.Equal(got, want) {
		t.Errorf("read %v in %d pages, want %v in 3", got, pages, want)
	}

	resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/responses", admin, "")
	wantStatus(t, "default page", resp, body, http.StatusOK)
	if !strings.Contains(body, `"answers":{"U1":3,"U2":3,"U3":3,"U4":4`) || strings.Contains(body, `"next"`) {
		t.Errorf("responses are not keyed by element code, or a single page has a cursor: %.300s", body)
	}
	for _, limit := range []string{"0", "501", "ten", "-1"} {
		resp, body := e.API("GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/responses?limit="+limit, admin, "")
		wantError(t, "limit "+limit, resp, body, http.StatusBadRequest, survey.EINVALID, "limit", "1 to 500")
	}
}

func TestAPITokens(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)

	resp, body := e.API("POST", "/api/v1/tokens", admin, `{"name":"dashboard bupati","role":"viewer"}`)
	wantStatus(t, "create token", resp, body, http.StatusCreated)
	created := decodeBody[struct {
		ID, Name, Role, Secret, CreatedBy string
	}](t, body)
	if !strings.HasPrefix(created.Secret, "skm_") || len(created.Secret) < 40 || created.Role != "viewer" || created.CreatedBy != "token:test admin" {
		t.Fatalf("created token = %+v", created)
	}

	resp, body = e.API("GET", "/api/v1/units", created.Secret, "")
	wantStatus(t, "use the new token", resp, body, http.StatusOK)

	resp, body = e.API("GET", "/api/v1/tokens", admin, "")
	wantStatus(t, "list tokens", resp, body, http.StatusOK)
	if strings.Contains(body, created.Secret) || strings.Contains(body, "secret") || strings.Contains(body, web.HashSecret(created.Secret)) || strings.Contains(body, "hash") {
		t.Errorf("the token list shows a secret or its hash: %s", body)
	}
	tokens := decodeBody[web.List[survey.Token]](t, body)
	if len(tokens.Items) != 2 {
		t.Errorf("tokens = %d, want 2", len(tokens.Items))
	}

	resp, body = e.API("DELETE", "/api/v1/tokens/"+created.ID, admin, "")
	wantStatus(t, "revoke", resp, body, http.StatusNoContent)
	resp, body = e.API("GET", "/api/v1/units", created.Secret, "")
	wantError(t, "a revoked token", resp, body, http.StatusUnauthorized, survey.EUNAUTHORIZED, "revoked")
	resp, body = e.API("GET", "/api/v1/tokens", admin, "")
	if !strings.Contains(body, `"revokedAt"`) {
		t.Errorf("the list does not show the revocation: %s", body)
	}
	resp, body = e.API("DELETE", "/api/v1/tokens/nosuchtoken1", admin, "")
	wantError(t, "revoke an unknown token", resp, body, http.StatusNotFound, survey.ENOTFOUND, "nosuchtoken1")

	for _, tc := range []struct{ body, says string }{
		{`{"name":"x","role":"superuser"}`, `role "superuser"`},
		{`{"name":"","role":"viewer"}`, "name required"},
		{`{"name":"kepala","role":"unit_head"}`, "at least one unit"},
		{`{"name":"kepala","role":"unit_head","units":["Bad Slug"]}`, "Bad Slug"},
		{`{"name":"pemirsa","role":"viewer","units":["dpmptsp"]}`, "only unit heads"},
	} {
		resp, body := e.API("POST", "/api/v1/tokens", admin, tc.body)
		wantError(t, "create token "+tc.body, resp, body, http.StatusBadRequest, survey.EINVALID, tc.says)
	}
}

func TestAPIBadInput(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		code                                  string
		says                                  []string
	}{
		{"malformed JSON", "POST", "/api/v1/units", "application/json", `{"slug": "a",`, 400, survey.EINVALID, []string{"ends too early"}},
		{"not JSON at all", "POST", "/api/v1/units", "application/json", `slug=a`, 400, survey.EINVALID, []string{"malformed JSON", "byte"}},
		{"unknown field", "POST", "/api/v1/units", "application/json", `{"slug":"pasar","nama":"Pasar"}`, 400, survey.EINVALID, []string{`unknown field "nama"`}},
		{"unknown nested field", "POST", "/api/v1/units", "application/json", `{"slug":"pasar","name":{"id":"Pasar","jp":"x"}}`, 400, survey.EINVALID, []string{`unknown field "jp"`}},
		{"wrong type", "POST", "/api/v1/units", "application/json", `{"slug":"pasar","active":"yes"}`, 400, survey.EINVALID, []string{"active", "true or false"}},
		{"two values", "POST", "/api/v1/units", "application/json", `{"slug":"pasar"} {"slug":"pasar"}`, 400, survey.EINVALID, []string{"more than one value"}},
		{"empty body", "POST", "/api/v1/units", "application/json", ``, 400, survey.EINVALID, []string{"empty"}},
		{"a list, not an object", "POST", "/api/v1/units", "application/json", `[1,2]`, 400, survey.EINVALID, []string{"an object"}},
		{"form instead of JSON", "POST", "/api/v1/units", "application/x-www-form-urlencoded", `slug=pasar`, 415, survey.EINVALID, []string{"application/json"}},
		{"no content type", "POST", "/api/v1/campaigns", "", `{"key":"2027-S1"}`, 415, survey.EINVALID, []string{"application/json"}},
		{"text/plain", "PATCH", "/api/v1/units/dpmptsp", "text/plain", `{"active":false}`, 415, survey.EINVALID, []string{"application/json"}},
		{"bad slug", "POST", "/api/v1/units", "application/json", `{"slug":"Pasar Induk","name":{"id":"Pasar"}}`, 400, survey.EINVALID, []string{`slug "Pasar Induk"`, "lower-case"}},
		{"slug too short", "POST", "/api/v1/units", "application/json", `{"slug":"p","name":{"id":"Pasar"}}`, 400, survey.EINVALID, []string{"2–64"}},
		{"no name", "POST", "/api/v1/units", "application/json", `{"slug":"pasar"}`, 400, survey.EINVALID, []string{"name (Indonesian) required"}},
		{"a question without answers", "POST", "/api/v1/questionnaires", "application/json", `{"questions":[{"element":"U1","text":{"id":"?"}}]}`, 400, survey.EINVALID, []string{"Question 1 offers 0 answers", "exactly 4, scored 1 to 4"}},
		{"bad campaign key", "POST", "/api/v1/campaigns", "application/json", `{"key":"2026-1"}`, 400, survey.EINVALID, []string{"2026-1", "2026-S1 or 2026-S2"}},
		{"bad date", "POST", "/api/v1/campaigns", "application/json", `{"key":"2027-S1","copyFrom":"2026-S2","opensAt":"1 Januari 2027"}`, 400, survey.EINVALID, []string{"cannot be read"}},
		{"closing before opening", "POST", "/api/v1/campaigns", "application/json",
			`{"key":"2027-S1","copyFrom":"2026-S2","opensAt":"2027-03-01T00:00:00+07:00","closesAt":"2027-02-01T00:00:00+07:00"}`, 400, survey.EINVALID, []string{"closesAt must be after opensAt"}},
		{"unknown state", "POST", "/api/v1/campaigns/2026-S2/transitions", "application/json", `{"to":"paused"}`, 400, survey.EINVALID, []string{"open, closed or archived"}},
		{"score 5 in a paper file", "POST", "/api/v1/campaigns/2026-S2/units/dpmptsp/import", "text/csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,5,4,4,4,4\n", 400, survey.EINVALID, []string{"row 2, column U5", `"5" is not a score from 1 to 4`}},
		{"score 0 in a paper file", "POST", "/api/v1/campaigns/2026-S2/units/dpmptsp/import", "text/csv", "U1,U2,U3,U4,U5,U6,U7,U8,U9\n0,4,4,4,4,4,4,4,4\n", 400, survey.EINVALID, []string{"row 2, column U1"}},
		{"empty paper file", "POST", "/api/v1/campaigns/2026-S2/units/dpmptsp/import", "text/csv", "", 400, survey.EINVALID, []string{"CSV or XLSX"}},
		{"invalid unit in the URL", "GET", "/api/v1/units/Not_A_Slug", "", "", 404, survey.ENOTFOUND, []string{"Not_A_Slug"}},
		{"invalid campaign key in the URL", "GET", "/api/v1/campaigns/2026-S7", "", "", 404, survey.ENOTFOUND, []string{"2026-S7"}},
		{"unknown route", "GET", "/api/v1/surveys", "", "", 404, survey.ENOTFOUND, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			req.Header.Set("Authorization", "Bearer "+admin)
			resp, body := e.Do(req)
			wantError(t, tc.name, resp, body, tc.status, tc.code, tc.says...)
		})
	}
	if n, err := e.Store.Units(context.Background(), survey.UnitFilter{}); err != nil || len(n) != 2 {
		t.Errorf("after bad input there are %d units (%v), want the 2 seeded", len(n), err)
	}
}

// TestAPIBodyLimit sends bodies over the limit through a real listener: the limit is enforced
// while the request is read, before any handler runs.
func TestAPIBodyLimit(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	admin := e.Token(survey.RoleAdmin)
	e.Config.BodyLimit = 64 << 10
	e.Restart()
	base := e.Listen()

	// A body declared larger than the limit is refused without being read. Only the header is
	// sent, and the client then says it sends nothing more: a server that closes a connection
	// with unread data resets it, which could lose the answer on the way back.
	overLimit := func(path, contentType string) (*http.Response, string) {
		t.Helper()
		conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: skm\r\nAuthorization: Bearer %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			path, admin, contentType, e.Config.BodyLimit+1)
		_ = conn.(*net.TCPConn).CloseWrite()
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("POST %s over the limit: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := overLimit("/api/v1/units", "application/json")
	wantError(t, "a unit over the body limit", resp, body, http.StatusRequestEntityTooLarge, survey.ETOOLARGE, "larger than this server accepts")
	resp, body = overLimit("/api/v1/campaigns/2026-S2/units/dpmptsp/import", "text/csv")
	wantError(t, "a paper file over the body limit", resp, body, http.StatusRequestEntityTooLarge, survey.ETOOLARGE)

	// Just under the limit is accepted: ten rows with a long note each, in a column not read.
	under := "U1,U2,U3,U4,U5,U6,U7,U8,U9,Catatan\n" + strings.Repeat("4,4,4,4,4,4,4,4,4,"+strings.Repeat("x", 6000)+"\n", 10)
	if len(under) >= e.Config.BodyLimit || len(under) < e.Config.BodyLimit*9/10 {
		t.Fatalf("the file under the limit is %d bytes", len(under))
	}
	req, _ := http.NewRequest("POST", base+"/api/v1/campaigns/2026-S2/units/dpmptsp/import", strings.NewReader(under))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+admin)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	wantStatus(t, "a paper file under the limit", r, string(b), http.StatusOK)
	if got := decodeBody[web.PaperResult](t, string(b)); got.Stored != 10 {
		t.Errorf("stored %d of 10 rows", got.Stored)
	}
	if units, _ := e.Store.Units(context.Background(), survey.UnitFilter{}); len(units) != 2 {
		t.Errorf("a refused request wrote: %d units", len(units))
	}
}

func TestAPIRoles(t *testing.T) {
	e := apptest.New(t)
	e.Seed()
	e.SubmitRows("roles", "dpmptsp", apptest.VectorA[:2]...)
	e.SubmitRows("roles", "rsud-blambangan", apptest.VectorA[2:4]...)
	viewer := e.Token(survey.RoleViewer)
	head := e.Token(survey.RoleUnitHead, "dpmptsp")
	e.AllowHeadsImportPaper()
	paper := "U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,3\n"

	for _, tc := range []struct {
		who, token, method, path, body string
		status                         int
	}{
		{"viewer", viewer, "GET", "/api/v1/units", "", 200},
		{"viewer", viewer, "GET", "/api/v1/units/rsud-blambangan", "", 200},
		{"viewer", viewer, "GET", "/api/v1/campaigns/2026-S2/results", "", 200},
		{"viewer", viewer, "GET", "/api/v1/campaigns/2026-S2/units/rsud-blambangan/results", "", 200},
		{"viewer", viewer, "POST", "/api/v1/units", `{"slug":"pasar","name":{"id":"Pasar"}}`, 403},
		{"viewer", viewer, "PATCH", "/api/v1/units/dpmptsp", `{"active":false}`, 403},
		{"viewer", viewer, "POST", "/api/v1/questionnaires", `{}`, 403},
		{"viewer", viewer, "PUT", "/api/v1/questionnaires/v1", `{}`, 403},
		{"viewer", viewer, "POST", "/api/v1/campaigns", `{"key":"2027-S1","copyFrom":"2026-S2"}`, 403},
		{"viewer", viewer, "PATCH", "/api/v1/campaigns/2026-S2", `{}`, 403},
		{"viewer", viewer, "POST", "/api/v1/campaigns/2026-S2/transitions", `{"to":"closed"}`, 403},
		{"viewer", viewer, "GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/responses", "", 403},
		{"viewer", viewer, "POST", "/api/v1/campaigns/2026-S2/units/dpmptsp/import", paper, 403},
		{"viewer", viewer, "GET", "/api/v1/tokens", "", 403},
		{"viewer", viewer, "POST", "/api/v1/tokens", `{"name":"x","role":"admin"}`, 403},
		{"viewer", viewer, "DELETE", "/api/v1/tokens/abc", "", 403},

		{"head of dpmptsp", head, "GET", "/api/v1/units/dpmptsp", "", 200},
		{"head of dpmptsp", head, "GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/results", "", 200},
		{"head of dpmptsp", head, "GET", "/api/v1/campaigns/2026-S2/units/dpmptsp/responses", "", 200},
		{"head of dpmptsp", head, "GET", "/api/v1/units/rsud-blambangan", "", 403},
		{"head of dpmptsp", head, "GET", "/api/v1/campaigns/2026-S2/units/rsud-blambangan/results", "", 403},
		{"head of dpmptsp", head, "GET", "/api/v1/campaigns/2026-S2/units/rsud-blambangan/responses", "", 403},
		{"head of dpmptsp", head, "POST", "/api/v1/campaigns/2026-S2/units/rsud-blambangan/import", paper, 403},
		{"head of dpmptsp", head, "GET", "/api/v1/campaigns/2026-S2/results", "", 403},
		{"head of dpmptsp", head, "PATCH", "/api/v1/units/dpmptsp", `{"active":false}`, 403},
		{"head of dpmptsp", head, "POST", "/api/v1/campaigns/2026-S2/transitions", `{"to":"closed"}`, 403},
		{"head of dpmptsp", head, "GET", "/api/v1/tokens", "", 403},
		{"head of dpmptsp", head, "POST", "/api/v1/tokens", `{"name":"x","role":"admin"}`, 403},
		// Last, so that the tallies checked below are those of the seeded responses plus this file.
		{"head of dpmptsp", head, "POST", "/api/v1/campaigns/2026-S2/units/dpmptsp/import", paper, 200},
	} {
		req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		if strings.HasSuffix(tc.path, "/import") {
			req.Header.Set("Content-Type", "text/csv")
		} else if tc.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		req.Header.Set("Authorization", "Bearer "+tc.token)
		resp, body := e.Do(req)
		what := fmt.Sprintf("%s: %s %s", tc.who, tc.method, tc.path)
		if tc.status == 403 {
			wantError(t, what, resp, body, 403, survey.EFORBIDDEN)
		} else if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d; body %s", what, resp.StatusCode, tc.status, body)
		}
	}

	resp, body := e.API("GET", "/api/v1/units", head, "")
	if got := decodeBody[web.List[survey.Unit]](t, body); resp.StatusCode != 200 || len(got.Items) != 1 || got.Items[0].Slug != "dpmptsp" {
		t.Errorf("a unit head lists %+v; want only dpmptsp", got.Items)
	}
	tally, err := e.Store.Tally(context.Background(), "2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	if a, b := tally.Unit("dpmptsp").Total().All.Respondents, tally.Unit("rsud-blambangan").Total().All.Respondents; a != 3 || b != 2 {
		t.Errorf("after the refused writes dpmptsp has %d responses and rsud-blambangan %d; want 3 and 2", a, b)
	}
	if _, err := e.Store.Unit(context.Background(), "pasar"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("a viewer's refused create stored a unit: %v", err)
	}
	if c, _ := e.Store.Campaign(context.Background(), "2026-S2"); c.State != survey.StateOpen {
		t.Errorf("a refused transition moved the campaign to %s", c.State)
	}
}
