package mongo_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

func TestOutboxQueuesOnceAndClaimsEachAttemptOnce(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	a := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	b := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	t0 := time.Date(2026, 8, 17, 3, 0, 0, 0, time.UTC)
	n := func() *survey.Notification {
		return &survey.Notification{ID: survey.NotificationID(survey.EventCaseNew, "K7QX-2M4P-9T", survey.ViaEmail), Event: survey.EventCaseNew,
			Via: survey.ViaEmail, Campaign: "2026-S2", Unit: "dpmptsp", Case: "K7QX-2M4P-9T", ReceivedAt: t0, DueAt: t0.Add(4 * time.Hour),
			To: []string{"pengaduan@dpmptsp.go.id"}, CreatedAt: t0}
	}
	// Two instances notice the same new case at once: one message is queued.
	var queued atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func(s *mongo.Store) {
			defer wg.Done()
			ok, err := s.Enqueue(ctx, n())
			if err != nil {
				t.Error(err)
			}
			if ok {
				queued.Add(1)
			}
		}([]*mongo.Store{a, b}[i%2])
	}
	wg.Wait()
	if queued.Load() != 1 {
		t.Fatalf("queued %d times", queued.Load())
	}
	due, err := b.DueNotifications(ctx, t0, 10)
	if err != nil || len(due) != 1 || due[0].To[0] != "pengaduan@dpmptsp.go.id" || !due[0].Pending {
		t.Fatalf("due: %v %+v", err, due)
	}
	if due, _ := b.DueNotifications(ctx, t0.Add(-time.Second), 10); len(due) != 0 {
		t.Errorf("due before it was queued: %+v", due)
	}

	// Both senders reach for the first attempt: one gets it, the other learns since when.
	var claimed atomic.Int32
	for i := range 8 {
		wg.Add(1)
		go func(s *mongo.Store) {
			defer wg.Done()
			ok, since, err := s.ClaimAttempt(ctx, due[0].ID, 1, "sender", t0)
			if err != nil || !since.Equal(t0) {
				t.Error(err, since)
			}
			if ok {
				claimed.Add(1)
			}
		}([]*mongo.Store{a, b}[i%2])
	}
	wg.Wait()
	if claimed.Load() != 1 {
		t.Fatalf("attempt 1 claimed %d times", claimed.Load())
	}

	retry := t0.Add(time.Minute)
	if err := a.RecordAttempt(ctx, due[0].ID, survey.Attempt{N: 1, At: t0, Err: "connection refused", NextAt: retry}); err != nil {
		t.Fatal(err)
	}
	// Recording the same attempt again (a sender that took over an interrupted one) is a no-op.
	if err := b.RecordAttempt(ctx, due[0].ID, survey.Attempt{N: 1, At: t0, Err: "other", NextAt: retry.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, err := b.Notification(ctx, due[0].ID)
	if err != nil || got.Attempts != 1 || got.LastError != "connection refused" || !got.NextAt.Equal(retry) || !got.Pending {
		t.Fatalf("after a failure: %v %+v", err, got)
	}
	if due, _ := a.DueNotifications(ctx, t0.Add(30*time.Second), 10); len(due) != 0 {
		t.Errorf("due during its backoff: %+v", due)
	}
	if ok, _, _ := b.ClaimAttempt(ctx, due[0].ID, 2, "sender", retry); !ok {
		t.Fatal("attempt 2 not claimed")
	}
	sent := retry.Add(time.Second)
	if err := b.RecordAttempt(ctx, due[0].ID, survey.Attempt{N: 2, At: sent}); err != nil {
		t.Fatal(err)
	}
	got, _ = a.Notification(ctx, due[0].ID)
	if got.Pending || !got.SentAt.Equal(sent) || got.Attempts != 2 || got.LastError != "" {
		t.Errorf("after delivery: %+v", got)
	}
	if due, _ := a.DueNotifications(ctx, sent.Add(time.Hour), 10); len(due) != 0 {
		t.Errorf("a delivered notification is still due: %+v", due)
	}
	// Once finished it is never queued again, until purged long after.
	if ok, _ := a.Enqueue(ctx, n()); ok {
		t.Error("a delivered notification was queued again")
	}
	if err := a.RecordAttempt(ctx, "case-new/NONE/email", survey.Attempt{N: 1, At: t0}); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("record for an unknown notification: %v", err)
	}
	if n, err := a.PurgeNotifications(ctx, sent); err != nil || n != 0 {
		t.Errorf("purge before it finished: %d %v", n, err)
	}
	if n, err := a.PurgeNotifications(ctx, sent.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("purge: %d %v", n, err)
	}
	if _, err := a.Notification(ctx, due[0].ID); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Errorf("after the purge: %v", err)
	}
}

func TestOutboxGivesUp(t *testing.T) {
	s := surveytest.MustOpenStore(t, mongo.Options{})
	t0 := time.Date(2026, 8, 17, 3, 0, 0, 0, time.UTC)
	id := survey.NotificationID(survey.EventCaseOverdue, "K7QX-2M4P-9T", survey.ViaWebhook)
	if _, err := s.Enqueue(ctx, &survey.Notification{ID: id, Event: survey.EventCaseOverdue, Via: survey.ViaWebhook, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttempt(ctx, id, survey.Attempt{N: 1, At: t0, Err: "HTTP 500"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Notification(ctx, id)
	if got.Pending || !got.SentAt.IsZero() || !got.FinishedAt.Equal(t0) || got.LastError != "HTTP 500" {
		t.Errorf("given up: %+v", got)
	}
	if _, err := s.Enqueue(ctx, &survey.Notification{ID: "", Event: survey.EventCaseNew, Via: survey.ViaEmail}); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("no ID: %v", err)
	}
}
