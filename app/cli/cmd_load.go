package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	mrand "math/rand/v2"
	"net/url"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"

	"github.com/valyala/fasthttp"
)

func init() {
	commands["load"] = command{"submit N survey responses over HTTP to a running server and measure it: skm load --url URL --unit SLUG", runLoad}
}

// Bounds of a load run: it is a measurement on this machine, not a tool to flood a server.
const (
	maxLoadSubmissions = 1_000_000
	maxLoadClients     = 1024
)

// loadRun is one load run's settings.
type loadRun struct {
	base    string
	unit    string
	n       int
	clients int
	kiosk   bool
	read    string
	token   string
	readers int
}

// runLoad is `skm load`: it submits N complete responses to a running server the way phones do
// (fetch the form for its key and CSRF token, post it, follow the redirect to the thank-you
// page) with C clients at once, optionally reading a page concurrently, and prints throughput and
// latencies. On the same store it measures the bare driver's single-insert rate at the same
// concurrency into a scratch collection (dropped afterwards), and prints the ratio. The two take
// turns in rounds, so that a machine whose other load comes and goes slows both alike.
func runLoad(env *Env, args []string) int {
	fs := config.NewFlagSet("skm load", env.Stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the running server (loopback only)")
	unit := fs.String("unit", "", "slug of a unit of the open campaign")
	n := fs.Int("n", 2000, "number of submissions")
	clients := fs.Int("c", 8, "concurrent clients")
	kiosk := fs.Bool("kiosk", false, "submit through the kiosk variant of the form")
	read := fs.String("read", "", "a path to read concurrently, such as /api/v1/campaigns/2026-S2/results")
	token := fs.String("token", "", "bearer token for --read")
	readers := fs.Int("readers", 1, "concurrent readers of --read")
	timeout := fs.Duration("timeout", 10*time.Minute, "stop after this long, whatever is left")
	noDriver := fs.Bool("no-driver", false, "skip the bare driver's insert measurement")
	rounds := fs.Int("rounds", 4, "take turns between submissions and bare inserts this many times, n/rounds each (at most n)")
	cfg, err := config.Load(fs, args, env.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return env.errorf("%v", err)
	}
	u, err := url.Parse(*base)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return env.errorf("--url %q must be an address such as http://127.0.0.1:8080", *base)
	case !config.IsLoopback(u.Hostname()):
		return env.errorf("--url %q is not on this machine: skm load only drives a server on the loopback address", *base)
	case !survey.ValidSlug(*unit):
		return env.errorf("--unit must name a unit of the open campaign, such as --unit dpmptsp")
	case *n < 1 || *n > maxLoadSubmissions:
		return env.errorf("-n must be from 1 to %d", maxLoadSubmissions)
	case *clients < 1 || *clients > maxLoadClients:
		return env.errorf("-c must be from 1 to %d", maxLoadClients)
	case *readers < 0 || *readers > maxLoadClients:
		return env.errorf("--readers must be from 0 to %d", maxLoadClients)
	case *timeout <= 0:
		return env.errorf("--timeout must be positive")
	case *rounds < 1:
		return env.errorf("--rounds must be at least 1")
	}
	*rounds = min(*rounds, *n) // a round has a submission at least
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	run := loadRun{base: strings.TrimRight(*base, "/"), unit: *unit, n: *n, clients: *clients, kiosk: *kiosk,
		read: *read, token: *token, readers: *readers}
	if run.read == "" {
		run.readers = 0
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	var probe *app.InsertProbe
	var desc string
	if !*noDriver {
		db, err := openQuietly(ctx, env, cfg)
		if err != nil {
			return env.errorf("bare driver measurement: %v", err)
		}
		defer db.Close()
		if probe, err = db.NewInsertProbe(ctx); err != nil {
			return env.errorf("bare driver measurement: %v", err)
		}
		defer probe.Close()
		desc = db.Description
	}

	client := newLoadClient(run.clients + run.readers)
	res := &loadResult{statuses: map[string]int{}}
	var inserted int
	var inserting time.Duration
	for i := range *rounds {
		share := run.n / *rounds
		if i < run.n%*rounds {
			share++
		}
		run.submit(ctx, client, share, res)
		if res.ok == 0 || ctx.Err() != nil {
			break
		}
		if probe == nil {
			continue
		}
		k, d, err := probe.Insert(ctx, share, run.clients)
		inserted, inserting = inserted+k, inserting+d
		if ctx.Err() != nil {
			break
		} else if err != nil {
			return env.errorf("bare driver measurement: %v", err)
		}
	}
	res.print(env.Stdout, run)
	if err := ctx.Err(); err != nil {
		fmt.Fprintf(env.Stdout, "stopped before the end (%v): the figures are of what was done\n", err)
	}
	if res.ok == 0 {
		return env.errorf("no submission succeeded; first error: %s", res.firstError)
	}
	if probe == nil || inserted == 0 {
		return 0
	}
	rate := float64(inserted) / inserting.Seconds()
	fmt.Fprintf(env.Stdout, "bare driver, %s: %d single inserts with %d clients: %.1f/s\n", desc, inserted, run.clients, rate)
	fmt.Fprintf(env.Stdout, "ratio: complete submissions/s ÷ single inserts/s = %.2f (%d rounds, taking turns)\n", res.rate()/rate, *rounds)
	return 0
}

// loadResult is what a run measured.
type loadResult struct {
	ok, failed  int
	elapsed     time.Duration
	form        []time.Duration
	submit      []time.Duration
	cycle       []time.Duration
	statuses    map[string]int
	firstError  string
	reads       []time.Duration
	readsFailed int
}

func (r *loadResult) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

// submit makes n phones' submissions with the run's clients, and adds what it measured to res.
func (run loadRun) submit(ctx context.Context, client *loadClient, n int, res *loadResult) {
	var mu sync.Mutex
	var next atomic.Int64
	record := func(f func()) { mu.Lock(); f(); mu.Unlock() }
	fail := func(why string) {
		record(func() {
			res.failed++
			res.statuses[why]++
			if res.firstError == "" {
				res.firstError = why
			}
		})
	}

	readCtx, stopReads := context.WithCancel(ctx)
	var readWG sync.WaitGroup
	for i := 0; i < run.readers; i++ {
		readWG.Add(1)
		go func() {
			defer readWG.Done()
			for readCtx.Err() == nil {
				start := time.Now()
				err := run.readOnce(readCtx, client)
				d := time.Since(start)
				record(func() {
					if err != nil && readCtx.Err() == nil {
						res.readsFailed++
					} else if err == nil {
						res.reads = append(res.reads, d)
					}
				})
			}
		}()
	}

	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < run.clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := mrand.New(mrand.NewPCG(uint64(time.Now().UnixNano()), uint64(i)))
			for ctx.Err() == nil && next.Add(1) <= int64(n) {
				// Every submission is another phone, with cookies of its own.
				_, form, submit, cycle, err := run.phone(ctx, client, cookies{}, rng)
				if err != nil {
					fail(err.Error())
					continue
				}
				record(func() {
					res.ok++
					res.form, res.submit, res.cycle = append(res.form, form), append(res.submit, submit), append(res.cycle, cycle)
				})
			}
		}()
	}
	wg.Wait()
	res.elapsed += time.Since(start)
	stopReads()
	readWG.Wait()
}

