package analytics

import (
	"slices"
	"time"
)

// Clock is the rule a unit's answer to a complaint or suggestion is held to: it must come within
// Limit of receipt. With no Shifts the clock runs around the clock; with Shifts it runs only
// inside them (office hours), and not at all on Holidays.
type Clock struct {
	Limit time.Duration
	// Location is where shifts and holidays are read; UTC when nil.
	Location *time.Location
	Shifts   []Shift
	// Holidays are dates ("2006-01-02" in Location) on which the office is closed.
	Holidays []string
}

// Shift is a span of office hours on a weekday, from Start to End minutes after local midnight.
type Shift struct {
	Day        time.Weekday
	Start, End int
}

// Due returns when a case received at the time must be answered.
//
// In office hours the limit is consumed only inside shifts: a case received in the evening starts
// its clock when the office opens, and one whose limit runs out exactly at closing time is due at
// closing time, not the next morning. Empty or inverted shifts are ignored; a schedule with no
// working time at all would never fall due, so it is read as around the clock.
func (c Clock) Due(received time.Time) time.Time {
	if c.Limit <= 0 || len(c.Shifts) == 0 {
		return received.Add(c.Limit)
	}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	byDay := [7][]Shift{}
	var weekly time.Duration
	for _, s := range c.Shifts {
		if s.Day < time.Sunday || s.Day > time.Saturday || s.Start < 0 || s.End > 24*60 || s.End <= s.Start {
			continue
		}
		byDay[s.Day] = append(byDay[s.Day], s)
		weekly += time.Duration(s.End-s.Start) * time.Minute
	}
	if weekly == 0 {
		return received.Add(c.Limit)
	}
	for d := range byDay {
		slices.SortFunc(byDay[d], func(a, b Shift) int { return a.Start - b.Start })
	}
	holidays := make(map[string]bool, len(c.Holidays))
	for _, h := range c.Holidays {
		holidays[h] = true
	}
	// Every week holds `weekly` of working time, so the limit runs out within this many days
	// even if every holiday falls on a working day.
	days := int((c.Limit/weekly)+2)*7 + len(c.Holidays)
	t := received.In(loc)
	left := c.Limit
	y, m, d := t.Date()
	for i := 0; i <= days; i++ {
		day := time.Date(y, m, d+i, 0, 0, 0, 0, loc)
		if holidays[day.Format(time.DateOnly)] {
			continue
		}
		for _, s := range byDay[day.Weekday()] {
			start := time.Date(day.Year(), day.Month(), day.Day(), s.Start/60, s.Start%60, 0, 0, loc)
			end := time.Date(day.Year(), day.Month(), day.Day(), s.End/60, s.End%60, 0, 0, loc)
			if !end.After(t) {
				continue
			}
			from := start
			if t.After(start) {
				from = t
			}
			span := end.Sub(from)
			if span >= left {
				return from.Add(left)
			}
			left -= span
		}
	}
	return received.Add(c.Limit)
}

// CaseTimes are the times of one case that the answer rule judges.
type CaseTimes struct {
	Received, Due time.Time
	// Replied is when the unit answered; zero while it has not.
	Replied time.Time
}

// SLA is how a unit (or a region) kept to the answer rule in a campaign.
type SLA struct {
	Cases    int64
	Answered int64
	// InTime counts the cases answered by their due time.
	InTime int64
	// Open counts the cases not answered yet, and Overdue those of them already past due.
	Open    int64
	Overdue int64
	// Decided counts the cases whose outcome is known: answered, or still open but already late.
	// Open cases still within their time are pending and count on neither side of the share.
	Decided int64
	// InTimePercent is InTime / Decided as a percentage rounded half-up to one decimal; 0 when
	// nothing is decided yet.
	InTimePercent float64
	// MedianAnswer is the median time from receipt to reply over the answered cases (the mean of
	// the middle two for an even number); 0 when none is answered.
	MedianAnswer time.Duration
}

// ComputeSLA summarises the cases as of now.
func ComputeSLA(cases []CaseTimes, now time.Time) SLA {
	var s SLA
	var waits []time.Duration
	for _, c := range cases {
		s.Cases++
		switch {
		case !c.Replied.IsZero():
			s.Answered++
			if !c.Replied.After(c.Due) {
				s.InTime++
			}
			waits = append(waits, max(c.Replied.Sub(c.Received), 0))
		case now.After(c.Due):
			s.Open++
			s.Overdue++
		default:
			s.Open++
		}
	}
	s.Decided = s.Answered + s.Overdue
	if s.Decided > 0 {
		// Tenths of a percent, rounded half-up in integers: (2·1000·InTime + Decided) / (2·Decided).
		tenths := (2000*s.InTime + s.Decided) / (2 * s.Decided)
		s.InTimePercent = float64(tenths) / 10
	}
	if n := len(waits); n > 0 {
		slices.Sort(waits)
		if n%2 == 1 {
			s.MedianAnswer = waits[n/2]
		} else {
			s.MedianAnswer = waits[n/2-1] + (waits[n/2]-waits[n/2-1])/2
		}
	}
	return s
}
