// Package apptest drives the whole engine in tests, as residents, staff and programs do: a server
// on a fresh database, browsers with cookie jars, API clients with tokens.
package apptest

import (
	"context"
	"crypto/rand"
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

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// Env is a server on a fresh database, driven in process with app.Test.
type Env struct {
	T      testing.TB
	Config config.Config
	App    *fiber.App
	// Kernel is the App's kernel, whose access table tests read.
	Kernel *web.Server
	Store  *mongo.Store
	// Now is the server's clock; a test moves it.
	Now time.Time
	// Key is the server's signing key, kept across restarts.
	Key []byte
	// Timeout bounds each request sent through the app; 30 s when zero.
	Timeout time.Duration
	// messages numbers the responses SubmitMessage stores.
	messages int
}

// Config is the configuration of test servers.
func Config() config.Config {
	return config.Config{Addr: "127.0.0.1:0", DataDir: "", Database: "skm", BaseURL: "http://skm.test", BodyLimit: 1 << 20, Shutdown: time.Second, LogFormat: "text"}
}

// New is the whole engine on a fresh database, with the clock at 17 August 2026 10:00 UTC.
func New(t testing.TB) *Env {
	t.Helper()
	store := surveytest.MustOpenStore(t, mongo.Options{})
	return NewOn(t, store)
}

// NewOn is the whole engine on the store the test opened.
func NewOn(t testing.TB, store *mongo.Store) *Env {
	t.Helper()
	e := &Env{T: t, Config: Config(), Store: store, Now: time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC), Key: NewKey()}
	e.Restart()
	return e
}

// Seed creates two units and the open campaign 2026-S2 on the standard questionnaire, v1.
func (e *Env) Seed() *survey.Campaign {
	e.T.Helper()
	ctx := context.Background()
	for _, u := range []*survey.Unit{
		{Slug: "dpmptsp", Name: survey.Text{ID: "Dinas Penanaman Modal dan PTSP", EN: "Investment Office"}, OPD: "DPMPTSP", Active: true,
			Services: []survey.Service{{Code: "izin-usaha", Name: survey.Text{ID: "Izin usaha", EN: "Business permit"}}, {Code: "pbg", Name: survey.Text{ID: "Persetujuan bangunan gedung", EN: "Building approval"}}}},
		{Slug: "rsud-blambangan", Name: survey.Text{ID: "RSUD Blambangan", EN: "Blambangan Hospital"}, OPD: "RSUD Blambangan", Active: true,
			Services: []survey.Service{{Code: "rawat-jalan", Name: survey.Text{ID: "Rawat jalan", EN: "Outpatient care"}}}},
	} {
		if err := e.Store.CreateUnit(ctx, u); err != nil {
			e.T.Fatal(err)
		}
	}
	q, err := e.Store.EnsureQuestionnaire(ctx, survey.StandardQuestionnaire())
	if err != nil {
		e.T.Fatal(err)
	}
	c := &survey.Campaign{Key: "2026-S2", Questionnaire: q.ID, Units: []survey.CampaignUnit{{Unit: "dpmptsp", Population: 1000}, {Unit: "rsud-blambangan", Population: 200}}}
	if err := e.Store.CreateCampaign(ctx, c); err != nil {
		e.T.Fatal(err)
	}
	c, err = e.Store.TransitionCampaign(ctx, c.Key, survey.StateOpen, "test", e.Now)
	if err != nil {
		e.T.Fatal(err)
	}
	return c
}

// token creates an API token with the role and units and returns its secret.
func (e *Env) Token(role survey.Role, units ...string) string {
	e.T.Helper()
	secret, hash := web.NewTokenSecret()
	if err := e.Store.CreateToken(context.Background(), &survey.Token{Name: "test " + string(role), Role: role, Units: units, Hash: hash}); err != nil {
		e.T.Fatal(err)
	}
	return secret
}

// user creates a user with the role, units and password "correct horse battery".
func (e *Env) User(name string, role survey.Role, units ...string) {
	e.T.Helper()
	hash, err := web.HashPassword(Password)
	if err != nil {
		e.T.Fatal(err)
	}
	if err := e.Store.CreateUser(context.Background(), &survey.User{Username: name, Name: strings.ToUpper(name[:1]) + name[1:], Role: role, Units: units, PasswordHash: hash}); err != nil {
		e.T.Fatal(err)
	}
}

// Password is the password of every user the tests create.
const Password = "correct horse battery"