// The form's fields are found by plain string search: a phone's parser is not what skm load
// measures, and regular expressions over each 11 KB page cost the load generator a fifth of its
// CPU, taken from the server it shares the machine with.

// quoted returns, for every place body holds open, the text from there to the next quote.
func quoted(body, open string) []string {
	var found []string
	for i := strings.Index(body, open); i >= 0; i = strings.Index(body, open) {
		body = body[i+len(open):]
		end := strings.IndexByte(body, '"')
		if end < 0 {
			break
		}
		found = append(found, body[:end])
		body = body[end:]
	}
	return found
}

// hiddenValue is the value of the form's hidden input with the name, or "".
func hiddenValue(body, name string) string {
	if v := quoted(body, `<input type="hidden" name="`+name+`" value="`); len(v) > 0 {
		return v[0]
	}
	return ""
}

// elementNames are the names of the form's element questions (U1, U2, …), found by their
// first option.
func elementNames(body string) []string {
	const open = `name="U`
	var names []string
	for i := strings.Index(body, open); i >= 0; i = strings.Index(body, open) {
		body = body[i+len(open):]
		n := 0
		for n < len(body) && body[n] >= '0' && body[n] <= '9' {
			n++
		}
		if n > 0 && strings.HasPrefix(body[n:], `" id="U`+body[:n]+`-1"`) {
			names = append(names, "U"+body[:n])
		}
	}
	return names
}

// serviceSlugs are the values of the form's options that name a service.
func serviceSlugs(body string) []string {
	var slugs []string
	for _, v := range quoted(body, `<option value="`) {
		if survey.ValidSlug(v) {
			slugs = append(slugs, v)
		}
	}
	return slugs
}

