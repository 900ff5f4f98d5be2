package mongo_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// BenchmarkStore measures, in one run on one embedded store (or SKM_TEST_MONGODB_URI):
//
//   - insert/N: the bare driver's single-document InsertOne of a response-shaped document into a
//     collection indexed like responses (on the embedded store: by _id alone), with N concurrent
//     writers;
//   - submit/N: the store's Submit of one response (response and tally) with N concurrent
//     submitters, and its ratio to insert/N;
//   - tally/Nk: reading a unit's result from a campaign of N thousand responses (Tally, the
//     unit's Total, analytics.Compute), and each read's ratio to the first 1k read.
//
// Run it with:
//
//	go test -run '^$' -bench BenchmarkStore -benchtime 3s ./survey/mongo/
func BenchmarkStore(b *testing.B) {
	db := surveytest.MustOpenDatabase(b)
	s := surveytest.MustOpenStoreOn(b, db, mongo.Options{})
	mustSeed(b, s)
	bare := db.Collection("bare_responses")
	if err := db.CreateCollection(ctx, "bare_responses"); err != nil {
		b.Fatal(err)
	}
	if err := mongo.IndexLike(ctx, db.Collection("responses"), bare); err != nil {
		b.Fatal(err)
	}

	var seq atomic.Int64
	insertRate := map[int]float64{}
	for _, workers := range []int{1, 8} {
		b.Run(fmt.Sprintf("insert/%d", workers), func(b *testing.B) {
			rate := concurrently(b, workers, func() error {
				_, err := bare.InsertOne(ctx, bareDoc(response("2026-S2", "dpmptsp", int(seq.Add(1)))))
				return err
			})
			insertRate[workers] = rate
		})
		b.Run(fmt.Sprintf("submit/%d", workers), func(b *testing.B) {
			rate := concurrently(b, workers, func() error {
				_, err := s.Submit(ctx, response("2026-S2", "rsud-blambangan", int(seq.Add(1))))
				return err
			})
			if insertRate[workers] > 0 {
				b.ReportMetric(rate/insertRate[workers], "ratio")
			}
		})
	}

	// The reads use a database of their own, so that the submissions above do not weigh on them.
	ts := surveytest.MustOpenStore(b, mongo.Options{})
	mustSeed(b, ts)
	if err := ts.CreateCampaign(ctx, &survey.Campaign{Key: "2026-S1", Questionnaire: "v1", Units: []survey.CampaignUnit{{Unit: "dpmptsp"}}}); err != nil {
		b.Fatal(err)
	}
	var readNs float64
	for _, read := range []struct {
		name     string
		campaign string
		seed     int // responses to store in the campaign before the first read
	}{
		{"tally/1k", "2026-S1", 1_000},
		{"tally/100k", "2026-S2", 100_000},
		// The 1k campaign again, now beside the 100k one: is it the unit's responses or the
		// store's that a read costs?
		{"tally/1k-beside-100k", "2026-S1", 0},
	} {
		seeded := false
		b.Run(read.name, func(b *testing.B) {
			if !seeded {
				b.StopTimer()
				seedResponses(b, ts, read.campaign, "dpmptsp", read.seed)
				seeded = true
				b.StartTimer()
			}
			var result analytics.Result
			b.ResetTimer()
			for range b.N {
				t, err := ts.Tally(ctx, read.campaign)
				if err != nil {
					b.Fatal(err)
				}
				result = analytics.Compute(t.Unit("dpmptsp").Total().All.Tally)
			}
			b.StopTimer()
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if read.name == "tally/1k" {
				readNs = ns
			} else if readNs > 0 {
				b.ReportMetric(ns/readNs, "ratio")
			}
			b.ReportMetric(float64(result.Respondents), "responses")
		})
	}
}

// concurrently runs op b.N times from the number of workers and reports the rate in docs/s.
func concurrently(b *testing.B, workers int, op func() error) float64 {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	b.ResetTimer()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := op(); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if err := failed.Load(); err != nil {
		b.Fatal(err)
	}
	rate := float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(rate, "docs/s")
	return rate
}

// bareDoc is the document the store writes for a response, built with the driver alone.
func bareDoc(r *survey.Response) bson.D {
	answers := bson.D{}
	for i, v := range r.Answers {
		if v != 0 {
			answers = append(answers, bson.E{Key: survey.ElementCodes[i], Value: int32(v)})
		}
	}
	return bson.D{
		{Key: "_id", Value: r.Key}, {Key: "campaign", Value: r.Campaign}, {Key: "unit", Value: r.Unit},
		{Key: "service", Value: r.Service}, {Key: "questionnaire", Value: r.Questionnaire}, {Key: "answers", Value: answers},
		{Key: "gender", Value: r.Profile.Gender}, {Key: "age", Value: r.Profile.Age}, {Key: "education", Value: r.Profile.Education},
		{Key: "occupation", Value: r.Profile.Occupation}, {Key: "channel", Value: r.Channel}, {Key: "suggestion", Value: r.Suggestion},
		{Key: "submittedAt", Value: r.SubmittedAt}, {Key: "day", Value: r.Day}, {Key: "seq", Value: int64(1)},
	}
}

// seedResponses stores n responses for the unit in batches, spread over the semester's days.
func seedResponses(b *testing.B, s survey.Store, campaign, unit string, n int) {
	if n == 0 {
		return
	}
	start := time.Now()
	const batch = 2000
	for from := 0; from < n; from += batch {
		rs := make([]*survey.Response, 0, batch)
		for i := from; i < min(from+batch, n); i++ {
			r := response(campaign, unit, i)
			r.Key = campaign + "-" + r.Key
			r.SubmittedAt = time.Date(2026, time.Month(1+i%6), 1+i%28, 9, 0, 0, 0, time.UTC)
			r.Day = r.SubmittedAt.Format(time.DateOnly)
			rs = append(rs, r)
		}
		if _, err := s.SubmitAll(ctx, rs); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("seeded %d responses into %s in %s", n, campaign, time.Since(start).Round(time.Millisecond))
}
