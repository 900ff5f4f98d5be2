package app

import (
	"context"
	"fmt"
	"io"

	"github.com/skm-engine/skm/app/config"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// FirstAdmin is the username of the administrator the first run creates.
const FirstAdmin = "admin"

// EnsureAdmin creates the first administrator when no account exists, with SKM_ADMIN_PASSWORD or
// a random password printed once.
func EnsureAdmin(ctx context.Context, accounts survey.AccountStore, cfg config.Config, out io.Writer) error {
	users, err := accounts.Users(ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	pw, printed := cfg.AdminPass, false
	if pw == "" {
		pw, printed = web.RandomPassword(), true
	}
	hash, err := web.HashPassword(pw)
	if err != nil {
		return err
	}
	err = accounts.CreateUser(ctx, &survey.User{Username: FirstAdmin, Name: "Administrator", Role: survey.RoleAdmin, PasswordHash: hash})
	if survey.ErrorCode(err) == survey.ECONFLICT {
		return nil // another instance created it first
	} else if err != nil {
		return err
	}
	if printed {
		fmt.Fprintf(out, "First run: sign in at %s/masuk as %q with password %s\n(shown once; change it after signing in, or set SKM_ADMIN_PASSWORD before the first run)\n", cfg.BaseURL, FirstAdmin, pw)
	} else {
		fmt.Fprintf(out, "First run: sign in at %s/masuk as %q with the password from SKM_ADMIN_PASSWORD\n", cfg.BaseURL, FirstAdmin)
	}
	return nil
}
