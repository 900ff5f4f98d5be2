package survey

import (
	"context"
	"time"
)

// Store keeps the survey's data. Every method returns *Error values with the codes documented on
// it; EUNAVAILABLE may come from any method when the database cannot be reached, and EINTERNAL
// from any method on an unexpected fault.
//
// Every store keeps the units' follow-up plans, the record of issued files, the final reports,
// the notification outbox and uploads awaiting confirmation as well, so those capabilities are part of it and no
// caller has to look for them. Who
// may sign in is kept apart (AccountStore), handed only to the parts of the engine that need it.
type Store interface {
	PlanStore
	IssuedStore
	FinalStore
	Outbox
	UploadStore

	// Region returns the region's settings (DefaultRegion until some are saved).
	Region(ctx context.Context) (*Region, error)
	// SaveRegion replaces the region's settings. EINVALID.
	SaveRegion(ctx context.Context, r *Region) error

	// CreateUnit saves a new unit. EINVALID; ECONFLICT when the slug is taken.
	CreateUnit(ctx context.Context, u *Unit) error
	// Unit returns the unit with the slug. ENOTFOUND.
	Unit(ctx context.Context, slug string) (*Unit, error)
	// Units returns the units matching the filter, ordered by slug.
	Units(ctx context.Context, f UnitFilter) ([]*Unit, error)
	// UpdateUnit changes a unit and returns it. ENOTFOUND, EINVALID.
	UpdateUnit(ctx context.Context, slug string, upd UnitUpdate) (*Unit, error)

	// CreateQuestionnaire saves a new version, assigning its ID and Version. EINVALID; ENOTFOUND
	// when Base names no version.
	CreateQuestionnaire(ctx context.Context, q *Questionnaire) error
	// Questionnaire returns a version. ENOTFOUND.
	Questionnaire(ctx context.Context, id string) (*Questionnaire, error)
	// Questionnaires returns every version, newest first.
	Questionnaires(ctx context.Context) ([]*Questionnaire, error)
	// UpdateQuestionnaire edits a version no campaign uses yet. ENOTFOUND, EINVALID; ECONFLICT
	// when a campaign pins it (create a new version instead).
	UpdateQuestionnaire(ctx context.Context, id string, upd QuestionnaireUpdate) (*Questionnaire, error)

	// CreateCampaign saves a new campaign in state draft and locks its questionnaire version.
	// EINVALID; ENOTFOUND for an unknown questionnaire or unit; ECONFLICT when the key exists.
	CreateCampaign(ctx context.Context, c *Campaign) error
	// Campaign returns the campaign with the key. ENOTFOUND.
	Campaign(ctx context.Context, key string) (*Campaign, error)
	// Campaigns returns the campaigns matching the filter, newest semester first.
	Campaigns(ctx context.Context, f CampaignFilter) ([]*Campaign, error)
	// UpdateCampaign changes a draft campaign (units and populations also while open). ENOTFOUND,
	// EINVALID; ECONFLICT when the state forbids the change.
	UpdateCampaign(ctx context.Context, key string, upd CampaignUpdate) (*Campaign, error)
	// TransitionCampaign moves a campaign to another state. ENOTFOUND; ECONFLICT when the move is
	// not allowed from the current state, the campaign is in that state already, or another
	// campaign is already open.
	TransitionCampaign(ctx context.Context, key string, to State, by string, at time.Time) (*Campaign, error)
	// PublishCampaign marks a closed or archived campaign's results public at the time. ENOTFOUND,
	// ECONFLICT.
	PublishCampaign(ctx context.Context, key string, at time.Time) (*Campaign, error)

	// Submit stores a response once and counts it. Submitting a key again returns the first
	// receipt with Duplicate set. The caller validates the response first. EUNAVAILABLE when the
	// store cannot take it now (nothing was acknowledged; retrying with the same key is safe).
	Submit(ctx context.Context, r *Response) (*Receipt, error)
	// SubmitAll stores many responses as Submit does, in one batch.
	SubmitAll(ctx context.Context, rs []*Response) ([]*Receipt, error)
	// Response returns the response with the submission key. ENOTFOUND.
	Response(ctx context.Context, key string) (*Response, error)
	// Responses returns a page of a campaign's responses in key order and the cursor of the next
	// page ("" after the last). EINVALID.
	Responses(ctx context.Context, f ResponseFilter) ([]*Response, string, error)
	// EachResponse streams a campaign's responses (of one unit, or all when unit is "") to fn, in
	// constant memory, stopping at fn's first error.
	EachResponse(ctx context.Context, campaign, unit string, fn func(*Response) error) error

	// Tally returns the campaign's tallies: this instance's submissions at once, other instances'
	// within the store's freshness window. The result is shared: callers must not modify it.
	Tally(ctx context.Context, campaign string) (*CampaignTally, error)
	// Verify recounts the campaign's responses and returns every difference from the tallies;
	// none means they agree. ECONFLICT when the retention policy deleted the responses.
	Verify(ctx context.Context, campaign string) ([]string, error)
	// Rebuild replaces the campaign's tallies with a recount of its responses. ECONFLICT when the
	// retention policy deleted the responses.
	Rebuild(ctx context.Context, campaign string) error
	// PurgeResponses deletes an archived campaign's raw responses and free text, keeping its
	// tallies, and returns how many responses it deleted. ECONFLICT unless archived.
	PurgeResponses(ctx context.Context, campaign string, at time.Time) (int64, error)

	// RecordCaseEvents records replies to cases and their publication. ENOTFOUND for an unknown
	// case; EINVALID or ECONFLICT when an event does not fit its case.
	RecordCaseEvents(ctx context.Context, campaign string, events []CaseEvent) error
	// FindCase returns the case with a tracking code and its campaign. ENOTFOUND.
	FindCase(ctx context.Context, code string) (*Case, string, error)

	// Ping reports whether the database answers. EUNAVAILABLE.
	Ping(ctx context.Context) error

	PlanStore
	IssuedStore
	Outbox
}
