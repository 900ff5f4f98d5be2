package mongo_test

import (
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/embedded"
	"github.com/skm-engine/skm/survey/mongo"

	_ "modernc.org/sqlite" // to read the embedded store's file sizes
)

// BenchmarkSemester stores a semester of responses (200,000 by default, SKM_SEMESTER_RESPONSES to
// change it; 6% of them, all to one busy unit, with a suggestion of 1,900 characters) in a fresh
// embedded store, opened as the engine opens it (without secondary indexes), and measures what
// the store promises at that size: the largest document of any collection, the store's files
// against the bytes of the responses themselves, a cold start (an instance reading the campaign's
// tallies for the first time), a dashboard read, Verify and Rebuild, and the live heap after each
// step. Run it alone:
//
//	go test -run '^$' -bench BenchmarkSemester -benchtime 1x -timeout 60m ./survey/mongo/
func BenchmarkSemester(b *testing.B) {
	n := 200_000
	if v := os.Getenv("SKM_SEMESTER_RESPONSES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	long := n * 6 / 100
	quiet := slog.New(slog.DiscardHandler)
	dir := b.TempDir()
	srv, err := embedded.Start(dir, quiet)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	client, err := driver.Connect(mongo.ClientOptions(srv.URI()))
	if err != nil {
		b.Fatal(err)
	}
	defer client.Disconnect(ctx)
	db := client.Database("semester")
	s, err := mongo.Open(ctx, db, mongo.Options{Logger: quiet, NoSecondaryIndexes: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := srv.IndexIDs(ctx, "semester"); err != nil {
		b.Fatal(err)
	}
	c := mustSeed(b, s)
	b.ResetTimer()

	start := time.Now()
	text := strings.Repeat("Antrean di loket perizinan terlalu panjang dan petugas belum ramah. ", 28)[:1900]
	var wg sync.WaitGroup
	next := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for from := range next {
				var rs []*survey.Response
				for i := from; i < min(from+1000, n); i++ {
					unit := []string{"dpmptsp", "rsud-blambangan"}[i%2]
					if i < 2*long {
						unit = "dpmptsp"
					}
					r := response(c.Key, unit, i)
					r.Key = fmt.Sprintf("semester-%07d", i)
					r.Suggestion, r.CaseCode, r.CaseDue = "", "", time.Time{}
					if i < 2*long && i%2 == 0 {
						r.Suggestion, r.CaseCode, r.CaseDue = text, survey.NewCaseCode(), r.SubmittedAt.Add(4*time.Hour)
					}
					rs = append(rs, r)
				}
				if _, err := s.SubmitAll(ctx, rs); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	for from := 0; from < n; from += 1000 {
		next <- from
	}
	close(next)
	wg.Wait()
	seeded := time.Since(start)
	if err := s.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	heapSeeded := liveHeap()

	tables, indexes, logShare := collectionBytes(b, filepath.Join(dir, "ferretdb", "semester.sqlite"))
	largest, largestIn, data := int64(0), "", int64(0)
	for _, col := range []string{"responses", "cases", "tally_checkpoints", "tally_heads"} {
		cur, err := db.Collection(col).Find(ctx, bson.D{})
		if err != nil {
			b.Fatal(err)
		}
		for cur.Next(ctx) {
			size := int64(len(cur.Current))
			if size > largest {
				largest, largestIn = size, col
			}
			if col == "cases" || col == "responses" && cur.Current.Lookup("log").Type == 0 {
				data += size
			}
		}
		if err := cur.Close(ctx); err != nil {
			b.Fatal(err)
		}
	}
	files := int64(0)
	_ = filepath.Walk(filepath.Join(dir, "ferretdb"), func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files += info.Size()
		}
		return nil
	})

	start = time.Now()
	cold, err := mongo.Open(ctx, db, mongo.Options{Logger: quiet, NoSecondaryIndexes: true})
	if err != nil {
		b.Fatal(err)
	}
	defer cold.Close()
	t, err := cold.Tally(ctx, c.Key)
	if err != nil {
		b.Fatal(err)
	}
	coldStart := time.Since(start)
	if got := t.Unit("dpmptsp").Total().All.Respondents + t.Unit("rsud-blambangan").Total().All.Respondents; got != int64(n) {
		b.Fatalf("a cold start counts %d of %d", got, n)
	}
	start = time.Now()
	const reads = 200
	for range reads {
		t, _ := cold.Tally(ctx, c.Key)
		_ = analytics.Compute(t.Unit("dpmptsp").Total().All.Tally)
		_ = t.Unit("dpmptsp").SLA(time.Now())
	}
	read := time.Since(start) / reads
	heapCold := liveHeap()

	start = time.Now()
	diff, err := s.Verify(ctx, c.Key)
	if err != nil || len(diff) > 0 {
		b.Fatalf("verify: %v %d differences", err, len(diff))
	}
	verify := time.Since(start)
	heapVerified := liveHeap()
	start = time.Now()
	if err := s.Rebuild(ctx, c.Key); err != nil {
		b.Fatal(err)
	}
	rebuild := time.Since(start)
	heapRebuilt := liveHeap()
	b.StopTimer()

	mib := func(v int64) float64 { return float64(v) / (1 << 20) }
	b.ReportMetric(float64(n)/seeded.Seconds(), "stored/s")
	b.ReportMetric(float64(largest)/1024, "largest-KiB")
	b.ReportMetric(float64(files)/float64(data), "files/bson")
	// The tally log shares the responses' table; its part is its rows' share of the table's bytes.
	logTable := int64(float64(tables["responses"]) * logShare)
	stored := tables["responses"] - logTable + tables["cases"]
	var all int64
	for col, n := range tables {
		all += n + indexes[col]
	}
	b.ReportMetric(float64(all)/float64(stored), "store/responses")
	b.ReportMetric(coldStart.Seconds(), "cold-s")
	b.ReportMetric(float64(read.Microseconds())/1000, "read-ms")
	b.ReportMetric(verify.Seconds(), "verify-s")
	b.ReportMetric(rebuild.Seconds(), "rebuild-s")
	b.Logf("the store's tables and indexes hold %.0f MiB, %.2f× the %.0f MiB the responses and their cases' words take as the store keeps them (%.0f MiB responses, %.0f MiB cases, %.0f MiB tally log in the same table, %.1f MiB checkpoints; indexes %.0f MiB)",
		mib(all), float64(all)/float64(stored), mib(stored), mib(tables["responses"]-logTable), mib(tables["cases"]), mib(logTable), mib(tables["tally_checkpoints"]),
		mib(indexes["responses"]+indexes["cases"]+indexes["tally_checkpoints"]))
	b.Logf("%d responses (%d with %d-character suggestions) stored in %v; largest document %.1f KiB (%s); store files %.0f MiB for %.0f MiB of responses and their words as BSON (%.2f×); cold start %v; dashboard read %v; verify %v; rebuild %v; live heap %.0f MiB seeded, %.0f MiB after a cold start, %.0f MiB verified, %.0f MiB rebuilt",
		n, long, len(text), seeded.Round(time.Second), float64(largest)/1024, largestIn, mib(files), mib(data), float64(files)/float64(data),
		coldStart.Round(time.Millisecond), read.Round(time.Microsecond), verify.Round(time.Millisecond), rebuild.Round(time.Millisecond),
		mib(heapSeeded), mib(heapCold), mib(heapVerified), mib(heapRebuilt))
}

// liveHeap returns the bytes of heap in use after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// collectionBytes reads from SQLite's dbstat how many bytes each collection's table, and its
// indexes, take in the embedded store's file.
func collectionBytes(b *testing.B, path string) (tables, indexes map[string]int64, logShare float64) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT c.name, m.type, SUM(d.pgsize) FROM _ferretdb_collections c
		JOIN sqlite_master m ON m.tbl_name = c.table_name JOIN dbstat d ON d.name = m.name GROUP BY c.name, m.type`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	tables, indexes = map[string]int64{}, map[string]int64{}
	for rows.Next() {
		var col, kind string
		var n int64
		if err := rows.Scan(&col, &kind, &n); err != nil {
			b.Fatal(err)
		}
		if kind == "table" {
			tables[col] = n
		} else {
			indexes[col] += n
		}
	}
	// The tally log's share of the responses' table, by the bytes of its rows.
	var table string
	if err := db.QueryRowContext(ctx, `SELECT table_name FROM _ferretdb_collections WHERE name = 'responses'`).Scan(&table); err != nil {
		b.Fatal(err)
	}
	var logRows, allRows float64
	q := fmt.Sprintf(`SELECT SUM(CASE WHEN json_extract(_ferretdb_sjson, '$.log') IS NOT NULL THEN length(_ferretdb_sjson) ELSE 0 END),
		SUM(length(_ferretdb_sjson)) FROM %q`, table)
	if err := db.QueryRowContext(ctx, q).Scan(&logRows, &allRows); err != nil {
		b.Fatal(err)
	}
	return tables, indexes, logRows / allRows
}
