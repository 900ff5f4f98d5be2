package config

import (
	"io"
	"strings"
	"testing"
)

func TestNotifyConfig(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		fail string
	}{
		{map[string]string{"SKM_SMTP_ADDR": "smtp.example.go.id"}, "SKM_SMTP_ADDR"},
		{map[string]string{"SKM_SMTP_ADDR": "smtp.example.go.id:587"}, "SKM_SMTP_FROM"},
		{map[string]string{"SKM_SMTP_ADDR": "smtp.example.go.id:587", "SKM_SMTP_FROM": "skm@example.go.id", "SKM_SMTP_USER": "skm"}, "SKM_SMTP_PASSWORD"},
		{map[string]string{"SKM_WEBHOOK_URL": "ftp://example.go.id/hook"}, "SKM_WEBHOOK_URL"},
		{map[string]string{"SKM_WEBHOOK_URL": "https://example.go.id/hook"}, "SKM_WEBHOOK_SECRET must be set"},
		{map[string]string{"SKM_WEBHOOK_URL": "https://example.go.id/hook", "SKM_WEBHOOK_SECRET": "short"}, "SKM_WEBHOOK_SECRET"},
		{map[string]string{"SKM_SMTP_ADDR": "smtp.example.go.id:587", "SKM_SMTP_FROM": "skm@example.go.id", "SKM_WEBHOOK_URL": "https://example.go.id/hook",
			"SKM_WEBHOOK_SECRET": "0123456789abcdef0123456789abcdef"}, ""},
	} {
		cfg, err := Load(NewFlagSet("test", io.Discard), nil, func(k string) string { return tc.env[k] })
		switch {
		case tc.fail == "" && err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case tc.fail == "" && (!cfg.Notify.Email() || !cfg.Notify.Webhook()):
			t.Errorf("%v: %+v", tc.env, cfg.Notify)
		case tc.fail != "" && (err == nil || !strings.Contains(err.Error(), tc.fail)):
			t.Errorf("%v: error %v, want one naming %s", tc.env, err, tc.fail)
		}
	}
}
