package survey

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/skm-engine/skm/analytics"
)

// Counts are the tallies of a group of responses: what every page, chart and report reads.
type Counts struct {
	analytics.Tally
	Gender     map[string]int64 `json:"gender,omitempty"`
	AgeBand    map[string]int64 `json:"ageBand,omitempty"`
	Education  map[string]int64 `json:"education,omitempty"`
	Occupation map[string]int64 `json:"occupation,omitempty"`
	Channel    map[string]int64 `json:"channel,omitempty"`
	// Days counts responses per calendar day (YYYY-MM-DD in the region's time zone).
	Days map[string]int64 `json:"days,omitempty"`
}

// NotStated is the profile category of a respondent who left the question blank.
const NotStated = "-"

func (c *Counts) add(r *Record) {
	c.Respondents++
	complete, sum := true, 0
	for i, v := range r.Answers {
		if v < 1 || v > 4 {
			complete = false
			continue
		}
		c.Elements[i][v-1]++
		sum += int(v)
	}
	if complete {
		c.RespondentSums[sum-9]++
	}
	inc(&c.Gender, orNotStated(r.Gender))
	inc(&c.AgeBand, orNotStated(r.AgeBand))
	inc(&c.Education, orNotStated(r.Education))
	inc(&c.Occupation, orNotStated(r.Occupation))
	inc(&c.Channel, r.Channel)
	inc(&c.Days, r.Day)
}

// Merge adds o's counts to c.
func (c *Counts) Merge(o *Counts) {
	c.Tally.Add(o.Tally)
	mergeInto(&c.Gender, o.Gender)
	mergeInto(&c.AgeBand, o.AgeBand)
	mergeInto(&c.Education, o.Education)
	mergeInto(&c.Occupation, o.Occupation)
	mergeInto(&c.Channel, o.Channel)
	mergeInto(&c.Days, o.Days)
}

func orNotStated(s string) string {
	if s == "" {
		return NotStated
	}
	return s
}

func inc(m *map[string]int64, k string) {
	if *m == nil {
		*m = map[string]int64{}
	}
	(*m)[k]++
}

func mergeInto(dst *map[string]int64, src map[string]int64) {
	for k, v := range src {
		if *dst == nil {
			*dst = map[string]int64{}
		}
		(*dst)[k] += v
	}
}

// ServiceTally holds the counts of one service of a unit: all responses, and the subset a quality
// rule left out of the index (Response.Suspect), which is counted apart and shown, never silently
// dropped.
type ServiceTally struct {
	All     Counts `json:"all"`
	Flagged Counts `json:"flagged"`
}

// Counted returns the counts of the responses that feed the index: all of them but the flagged.
func (s ServiceTally) Counted() Counts {
	c := Counts{Tally: s.All.Tally}
	c.Respondents -= s.Flagged.Respondents
	for i := range c.Elements {
		for j := range c.Elements[i] {
			c.Elements[i][j] -= s.Flagged.Elements[i][j]
		}
	}
	for k := range c.RespondentSums {
		c.RespondentSums[k] -= s.Flagged.RespondentSums[k]
	}
	c.Gender = without(s.All.Gender, s.Flagged.Gender)
	c.AgeBand = without(s.All.AgeBand, s.Flagged.AgeBand)
	c.Education = without(s.All.Education, s.Flagged.Education)
	c.Occupation = without(s.All.Occupation, s.Flagged.Occupation)
	c.Channel = without(s.All.Channel, s.Flagged.Channel)
	c.Days = without(s.All.Days, s.Flagged.Days)
	return c
}

// without returns a new map of all's counts less those of part, leaving out what drops to zero.
func without(all, part map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(all))
	for k, v := range all {
		if v -= part[k]; v != 0 {
			out[k] = v
		}
	}
	return out
}

// Merge adds o's counts to s.
func (s *ServiceTally) Merge(o *ServiceTally) {
	s.All.Merge(&o.All)
	s.Flagged.Merge(&o.Flagged)
}

// UnitTally holds a unit's counts per service (the service "" holds responses that named none)
// and its cases, in the order they were counted. The cases hold no free text: the store keeps
// residents' words apart, for the unit and administrators only.
type UnitTally struct {
	Services map[string]*ServiceTally `json:"services"`
	Cases    []*Case                  `json:"cases,omitempty"`
}

