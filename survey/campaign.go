package survey

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// State is a campaign's place in its lifecycle: draft → open → closed → archived.
type State string

// Campaign states.
const (
	StateDraft    State = "draft"
	StateOpen     State = "open"
	StateClosed   State = "closed"
	StateArchived State = "archived"
)

// transitions lists the moves a campaign may make. A closed campaign may be reopened (a unit that
// missed its sample); an archived one is final.
var transitions = map[State][]State{
	StateDraft:  {StateOpen},
	StateOpen:   {StateClosed},
	StateClosed: {StateOpen, StateArchived},
}

// stateNames are the catalogue's words for the states, as a sentence such as "Campaign 2026-S2
// is closed" says them.
var stateNames = map[State]string{
	StateDraft:    "state.draft",
	StateOpen:     "state.open",
	StateClosed:   "state.closed",
	StateArchived: "state.archived",
}

// Message returns the state's name for people; a state the engine does not know is quoted as it is.
func (s State) Message() Message {
	if key, ok := stateNames[s]; ok {
		return Msg(key)
	}
	return Msg("state.other", string(s))
}

// CanTransition reports whether a campaign in state from may move to state to.
func CanTransition(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Campaign is one semester's survey of a region: key YYYY-S1 (1 January–30 June) or YYYY-S2
// (1 July–31 December) in the region's time zone. It pins one questionnaire version and a set of
// units.
type Campaign struct {
	Key           string         `json:"key"`
	Questionnaire string         `json:"questionnaire"`
	Units         []CampaignUnit `json:"units"`
	State         State          `json:"state"`
	// OpensAt and ClosesAt schedule the automatic transitions; zero means by hand only.
	OpensAt  time.Time `json:"opensAt"`
	ClosesAt time.Time `json:"closesAt"`
	// History records every transition.
	History   []Transition `json:"history"`
	CreatedAt time.Time    `json:"createdAt"`
	// Published is when the region made the results public; zero while unpublished.
	PublishedAt time.Time `json:"publishedAt,omitzero"`
	// PurgedAt is when the retention policy deleted the campaign's raw responses; its tallies and
	// reports remain.
	PurgedAt time.Time `json:"purgedAt,omitzero"`
}

// ArchivedAt returns when the campaign was last archived, or zero.
func (c *Campaign) ArchivedAt() time.Time {
	for i := len(c.History) - 1; i >= 0; i-- {
		if c.History[i].To == StateArchived {
			return c.History[i].At
		}
	}
	return time.Time{}
}

// CampaignUnit is a unit surveyed in a campaign with the size of the population it served.
type CampaignUnit struct {
	Unit string `json:"unit"`
	// Population is the number of service users in the period (0 when not yet known).
	Population int64 `json:"population"`
	// Target is the Krejcie–Morgan minimum sample for Population, computed by the engine.
	Target int64 `json:"target"`
}

// Transition is one recorded change of state.
type Transition struct {
	From State     `json:"from"`
	To   State     `json:"to"`
	At   time.Time `json:"at"`
	By   string    `json:"by"`
}

var keyPattern = regexp.MustCompile(`^(\d{4})-S([12])$`)

// ParseSemester splits a campaign key into its year and half (1 or 2).
func ParseSemester(key string) (year, half int, err error) {
	m := keyPattern.FindStringSubmatch(key)
	if m == nil {
		return 0, 0, Errorf(EINVALID, "err.campaign.key", key)
	}
	year, _ = strconv.Atoi(m[1])
	half, _ = strconv.Atoi(m[2])
	if year < 2000 || year > 2200 {
		return 0, 0, Errorf(EINVALID, "err.campaign.year", year)
	}
	return year, half, nil
}

// SemesterKey returns the key of the semester containing t in loc.
func SemesterKey(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	half := 1
	if t.Month() >= time.July {
		half = 2
	}
	return fmt.Sprintf("%04d-S%d", t.Year(), half)
}

// SemesterBounds returns the first instant of the semester and the first instant after it.
func SemesterBounds(key string, loc *time.Location) (start, end time.Time, err error) {
	year, half, err := ParseSemester(key)
	if err != nil {
		return start, end, err
	}
	month := time.January
	if half == 2 {
		month = time.July
	}
	start = time.Date(year, month, 1, 0, 0, 0, 0, loc)
	return start, start.AddDate(0, 6, 0), nil
}

// PreviousSemester returns the key of the semester before key.
func PreviousSemester(key string) (string, error) {
	year, half, err := ParseSemester(key)
	if err != nil {
		return "", err
	}
	if half == 2 {
		return fmt.Sprintf("%04d-S1", year), nil
	}
	return fmt.Sprintf("%04d-S2", year-1), nil
}

// NextSemester returns the key of the semester after key.
func NextSemester(key string) (string, error) {
	year, half, err := ParseSemester(key)
	if err != nil {
		return "", err
	}
	if half == 1 {
		return fmt.Sprintf("%04d-S2", year), nil
	}
	return fmt.Sprintf("%04d-S1", year+1), nil
}

const maxPopulation = 100_000_000

// Validate reports whether the campaign can be saved.
func (c *Campaign) Validate() error {
	if _, _, err := ParseSemester(c.Key); err != nil {
		return err
	}
	if c.Questionnaire == "" {
		return Errorf(EINVALID, "err.campaign.questionnaire", c.Key)
	}
	if len(c.Units) == 0 {
		return Errorf(EINVALID, "err.campaign.nounits", c.Key)
	}
	seen := map[string]bool{}
	for _, u := range c.Units {
		if !ValidSlug(u.Unit) {
			return Errorf(EINVALID, "err.campaign.unit", c.Key, u.Unit)
		}
		if seen[u.Unit] {
			return Errorf(EINVALID, "err.campaign.unittwice", c.Key, u.Unit)
		}
		seen[u.Unit] = true
		if u.Population < 0 || u.Population > maxPopulation {
			return Errorf(EINVALID, "err.campaign.population", c.Key, u.Unit, maxPopulation)
		}
	}
	if !c.OpensAt.IsZero() && !c.ClosesAt.IsZero() && !c.ClosesAt.After(c.OpensAt) {
		return Errorf(EINVALID, "err.campaign.schedule", c.Key)
	}
	switch c.State {
	case StateDraft, StateOpen, StateClosed, StateArchived:
	default:
		return Errorf(EINVALID, "err.campaign.state", c.Key, c.State)
	}
	return nil
}

// Unit returns the campaign's entry for the unit slug.
func (c *Campaign) Unit(slug string) (CampaignUnit, bool) {
	for _, u := range c.Units {
		if u.Unit == slug {
			return u, true
		}
	}
	return CampaignUnit{}, false
}

// Accepts reports whether residents may answer the campaign now.
func (c *Campaign) Accepts() bool { return c.State == StateOpen }

// TakesPaper reports whether paper questionnaires may still be added to the campaign: not once it
// is closed, archived or its results are published, because its figures are then read as the
// semester's result. ECONFLICT says why not.
func (c *Campaign) TakesPaper() error {
	switch {
	case c.Published():
		return Errorf(ECONFLICT, "err.paper.published", c.Key)
	case c.State == StateArchived:
		return Errorf(ECONFLICT, "err.paper.archived", c.Key)
	case c.State == StateClosed:
		return Errorf(ECONFLICT, "err.paper.closed", c.Key)
	}
	return nil
}

// MayImportPaper reports whether p may add paper questionnaires of the unit to the campaign:
// administrators whenever the campaign takes paper; the unit's own heads only while it is open and
// only when the region lets them. EFORBIDDEN or ECONFLICT say why not; the campaign's own refusal
// comes first, since it holds for everyone.
func MayImportPaper(p *Principal, r *Region, c *Campaign, unit string) error {
	if !p.MayActFor(unit) {
		return Errorf(EFORBIDDEN, "err.paper.unit", unit)
	}
	if err := c.TakesPaper(); err != nil {
		return err
	}
	switch {
	case p.IsAdmin():
		return nil
	case !r.HeadsImportPaper:
		return Errorf(EFORBIDDEN, "err.paper.heads")
	case c.State != StateOpen:
		return Errorf(ECONFLICT, "err.paper.notopen", c.Key, c.State.Message())
	}
	return nil
}

// CampaignUpdate changes a draft or open campaign; nil fields are left as they are.
type CampaignUpdate struct {
	Questionnaire *string         `json:"questionnaire"`
	Units         *[]CampaignUnit `json:"units"`
	OpensAt       *time.Time      `json:"opensAt"`
	ClosesAt      *time.Time      `json:"closesAt"`
}

// CampaignFilter selects campaigns; zero fields match everything.
type CampaignFilter struct {
	State State
}

// SuggestKey returns the key a new campaign most likely wants at now in loc: the current
// semester, or else the next one, whichever no campaign has taken yet; "" when both are taken.
func SuggestKey(existing []*Campaign, now time.Time, loc *time.Location) string {
	taken := map[string]bool{}
	for _, c := range existing {
		taken[c.Key] = true
	}
	key := SemesterKey(now, loc)
	if !taken[key] {
		return key
	}
	if next, err := NextSemester(key); err == nil && !taken[next] {
		return next
	}
	return ""
}

// Before returns the newest of the campaigns whose semester comes before key: the one "copy the
// previous semester" copies. Nil when there is none.
func Before(campaigns []*Campaign, key string) *Campaign {
	var prev *Campaign
	for _, c := range campaigns {
		if c.Key < key && (prev == nil || c.Key > prev.Key) {
			prev = c
		}
	}
	return prev
}

// CopyFor returns a draft campaign for the semester key that surveys the same units with the
// same questionnaire and populations, scheduled over that semester: "copy the previous semester".
func (c *Campaign) CopyFor(key string, loc *time.Location) (*Campaign, error) {
	start, end, err := SemesterBounds(key, loc)
	if err != nil {
		return nil, err
	}
	units := make([]CampaignUnit, len(c.Units))
	copy(units, c.Units)
	return &Campaign{Key: key, Questionnaire: c.Questionnaire, Units: units, State: StateDraft, OpensAt: start, ClosesAt: end}, nil
}

// PlanItemsOpen reports whether units may write their follow-up plan for the campaign: once it
// has closed and its results are known.
func (c *Campaign) PlanItemsOpen() bool { return c.State == StateClosed || c.State == StateArchived }

// PlanReviewOpen reports whether units may record, during the campaign, what became of their
// previous plan: once it has opened.
func (c *Campaign) PlanReviewOpen() bool { return c.State != StateDraft }

// Published reports whether the campaign's results are public: an administrator published them
// after the campaign closed.
func (c *Campaign) Published() bool {
	return !c.PublishedAt.IsZero() && (c.State == StateClosed || c.State == StateArchived)
}

// Publishable reports whether the campaign's results may be published now: after it closed.
// ECONFLICT says why not.
func (c *Campaign) Publishable() error {
	if c.State != StateClosed && c.State != StateArchived {
		return Errorf(ECONFLICT, "err.campaign.publish", c.Key, c.State.Message())
	}
	return nil
}

// ScheduledMove returns the state the schedule moves the campaign to at now, if any: an open
// campaign closes when its time is up; a draft opens once its window has begun and not yet ended.
func (c *Campaign) ScheduledMove(now time.Time) (State, bool) {
	switch {
	case c.State == StateOpen && !c.ClosesAt.IsZero() && !now.Before(c.ClosesAt):
		return StateClosed, true
	case c.State == StateDraft && !c.OpensAt.IsZero() && !now.Before(c.OpensAt) && (c.ClosesAt.IsZero() || now.Before(c.ClosesAt)):
		return StateOpen, true
	}
	return "", false
}
