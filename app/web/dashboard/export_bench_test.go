package dashboard_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/skm-engine/skm/survey/mongo"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web/dashboard"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/surveytest"
)

// BenchmarkExportVersusScan exports 10,000 stored responses of a campaign as CSV and XLSX, and
// scans the same responses with a bare driver cursor, in one run on one store; the exports report
// their time as a ratio to the bare scan (target: at most 1.5).
//
//	go test -run '^$' -bench BenchmarkExportVersusScan -benchtime 3x ./app/
func BenchmarkExportVersusScan(b *testing.B) {
	db := surveytest.MustOpenDatabase(b)
	store := surveytest.MustOpenStoreOn(b, db, mongo.Options{})
	e := apptest.NewOn(b, store)
	c := e.Seed()
	const n = 10_000
	for start := 0; start < n; start += 1000 {
		var rs []*survey.Response
		for i := start; i < start+1000; i++ {
			at := e.Now.Add(time.Duration(i) * time.Second)
			r := &survey.Response{Key: fmt.Sprintf("export-bench-%08d", i), Campaign: c.Key, Unit: "dpmptsp", Service: "pbg", Questionnaire: c.Questionnaire,
				Channel: survey.ChannelWeb, SubmittedAt: at, Day: at.Format(time.DateOnly), Suggestion: "=SUM(A1) antrean panjang",
				Profile: survey.Profile{Gender: "L", Age: 20 + i%50, Education: "SMA", Occupation: "Swasta"}}
			for el := range r.Answers {
				r.Answers[el] = int8(1 + (i+el)%4)
			}
			rs = append(rs, r)
		}
		if _, err := store.SubmitAll(context.Background(), rs); err != nil {
			b.Fatal(err)
		}
	}
	var scan float64
	b.Run("bare-cursor-scan", func(b *testing.B) {
		for b.Loop() {
			cur, err := db.Collection("responses").Find(context.Background(), bson.D{{Key: "campaign", Value: c.Key}, {Key: "unit", Value: "dpmptsp"}})
			if err != nil {
				b.Fatal(err)
			}
			count := 0
			for cur.Next(context.Background()) {
				count++
			}
			if err := cur.Err(); err != nil || count != n {
				b.Fatalf("scanned %d: %v", count, err)
			}
			cur.Close(context.Background())
		}
		scan = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	for _, ext := range []string{"csv", "xlsx"} {
		b.Run("export-"+ext, func(b *testing.B) {
			for b.Loop() {
				f, err := os.CreateTemp(b.TempDir(), "export-*")
				if err != nil {
					b.Fatal(err)
				}
				_, rows, err := dashboard.ExportResponses(f, ext, store, c, "dpmptsp")
				f.Close()
				if err != nil || rows != n {
					b.Fatalf("%s export: %d rows, %v", ext, rows, err)
				}
			}
			if scan > 0 {
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/scan, "x-scan")
			}
		})
	}
}
