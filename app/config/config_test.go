package config

import (
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func loadConfig(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("skm serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return env[k] })
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := loadConfig(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"Addr", cfg.Addr, ":8080"},
		{"DataDir", cfg.DataDir, "./data"},
		{"MongoURI", cfg.MongoURI, ""},
		{"Database", cfg.Database, "skm"},
		{"KeyFile", cfg.KeyFile, ""},
		{"BaseURL", cfg.BaseURL, "http://localhost:8080"},
		{"AdminPass", cfg.AdminPass, ""},
		{"LogLevel", cfg.LogLevel, slog.LevelInfo},
		{"LogFormat", cfg.LogFormat, "text"},
		{"BodyLimit", cfg.BodyLimit, 8 << 20},
		{"ClientConns", cfg.ClientConns, 128},
		{"Shutdown", cfg.Shutdown, 20 * time.Second},
		{"Demo", cfg.Demo, false},
	} {
		if c.got != c.want {
			t.Errorf("default %s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestConfigEnvAndFlags(t *testing.T) {
	env := map[string]string{
		"SKM_ADDR": "127.0.0.1:9000", "SKM_DATA_DIR": "/var/lib/skm", "SKM_LOG_LEVEL": "debug", "SKM_LOG_FORMAT": "json",
		"SKM_BODY_LIMIT": "65536", "SKM_SHUTDOWN_TIMEOUT": "5s", "SKM_BASE_URL": "https://skm.banyuwangikab.go.id/",
		"SKM_MONGODB_DATABASE": "skm_bwi", "SKM_ADMIN_PASSWORD": "rahasia-sekali",
	}
	cfg, err := loadConfig(t, env)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9000" || cfg.DataDir != "/var/lib/skm" || cfg.LogLevel != slog.LevelDebug || cfg.LogFormat != "json" ||
		cfg.BodyLimit != 65536 || cfg.Shutdown != 5*time.Second || cfg.Database != "skm_bwi" || cfg.AdminPass != "rahasia-sekali" {
		t.Errorf("from the environment: %+v", cfg)
	}
	if cfg.BaseURL != "https://skm.banyuwangikab.go.id" {
		t.Errorf("BaseURL = %q, want the trailing slash trimmed", cfg.BaseURL)
	}

	// A flag wins over its variable; the variables of other settings still apply.
	cfg, err = loadConfig(t, env, "--addr", ":7000", "-log-level=warn", "--demo", "--shutdown-timeout", "1m")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":7000" || cfg.LogLevel != slog.LevelWarn || !cfg.Demo || cfg.Shutdown != time.Minute || cfg.DataDir != "/var/lib/skm" || cfg.LogFormat != "json" {
		t.Errorf("flags over the environment: %+v", cfg)
	}

	// An empty variable is unset: the default applies.
	cfg, err = loadConfig(t, map[string]string{"SKM_ADDR": ""})
	if err != nil || cfg.Addr != ":8080" {
		t.Errorf("empty SKM_ADDR: %q, %v", cfg.Addr, err)
	}

	// The base URL follows the listen address when not set.
	cfg, _ = loadConfig(t, nil, "--addr", "0.0.0.0:9090")
	if cfg.BaseURL != "http://localhost:9090" {
		t.Errorf("BaseURL for 0.0.0.0:9090 = %q", cfg.BaseURL)
	}
	cfg, _ = loadConfig(t, nil, "--addr", "127.0.0.1:9090")
	if cfg.BaseURL != "http://127.0.0.1:9090" {
		t.Errorf("BaseURL for 127.0.0.1:9090 = %q", cfg.BaseURL)
	}

	// With MongoDB the data directory is not needed.
	cfg, err = loadConfig(t, map[string]string{"SKM_MONGODB_URI": "mongodb://db1,db2/?replicaSet=rs0", "SKM_DATA_DIR": " "})
	if err != nil || cfg.MongoURI != "mongodb://db1,db2/?replicaSet=rs0" {
		t.Errorf("MongoDB without a data directory: %+v, %v", cfg, err)
	}
	fs := flag.NewFlagSet("skm verify", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg, err = Load(fs, []string{"--data-dir", "/tmp/x", "2026-S1", "2026-S2"}, func(string) string { return "" })
	if err != nil || cfg.DataDir != "/tmp/x" || strings.Join(fs.Args(), " ") != "2026-S1 2026-S2" {
		t.Errorf("arguments after the flags: %v, %v, %v", cfg.DataDir, fs.Args(), err)
	}
}

func TestConfigBadValues(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		args []string
		says string
	}{
		{env: map[string]string{"SKM_ADDR": "8080"}, says: `SKM_ADDR "8080" is not host:port`},
		{args: []string{"--addr", "localhost"}, says: `SKM_ADDR "localhost"`},
		{args: []string{"--data-dir", "  "}, says: "SKM_DATA_DIR is empty"},
		{env: map[string]string{"SKM_MONGODB_URI": "http://db:27017"}, says: "SKM_MONGODB_URI must start with mongodb://"},
		{env: map[string]string{"SKM_MONGODB_DATABASE": "skm.prod"}, says: `SKM_MONGODB_DATABASE "skm.prod" is not a valid database name`},
		{args: []string{"--mongodb-database", ""}, says: "SKM_MONGODB_DATABASE"},
		{env: map[string]string{"SKM_BASE_URL": "skm.banyuwangikab.go.id"}, says: "SKM_BASE_URL \"skm.banyuwangikab.go.id\" must be an absolute http(s) URL"},
		{env: map[string]string{"SKM_BASE_URL": "ftp://skm.example"}, says: "SKM_BASE_URL"},
		{env: map[string]string{"SKM_ADMIN_PASSWORD": "admin"}, says: "SKM_ADMIN_PASSWORD must be at least 10 characters"},
		{env: map[string]string{"SKM_LOG_LEVEL": "verbose"}, says: `SKM_LOG_LEVEL "verbose" must be debug, info, warn or error`},
		{env: map[string]string{"SKM_LOG_FORMAT": "xml"}, says: `SKM_LOG_FORMAT "xml" must be text or json`},
		{env: map[string]string{"SKM_BODY_LIMIT": "8MB"}, says: `SKM_BODY_LIMIT "8MB" must be a number of bytes`},
		{env: map[string]string{"SKM_BODY_LIMIT": "1024"}, says: "SKM_BODY_LIMIT \"1024\""},
		{args: []string{"--body-limit", "999999999999"}, says: "SKM_BODY_LIMIT"},
		{env: map[string]string{"SKM_CLIENT_CONNS": "-1"}, says: `SKM_CLIENT_CONNS "-1" must be a number of connections`},
		{env: map[string]string{"SKM_METRICS_TOKEN": "short"}, says: "SKM_METRICS_TOKEN must be at least 32 characters"},
		{env: map[string]string{"SKM_SHUTDOWN_TIMEOUT": "20"}, says: `SKM_SHUTDOWN_TIMEOUT "20" must be a positive duration such as 20s`},
		{env: map[string]string{"SKM_SHUTDOWN_TIMEOUT": "-5s"}, says: "SKM_SHUTDOWN_TIMEOUT"},
	} {
		_, err := loadConfig(t, tc.env, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("env %v args %v: error %v, want one saying %q", tc.env, tc.args, err, tc.says)
		}
	}

	// Every bad value is named at once, so one restart fixes them all.
	_, err := loadConfig(t, map[string]string{"SKM_LOG_FORMAT": "xml", "SKM_BODY_LIMIT": "big", "SKM_ADDR": "nowhere"})
	for _, name := range []string{"SKM_LOG_FORMAT", "SKM_BODY_LIMIT", "SKM_ADDR"} {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("three bad values: %v does not name %s", err, name)
		}
	}
	if _, err := loadConfig(t, nil, "--no-such-flag"); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
