package config

import (
	"net"
	"net/url"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// Notify says where notifications of cases go: email through an SMTP server, a webhook,
// both or neither.
type Notify struct {
	SMTPAddr     string
	SMTPFrom     string
	SMTPUser     string
	SMTPPassword string
	WebhookURL   string
	// WebhookSecret signs each webhook POST (HMAC-SHA256 of its timestamp and body).
	WebhookSecret string
}

// Email reports whether case notifications go by email.
func (n Notify) Email() bool { return n.SMTPAddr != "" }

// Webhook reports whether case notifications go to a webhook.
func (n Notify) Webhook() bool { return n.WebhookURL != "" }

func readNotify(values map[string]*string, fail func(string, ...any)) Notify {
	n := Notify{SMTPAddr: strings.TrimSpace(*values["smtp-addr"]), SMTPFrom: strings.TrimSpace(*values["smtp-from"]),
		SMTPUser: *values["smtp-user"], SMTPPassword: *values["smtp-password"], WebhookURL: strings.TrimSpace(*values["webhook-url"]),
		WebhookSecret: *values["webhook-secret"]}
	if n.SMTPAddr != "" {
		if host, port, err := net.SplitHostPort(n.SMTPAddr); err != nil || host == "" || port == "" {
			fail("SKM_SMTP_ADDR %q must be host:port, such as smtp.banyuwangikab.go.id:587", n.SMTPAddr)
		}
		if !survey.ValidEmail(n.SMTPFrom) {
			fail("SKM_SMTP_FROM %q must be the sender's address, such as skm@banyuwangikab.go.id, when SKM_SMTP_ADDR is set", n.SMTPFrom)
		}
	}
	if (n.SMTPUser == "") != (n.SMTPPassword == "") {
		fail("SKM_SMTP_USER and SKM_SMTP_PASSWORD are set together or not at all")
	}
	if n.WebhookURL != "" {
		if u, err := url.Parse(n.WebhookURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fail("SKM_WEBHOOK_URL %q must be an absolute http(s) URL", n.WebhookURL)
		}
		if len(n.WebhookSecret) < 32 {
			fail("SKM_WEBHOOK_SECRET must be set with SKM_WEBHOOK_URL, at least 32 characters shared with the receiver, such as the output of: openssl rand -hex 24")
		}
	}
	return n
}
