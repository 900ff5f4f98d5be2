package survey

import (
	"context"
	"time"
)

// Store keeps the survey's data. Every method returns *Error values with the codes documented on
// it; EUNAVAILABLE may come from any method when the database cannot be reached, and EINTERNAL
// from any method on an unexpected fault.
//
// Every store keeps the units' follow-up plans, the record of issued files, the final reports and
// the notification outbox as well, so those capabilities are part of it and no caller has to look
// for them. Who may sign in is kept apart (AccountStore), handed only to the parts of the engine
// that need it.
type Store interface {
	PlanStore
	IssuedStore
	FinalStore
	Outbox

	// Region returns the region's settings (DefaultRegion until some are saved).
	Region(ctx context.Context) (*Region, error)
	// SaveRegion replaces the region's settings and sets their UpdatedAt. EINVALID.
	SaveRegion(ctx context.Context, r *Region) error
	// Logo returns the logo with the ID (Region.Logo names the current one). ENOTFOUND.
	Logo(ctx context.Context, id string) (*Logo, error)
	// SaveLogo keeps a logo under its ID; SaveRegion then makes it the region's. EINVALID,
	// ETOOLARGE.
	SaveLogo(ctx context.Context, l *Logo) error
	// PruneLogos forgets every logo but the one the region names.
	PruneLogos(ctx context.Context) error

	// CreateUnit saves a new unit. EINVALID; ECONFLICT when the slug is taken.
	CreateUnit(ctx context.Context, u *Unit) error
	// Unit returns the unit with the slug. ENOTFOUND.
	Unit(ctx context.Context, slug string) (*Unit, error)
	// Units returns the units matching the filter, ordered by slug.
	Units(ctx context.Context, f UnitFilter) ([]*Unit, error)
	// UpdateUnit changes a unit and returns it. ENOTFOUND, EINVALID.
	UpdateUnit(ctx context.Context, slug string, upd UnitUpdate) (*Unit, error)
	// SaveUnits creates the units whose slugs are new and replaces those that exist, keeping
	// their creation time, as a spreadsheet import does. Every unit is validated before anything
	// is written (EINVALID). The writes are not one transaction, so a store failure midway leaves
	// some written; saving the same units again completes the import.
	SaveUnits(ctx context.Context, units []*Unit) error

	// CreateQuestionnaire saves a new version, assigning its ID and Version. EINVALID; ENOTFOUND
	// when Base names no version.
	CreateQuestionnaire(ctx context.Context, q *Questionnaire) error
	// EnsureQuestionnaire saves q as the first version, v1, when the store holds no version, and
	// returns the first version: of several instances starting at once on an empty store, one
	// saves it. EINVALID.
	EnsureQuestionnaire(ctx context.Context, q *Questionnaire) (*Questionnaire, error)
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

	// RecordCaseEvents records replies to complaints and their publication, reclassifications and
	// suggestions or praise marked read: the events go to the tally log without their text, a
	// reply's text to the case's words. ENOTFOUND for an unknown case; EINVALID or ECONFLICT when
	// an event does not fit its case.
	RecordCaseEvents(ctx context.Context, campaign string, events []CaseEvent) error
	// Case returns the summary of the case with the internal ID, and its campaign. ENOTFOUND.
	Case(ctx context.Context, id string) (*Case, string, error)
	// FindCase returns the summary of the case with a resident's tracking code, and its campaign.
	// ENOTFOUND for a code not issued.
	FindCase(ctx context.Context, code string) (*Case, string, error)
	// CaseText returns the words of the case with the ID: the resident's text and the reply in
	// force. ENOTFOUND; empty text once the retention policy deleted it.
	CaseText(ctx context.Context, id string) (*CaseText, error)
	// CaseWords returns what residents wrote in the cases with the IDs, by ID, in one read: a
	// list or a search over many cases reads them in batches. An ID whose words are gone is
	// absent. EINVALID for more than MaxCaseWords IDs.
	CaseWords(ctx context.Context, ids []string) (map[string]string, error)

	// SaveUpload keeps a file until it expires, assigning its ID, and forgets the files that had
	// expired when it was created. EINVALID, ETOOLARGE.
	SaveUpload(ctx context.Context, u *Upload) error
	// Upload returns a kept file that has not expired at now. ENOTFOUND.
	Upload(ctx context.Context, id string, now time.Time) (*Upload, error)
	// DeleteUpload forgets a kept file; one already gone is no error.
	DeleteUpload(ctx context.Context, id string) error

	// Ping reports whether the database answers. EUNAVAILABLE.
	Ping(ctx context.Context) error

	PlanStore
	IssuedStore
	Outbox
}