// Case returns the unit's case with the ID.
func (u *UnitTally) Case(id string) (*Case, bool) {
	for _, c := range u.Cases {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Total returns the unit's counts over all services.
func (u *UnitTally) Total() ServiceTally {
	var t ServiceTally
	for _, s := range u.Services {
		t.Merge(s)
	}
	return t
}

// Service returns the counts of one service (zero counts if it has none).
func (u *UnitTally) Service(code string) ServiceTally {
	if s := u.Services[code]; s != nil {
		var t ServiceTally
		t.Merge(s)
		return t
	}
	return ServiceTally{}
}

// CampaignTally holds the counts of every unit in a campaign, as of a position in the tally log.
type CampaignTally struct {
	Campaign string                `json:"campaign"`
	Seq      int64                 `json:"seq"`
	Units    map[string]*UnitTally `json:"units"`
}

// NewCampaignTally returns empty tallies for a campaign.
func NewCampaignTally(campaign string) *CampaignTally {
	return &CampaignTally{Campaign: campaign, Units: map[string]*UnitTally{}}
}

// Unit returns the tallies of a unit (empty if it has no responses).
func (t *CampaignTally) Unit(slug string) *UnitTally {
	if u := t.Units[slug]; u != nil {
		return u
	}
	return &UnitTally{}
}

// Add counts one response record, and opens the case of its suggestion or complaint.
func (t *CampaignTally) Add(r *Record) {
	u := t.Units[r.Unit]
	if u == nil {
		u = &UnitTally{Services: map[string]*ServiceTally{}}
		t.Units[r.Unit] = u
	}
	if r.Kind == "" {
		s := u.Services[r.Service]
		if s == nil {
			s = &ServiceTally{}
			u.Services[r.Service] = s
		}
		s.All.add(r)
		if r.Flagged {
			s.Flagged.add(r)
		}
	}
	if r.Case != "" {
		u.Cases = append(u.Cases, r.newCase())
	}
}

// newCase returns the case a record opens. A tracking code and a due time are issued together
// (Response.OpenCase), so a record with a due time is one whose resident was shown a code,
// unless they wrote on paper: nobody hands them the code of a form typed in later.
func (r *Record) newCase() *Case {
	c := &Case{ID: r.Case, Unit: r.Unit, Service: r.Service, Source: SourceSurvey, Channel: r.Channel,
		Kind: KindSuggestion, Tracked: !r.Due.IsZero() && r.Channel != ChannelPaper, ReceivedAt: r.At, DueAt: r.Due, Flagged: r.Flagged}
	if r.Kind == SourceComplaint {
		c.Source, c.Kind = SourceComplaint, KindComplaint
	}
	if r.CaseKind != "" {
		c.Kind = r.CaseKind
	}
	if !r.Received.IsZero() {
		c.ReceivedAt = r.Received
	}
	return c
}

// Apply records a case event written in tally-log entry; an event for an unknown case is ignored.
func (t *CampaignTally) Apply(e *CaseEvent, entry int64) {
	if c, ok := t.Unit(e.Unit).Case(e.Case); ok {
		c.apply(e, entry)
	}
}

// Clone returns a deep copy, safe to read while t keeps changing.
func (t *CampaignTally) Clone() *CampaignTally {
	c := &CampaignTally{Campaign: t.Campaign, Seq: t.Seq, Units: make(map[string]*UnitTally, len(t.Units))}
	for slug, u := range t.Units {
		c.Units[slug] = u.Clone()
	}
	return c
}

// Clone returns a deep copy of the unit's tallies, safe to read while u keeps changing.
func (u *UnitTally) Clone() *UnitTally {
	cu := &UnitTally{Services: make(map[string]*ServiceTally, len(u.Services)), Cases: make([]*Case, len(u.Cases))}
	for i, c := range u.Cases {
		cc := *c
		cu.Cases[i] = &cc
	}
	for code, s := range u.Services {
		var cs ServiceTally
		cs.Merge(s)
		cu.Services[code] = &cs
	}
	return cu
}

// Record is what the tallies keep of a response: everything counted, nothing that identifies, and
// no free text: a suggestion or complaint is named by the ID of the case it opens.
type Record struct {
	Key        string    `json:"k"`
	Unit       string    `json:"u"`
	Service    string    `json:"s,omitempty"`
	Answers    [9]int8   `json:"a"`
	Gender     string    `json:"g,omitempty"`
	AgeBand    string    `json:"ab,omitempty"`
	Education  string    `json:"e,omitempty"`
	Occupation string    `json:"o,omitempty"`
	Channel    string    `json:"c"`
	Day        string    `json:"d"`
	At         time.Time `json:"t"`
	Flagged    bool      `json:"f,omitempty"`
	Kind       string    `json:"kind,omitempty"`
	Case       string    `json:"case,omitempty"`
	CaseKind   string    `json:"ck,omitempty"`
	Due        time.Time `json:"due,omitzero"`
	Received   time.Time `json:"rcv,omitzero"`
}

// RecordOf returns the tally record of a response whose suggestion or complaint opens the case
// with the ID ("" when it has no text).
func RecordOf(r *Response, caseID string) Record {
	rec := Record{
		Key: r.Key, Unit: r.Unit, Service: r.Service, Answers: r.Answers,
		Gender: r.Profile.Gender, Education: r.Profile.Education, Occupation: r.Profile.Occupation,
		Channel: r.Channel, Day: r.Day, At: r.SubmittedAt, Flagged: r.Suspect(),
		Kind: r.Kind, Case: caseID, CaseKind: r.CaseKind, Due: r.CaseDue, Received: r.ReceivedAt,
	}
	if r.Profile.Age != 0 {
		rec.AgeBand = analytics.AgeBand(r.Profile.Age)
	}
	return rec
}

// Diff lists the differences between the counts and cases of t and a recount, one line each; none
// means they agree. Cases are compared field by field, by ID.
func Diff(t, recount *CampaignTally) []string {
	var out []string
	units := slices.Sorted(maps.Keys(union(t.Units, recount.Units)))
	for _, slug := range units {
		a, b := t.Unit(slug), recount.Unit(slug)
		services := slices.Sorted(maps.Keys(union(a.Services, b.Services)))
		for _, code := range services {
			sa, sb := a.Service(code), b.Service(code)
			where := fmt.Sprintf("unit %s service %q", slug, code)
			out = append(out, diffCounts(where, &sa.All, &sb.All)...)
			out = append(out, diffCounts(where+" flagged", &sa.Flagged, &sb.Flagged)...)
		}
		out = append(out, diffCases(slug, a.Cases, b.Cases)...)
	}
	return out
}

func diffCases(unit string, a, b []*Case) []string {
	byID := func(cs []*Case) map[string]Case {
		m := make(map[string]Case, len(cs))
		for _, c := range cs {
			m[c.ID] = *c
		}
		return m
	}
	ma, mb := byID(a), byID(b)
	var out []string
	if len(ma) != len(a) {
		out = append(out, fmt.Sprintf("unit %s: %d cases in the tally under %d IDs", unit, len(a), len(ma)))
	}
	for _, id := range slices.Sorted(maps.Keys(union(ma, mb))) {
		ca, inA := ma[id]
		cb, inB := mb[id]
		switch {
		case !inA:
			out = append(out, fmt.Sprintf("unit %s: case %s is in the recount, not in the tally", unit, id))
		case !inB:
			out = append(out, fmt.Sprintf("unit %s: case %s is in the tally, not in the recount", unit, id))
		case !ca.equal(&cb):
			out = append(out, fmt.Sprintf("unit %s: case %s is %+v in the tally, %+v in the recount", unit, id, ca, cb))
		}
	}
	return out
}

func diffCounts(where string, a, b *Counts) []string {
	var out []string
	if a.Respondents != b.Respondents {
		out = append(out, fmt.Sprintf("%s: respondents %d in the tally, %d in the recount", where, a.Respondents, b.Respondents))
	}
	for i := range a.Elements {
		for s := range a.Elements[i] {
			if a.Elements[i][s] != b.Elements[i][s] {
				out = append(out, fmt.Sprintf("%s: %s score %d counted %d in the tally, %d in the recount", where, ElementCodes[i], s+1, a.Elements[i][s], b.Elements[i][s]))
			}
		}
	}
	if a.RespondentSums != b.RespondentSums {
		out = append(out, fmt.Sprintf("%s: respondent score sums differ", where))
	}
	for _, m := range []struct {
		name string
		a, b map[string]int64
	}{{"gender", a.Gender, b.Gender}, {"age band", a.AgeBand, b.AgeBand}, {"education", a.Education, b.Education},
		{"occupation", a.Occupation, b.Occupation}, {"channel", a.Channel, b.Channel}, {"day", a.Days, b.Days}} {
		for _, k := range slices.Sorted(maps.Keys(union(m.a, m.b))) {
			if m.a[k] != m.b[k] {
				out = append(out, fmt.Sprintf("%s: %s %q counted %d in the tally, %d in the recount", where, m.name, k, m.a[k], m.b[k]))
			}
		}
	}
	return out
}

func union[V any](a, b map[string]V) map[string]bool {
	u := make(map[string]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}
