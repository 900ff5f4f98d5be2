package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
	"github.com/skm-engine/skm/survey/paper"
)

// runIKM is `skm ikm [--json] FILE`: the index of a file of paper questionnaires.
func runIKM(env *Env, args []string) int {
	fs := flag.NewFlagSet("skm ikm", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: skm ikm [--json] FILE.csv|FILE.xlsx\n\nThe header names the columns U1..U9 in any order; other columns are ignored; a blank cell is unanswered.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	f, err := os.Open(name)
	if err != nil {
		return env.errorf("%v", err)
	}
	defer f.Close()
	rows, err := paper.Read(f, name, paper.Options{AnswersOnly: true})
	if err != nil {
		en := i18n.For(i18n.EN, nil)
		fmt.Fprintf(env.Stderr, "skm ikm: %s: %s\n", name, en.Error(err))
		for _, d := range en.Details(err) {
			fmt.Fprintf(env.Stderr, "  %s\n", d)
		}
		return 1
	}
	t := survey.NewCampaignTally("paper")
	for _, row := range rows {
		t.Add(&survey.Record{Unit: "paper", Answers: row.Answers})
	}
	result := analytics.Compute(t.Unit("paper").Total().Counted().Tally)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(web.IndexOf(result)); err != nil {
			return env.errorf("%v", err)
		}
		return 0
	}
	writeIKMTable(env.Stdout, name, result)
	return 0
}

// writeIKMTable prints the index as a table in Indonesian, with decimal commas.
func writeIKMTable(w io.Writer, name string, r analytics.Result) {
	fmt.Fprintf(w, "Indeks Kepuasan Masyarakat — %s\n%d responden, PermenPANRB 14/2017\n\n", name, r.Respondents)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Unsur\tDijawab\tNRR\tNRR tertimbang\tNilai\tMutu\t")
	for _, e := range r.Elements {
		if e.Answered == 0 {
			fmt.Fprintf(tw, "%s\t0\t–\t–\t–\t–\t\n", e.Code)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", e.Code, e.Answered, decimalID(e.NRR, 4), decimalID(e.WeightedNRR, 4), decimalID(e.Score, 2), e.Grade)
	}
	tw.Flush()
	fmt.Fprintln(w)
	if r.Empty {
		fmt.Fprintln(w, "Tidak ada jawaban: indeks tidak dapat dihitung.")
		return
	}
	fmt.Fprintf(w, "IKM (skala 1–4)   %s\n", decimalID(r.IKM, 4))
	fmt.Fprintf(w, "Nilai IKM         %s\n", decimalID(r.Score, 2))
	fmt.Fprintf(w, "Mutu pelayanan    %s\n", r.Grade)
	fmt.Fprintf(w, "Kinerja unit      %s\n", r.Performance)
}

// decimalID formats v with the given decimals and an Indonesian decimal comma.
func decimalID(v float64, decimals int) string {
	return strings.Replace(fmt.Sprintf("%.*f", decimals, v), ".", ",", 1)
}
