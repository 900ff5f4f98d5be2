package survey

// Languages the engine speaks; Indonesian is the default everywhere.
const (
	LangID = "id"
	LangEN = "en"
)

// Text is a piece of wording in Indonesian and English.
type Text struct {
	ID string `json:"id" bson:"id"`
	EN string `json:"en" bson:"en"`
}

// In returns the wording in lang, falling back to Indonesian when there is no English.
func (t Text) In(lang string) string {
	if lang == LangEN && t.EN != "" {
		return t.EN
	}
	return t.ID
}
