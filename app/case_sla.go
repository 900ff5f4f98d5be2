package app

import (
	"context"
	"fmt"
	"time"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/reports"
	"github.com/skm-engine/skm/survey"
)

// caseSLA returns how a unit kept to the answer rule in a campaign, as of now: the figures the
// dashboards and PDF reports show next to element U8. Unit "" gives the campaign's figures over
// every unit.
func caseSLA(ctx context.Context, store survey.Store, campaign, unit string, now time.Time) (analytics.SLA, error) {
	t, err := store.Tally(ctx, campaign)
	if err != nil {
		return analytics.SLA{}, err
	}
	if unit == "" {
		return t.SLA(now), nil
	}
	return t.Unit(unit).SLA(now), nil
}

// slaSummary says an answer record in one sentence, in the language, with the region's limit:
// "15 pengaduan dan saran; 12 dari 14 yang sudah pasti dijawab dalam 4 jam (85,7%); median waktu
// jawab 1 j 35 mnt; 3 masih terbuka, 2 di antaranya terlambat."
func slaSummary(lang string, region *survey.Region, sla analytics.SLA) string {
	if sla.Cases == 0 {
		return msg(lang, "sla.none")
	}
	w := reports.WebCharts{Words: i18n.For(lang, region.Location())}
	limit := caseLimitIn(lang, region)
	if sla.Decided == 0 {
		return fmt.Sprintf(msg(lang, "sla.pending"), w.Int(sla.Cases), limit)
	}
	median := "–"
	if sla.Answered > 0 {
		median = spanText(lang, sla.MedianAnswer)
	}
	return fmt.Sprintf(msg(lang, "sla.summary"), w.Int(sla.Cases), w.Int(sla.InTime), w.Int(sla.Decided), limit,
		w.Percent(sla.InTimePercent), median, w.Int(sla.Open), w.Int(sla.Overdue))
}

// caseLimitIn is the region's answer rule in words, such as "4 jam" or "4 jam kerja".
func caseLimitIn(lang string, region *survey.Region) string {
	if region.OfficeHoursOnly {
		return fmt.Sprintf(msg(lang, "case.limit.office"), region.CaseLimit())
	}
	return fmt.Sprintf(msg(lang, "case.limit.hours"), region.CaseLimit())
}
