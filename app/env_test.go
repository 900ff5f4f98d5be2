package app

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// testEnv is a server on a fresh database, driven in process with app.Test.
type testEnv struct {
	t     testing.TB
	cfg   Config
	app   *fiber.App
	store *mongo.Store
	now   time.Time
}

// testConfig is the configuration of test servers.
func testConfig() Config {
	return Config{Addr: "127.0.0.1:0", DataDir: "", Database: "skm", BaseURL: "http://skm.test", BodyLimit: 1 << 20, Shutdown: time.Second, LogFormat: "text"}
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	store := surveytest.MustOpenStore(t, mongo.Options{})
	return newTestEnvOn(t, store)
}

func newTestEnvOn(t testing.TB, store *mongo.Store) *testEnv {
	t.Helper()
	e := &testEnv{t: t, cfg: testConfig(), store: store, now: time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)}
	app, err := New(context.Background(), e.cfg, Deps{Store: store, Accounts: store, Logger: testLogger(),
		Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	e.app = app
	return e
}

// seed creates two units, the standard questionnaire and the open campaign 2026-S2.
func (e *testEnv) seed() *survey.Campaign {
	e.t.Helper()
	ctx := context.Background()
	for _, u := range []*survey.Unit{
		{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan PTSP", EN: "Investment Office"}, OPD: "DPMPTSP", Active: true,
			Services: []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha", EN: "Business permit"}}, {Code: "pbg", Name: survey.Text{ID: "Persetujuan bangunan gedung", EN: "Building approval"}}}},
		{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan", EN: "Blambangan Hospital"}, OPD: "RSUD Blambangan", Active: true,
			Services: []survey.Service{{Code: "rawat-jalan", Name: survey.Text{ID: "Rawat jalan", EN: "Outpatient care"}}}},
	} {
		if err := e.store.CreateUnit(ctx, u); err != nil {
			e.t.Fatal(err)
		}
	}
	q := survey.StandardQuestionnaire()
	if err := e.store.CreateQuestionnaire(ctx, q); err != nil {
		e.t.Fatal(err)
	}
	c := &survey.Campaign{Key: "2026-S2", Questionnaire: q.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan", Population: 200}}}
	if err := e.store.CreateCampaign(ctx, c); err != nil {
		e.t.Fatal(err)
	}
	c, err := e.store.TransitionCampaign(ctx, c.Key, survey.StateOpen, "test", e.now)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// token creates an API token with the role and units and returns its secret.
func (e *testEnv) token(role survey.Role, units ...string) string {
	e.t.Helper()
	secret, hash := newTokenSecret()
	if err := e.store.CreateToken(context.Background(), &survey.Token{Name: "test " + string(role), Role: role, Units: units, Hash: hash}); err != nil {
		e.t.Fatal(err)
	}
	return secret
}

// user creates a user with the role, units and password "correct horse battery".
func (e *testEnv) user(name string, role survey.Role, units ...string) {
	e.t.Helper()
	hash, err := hashPassword(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.store.CreateUser(context.Background(), &survey.User{Username: name, Name: strings.ToUpper(name[:1]) + name[1:], Role: role, Units: units, PasswordHash: hash}); err != nil {
		e.t.Fatal(err)
	}
}

const testPassword = "correct horse battery"

// do sends a request through the app and returns the response with its body read.
func (e *testEnv) do(req *http.Request) (*http.Response, string) {
	e.t.Helper()
	resp, err := e.app.Test(req, 30_000)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// api sends a JSON API request with a bearer token.
func (e *testEnv) api(method, path, token, body string) (*http.Response, string) {
	e.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	inEnglish(req)
	return e.do(req)
}

// inEnglish asks for the API's messages in English, the language the API tests read them in.
func inEnglish(req *http.Request) {
	req.AddCookie(&http.Cookie{Name: langCookie, Value: survey.LangEN})
}

// browser is a client with a cookie jar, as a person's browser is.
type browser struct {
	e       *testEnv
	cookies map[string]string
	csrf    string
}

func (e *testEnv) browser() *browser { return &browser{e: e, cookies: map[string]string{}} }

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (b *browser) send(req *http.Request) (*http.Response, string) {
	b.e.t.Helper()
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, body := b.e.do(req)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	if m := csrfInput.FindStringSubmatch(body); m != nil {
		b.csrf = m[1]
	}
	return resp, body
}

// get fetches a page.
func (b *browser) get(path string) (*http.Response, string) {
	b.e.t.Helper()
	return b.send(httptest.NewRequest(http.MethodGet, path, nil))
}

// post submits a form with the CSRF token of the last page fetched.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get(csrfField) == "" && b.csrf != "" {
		form.Set(csrfField, b.csrf)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req)
}

// signedIn returns a browser signed in as a new user with the role and units: the session is
// created in the store directly, as a sign-in would.
func (e *testEnv) signedIn(name string, role survey.Role, units ...string) *browser {
	e.t.Helper()
	e.user(name, role, units...)
	u, err := e.store.User(context.Background(), name)
	if err != nil {
		e.t.Fatal(err)
	}
	b := e.browser()
	value := name + "-session-value-0123456789abcdef"
	if err := e.store.CreateSession(context.Background(), &survey.Session{Hash: hashSecret(value), Username: u.Username, CreatedAt: e.now, SeenAt: e.now}); err != nil {
		e.t.Fatal(err)
	}
	b.cookies[sessionCookie] = value
	return b
}

// listen serves the app on a real listener on 127.0.0.1 until the test ends and returns its base URL.
func (e *testEnv) listen() string {
	e.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.t.Fatal(err)
	}
	go func() { _ = e.app.Listener(ln) }()
	e.t.Cleanup(func() { _ = e.app.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

// testLogger discards the server's log, or prints it with SKM_TEST_LOG set.
func testLogger() *slog.Logger {
	if os.Getenv("SKM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
