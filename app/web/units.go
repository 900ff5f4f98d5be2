package web

import (
	"context"

	"github.com/skm-engine/skm/survey"
)

// UnitNames returns the name of every unit by slug, in the language.
func (s *Server) UnitNames(ctx context.Context, lang string) (map[string]string, error) {
	units, err := s.Store.Units(ctx, survey.UnitFilter{})
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(units))
	for _, u := range units {
		names[u.Slug] = u.Name.In(lang)
	}
	return names, nil
}
