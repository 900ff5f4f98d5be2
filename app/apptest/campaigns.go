package apptest

import "context"

// AllowUnitHeadsImport lets the region's unit heads import their own unit's paper questionnaires.
func (e *Env) AllowUnitHeadsImport() {
	e.T.Helper()
	ctx := context.Background()
	r, err := e.Store.Region(ctx)
	if err != nil {
		e.T.Fatal(err)
	}
	r.UnitHeadsImport = true
	if err := e.Store.SaveRegion(ctx, r); err != nil {
		e.T.Fatal(err)
	}
}
