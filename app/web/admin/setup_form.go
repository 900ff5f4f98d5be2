package admin

import (
	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/survey"
)

// problem is what is wrong with one field of a form, in the page's language, with the individual
// problems (such as bad lines of a list) when there are several.
type problem struct {
	Message string
	Details []string
}

// problems holds a form's problems by the id of the control to fix; a page shows each next to
// its control and lists them all above the form.
type problems struct {
	p     i18n.Printer
	order []string
	by    map[string]problem
}

func newProblems(p i18n.Printer) *problems { return &problems{p: p, by: map[string]problem{}} }

// add records err against the field, unless nil or the field already has a problem.
func (ps *problems) add(field string, err error) {
	if err == nil {
		return
	}
	if _, seen := ps.by[field]; seen {
		return
	}
	ps.order = append(ps.order, field)
	ps.by[field] = problem{Message: ps.p.Error(err), Details: ps.p.Details(err)}
}

// say records the catalogue's message with the key against the field.
func (ps *problems) say(field, key string, args ...any) {
	ps.add(field, survey.Errorf(survey.EINVALID, key, args...))
}

// Any reports whether the form has a problem.
func (ps *problems) Any() bool { return len(ps.order) > 0 }

// Of returns the problem of a field, nil when it has none; a template shows it next to the field.
func (ps *problems) Of(field string) *problem {
	if p, ok := ps.by[field]; ok {
		return &p
	}
	return nil
}

// fieldProblem is one line of the list above a form: the control to go to and what is wrong.
type fieldProblem struct {
	Field   string
	Message string
}

// List returns every problem in the order found.
func (ps *problems) List() []fieldProblem {
	out := make([]fieldProblem, 0, len(ps.order))
	for _, f := range ps.order {
		out = append(out, fieldProblem{Field: f, Message: ps.by[f].Message})
	}
	return out
}
