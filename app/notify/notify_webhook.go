package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/skm-engine/skm/survey"
)

// webhookBody is what the webhook receives for an event of a case: where and when, never what the
// resident wrote nor the tracking code that would let the receiver read it. Case is the case's
// reference, the same in every event of one case.
type webhookBody struct {
	Event      string    `json:"event"`
	Case       string    `json:"case"`
	Unit       string    `json:"unit"`
	UnitName   string    `json:"unitName"`
	Campaign   string    `json:"campaign"`
	ReceivedAt time.Time `json:"receivedAt"`
	DueAt      time.Time `json:"dueAt"`
	Escalated  bool      `json:"escalated"`
	URL        string    `json:"url"`
}

// Webhook signing: X-SKM-Timestamp is the sending time in Unix seconds and X-SKM-Signature is
// "sha256=" and the hex HMAC-SHA256, keyed with SKM_WEBHOOK_SECRET, of the timestamp, a dot and
// the body exactly as sent. A receiver recomputes it, compares in constant time, and refuses a
// timestamp far from its own clock, so a captured request cannot be replayed later.
const (
	timestampHeader = "X-SKM-Timestamp"
	signatureHeader = "X-SKM-Signature"
)

// signature is the value of X-SKM-Signature for the body sent at the timestamp.
func signature(secret, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// postWebhook posts the event as signed JSON. Any 2xx status delivers it; the Idempotency-Key
// header (the same on every attempt) lets the receiver drop a copy a retry sends again.
func (n *Notifier) postWebhook(ctx context.Context, nt *survey.Notification, unitName string) error {
	body, err := json.Marshal(webhookBody{Event: nt.Event, Case: nt.Case, Unit: nt.Unit, UnitName: unitName, Campaign: nt.Campaign,
		ReceivedAt: nt.ReceivedAt.UTC(), DueAt: nt.DueAt.UTC(), Escalated: nt.Event == survey.EventCaseOverdue, URL: n.caseURL(nt.Case)})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.cfg.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook request: %w", errPermanent)
	}
	timestamp := strconv.FormatInt(n.now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "skm-engine")
	req.Header.Set("Idempotency-Key", nt.ID)
	req.Header.Set(timestampHeader, timestamp)
	req.Header.Set(signatureHeader, signature(n.cfg.WebhookSecret, timestamp, body))
	resp, err := n.client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook answered HTTP %d", resp.StatusCode)
	}
	return nil
}