// Do sends a request through the app and returns the response with its body read.
func (e *Env) Do(req *http.Request) (*http.Response, string) {
	e.T.Helper()
	timeout := e.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	resp, err := e.App.Test(req, int(timeout.Milliseconds()))
	if err != nil {
		e.T.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// api sends a JSON API request with a bearer token.
func (e *Env) API(method, path, token, body string) (*http.Response, string) {
	e.T.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return e.Do(req)
}

// Browser is a client with a cookie jar, as a person's browser is.
type Browser struct {
	Env     *Env
	Cookies map[string]string
	// CSRF is the token of the last page fetched, which Post sends.
	CSRF string
}

// Browser is a fresh browser on the server.
func (e *Env) Browser() *Browser { return &Browser{Env: e, Cookies: map[string]string{}} }

// CSRFInput finds the CSRF token in a page.
var CSRFInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// Send sends a request with the browser's cookies and keeps the cookies and CSRF token it gets.
func (b *Browser) Send(req *http.Request) (*http.Response, string) {
	b.Env.T.Helper()
	for k, v := range b.Cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, body := b.Env.Do(req)
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.Cookies, c.Name)
		} else {
			b.Cookies[c.Name] = c.Value
		}
	}
	if m := CSRFInput.FindStringSubmatch(body); m != nil {
		b.CSRF = m[1]
	}
	return resp, body
}

// get fetches a page.
func (b *Browser) Get(path string) (*http.Response, string) {
	b.Env.T.Helper()
	return b.Send(httptest.NewRequest(http.MethodGet, path, nil))
}

// post submits a form with the CSRF token of the last page fetched.
func (b *Browser) Post(path string, form url.Values) (*http.Response, string) {
	b.Env.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get(web.CSRFField) == "" && b.CSRF != "" {
		form.Set(web.CSRFField, b.CSRF)
	}
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.Send(req)
}

// signedIn returns a Browser signed in as a new user with the role and units: the session is
// created in the store directly, as a sign-in would.
func (e *Env) SignedIn(name string, role survey.Role, units ...string) *Browser {
	e.T.Helper()
	b := e.Browser()
	b.Cookies[web.SessionCookie] = e.newSession(name, role, units...)
	return b
}

// newSession creates a user with the role and units and a session of theirs in the store, and
// returns the session cookie's value.
func (e *Env) newSession(name string, role survey.Role, units ...string) string {
	e.T.Helper()
	e.User(name, role, units...)
	u, err := e.Store.User(context.Background(), name)
	if err != nil {
		e.T.Fatal(err)
	}
	value := name + "-session-value-0123456789abcdef"
	if err := e.Store.CreateSession(context.Background(), &survey.Session{Hash: web.HashSecret(value), Username: u.Username, CreatedAt: e.Now, SeenAt: e.Now}); err != nil {
		e.T.Fatal(err)
	}
	return value
}

// listen serves the app on a real listener on 127.0.0.1 until the test ends and returns its base URL.
func (e *Env) Listen() string {
	e.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.T.Fatal(err)
	}
	go func() { _ = e.App.Listener(ln) }()
	e.T.Cleanup(func() { _ = e.App.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

// Logger discards the server's log, or prints it with SKM_TEST_LOG set.
func Logger() *slog.Logger {
	if os.Getenv("SKM_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// SignIn signs the browser in through the sign-in form, as a person does.
func (b *Browser) SignIn(username, password string) (*http.Response, string) {
	b.Get("/masuk")
	return b.Post("/masuk", url.Values{"username": {username}, "password": {password}})
}

// NewWith is a test server whose configuration and store options the test chooses.
func NewWith(t testing.TB, configure func(*config.Config), opts mongo.Options) *Env {
	t.Helper()
	e := &Env{T: t, Config: Config(), Store: surveytest.MustOpenStore(t, opts), Now: time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC), Key: NewKey()}
	if configure != nil {
		configure(&e.Config)
	}
	e.Restart()
	return e
}

// Restart builds the server afresh from the environment's configuration, on the same store, as
// a restarted process would be.
func (e *Env) Restart() {
	e.T.Helper()
	k, err := app.Kernel(context.Background(), e.Config, app.Deps{Store: e.Store, Accounts: e.Store, Logger: Logger(), Key: e.Key,
		Now: func() time.Time { return e.Now }})
	if err != nil {
		e.T.Fatal(err)
	}
	e.Kernel, e.App = k, k.App()
}

// Responses returns up to 500 responses of the campaign.
func (e *Env) Responses(campaign string) []*survey.Response {
	e.T.Helper()
	rs, _, err := e.Store.Responses(context.Background(), survey.ResponseFilter{Campaign: campaign, Limit: 500})
	if err != nil {
		e.T.Fatal(err)
	}
	return rs
}

// CaseText returns the words of the case with the internal ID.
func (e *Env) CaseText(id string) *survey.CaseText {
	e.T.Helper()
	words, err := e.Store.CaseText(context.Background(), id)
	if err != nil {
		e.T.Fatalf("words of case %s: %v", id, err)
	}
	return words
}

// FindCase returns the case with the tracking code.
func (e *Env) FindCase(code string) *survey.Case {
	e.T.Helper()
	cs, _, err := e.Store.FindCase(context.Background(), code)
	if err != nil {
		e.T.Fatalf("find case %s: %v", code, err)
	}
	return cs
}

// NewKey returns a random signing key for a test server.
func NewKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return k
}
