package config

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the engine's configuration, read from flags and SKM_* environment variables (a flag
// wins over its variable).
type Config struct {
	Addr         string        // SKM_ADDR: where the web server listens
	DataDir      string        // SKM_DATA_DIR: the embedded store's files, its socket and the signing key
	KeyFile      string        // SKM_KEY_FILE: the signing key shared by instances on SKM_MONGODB_URI
	MongoURI     string        // SKM_MONGODB_URI: a real MongoDB instead of the embedded store
	Database     string        // SKM_MONGODB_DATABASE: the database name
	BaseURL      string        // SKM_BASE_URL: the public address, used in QR codes and reports
	AdminPass    string        // SKM_ADMIN_PASSWORD: the first administrator's password
	LogLevel     slog.Level    // SKM_LOG_LEVEL: debug, info, warn, error
	LogFormat    string        // SKM_LOG_FORMAT: text or json
	BodyLimit    int           // SKM_BODY_LIMIT: largest file of the API's paper import and of /verifikasi
	Shutdown     time.Duration // SKM_SHUTDOWN_TIMEOUT: how long in-flight requests may finish
	SubmitLimit  int           // SKM_SUBMIT_LIMIT: survey submissions per client per minute; 0 is no limit
	ClientConns  int           // SKM_CLIENT_CONNS: connections one client may hold open at once; 0 is no cap
	MetricsToken string        // SKM_METRICS_TOKEN: the bearer token that reads /metrics; empty serves none
	Retention    int           // SKM_RETENTION_MONTHS: months after archiving that raw responses are kept; 0 keeps them
	Proxies      []string      // SKM_TRUSTED_PROXIES: proxies whose X-Forwarded-For names the client
	Demo         bool          // --demo: seed a demo region into an empty database
	Notify       Notify        // SKM_SMTP_*, SKM_WEBHOOK_URL: where case notifications go
	// Test hooks, read from the environment only, for the engine's own process tests: PauseAt
	// stops the store's committer for good after the named step (SKM_TEST_PAUSE_AT, such as
	// acknowledged), ClockOffset moves the store's clock (SKM_TEST_CLOCK_OFFSET, such as 60s).
	TestPauseAt     string
	TestClockOffset time.Duration
}

