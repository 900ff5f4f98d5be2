package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// Audit records who did what. A failure to record is logged, not shown: the action itself has
// already happened.
func (s *Server) Audit(c *fiber.Ctx, action, target, detail string) {
	actor := "anonymous"
	if p := Principal(c); p != nil {
		actor = p.Name
	}
	e := &survey.AuditEntry{At: s.now(), Actor: actor, Action: action, Target: target, Detail: detail, Client: s.ClientHash(c, "audit")}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.UserContext()), 5*time.Second)
	defer cancel()
	if err := s.Accounts.Audit(ctx, e); err != nil {
		s.Log.Error("audit entry not recorded", "action", action, "target", target, "err", err)
	}
}

// ClientHash is a keyed hash of the client (clientIP, clientKey) within a scope (a limit, the
// audit log, the request log): enough to tell repeated requests apart, never the address itself
// (UU 27/2022). Every limit and log names the client through it.
func (s *Server) ClientHash(c *fiber.Ctx, scope string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(scope + "|" + clientKey(s.clientIP(c))))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// AuditActions lists the actions the engine records, for the audit page's filter.
var AuditActions = []string{
	"signin", "signin.failed", "signin.locked", "signout", "password.change",
	"user.create", "user.update", "user.password_reset", "token.create", "token.revoke",
	"region.setup", "region.update", "unit.create", "unit.update", "unit.import", "unit.head",
	"questionnaire.create", "questionnaire.update",
	"campaign.create", "campaign.update", "campaign.transition", "campaign.publish",
	"import.paper", "export", "report.download", "report.issue", "report.reissue", "retention.purge",
	"case.reply", "case.publish", "case.settings", "plan.save",
}

// MAC returns a keyed hash of the parts, which only this engine can make: it signs what a
// resident's browser carries back, such as when a form was built.
func (s *Server) MAC(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(strings.Join(parts, "|")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}
