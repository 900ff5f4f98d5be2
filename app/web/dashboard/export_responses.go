package dashboard

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/skm-engine/skm/app/i18n"
	"github.com/skm-engine/skm/app/web"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// handleExportUnitResponses serves GET /ekspor/:key/unit/:unit/responses.:ext: every response of
// the unit in the campaign, with its free text.
func (h *handler) handleExportUnitResponses(c *fiber.Ctx) error {
	return h.exportResponses(c, c.Params("unit"))
}

// handleExportResponses serves GET /ekspor/:key/responses.:ext: every response of the campaign.
func (h *handler) handleExportResponses(c *fiber.Ctx) error {
	return h.exportResponses(c, "")
}

// exportResponses streams a campaign's responses (of one unit, or all when unit is "") into a
// download: one row per response, each answer as its score and as its wording in the campaign's
// questionnaire version.
func (h *handler) exportResponses(c *fiber.Ctx, unit string) error {
	ctx := c.UserContext()
	ext := c.Params("ext")
	if _, ok := exportTypes[ext]; !ok {
		return survey.Errorf(survey.EINVALID, "err.export.format", ext)
	}
	camp, err := h.Store.Campaign(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	name := "skm-" + camp.Key + "-responses"
	target := camp.Key + "/responses"
	if unit != "" {
		if _, ok := camp.Unit(unit); !ok {
			return survey.Errorf(survey.ENOTFOUND, "err.unit.notincampaign", unit, camp.Key)
		}
		name = "skm-" + camp.Key + "-" + unit + "-responses"
		target = camp.Key + "/" + unit + "/responses"
	}
	lang, loc := web.Language(c), h.Region(c).Location()
	return h.sendExport(c, name, ext, target, func(rw rowWriter) (int, error) {
		return h.writeResponses(ctx, rw, lang, loc, camp, unit)
	})
}

// writeResponses writes the header and then each response as the store streams it, and returns
// the number of responses written.
func (h *handler) writeResponses(ctx context.Context, rw rowWriter, lang string, loc *time.Location, camp *survey.Campaign, unit string) (int, error) {
	t := i18n.For(lang, nil).T
	header := []exportCell{textCell(t("export.key")), textCell(t("export.campaign")), textCell(t("export.unit")), textCell(t("export.service")),
		textCell(t("export.questionnaire")), textCell(t("export.kind")), textCell(t("export.submitted")), textCell(t("export.day")),
		textCell(t("export.channel")), textCell(t("export.gender")), textCell(t("export.age")), textCell(t("export.education")),
		textCell(t("export.occupation"))}
	for _, code := range survey.ElementCodes {
		header = append(header, textCell(code))
	}
	for _, code := range survey.ElementCodes {
		header = append(header, textCell(strings.Replace(t("export.words"), "%s", code, 1)))
	}
	header = append(header, textCell(t("export.flags")), textCell(t("export.suggestion")), textCell(t("export.msg")))
	if err := rw.Row(header); err != nil {
		return 0, err
	}
	versions := map[string]*survey.Questionnaire{}
	row := make([]exportCell, 0, len(header))
	n := 0
	err := h.Store.EachResponse(ctx, camp.Key, unit, func(r *survey.Response) error {
		q, ok := versions[r.Questionnaire]
		if !ok {
			var err error
			if q, err = h.Store.Questionnaire(ctx, r.Questionnaire); err != nil && survey.ErrorCode(err) != survey.ENOTFOUND {
				return err
			}
			versions[r.Questionnaire] = q
		}
		kind := t("export.kind.survey")
		if r.Kind == survey.SourceComplaint {
			kind = t("export.kind.complain")
		}
		row = append(row[:0], textCell(r.Key), textCell(r.Campaign), textCell(r.Unit), textCell(r.Service), textCell(r.Questionnaire),
			textCell(kind), textCell(r.SubmittedAt.In(loc).Format(time.RFC3339)), textCell(r.Day), textCell(r.Channel),
			textCell(r.Profile.Gender), ageCell(r.Profile.Age), textCell(r.Profile.Education), textCell(r.Profile.Occupation))
		for _, v := range r.Answers {
			if v == 0 {
				row = append(row, textCell(""))
			} else {
				row = append(row, numberCell(float64(v)))
			}
		}
		for i, v := range r.Answers {
			row = append(row, textCell(answerWord(q, survey.ElementCodes[i], v, lang)))
		}
		message := ""
		if r.Suggestion != "" {
			message = t(messageKeys[r.MessageKind()])
		}
		row = append(row, textCell(strings.Join(r.Flags, " ")), textCell(r.Suggestion), textCell(message))
		n++
		return rw.Row(row)
	})
	return n, err
}

// messageKeys name what a response's message is, as the resident sent it.
var messageKeys = map[string]string{
	survey.KindComplaint:  "export.msg.complaint",
	survey.KindSuggestion: "export.msg.suggestion",
	survey.KindPraise:     "export.msg.praise",
}

func ageCell(age int) exportCell {
	if age == 0 {
		return textCell("")
	}
	return numberCell(float64(age))
}

// answerWord returns the wording of an answer in the questionnaire version, falling back to the
// regulation's sample questionnaire when the version is gone; "" for a blank answer.
func answerWord(q *survey.Questionnaire, code string, v int8, lang string) string {
	if v < 1 || v > 4 {
		return ""
	}
	if q != nil {
		if qu, ok := q.Question(code); ok {
			return qu.Answers[v-1].In(lang)
		}
	}
	for _, qu := range survey.StandardQuestions {
		if qu.Element == code {
			return qu.Answers[v-1].In(lang)
		}
	}
	return strconv.Itoa(int(v))
}
