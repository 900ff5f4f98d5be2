package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey/mongo"
)

// InsertProbe measures the bare driver's single inserts of response-sized documents into a
// scratch collection of the store: the yardstick skm load holds the engine's submissions against,
// on the same store in the same run. Close drops the collection.
type InsertProbe struct {
	col    *driver.Collection
	suffix string
	seq    atomic.Int64
}

// NewInsertProbe creates the scratch collection, indexed like the responses collection.
func (d *Database) NewInsertProbe(ctx context.Context) (*InsertProbe, error) {
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	name := "load_scratch_" + hex.EncodeToString(suffix)
	p := &InsertProbe{col: d.Raw().Collection(name), suffix: hex.EncodeToString(suffix)}
	if err := d.Raw().CreateCollection(ctx, name); err != nil {
		return nil, fmt.Errorf("create the scratch collection: %w", err)
	}
	// Indexed like responses, so that both sides of the ratio write the same B-trees.
	if err := mongo.IndexLike(ctx, d.Raw().Collection("responses"), p.col); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// Close drops the scratch collection.
func (p *InsertProbe) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = p.col.Drop(ctx)
}

// Insert makes n single inserts with as many clients at once, and returns how many went in and
// how long they took.
func (p *InsertProbe) Insert(ctx context.Context, n, clients int) (int, time.Duration, error) {
	var next, inserted atomic.Int64
	var firstErr error
	var once sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && next.Add(1) <= int64(n) {
				if _, err := p.col.InsertOne(ctx, p.doc()); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				inserted.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(inserted.Load()), time.Since(start), firstErr
}

// doc is the next response-sized document.
func (p *InsertProbe) doc() bson.D {
	return bson.D{{Key: "_id", Value: fmt.Sprintf("scratch-%08d-%s", p.seq.Add(1), p.suffix)},
		{Key: "campaign", Value: "2026-S2"}, {Key: "unit", Value: "scratch"}, {Key: "service", Value: "scratch"},
		{Key: "answers", Value: bson.D{{Key: "U1", Value: 3}, {Key: "U2", Value: 3}, {Key: "U3", Value: 2}, {Key: "U4", Value: 4},
			{Key: "U5", Value: 3}, {Key: "U6", Value: 3}, {Key: "U7", Value: 4}, {Key: "U8", Value: 2}, {Key: "U9", Value: 3}}},
		{Key: "gender", Value: "P"}, {Key: "age", Value: 34}, {Key: "channel", Value: "web"},
		{Key: "submittedAt", Value: time.Now().UTC()}, {Key: "day", Value: "2026-08-17"}}
}
