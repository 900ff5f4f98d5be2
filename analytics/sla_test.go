package analytics

import (
	"testing"
	"time"
)

// banyuwangi is the office week the examples use: Monday–Thursday 07:30–16:00, Friday
// 07:30–11:00, in Western Indonesian Time.
func banyuwangi(t *testing.T, limit time.Duration, holidays ...string) Clock {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	c := Clock{Limit: limit, Location: loc, Holidays: holidays}
	for d := time.Monday; d <= time.Thursday; d++ {
		c.Shifts = append(c.Shifts, Shift{d, 7*60 + 30, 16 * 60})
	}
	c.Shifts = append(c.Shifts, Shift{time.Friday, 7*60 + 30, 11 * 60})
	return c
}

func TestClockDue(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	at := func(day, hhmm string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	office := banyuwangi(t, 4*time.Hour)
	// 17 August 2026 is a Monday (and Independence Day, used as a holiday below).
	for _, tc := range []struct {
		name     string
		clock    Clock
		received time.Time
		want     time.Time
	}{
		{"around the clock, Friday evening", Clock{Limit: 4 * time.Hour}, at("2026-08-21", "20:00"), at("2026-08-22", "00:00")},
		{"around the clock ignores the location", Clock{Limit: 4 * time.Hour, Location: loc}, at("2026-08-22", "23:30"), at("2026-08-23", "03:30")},
		{"office hours, Monday morning", office, at("2026-08-17", "10:00"), at("2026-08-17", "14:00")},
		{"runs out exactly at closing time", office, at("2026-08-20", "12:00"), at("2026-08-20", "16:00")},
		{"afternoon carries over to the next morning", office, at("2026-08-17", "14:00"), at("2026-08-18", "09:30")},
		{"received at closing time", office, at("2026-08-17", "16:00"), at("2026-08-18", "11:30")},
		{"evening waits for opening", office, at("2026-08-17", "20:00"), at("2026-08-18", "11:30")},
		{"before opening", office, at("2026-08-18", "05:00"), at("2026-08-18", "11:30")},
		{"Friday's short day carries over the weekend", office, at("2026-08-21", "10:00"), at("2026-08-24", "10:30")},
		{"Friday after closing", office, at("2026-08-21", "13:00"), at("2026-08-24", "11:30")},
		{"Saturday", office, at("2026-08-22", "09:00"), at("2026-08-24", "11:30")},
		{"Sunday just before midnight", office, at("2026-08-23", "23:59"), at("2026-08-24", "11:30")},
		{"holiday Monday is skipped", banyuwangi(t, 4*time.Hour, "2026-08-17"), at("2026-08-16", "12:00"), at("2026-08-18", "11:30")},
		{"a limit of several working days", banyuwangi(t, 24*time.Hour), at("2026-08-17", "07:30"), at("2026-08-19", "14:30")},
		{"a week-long limit crosses two weekends", banyuwangi(t, 40*time.Hour), at("2026-08-21", "10:00"), at("2026-08-31", "09:00")}, // 1 + 4 × 8.5 + 3.5 h, then 1.5 h
		{"received given in UTC", office, time.Date(2026, 8, 17, 3, 0, 0, 0, time.UTC), at("2026-08-17", "14:00")},
		{"a lunch break splits the day", Clock{Limit: 2 * time.Hour, Location: loc, Shifts: []Shift{{time.Tuesday, 13 * 60, 16 * 60}, {time.Tuesday, 8 * 60, 12 * 60}}},
			at("2026-08-18", "11:00"), at("2026-08-18", "14:00")},
		{"a schedule without working time runs around the clock", Clock{Limit: 4 * time.Hour, Location: loc, Shifts: []Shift{{time.Monday, 600, 600}}},
			at("2026-08-22", "09:00"), at("2026-08-22", "13:00")},
		{"no location reads shifts in UTC", Clock{Limit: time.Hour, Shifts: []Shift{{time.Monday, 9 * 60, 17 * 60}}},
			time.Date(2026, 8, 17, 16, 30, 0, 0, time.UTC), time.Date(2026, 8, 24, 9, 30, 0, 0, time.UTC)},
	} {
		if got := tc.clock.Due(tc.received); !got.Equal(tc.want) {
			t.Errorf("%s: Due(%s) = %s, want %s", tc.name, tc.received.In(loc).Format("Mon 2006-01-02 15:04"),
				got.In(loc).Format("Mon 2006-01-02 15:04"), tc.want.In(loc).Format("Mon 2006-01-02 15:04"))
		}
	}
}

func TestComputeSLA(t *testing.T) {
	t0 := time.Date(2026, 8, 17, 8, 0, 0, 0, time.UTC)
	due := t0.Add(4 * time.Hour)
	now := t0.Add(10 * time.Hour)
	h := func(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Hour))) }
	cases := []CaseTimes{
		{t0, due, h(1)},                     // in time, 1 h
		{t0, due, h(4)},                     // exactly at the due time: in time, 4 h
		{t0, due, h(6)},                     // late, 6 h
		{t0, due, time.Time{}},              // open and overdue
		{h(8), h(12), time.Time{}},          // open, still within its time: pending
		{h(2), h(6), h(2.5)},                // in time, 30 min
		{h(9), h(13), h(8.5)},               // a reply stamped before receipt (clock skew) waits 0
		{h(1), h(5), time.Time{}.Add(1)},    // a reply at the zero instant plus a nanosecond is still a reply
		{h(0), h(4), h(4).Add(time.Second)}, // one second late
	}
	got := ComputeSLA(cases, now)
	// Waits in order: 0, 0, 30 min, 1 h, 4 h, 4 h 1 s, 6 h; the median is the fourth.
	want := SLA{Cases: 9, Answered: 7, InTime: 5, Open: 2, Overdue: 1, Decided: 8, InTimePercent: 62.5, MedianAnswer: time.Hour}
	if got != want {
		t.Errorf("ComputeSLA = %+v\nwant          %+v", got, want)
	}

	if got := ComputeSLA(nil, now); got != (SLA{}) {
		t.Errorf("no cases: %+v", got)
	}
	pending := ComputeSLA([]CaseTimes{{t0, due, time.Time{}}}, t0.Add(time.Hour))
	if pending.Decided != 0 || pending.InTimePercent != 0 || pending.Open != 1 || pending.Overdue != 0 {
		t.Errorf("one pending case: %+v", pending)
	}
	even := ComputeSLA([]CaseTimes{{t0, due, h(1)}, {t0, due, h(2)}}, now)
	if even.MedianAnswer != 90*time.Minute || even.InTimePercent != 100 {
		t.Errorf("two answers: %+v", even)
	}
	// 2 of 3 is 66.666…%, rounded half-up to 66.7; 1 of 8 is 12.5 exactly.
	third := ComputeSLA([]CaseTimes{{t0, due, h(1)}, {t0, due, h(2)}, {t0, due, h(5)}}, now)
	if third.InTimePercent != 66.7 {
		t.Errorf("2 of 3: %v%%", third.InTimePercent)
	}
}
