package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os/signal"
	"strings"
	"syscall"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// storeCommand is a command working on the database: the running server's embedded store if
// there is one, else the data directory's, else SKM_MONGODB_URI.
type storeCommand struct {
	db   *app.Database
	cfg  config.Config
	ctx  context.Context
	stop context.CancelFunc
}

// openForCommand parses the command's flags (those fs defines and the settings) and opens the
// database; on failure it returns the exit status.
func openForCommand(env *Env, fs *flag.FlagSet, args []string) (*storeCommand, int) {
	cfg, err := config.Load(fs, args, env.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return nil, 0
	} else if err != nil {
		return nil, env.errorf("%v", err)
	}
	return openWith(env, cfg)
}

// openWith opens the database of parsed settings.
func openWith(env *Env, cfg config.Config) (*storeCommand, int) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	quiet := newLogger(config.Config{LogLevel: max(cfg.LogLevel, slog.LevelWarn), LogFormat: cfg.LogFormat}, env.Stderr)
	db, err := app.OpenDatabase(ctx, cfg, quiet)
	if err != nil {
		stop()
		return nil, env.errorf("%v", err)
	}
	return &storeCommand{db: db, cfg: cfg, ctx: ctx, stop: stop}, 0
}

func (sc *storeCommand) close() {
	sc.db.Close()
	sc.stop()
}

// runVerify is `skm verify [--url URL --token T] [CAMPAIGN...]`: recount every campaign's
// responses (or the named ones) and list each tally that differs; exit 1 if any does. With --url
// the running instance at that address recounts against the tallies it holds, so that each
// instance behind a load balancer can be verified in turn.
func runVerify(env *Env, args []string) int {
	fs := config.NewFlagSet("skm verify", env.Stderr)
	remote := fs.String("url", "", "ask the running instance at this address (such as http://10.0.0.5:8080) to verify its own tallies")
	token := fs.String("token", env.Getenv("SKM_TOKEN"), "an administrator's API token, for --url (SKM_TOKEN)")
	cfg, err := config.Load(fs, args, env.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		return env.errorf("%v", err)
	}
	if *remote != "" {
		return verifyRemote(env, *remote, *token, fs.Args())
	}
	sc, code := openWith(env, cfg)
	if sc == nil {
		return code
	}
	defer sc.close()
	db, ctx, keys := sc.db, sc.ctx, fs.Args()
	if len(keys) == 0 {
		campaigns, err := db.Store.Campaigns(ctx, survey.CampaignFilter{})
		if err != nil {
			return env.errorf("%v", err)
		}
		for _, c := range campaigns {
			keys = append(keys, c.Key)
		}
	}
	failed := false
	for _, key := range keys {
		diff, err := db.Store.Verify(ctx, key)
		if err != nil {
			return env.errorf("verify %s: %v", key, i18n.For(i18n.EN, nil).Error(err))
		}
		t, err := db.Store.Tally(ctx, key)
		if err != nil {
			return env.errorf("verify %s: %v", key, i18n.For(i18n.EN, nil).Error(err))
		}
		var n int64
		for slug := range t.Units {
			n += t.Unit(slug).Total().All.Respondents
		}
		if len(diff) == 0 {
			fmt.Fprintf(env.Stdout, "%s: tallies equal a recount of %d responses\n", key, n)
			continue
		}
		failed = true
		fmt.Fprintf(env.Stdout, "%s: %d differences between tallies and a recount:\n  %s\n", key, len(diff), strings.Join(diff, "\n  "))
	}
	if failed {
		fmt.Fprintln(env.Stdout, "Run 'skm rebuild CAMPAIGN' to replace the tallies with the recount.")
		return 1
	}
	return 0
}

// runRebuild is `skm rebuild CAMPAIGN...`: replace the tallies with a recount of the responses.
func runRebuild(env *Env, args []string) int {
	fs := config.NewFlagSet("skm rebuild", env.Stderr)
	sc, code := openForCommand(env, fs, args)
	if sc == nil {
		return code
	}
	defer sc.close()
	db, ctx, keys := sc.db, sc.ctx, fs.Args()
	if len(keys) == 0 {
		return env.errorf("name the campaigns to rebuild, such as: skm rebuild 2026-S2")
	}
	for _, key := range keys {
		if err := db.Store.Rebuild(ctx, key); err != nil {
			return env.errorf("rebuild %s: %s", key, i18n.For(i18n.EN, nil).Error(err))
		}
		fmt.Fprintf(env.Stdout, "%s: tallies rebuilt from the responses\n", key)
	}
	return 0
}

// runToken is `skm token create --name N --role R [--unit U]...`: an API token, shown once.
func runToken(env *Env, args []string) int {
	if len(args) == 0 || args[0] != "create" {
		return env.errorf("usage: skm token create --name NAME --role admin|viewer|unit_head [--unit SLUG]...")
	}
	fs := config.NewFlagSet("skm token create", env.Stderr)
	name := fs.String("name", "", "what the token is for")
	role := fs.String("role", "", "admin, viewer or unit_head")
	var units stringList
	fs.Var(&units, "unit", "a unit the token may see (unit_head; repeat for several)")
	sc, code := openForCommand(env, fs, args[1:])
	if sc == nil {
		return code
	}
	defer sc.close()
	secret, hash := web.NewTokenSecret()
	t := &survey.Token{Name: *name, Role: survey.Role(*role), Units: units, CreatedBy: "skm token", Hash: hash}
	if err := sc.db.Store.CreateToken(sc.ctx, t); err != nil {
		return env.errorf("%s", i18n.For(i18n.EN, nil).Error(err))
	}
	_ = sc.db.Store.Audit(sc.ctx, &survey.AuditEntry{Actor: "skm token", Action: "token.create", Target: t.ID, Detail: string(t.Role) + " " + t.Name})
	fmt.Fprintf(env.Stdout, "Token %s (%s, %s) created. Its secret, shown once:\n%s\n", t.ID, t.Name, t.Role, secret)
	return 0
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }
