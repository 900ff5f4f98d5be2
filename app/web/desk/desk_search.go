package desk

import (
	"context"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// search keeps the cases whose words contain the text, ignoring case, and returns the beginning
// of each one's words. The tallies hold no words, so the search reads them by ID, at most
// survey.MaxCaseWords at a time and only for the cases the filters kept: what it reads grows
// with the cases of the campaigns still worked on, never with the store, and it holds no more
// than one batch of words at once.
func (h *handler) search(ctx context.Context, items []deskItem, text string) ([]deskItem, map[string]string, error) {
	needle := strings.ToLower(text)
	var found []deskItem
	excerpts := map[string]string{}
	ids := make([]string, 0, survey.MaxCaseWords)
	for start := 0; start < len(items); start += survey.MaxCaseWords {
		batch := items[start:min(start+survey.MaxCaseWords, len(items))]
		ids = ids[:0]
		for _, it := range batch {
			ids = append(ids, it.c.ID)
		}
		words, err := h.Store.CaseWords(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		for _, it := range batch {
			if w, ok := words[it.c.ID]; ok && strings.Contains(strings.ToLower(w), needle) {
				found = append(found, it)
				excerpts[it.c.ID] = excerpt(w)
			}
		}
	}
	return found, excerpts, nil
}
