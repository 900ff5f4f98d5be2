package survey

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Question asks about one element; its four answers score 1 to 4 in order.
type Question struct {
	Element string  `json:"element"`
	Text    Text    `json:"text"`
	Answers [4]Text `json:"answers"`
}

// Questionnaire is one immutable-once-used version of the survey's wording. The element codes,
// the 1–4 scale and the computation are fixed by the regulation; only the wording and the order of
// the questions may change from version to version.
type Questionnaire struct {
	ID        string     `json:"id"`
	Version   int        `json:"version"`
	Title     Text       `json:"title"`
	Questions []Question `json:"questions"`
	// Omit lists the profile questions (ProfileQuestions) this version does not ask; it asks
	// every other one.
	Omit []string `json:"omit,omitempty"`
	// Base is the version this one was edited from, if any.
	Base string `json:"base,omitempty"`
	// Locked is set when a campaign pins the version; a locked version never changes again.
	Locked    bool      `json:"locked"`
	CreatedAt time.Time `json:"createdAt"`
}

// StandardQuestionnaire returns the PermenPANRB 14/2017 template with its Indonesian and English
// wording, not yet saved.
func StandardQuestionnaire() *Questionnaire {
	return &Questionnaire{
		Title:     Text{"Survei Kepuasan Masyarakat", "Public Satisfaction Survey"},
		Questions: append([]Question(nil), StandardQuestions...),
	}
}

const maxWording = 500

// Validate reports whether the questionnaire asks each of the nine elements exactly once with
// non-empty wording.
func (q *Questionnaire) Validate() error {
	if strings.TrimSpace(q.Title.ID) == "" {
		return Errorf(EINVALID, "err.questionnaire.title")
	}
	if len(q.Questions) != len(ElementCodes) {
		return Errorf(EINVALID, "err.questionnaire.count", len(ElementCodes), len(q.Questions))
	}
	seen := map[string]bool{}
	for i, qu := range q.Questions {
		where := Msg("questionnaire.question", i+1)
		if _, ok := ElementIndex(qu.Element); !ok {
			return Errorf(EINVALID, "err.questionnaire.element", where, qu.Element)
		}
		if seen[qu.Element] {
			return Errorf(EINVALID, "err.questionnaire.twice", where, qu.Element)
		}
		seen[qu.Element] = true
		if err := validWording(where, qu.Text); err != nil {
			return err
		}
		for j, a := range qu.Answers {
			if err := validWording(Msg("questionnaire.answer", i+1, j+1), a); err != nil {
				return err
			}
		}
	}
	omitted := map[string]bool{}
	for _, o := range q.Omit {
		if !oneOf(o, ProfileQuestions) || omitted[o] {
			return Errorf(EINVALID, "err.questionnaire.omit", o)
		}
		omitted[o] = true
	}
	return nil
}

// The profile questions a questionnaire may ask before the nine elements; each is optional for
// the resident, and a version may leave any of them out.
const (
	AskService    = "service"
	AskGender     = "gender"
	AskAge        = "age"
	AskEducation  = "education"
	AskOccupation = "occupation"
)

// ProfileQuestions lists the profile questions in the order the form asks them.
var ProfileQuestions = []string{AskService, AskGender, AskAge, AskEducation, AskOccupation}

// Asks reports whether the version asks the profile question.
func (q *Questionnaire) Asks(question string) bool { return !oneOf(question, q.Omit) }

func validWording(where Message, t Text) error {
	switch ErrorMessage(CheckWording(t)).Key {
	case "err.wording.required":
		return Errorf(EINVALID, "err.questionnaire.wording", where)
	case "err.wording.length":
		return Errorf(EINVALID, "err.questionnaire.length", where, maxWording)
	}
	return nil
}

// CheckWording reports whether t can word a title, a question or an answer: the Indonesian
// wording is required, and neither language may be longer than the limit. EINVALID.
func CheckWording(t Text) error {
	if strings.TrimSpace(t.ID) == "" {
		return Errorf(EINVALID, "err.wording.required")
	}
	if utf8.RuneCountInString(t.ID) > maxWording || utf8.RuneCountInString(t.EN) > maxWording {
		return Errorf(EINVALID, "err.wording.length", maxWording)
	}
	return nil
}

// Question returns the question asking about the element code.
func (q *Questionnaire) Question(element string) (Question, bool) {
	for _, qu := range q.Questions {
		if qu.Element == element {
			return qu, true
		}
	}
	return Question{}, false
}

// VersionID returns the ID of questionnaire version n, such as "v3".
func VersionID(n int) string { return "v" + strconv.Itoa(n) }

// QuestionnaireUpdate is an edit of a version's wording and of the profile questions it asks.
type QuestionnaireUpdate struct {
	Title     *Text      `json:"title"`
	Questions []Question `json:"questions"`
	Omit      *[]string  `json:"omit"`
}

// WordingPair is one piece of two versions' wording side by side: the title (Element ""), or an
// element's question (Part 0) or one of its answers (Part 1–4, by score).
type WordingPair struct {
	Element string
	Part    int
	A, B    Text
}

// Changed reports whether the two versions word the piece differently.
func (p WordingPair) Changed() bool { return p.A != p.B }

// CompareWording lines up the wording of versions a and b: the title, then each element's
// question and answers in the order b asks them. Element codes never change between versions, so
// each element is compared with itself whatever its position.
func CompareWording(a, b *Questionnaire) []WordingPair {
	pairs := []WordingPair{{A: a.Title, B: b.Title}}
	for _, qb := range b.Questions {
		qa, _ := a.Question(qb.Element)
		pairs = append(pairs, WordingPair{Element: qb.Element, A: qa.Text, B: qb.Text})
		for i := range qb.Answers {
			pairs = append(pairs, WordingPair{Element: qb.Element, Part: i + 1, A: qa.Answers[i], B: qb.Answers[i]})
		}
	}
	return pairs
}
