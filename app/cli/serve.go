package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os/signal"
	"syscall"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/demo"
	"github.com/skm-engine/skm/app/jobs"
)

// runServe is `skm serve`: open the store, make sure an administrator exists, seed the demo if
// asked, serve until SIGTERM or SIGINT, then drain and exit 0.
func runServe(env *Env, args []string) int {
	cfg, err := config.Load(config.NewFlagSet("skm serve", env.Stderr), args, env.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return env.errorf("%v", err)
	}
	log := newLogger(cfg, env.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	key, err := app.LoadKey(cfg)
	if err != nil {
		return env.errorf("%v", err)
	}
	db, err := app.OpenDatabase(ctx, cfg, log)
	if err != nil {
		return env.errorf("%v", err)
	}
	defer db.Close()
	if err := app.EnsureAdmin(ctx, db.Store, cfg, env.Stdout); err != nil {
		return env.errorf("create the first administrator: %v", err)
	}
	if cfg.Demo {
		seeded, err := demo.Seed(ctx, db.Store, log)
		if err != nil {
			return env.errorf("seed the demo: %v", err)
		}
		if seeded {
			fmt.Fprintln(env.Stdout, "Demo region Kabupaten Banyuwangi seeded.")
		}
	}
	app, err := app.New(ctx, cfg, app.Deps{Store: db.Store, Accounts: db.Store, Logger: log, Key: key})
	if err != nil {
		return env.errorf("%v", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return env.errorf("listen on %s: %v (set SKM_ADDR to a free address)", cfg.Addr, err)
	}
	jobs := jobs.Start(cfg, db.Store, db.Store, log)
	fmt.Fprintf(env.Stdout, "SKM engine serving on http://%s (%s)\n", config.LocalAddr(ln.Addr().String()), db.Description)

	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		jobs.Stop()
		return env.errorf("serve: %v", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "timeout", cfg.Shutdown)
	if err := app.ShutdownWithTimeout(cfg.Shutdown); err != nil {
		log.Warn("shutdown did not finish in time", "err", err)
	}
	jobs.Stop()
	db.Close()
	log.Info("stopped")
	return 0
}
