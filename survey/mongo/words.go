package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// wordsAhead bounds the cases a stream holds while it looks for the one a response needs: the
// memory of an export is at most this many texts (each ≤ MaxSuggestion characters).
const wordsAhead = 512

// wordStream reads the words of a campaign's cases in the store's natural order, beside a scan of
// its responses. The committer writes a batch's responses and its cases' words in the same order,
// so the two scans mostly walk in step, and a whole export costs one scan of each collection
// instead of one lookup per case. Nothing rests on that order: a case the stream does not reach
// within wordsAhead documents is looked up by ID.
type wordStream struct {
	next   <-chan caseDoc
	errc   <-chan error
	cancel context.CancelFunc
	held   map[string]string // case ID → words, read ahead and not yet asked for
	order  []string          // held IDs, oldest first, to let go of the oldest
	done   bool
}

func (s *Store) streamWords(ctx context.Context, campaign, unit string) *wordStream {
	ctx, cancel := context.WithCancel(ctx)
	next := make(chan caseDoc, 256)
	errc := make(chan error, 1)
	filter := bson.D{{Key: "campaign", Value: campaign}, {Key: "key", Value: bson.D{{Key: "$exists", Value: true}}}}
	if unit != "" {
		filter = append(filter, bson.E{Key: "unit", Value: unit})
	}
	go func() {
		defer close(next)
		cur, err := s.db.Collection(colCases).Find(ctx, filter, options.Find().SetBatchSize(500).
			SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "text", Value: 1}}))
		if err != nil {
			errc <- storeErr(fmt.Errorf("find cases: %w", err))
			return
		}
		defer cur.Close(context.WithoutCancel(ctx))
		for cur.Next(ctx) {
			var d caseDoc
			if err := cur.Decode(&d); err != nil {
				errc <- storeErr(fmt.Errorf("decode case: %w", err))
				return
			}
			select {
			case next <- d:
			case <-ctx.Done():
				return
			}
		}
		if err := cur.Err(); err != nil && ctx.Err() == nil {
			errc <- storeErr(err)
		}
	}()
	return &wordStream{next: next, errc: errc, cancel: cancel, held: map[string]string{}}
}

// words returns the words of the case with the ID if the stream holds them or reaches them within
// wordsAhead documents; found is false otherwise, and the caller looks the case up.
func (w *wordStream) words(id string) (text string, found bool, err error) {
	if text, ok := w.held[id]; ok {
		delete(w.held, id)
		return text, true, nil
	}
	for range wordsAhead {
		if w.done {
			return "", false, nil
		}
		d, ok := <-w.next
		if !ok {
			w.done = true
			select {
			case err := <-w.errc:
				return "", false, err
			default:
				return "", false, nil
			}
		}
		if d.ID == id {
			return d.Text, true, nil
		}
		w.hold(d)
	}
	return "", false, nil
}

func (w *wordStream) hold(d caseDoc) {
	w.held[d.ID] = d.Text
	w.order = append(w.order, d.ID)
	for len(w.held) > wordsAhead && len(w.order) > 0 {
		delete(w.held, w.order[0])
		w.order = w.order[1:]
	}
	if len(w.order) > 4*wordsAhead { // IDs already taken linger in order; keep it bounded too
		kept := w.order[:0]
		for _, id := range w.order {
			if _, ok := w.held[id]; ok {
				kept = append(kept, id)
			}
		}
		w.order = kept
	}
}

func (w *wordStream) close() { w.cancel() }
