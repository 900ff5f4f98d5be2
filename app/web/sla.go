package web

import (
	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// CaseRule says the region's rule for answering complaints in words, such as "4 jam" or
// "4 jam kerja".
func CaseRule(p i18n.Printer, region *survey.Region) string {
	if region.OfficeHoursOnly {
		return p.T("case.limit.office", region.CaseLimit())
	}
	return p.T("case.limit.hours", region.CaseLimit())
}

// SLASentence says how a unit kept to the answer rule for complaints in one sentence: "15 pengaduan;
// 12 dari 14 yang sudah pasti dijawab dalam 4 jam (85,7%); median waktu jawab 1 j 35 mnt; 3 belum
// dijawab, 2 di antaranya terlambat." Dashboards and reports show it beside element U8.
func SLASentence(p i18n.Printer, region *survey.Region, sla analytics.SLA) string {
	if sla.Cases == 0 {
		return p.T("sla.none")
	}
	limit := CaseRule(p, region)
	if sla.Decided == 0 {
		return p.T("sla.pending", p.Int(sla.Cases), limit)
	}
	median := "–"
	if sla.Answered > 0 {
		median = p.Span(sla.MedianAnswer)
	}
	return p.T("sla.summary", p.Int(sla.Cases), p.Int(sla.InTime), p.Int(sla.Decided), limit,
		p.Percent(sla.InTimePercent), median, p.Int(sla.Open), p.Int(sla.Overdue))
}
