package paper_test

import (
	"fmt"

	"github.com/skm-engine/skm/survey"
)

// said returns an error's message as the English text its key still is.
func said(err error) string {
	m := survey.ErrorMessage(err)
	return fmt.Sprintf(m.Key, m.Args...)
}

// saidDetails returns an error's details as English text.
func saidDetails(err error) []string {
	var out []string
	for _, d := range survey.ErrorDetails(err) {
		out = append(out, fmt.Sprintf(d.Key, d.Args...))
	}
	return out
}
