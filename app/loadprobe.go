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
)

// InsertRate measures the bare driver's single inserts of response-sized documents into a scratch
// collection of the store, which it drops: the yardstick skm load holds the engine's submissions
// against, on the same store in the same run.
func (d *Database) InsertRate(ctx context.Context, n, clients int) (float64, error) {
	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	col := d.Raw().Collection("load_scratch_" + hex.EncodeToString(suffix))
	defer func() {
		dropCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = col.Drop(dropCtx)
	}()
	// Indexed like the responses collection, so both sides of the ratio pay for the same index.
	if _, err := col.Indexes().CreateOne(ctx, driver.IndexModel{Keys: bson.D{{Key: "campaign", Value: 1}, {Key: "unit", Value: 1}, {Key: "_id", Value: 1}}}); err != nil {
		return 0, fmt.Errorf("index the scratch collection: %w", err)
	}
	var next, inserted atomic.Int64
	var firstErr error
	var once sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				k := next.Add(1)
				if k > int64(n) {
					return
				}
				doc := bson.D{{Key: "_id", Value: fmt.Sprintf("scratch-%08d-%s", k, hex.EncodeToString(suffix))},
					{Key: "campaign", Value: "2026-S2"}, {Key: "unit", Value: "scratch"}, {Key: "service", Value: "scratch"},
					{Key: "answers", Value: bson.D{{Key: "U1", Value: 3}, {Key: "U2", Value: 3}, {Key: "U3", Value: 2}, {Key: "U4", Value: 4},
						{Key: "U5", Value: 3}, {Key: "U6", Value: 3}, {Key: "U7", Value: 4}, {Key: "U8", Value: 2}, {Key: "U9", Value: 3}}},
					{Key: "gender", Value: "P"}, {Key: "age", Value: 34}, {Key: "channel", Value: "web"},
					{Key: "submittedAt", Value: time.Now().UTC()}, {Key: "day", Value: "2026-08-17"}}
				if _, err := col.InsertOne(ctx, doc); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				inserted.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		return 0, firstErr
	}
	return float64(inserted.Load()) / elapsed.Seconds(), nil
}
