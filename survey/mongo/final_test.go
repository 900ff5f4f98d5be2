package mongo_test

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/mongo"
	"github.com/skm-engine/skm/survey/surveytest"
)

// finalFiles renders stand-ins for a final report's files in Indonesian and English: size bytes
// each, different per issue and language.
func finalFiles(gen int, at time.Time, by string, size int) (*survey.FinalReport, map[string][]byte) {
	f := &survey.FinalReport{Kind: survey.ReportUnit, Campaign: "2026-S2", Unit: "dpmptsp", Generation: gen, IssuedAt: at, IssuedBy: by}
	if gen > 1 {
		f.Reason = "paper questionnaires of 3 August added"
	}
	pdfs := map[string][]byte{}
	for _, lang := range []string{"id", "en"} {
		number := survey.FinalNumber(f.Kind, f.Campaign, f.Unit, lang, gen, at)
		pdf := bytes.Repeat([]byte(number+" "), size/len(number)+1)[:size]
		r := survey.NewIssuedReport(number, f.Kind, f.Campaign, f.Unit, lang, pdf, at, by)
		r.Generation = gen
		f.Files = append(f.Files, *r)
		pdfs[number] = pdf
	}
	return f, pdfs
}

func TestFinalReportsIssuedOnceAndReplaced(t *testing.T) {
	db := surveytest.MustOpenDatabase(t)
	s := surveytest.MustOpenStoreOn(t, db, mongo.Options{})
	at := time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC)
	if _, err := survey.LatestFinal(ctx, s, survey.ReportUnit, "2026-S2", "dpmptsp"); survey.ErrorCode(err) != survey.ENOTFOUND {
		t.Fatalf("before any issue: got %v, want not_found", err)
	}
	first, pdfs := finalFiles(1, at, "admin", 600_000)
	if err := s.IssueFinal(ctx, first, pdfs); err != nil {
		t.Fatal(err)
	}
	for number, want := range pdfs {
		got, err := s.FinalFile(ctx, number)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: %v, %d bytes back of %d", number, err, len(got), len(want))
		}
	}
	var big int
	cur, _ := db.Collection("final_report_chunks").Find(ctx, bson.D{})
	var chunks []struct {
		Data []byte `bson:"data"`
	}
	if err := cur.All(ctx, &chunks); err != nil {
		t.Fatal(err)
	}
	for _, c := range chunks {
		big = max(big, len(c.Data))
	}
	if len(chunks) != 4 || big > 512<<10 {
		t.Errorf("%d chunks, the largest %d bytes; want 4 of at most 512 KiB", len(chunks), big)
	}
	again, _ := finalFiles(1, at.Add(time.Minute), "other", 100)
	if err := s.IssueFinal(ctx, again, nil); survey.ErrorCode(err) != survey.EINVALID {
		t.Errorf("files without their bytes: got %v, want invalid", err)
	}
	if err := s.IssueFinal(ctx, again, filesOf(again)); survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("issuing generation 1 twice: got %v, want conflict", err)
	}
	state, err := survey.FinalStateOf(ctx, s, &first.Files[0])
	if err != nil || !state.Final || state.ReplacedBy != "" {
		t.Errorf("the first issue: %+v %v, want final in force", state, err)
	}

	// Eight people correct the report at once: one correction wins, the others are told, and only
	// the winner's bytes stay.
	var wg sync.WaitGroup
	results := make([]error, 8)
	issues := make([]*survey.FinalReport, 8)
	for i := range issues {
		var files map[string][]byte
		issues[i], files = finalFiles(2, at.Add(time.Duration(i+1)*time.Hour), "admin", 2000)
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.IssueFinal(ctx, issues[i], files)
		}()
	}
	wg.Wait()
	var winner *survey.FinalReport
	for i, err := range results {
		switch survey.ErrorCode(err) {
		case "":
			if winner != nil {
				t.Fatalf("two corrections succeeded")
			}
			winner = issues[i]
		case survey.ECONFLICT:
		default:
			t.Fatalf("correction %d: %v", i, err)
		}
	}
	if winner == nil {
		t.Fatal("no correction succeeded")
	}
	if n, _ := db.Collection("final_report_chunks").CountDocuments(ctx, bson.D{}); n != 4+2 {
		t.Errorf("%d chunks stored, want the first issue's 4 and the winner's 2", n)
	}
	latest, err := survey.LatestFinal(ctx, s, survey.ReportUnit, "2026-S2", "dpmptsp")
	if err != nil || latest.Generation != 2 || latest.Files[0].Number != winner.Files[0].Number || latest.Reason != winner.Reason {
		t.Fatalf("latest: %v %+v", err, latest)
	}
	for _, lang := range []string{"id", "en"} {
		old, _ := first.File(lang)
		now, _ := winner.File(lang)
		state, err := survey.FinalStateOf(ctx, s, old)
		if err != nil || !state.Final || state.ReplacedBy != now.Number || state.Reason != winner.Reason {
			t.Errorf("%s: the replaced issue: %+v %v, want replaced by %s", lang, state, err, now.Number)
		}
	}
	for _, lost := range issues {
		if lost == winner {
			continue
		}
		if _, err := survey.FinalStateOf(ctx, s, &lost.Files[0]); survey.ErrorCode(err) != survey.ENOTFOUND {
			t.Errorf("a lost correction's record: got %v, want not_found", err)
		}
	}
}

func filesOf(f *survey.FinalReport) map[string][]byte {
	out := map[string][]byte{}
	for _, r := range f.Files {
		out[r.Number] = bytes.Repeat([]byte(r.Number+" "), int(r.Bytes)/len(r.Number)+1)[:r.Bytes]
	}
	return out
}
