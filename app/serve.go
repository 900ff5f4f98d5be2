package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os/signal"
	"syscall"
)

// runServe is `skm serve`: open the store, make sure an administrator exists, seed the demo if
// asked, serve until SIGTERM or SIGINT, then drain and exit 0.
func runServe(env *Env, args []string) int {
	cfg, err := LoadConfig(newFlagSet("skm serve", env.Stderr), args, env.Getenv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return env.errorf("%v", err)
	}
	log := newLogger(cfg, env.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	db, err := OpenDatabase(ctx, cfg, log)
	if err != nil {
		return env.errorf("%v", err)
	}
	defer db.Close()
	if err := ensureAdmin(ctx, db.Store, cfg, env.Stdout); err != nil {
		return env.errorf("create the first administrator: %v", err)
	}
	if cfg.Demo {
		seeded, err := SeedDemo(ctx, db.Store, log)
		if err != nil {
			return env.errorf("seed the demo: %v", err)
		}
		if seeded {
			fmt.Fprintln(env.Stdout, "Demo region Kabupaten Banyuwangi seeded.")
		}
	}
	app, err := New(ctx, cfg, Deps{Store: db.Store, Accounts: db.Store, Logger: log})
	if err != nil {
		return env.errorf("%v", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return env.errorf("listen on %s: %v (set SKM_ADDR to a free address)", cfg.Addr, err)
	}
	jobs := startJobs(cfg, db.Store, db.Store, log)
	fmt.Fprintf(env.Stdout, "SKM engine serving on http://%s (%s)\n", localAddr(ln.Addr().String()), db.Description)

	served := make(chan error, 1)
	go func() { served <- app.Listener(ln) }()
	select {
	case err := <-served:
		jobs.stop()
		return env.errorf("serve: %v", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "timeout", cfg.Shutdown)
	if err := app.ShutdownWithTimeout(cfg.Shutdown); err != nil {
		log.Warn("shutdown did not finish in time", "err", err)
	}
	jobs.stop()
	db.Close()
	log.Info("stopped")
	return 0
}
