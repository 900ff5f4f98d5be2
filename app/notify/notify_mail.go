package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// mailMessage writes the email of a notification. It names the unit, the case's ID (never the resident's tracking code) and the times, and
// links to the case; it never carries what the resident wrote, which is read in the engine by
// the unit and the administrators only.
func (n *Notifier) mailMessage(nt *survey.Notification, region *survey.Region, unitName string) []byte {
	p := i18n.For(i18n.ID, region.Location())
	due := p.DateTime(nt.DueAt)
	subject := p.T("mail.new.subject", nt.Case, unitName, due)
	lead := p.T("mail.new.lead")
	if nt.Event == survey.EventCaseOverdue {
		subject = p.T("mail.overdue.subject", nt.Case, unitName, due)
		lead = p.T("mail.overdue.lead")
	}
	var body bytes.Buffer
	qp := quotedprintable.NewWriter(&body)
	text := p.T("mail.body", lead, unitName, nt.Case, p.DateTime(nt.ReceivedAt), due, n.caseURL(nt.Case))
	_, _ = qp.Write([]byte(strings.ReplaceAll(text, "\n", "\r\n")))
	_ = qp.Close()

	var msg bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&msg, "%s: %s\r\n", k, v) }
	header("From", n.cfg.SMTPFrom)
	header("To", strings.Join(nt.To, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", n.now().Format(time.RFC1123Z))
	// The same Message-ID on every attempt lets mail software drop a copy sent twice.
	header("Message-ID", "<"+strings.NewReplacer("/", ".").Replace(nt.ID)+"@"+n.mailDomain()+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return msg.Bytes()
}

// mailDomain names this engine in message IDs and the SMTP greeting: the host of its address.
func (n *Notifier) mailDomain() string {
	if u, err := url.Parse(n.base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "localhost"
}

// sendMail delivers the message through the configured server. Port 465 speaks TLS from the
// start; any other port upgrades with STARTTLS when the server offers it, and the password is
// only ever sent over TLS or to a server on this machine (net/smtp's PlainAuth refuses otherwise).
func (n *Notifier) sendMail(ctx context.Context, to []string, msg []byte) error {
	host, port, err := net.SplitHostPort(n.cfg.SMTPAddr)
	if err != nil {
		return fmt.Errorf("smtp address: %w", err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", n.cfg.SMTPAddr)
	if err != nil {
		return fmt.Errorf("connect to the smtp server: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	implicitTLS := port == "465"
	if implicitTLS {
		conn = tls.Client(conn, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := c.Hello(n.mailDomain()); err != nil {
		return fmt.Errorf("smtp hello: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok && !implicitTLS {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if n.cfg.SMTPUser != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return fmt.Errorf("the smtp server offers no authentication: %w", errPermanent)
		}
		if err := c.Auth(smtp.PlainAuth("", n.cfg.SMTPUser, n.cfg.SMTPPassword, host)); err != nil {
			return fmt.Errorf("smtp authentication: %w", err)
		}
	}
	if err := c.Mail(n.cfg.SMTPFrom); err != nil {
		return fmt.Errorf("smtp sender: %w", err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("smtp recipient %s: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp message: %w", err)
	}
	return c.Quit()
}