// phone does what a resident's phone does: fetch the form, post a complete answer, and fetch the
// thank-you page it is sent to. It returns the submission key, the form's and the submission's
// latency and the cycle's.
func (run loadRun) phone(ctx context.Context, client *loadClient, jar cookies, rng *mrand.Rand) (key string, form, submit, cycle time.Duration, err error) {
	page := run.base + run.surveyPath()
	start := time.Now()
	got, err := client.do(ctx, fasthttp.MethodGet, page, nil, nil, jar)
	form = time.Since(start)
	if err != nil {
		return "", 0, 0, 0, err
	}
	if got.status != fasthttp.StatusOK {
		return "", 0, 0, 0, fmt.Errorf("form: status %d", got.status)
	}
	body := got.body
	values := url.Values{}
	for _, name := range []string{"_csrf", "key", "t"} {
		if v := hiddenValue(body, name); v != "" {
			values.Set(name, v)
		}
	}
	if values.Get("key") == "" || values.Get("_csrf") == "" {
		return "", 0, 0, 0, errors.New("form: no submission key or CSRF token on the page")
	}
	for _, name := range elementNames(body) {
		values.Set(name, fmt.Sprint(1+rng.IntN(4)))
	}
	if slugs := serviceSlugs(body); len(slugs) > 0 {
		values.Set("service", slugs[rng.IntN(len(slugs))])
	}
	values.Set("gender", survey.Genders[rng.IntN(len(survey.Genders))])
	values.Set("age", fmt.Sprint(18+rng.IntN(60)))
	values.Set("education", survey.Educations[rng.IntN(len(survey.Educations))])
	values.Set("occupation", survey.Occupations[rng.IntN(len(survey.Occupations))])
	header := map[string]string{fasthttp.HeaderContentType: "application/x-www-form-urlencoded"}
	posted := time.Now()
	got, err = client.do(ctx, fasthttp.MethodPost, page, []byte(values.Encode()), header, jar)
	submit = time.Since(posted)
	if err != nil {
		return "", 0, 0, 0, err
	}
	if got.status != fasthttp.StatusSeeOther || got.location == "" {
		return "", 0, 0, 0, fmt.Errorf("submit: status %d", got.status)
	}
	if got, err = client.do(ctx, fasthttp.MethodGet, run.base+got.location, nil, nil, jar); err != nil {
		return "", 0, 0, 0, err
	} else if got.status != fasthttp.StatusOK {
		return "", 0, 0, 0, fmt.Errorf("thank-you page: status %d", got.status)
	}
	return values.Get("key"), form, submit, time.Since(start), nil
}

func (run loadRun) readOnce(ctx context.Context, client *loadClient) error {
	header := map[string]string{}
	if run.token != "" {
		header[fasthttp.HeaderAuthorization] = "Bearer " + run.token
	}
	got, err := client.do(ctx, fasthttp.MethodGet, run.base+run.read, nil, header, nil)
	if err == nil && got.status != fasthttp.StatusOK {
		err = fmt.Errorf("read: status %d", got.status)
	}
	return err
}

func (r *loadResult) print(w io.Writer, run loadRun) {
	fmt.Fprintf(w, "skm load: %d submissions to %s with %d clients\n", run.n, run.base+run.surveyPath(), run.clients)
	fmt.Fprintf(w, "complete submissions: %d ok, %d failed in %.2fs: %.1f/s\n", r.ok, r.failed, r.elapsed.Seconds(), r.rate())
	fmt.Fprintf(w, "  submit (POST, 303):                 %s\n", percentiles(r.submit))
	fmt.Fprintf(w, "  form (GET):                         %s\n", percentiles(r.form))
	fmt.Fprintf(w, "  whole phone (form, submit, thanks): %s\n", percentiles(r.cycle))
	if len(r.statuses) > 0 {
		keys := make([]string, 0, len(r.statuses))
		for k := range r.statuses {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  failed %d×: %s\n", r.statuses[k], k)
		}
	}
	if run.readers > 0 {
		fmt.Fprintf(w, "reads of %s by %d readers meanwhile: %d ok, %d failed, %.1f/s; %s\n", run.read, run.readers,
			len(r.reads), r.readsFailed, float64(len(r.reads))/r.elapsed.Seconds(), percentiles(r.reads))
	}
}

func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no samples"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(q float64) time.Duration { return s[min(len(s)-1, int(q*float64(len(s))))] }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("p50 %s  p99 %s  max %s", ms(at(0.50)), ms(at(0.99)), ms(s[len(s)-1]))
}

// openQuietly opens the store as the other store commands do: the running server's embedded
// store through the data directory, or SKM_MONGODB_URI.
func openQuietly(ctx context.Context, env *Env, cfg config.Config) (*app.Database, error) {
	quiet := newLogger(config.Config{LogLevel: max(cfg.LogLevel, slog.LevelWarn), LogFormat: cfg.LogFormat}, env.Stderr)
	return app.OpenDatabase(ctx, cfg, quiet)
}

// surveyPath is the survey the load drives: the phone's or the kiosk's.
func (run loadRun) surveyPath() string {
	if run.kiosk {
		return link.Kiosk(run.unit)
	}
	return link.Survey(run.unit)
}
