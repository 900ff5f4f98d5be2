package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/skm-engine/skm/survey"
)

// webhookBody is what the webhook receives for an event of a case: where and when, never what the
// resident wrote.
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

// postWebhook posts the event as JSON. Any 2xx status delivers it; the Idempotency-Key header
// (the notification's ID) lets the receiver drop a copy a retry sends again.
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
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "skm-engine")
	req.Header.Set("Idempotency-Key", nt.ID)
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
