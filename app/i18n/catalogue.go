// Package i18n is the engine's one text catalogue: every word a person reads (pages, charts, PDF
// documents, emails, validation errors), in Indonesian and English side by side, and the one way
// numbers, dates and times are written in each.
//
// Code names wording by key; a Printer says it in one language and time zone. The catalogue is
// split into files by topic (text_*.go), each a map merged below; a test fails when code or a
// template uses a key the catalogue lacks, and when the catalogue holds a key nothing uses.
package i18n

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/skm-engine/skm/survey"
)

// The languages the engine speaks; Indonesian is the default everywhere.
const (
	ID = survey.LangID
	EN = survey.LangEN
)

// Langs lists the languages.
var Langs = []string{ID, EN}

// catalogue holds every entry by key. The topics are listed explicitly so that a new file of
// wording is one line here, and merge refuses a key defined twice.
var catalogue = merge(
	commonText,
	apiText,
	glossaryText,
	mailText,
	accountText,
	adminText,
	casesText,
	residentText,
	dashboardText,
	plansText,
	resultsText,
	documentsText,
	surveyText,
	reportsText,
	securityText,
	adminCampaignsText,
	adminSetupText,
)

func merge(topics ...map[string]survey.Text) map[string]survey.Text {
	all := map[string]survey.Text{}
	for _, topic := range topics {
		for k, v := range topic {
			if _, dup := all[k]; dup {
				panic("i18n: key " + k + " defined twice")
			}
			all[k] = v
		}
	}
	return all
}

// Has reports whether the catalogue holds the key.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// Keys returns every key of the catalogue.
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	return keys
}

// Lookup returns the wording of the key in both languages.
func Lookup(key string) (survey.Text, bool) {
	t, ok := catalogue[key]
	return t, ok
}

var missingOnce sync.Map

// wording returns the key's wording in lang. A key the catalogue lacks is a programming error
// that the catalogue test catches; should one slip through, it is logged once and the key itself
// is shown.
func wording(lang, key string) (string, bool) {
	if t, ok := catalogue[key]; ok {
		if lang == EN {
			return t.EN, true
		}
		return t.ID, true
	}
	if _, seen := missingOnce.LoadOrStore(key, true); !seen {
		slog.Error("text catalogue has no such key", "key", key)
	}
	return key, false
}

// Missing returns the keys looked up since the process started that the catalogue lacks: the
// tests fail when any page, chart or document asked for one.
func Missing() []string {
	var keys []string
	missingOnce.Range(func(k, _ any) bool {
		keys = append(keys, k.(string))
		return true
	})
	return keys
}

// Printer says the catalogue's wording, numbers, dates and times in one language and time zone.
// The zero Printer speaks Indonesian in UTC.
type Printer struct {
	lang string
	loc  *time.Location
}

// For returns the printer of a language (Indonesian unless lang is EN) and time zone (UTC when
// nil): pages use the visitor's language and the region's zone.
func For(lang string, loc *time.Location) Printer {
	if lang != EN {
		lang = ID
	}
	return Printer{lang: lang, loc: loc}
}

// Lang returns the printer's language.
func (p Printer) Lang() string {
	if p.lang == "" {
		return ID
	}
	return p.lang
}

// Location returns the printer's time zone.
func (p Printer) Location() *time.Location {
	if p.loc == nil {
		return time.UTC
	}
	return p.loc
}

// T returns the wording of the key, formatted with the arguments as fmt.Sprintf does. Arguments
// that are messages are said in the printer's language first.
func (p Printer) T(key string, args ...any) string {
	w, _ := wording(p.Lang(), key)
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, p.args(args)...)
}

// In returns a piece of data's own wording in the printer's language, such as a unit's name.
func (p Printer) In(t survey.Text) string { return t.In(p.Lang()) }

// Message says a domain message.
func (p Printer) Message(m survey.Message) string { return p.T(m.Key, m.Args...) }

// Error says what went wrong, for the person who asked: a domain error's message, or the
// catalogue's word for an internal fault, which reveals nothing of it.
func (p Printer) Error(err error) string { return p.Message(survey.ErrorMessage(err)) }

// Details says each detail of a domain error, such as every bad cell of a file.
func (p Printer) Details(err error) []string {
	ds := survey.ErrorDetails(err)
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = p.Message(d)
	}
	return out
}

func (p Printer) args(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case survey.Message:
			out[i] = p.Message(v)
		case *survey.Error:
			out[i] = p.Message(v.Message)
		default:
			var e *survey.Error
			if err, ok := a.(error); ok && errors.As(err, &e) {
				out[i] = p.Message(e.Message)
			} else {
				out[i] = a
			}
		}
	}
	return out
}
