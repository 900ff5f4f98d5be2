package survey

import (
	"context"
	"time"
)

// Notification events: a case arrived, or its due time passed without an answer (escalation).
const (
	EventCaseNew     = "case-new"
	EventCaseOverdue = "case-overdue"
)

// Notification channels.
const (
	ViaEmail   = "email"
	ViaWebhook = "webhook"
)

// Notification is one message to send about a case, kept in the outbox until it is delivered or
// given up. Its ID is derived from the event, the case and the channel, so every instance that
// notices the same event queues the same message, and the first insert wins.
type Notification struct {
	ID       string `json:"id"`
	Event    string `json:"event"`
	Via      string `json:"via"`
	Campaign string `json:"campaign"`
	Unit     string `json:"unit"`
	// Case is the internal ID of the case, never the resident's tracking code.
	Case       string    `json:"case"`
	ReceivedAt time.Time `json:"receivedAt"`
	DueAt      time.Time `json:"dueAt"`
	// To lists the email recipients; a webhook goes to the configured URL.
	To        []string  `json:"to,omitempty"`
	CreatedAt time.Time `json:"createdAt"`

	// Delivery: Attempts made so far, when the next one is due while Pending, and how it ended.
	Attempts   int       `json:"attempts"`
	Pending    bool      `json:"pending"`
	NextAt     time.Time `json:"nextAt"`
	SentAt     time.Time `json:"sentAt,omitzero"`
	FinishedAt time.Time `json:"finishedAt,omitzero"`
	LastError  string    `json:"lastError,omitempty"`
}

// NotificationID returns the outbox key of an event of a case on a channel, such as
// "case-new/K7QX-2M4P-9T/email".
func NotificationID(event, caseID, via string) string { return event + "/" + caseID + "/" + via }

// Attempt is the outcome of one try to deliver a notification.
type Attempt struct {
	// N numbers the attempt from 1.
	N  int
	At time.Time
	// Err is why it failed; "" when it was delivered.
	Err string
	// NextAt is when to try again after a failure; zero gives up.
	NextAt time.Time
}

// Outbox keeps the notifications waiting to be sent. Senders on several instances share it: an
// attempt is claimed by an insert under a unique key before anything is sent, so two instances
// never send the same attempt. Every Store is one.
type Outbox interface {
	// Enqueue queues the notification unless one with its ID was queued before, and reports
	// whether this call queued it.
	Enqueue(ctx context.Context, n *Notification) (bool, error)
	// DueNotifications returns up to limit pending notifications whose next attempt is due at
	// now, the longest waiting first.
	DueNotifications(ctx context.Context, now time.Time, limit int) ([]*Notification, error)
	// ClaimAttempt claims attempt number n of the notification for the sender. When another
	// sender holds it, it returns false and when that sender claimed it.
	ClaimAttempt(ctx context.Context, id string, n int, by string, at time.Time) (bool, time.Time, error)
	// RecordAttempt records how attempt a.N went. Recording an attempt already recorded changes
	// nothing. ENOTFOUND for an unknown notification.
	RecordAttempt(ctx context.Context, id string, a Attempt) error
	// Notification returns the notification with the ID. ENOTFOUND.
	Notification(ctx context.Context, id string) (*Notification, error)
	// PurgeNotifications deletes the notifications that finished before the time, and returns
	// how many it deleted.
	PurgeNotifications(ctx context.Context, before time.Time) (int64, error)
}