// settings lists every setting once: its flag, variable, default and meaning. The README's
// configuration table is this list.
var settings = []struct {
	flag, env, def, usage string
}{
	{"addr", "SKM_ADDR", ":8080", "address the web server listens on"},
	{"data-dir", "SKM_DATA_DIR", "./data", "directory of the embedded store's files"},
	{"mongodb-uri", "SKM_MONGODB_URI", "", "MongoDB connection string; empty runs the embedded store"},
	{"mongodb-database", "SKM_MONGODB_DATABASE", "skm", "database name"},
	{"key-file", "SKM_KEY_FILE", "", "file holding the key that signs cookies and forms and keys client hashes, readable by its owner only; required with SKM_MONGODB_URI, where every instance must use the same (default: skm.key in SKM_DATA_DIR, created on first start)"},
	{"base-url", "SKM_BASE_URL", "", "public address of the engine, such as https://skm.banyuwangikab.go.id (default: from SKM_ADDR)"},
	{"admin-password", "SKM_ADMIN_PASSWORD", "", "password of the first administrator (default: random, printed once)"},
	{"log-level", "SKM_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"log-format", "SKM_LOG_FORMAT", "text", "text or json"},
	{"body-limit", "SKM_BODY_LIMIT", "8388608", "largest file sent to the API's paper import and to /verifikasi, in bytes; the staff pages' upload forms have their own limits, and every other request body is at most 64 KiB"},
	{"shutdown-timeout", "SKM_SHUTDOWN_TIMEOUT", "20s", "how long in-flight requests may finish after SIGTERM"},
	{"retention-months", "SKM_RETENTION_MONTHS", "24", "months after a campaign is archived that its raw responses and free text are kept (0: keep); tallies and reports stay"},
	{"trusted-proxies", "SKM_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs of load balancers whose X-Forwarded-For names the client (the right-most address in it that is not one of them)"},
	{"submit-limit", "SKM_SUBMIT_LIMIT", "30", "survey submissions accepted per client address per minute, per instance (0: no limit, and a unit's bursts are flagged but not refused, for load tests)"},
	{"metrics-token", "SKM_METRICS_TOKEN", "", "bearer token a Prometheus scraper presents to read /metrics, at least 32 characters (empty: /metrics is not served)"},
	{"client-conns", "SKM_CLIENT_CONNS", "128", "connections one client address may hold open at once, per instance; trusted proxies are not capped (0: no cap)"},
	{"smtp-addr", "SKM_SMTP_ADDR", "", "SMTP server host:port for email about new and overdue complaints (empty: no email; port 465 speaks TLS at once, others STARTTLS when offered)"},
	{"smtp-from", "SKM_SMTP_FROM", "", "sender address of those emails, such as skm@banyuwangikab.go.id"},
	{"smtp-user", "SKM_SMTP_USER", "", "SMTP user name, when the server asks for one"},
	{"smtp-password", "SKM_SMTP_PASSWORD", "", "SMTP password, with SKM_SMTP_USER"},
	{"webhook-url", "SKM_WEBHOOK_URL", "", "URL that receives a JSON POST for every new and overdue complaint (empty: none)"},
	{"webhook-secret", "SKM_WEBHOOK_SECRET", "", "secret shared with the webhook's receiver, at least 32 characters, required with SKM_WEBHOOK_URL: each POST is signed with it (X-SKM-Signature)"},
}

// Load reads the configuration from args (without the command name) and getenv, with the
// settings' flags added to fs beside any the command defined; fs.Args() holds what remains.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	values := map[string]*string{}
	for _, s := range settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		values[s.flag] = fs.String(s.flag, def, s.usage+" ("+s.env+")")
	}
	demo := fs.Bool("demo", false, "seed a demo region (Kabupaten Banyuwangi) into an empty database")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	cfg := Config{
		Addr: *values["addr"], DataDir: *values["data-dir"], MongoURI: *values["mongodb-uri"],
		Database: *values["mongodb-database"], KeyFile: *values["key-file"], BaseURL: *values["base-url"],
		AdminPass: *values["admin-password"], LogFormat: *values["log-format"], Demo: *demo,
	}
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	cfg.TestPauseAt = getenv("SKM_TEST_PAUSE_AT")
	if v := getenv("SKM_TEST_CLOCK_OFFSET"); v != "" {
		if d, err := time.ParseDuration(v); err != nil {
			fail("SKM_TEST_CLOCK_OFFSET %q must be a duration such as 60s or -30s", v)
		} else {
			cfg.TestClockOffset = d
		}
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		fail("SKM_ADDR %q is not host:port (for example :8080 or 127.0.0.1:8080)", cfg.Addr)
	}
	if cfg.MongoURI == "" && strings.TrimSpace(cfg.DataDir) == "" {
		fail("SKM_DATA_DIR is empty: name a directory for the embedded store, or set SKM_MONGODB_URI")
	}
	if cfg.MongoURI != "" && !strings.HasPrefix(cfg.MongoURI, "mongodb://") && !strings.HasPrefix(cfg.MongoURI, "mongodb+srv://") {
		fail("SKM_MONGODB_URI must start with mongodb:// or mongodb+srv://")
	}
	if cfg.Database == "" || strings.ContainsAny(cfg.Database, "/\\. \"$") {
		fail("SKM_MONGODB_DATABASE %q is not a valid database name", cfg.Database)
	}
	if cfg.BaseURL != "" {
		if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("SKM_BASE_URL %q must be an absolute http(s) URL such as https://skm.example.go.id", cfg.BaseURL)
		}
		cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	if cfg.AdminPass != "" && len(cfg.AdminPass) < 10 {
		fail("SKM_ADMIN_PASSWORD must be at least 10 characters")
	}
	if err := cfg.LogLevel.UnmarshalText([]byte(*values["log-level"])); err != nil {
		fail("SKM_LOG_LEVEL %q must be debug, info, warn or error", *values["log-level"])
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		fail("SKM_LOG_FORMAT %q must be text or json", cfg.LogFormat)
	}
	if n, err := strconv.Atoi(*values["body-limit"]); err != nil || n < 64<<10 || n > 256<<20 {
		fail("SKM_BODY_LIMIT %q must be a number of bytes between 65536 and 268435456", *values["body-limit"])
	} else {
		cfg.BodyLimit = n
	}
	if n, err := strconv.Atoi(*values["retention-months"]); err != nil || n < 0 || n > 1200 {
		fail("SKM_RETENTION_MONTHS %q must be a number of months from 0 (keep forever) to 1200", *values["retention-months"])
	} else {
		cfg.Retention = n
	}
	for _, p := range strings.Split(*values["trusted-proxies"], ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			fail("SKM_TRUSTED_PROXIES entry %q is not an IP address or CIDR such as 10.0.0.0/8", p)
		}
		cfg.Proxies = append(cfg.Proxies, p)
	}
	if d, err := time.ParseDuration(*values["shutdown-timeout"]); err != nil || d <= 0 {
		fail("SKM_SHUTDOWN_TIMEOUT %q must be a positive duration such as 20s", *values["shutdown-timeout"])
	} else {
		cfg.Shutdown = d
	}
	if n, err := strconv.Atoi(*values["submit-limit"]); err != nil || n < 0 || n > 100000 {
		fail("SKM_SUBMIT_LIMIT %q must be a number of submissions per minute from 0 (no limit) to 100000", *values["submit-limit"])
	} else {
		cfg.SubmitLimit = n
	}
	if n, err := strconv.Atoi(*values["client-conns"]); err != nil || n < 0 || n > 100000 {
		fail("SKM_CLIENT_CONNS %q must be a number of connections from 0 (no cap) to 100000", *values["client-conns"])
	} else {
		cfg.ClientConns = n
	}
	if cfg.MetricsToken = *values["metrics-token"]; cfg.MetricsToken != "" && len(cfg.MetricsToken) < 32 {
		fail("SKM_METRICS_TOKEN must be at least 32 characters, such as the output of: openssl rand -hex 24")
	}
	cfg.Notify = readNotify(values, fail)
	if len(errs) > 0 {
		return cfg, fmt.Errorf("configuration: %s", strings.Join(errs, "; "))
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + LocalAddr(cfg.Addr)
	}
	return cfg, nil
}

// NewFlagSet returns an empty flag set for a command, reporting to the command's stderr.
func NewFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LocalAddr turns a listen address into one a browser on this machine can open.
func LocalAddr(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// Variables lists the environment variable of every setting.
func Variables() []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = s.env
	}
	return out
}
