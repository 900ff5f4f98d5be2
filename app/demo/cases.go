package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/skm-engine/skm/survey"
)

// handleCases works the campaign's messages as a unit that keeps its promise does, up to last:
// it answers most complaints well inside the limit and a few late, publishes each answer a few
// minutes after writing it (a paper complaint has no tracking page to publish on), and reads suggestions and praise within two days. What would happen
// after last stays to do, so the desk holds the day's work and a late complaint or two.
func handleCases(ctx context.Context, store survey.Store, rng *rand.Rand, campaign string, last time.Time) error {
	t, err := store.Tally(ctx, campaign)
	if err != nil {
		return err
	}
	var replies, publications, reads []survey.CaseEvent
	complaints := 0
	for _, du := range demoUnits {
		for _, c := range t.Unit(du.unit.Slug).Cases {
			e := survey.CaseEvent{Case: c.ID, Unit: c.Unit, By: "demo"}
			if !c.Complaint() {
				e.Type, e.At = survey.EventRead, c.ReceivedAt.Add(time.Duration(1+rng.IntN(48))*time.Hour)
				if e.At.Before(last) {
					reads = append(reads, e)
				}
				continue
			}
			complaints++
			e.Type, e.At, e.Text = survey.EventReply, answerAt(rng, c, complaints%lateEvery == 0), demoReplies[rng.IntN(len(demoReplies))]
			if !e.At.Before(last) {
				continue
			}
			replies = append(replies, e)
			if !c.Tracked {
				continue // a paper complaint's resident holds no code: the reply closes it
			}
			published := survey.CaseEvent{Case: c.ID, Unit: c.Unit, Type: survey.EventPublish, By: "demo", At: e.At.Add(time.Duration(2+rng.IntN(20)) * time.Minute)}
			if published.At.Before(last) {
				publications = append(publications, published)
			}
		}
	}
	// A publication needs its reply recorded first.
	for _, events := range [][]survey.CaseEvent{replies, publications, reads} {
		if err := recordInBatches(ctx, store, campaign, events); err != nil {
			return err
		}
	}
	return nil
}

// lateEvery says how often a unit misses the limit: one complaint in lateEvery.
const lateEvery = 16

// answerAt draws when a unit answers a complaint: a late one half an hour to four hours past its
// due time; otherwise nine in ten within two and a half hours of receipt and the rest closer to
// the limit, but within it.
func answerAt(rng *rand.Rand, c *survey.Case, late bool) time.Time {
	if late {
		return c.DueAt.Add(30*time.Minute + time.Duration(rng.IntN(210))*time.Minute)
	}
	took := 20*time.Minute + time.Duration(rng.IntN(130))*time.Minute
	if rng.IntN(10) == 0 {
		took = 150*time.Minute + time.Duration(rng.IntN(80))*time.Minute
	}
	if at := c.ReceivedAt.Add(took); at.Before(c.DueAt) {
		return at
	}
	return c.DueAt
}

// eventBatch is how many case events one write records, under the store's bound.
const eventBatch = 50

func recordInBatches(ctx context.Context, store survey.Store, campaign string, events []survey.CaseEvent) error {
	for start := 0; start < len(events); start += eventBatch {
		if err := store.RecordCaseEvents(ctx, campaign, events[start:min(start+eventBatch, len(events))]); err != nil {
			return err
		}
	}
	return nil
}
