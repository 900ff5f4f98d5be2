package i18n

import "github.com/skm-engine/skm/survey"

// plansText is the wording of the follow-up plans.
var plansText = map[string]survey.Text{
	"plan.title":               {ID: "Rencana tindak lanjut", EN: "Follow-up plan"},
	"plan.result":              {ID: "Nilai IKM %s: %s (mutu %s)", EN: "Score in %s: %s (grade %s)"},
	"plan.noresult":            {ID: "Belum ada responden pada periode ini.", EN: "No respondents in this period yet."},
	"plan.nopriority":          {ID: "Tidak ada unsur yang %s.", EN: "No element is %s."},
	"plan.items":               {ID: "Rencana setelah %s", EN: "Plan after %s"},
	"plan.items.when":          {ID: "Rencana diisi setelah periode survei ditutup.", EN: "The plan is written once the survey period has closed."},
	"plan.items.none":          {ID: "Belum ada rencana yang dicatat.", EN: "No plan recorded yet."},
	"plan.previous":            {ID: "Tindak lanjut rencana %s", EN: "Follow-up of the plan of %s"},
	"plan.previous.none":       {ID: "Tidak ada rencana periode sebelumnya yang tercatat.", EN: "No plan of an earlier period is recorded."},
	"plan.previous.when":       {ID: "Hasilnya dicatat selama periode ini berjalan.", EN: "Its outcome is recorded while this period runs."},
	"plan.element":             {ID: "Unsur", EN: "Element"},
	"plan.activity":            {ID: "Program/kegiatan", EN: "Programme/activity"},
	"plan.timing":              {ID: "Waktu", EN: "Timing"},
	"plan.responsible":         {ID: "Penanggung jawab", EN: "Responsible official"},
	"plan.status":              {ID: "Hasil", EN: "Outcome"},
	"plan.note":                {ID: "Catatan", EN: "Note"},
	"plan.change":              {ID: "Perubahan nilai unsur", EN: "Element score change"},
	"plan.choose":              {ID: "Pilih…", EN: "Choose…"},
	"plan.save":                {ID: "Simpan rencana", EN: "Save the plan"},
	"plan.saved":               {ID: "Rencana disimpan.", EN: "The plan is saved."},
	"plan.lastedit":            {ID: "Terakhir diubah oleh %s, %s. Jika dua orang menyimpan bersamaan, simpanan terakhir yang berlaku.", EN: "Last changed by %s, %s. When two people save at once, the last save stands."},
	"plan.nothing":             {ID: "Belum ada yang dapat dicatat: rencana diisi setelah periode ditutup, dan hasil rencana sebelumnya selama periode berjalan.", EN: "Nothing can be recorded yet: the plan is written after the period closes, and the previous plan's outcome while the period runs."},
	"plan.outcome.done":        {ID: "Selesai", EN: "Done"},
	"plan.outcome.in_progress": {ID: "Berjalan", EN: "In progress"},
	"plan.outcome.not_done":    {ID: "Belum dilaksanakan", EN: "Not done"},
	"plan.outcome.none":        {ID: "Belum dinilai", EN: "Not reviewed"},
	"plan.change.up":           {ID: "naik", EN: "up"},
	"plan.change.down":         {ID: "turun", EN: "down"},
	"plan.change.same":         {ID: "tetap", EN: "unchanged"},
	"plan.change.significant":  {ID: "bermakna", EN: "significant"},
}
