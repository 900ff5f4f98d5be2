package i18n

import "github.com/skm-engine/skm/survey"

// mailText is the wording of the emails the engine sends about complaints.
var mailText = map[string]survey.Text{
	"mail.new.subject": {ID: "[SKM] Pengaduan baru %s untuk %s, jawab sebelum %s", EN: "[SKM] New complaint %s (%s), answer by %s"},
	"mail.new.lead": {ID: "Ada pengaduan baru dari warga untuk unit Anda. Jawablah sebelum batas waktu; jawaban terlihat oleh warga setelah diterbitkan.",
		EN: "A resident sent your unit a new complaint. Answer it before the deadline; the resident sees the answer once it is published."},
	"mail.overdue.subject": {ID: "[SKM] Eskalasi: pengaduan %s untuk %s belum dijawab (batas %s)", EN: "[SKM] Escalation: complaint %s (%s) is unanswered past its deadline, %s"},
	"mail.overdue.lead": {ID: "Pengaduan ini belum dijawab sampai batas waktunya lewat, dan telah diteruskan kepada administrator daerah.",
		EN: "This complaint was not answered by its deadline and has been passed on to the region's administrators."},
	"mail.body": {ID: "%s\n\nUnit: %s\nReferensi: %s\nDiterima: %s\nBatas jawab: %s\n\nBaca dan jawab di halamannya (perlu masuk): %s\n\nIsi pengaduan dan kode lacak warga tidak disertakan dalam email ini: hanya unit dan administrator yang membacanya, di aplikasi SKM.\n",
		EN: "%s\n\nUnit: %s\nReference: %s\nReceived: %s\nAnswer by: %s\n\nRead and answer it on its page (sign-in needed): %s\n\nThe complaint itself and the resident's tracking code are not in this email: only the unit and the administrators read it, in the SKM application.\n"},
}
