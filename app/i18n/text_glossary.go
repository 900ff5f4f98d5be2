package i18n

import "github.com/skm-engine/skm/survey"

// glossaryText is the engine's one vocabulary for what pages, charts, documents and exports all
// name: respondents' categories, campaign and case states, roles, weekdays.
var glossaryText = map[string]survey.Text{
	"category.gender.L":             {ID: "Laki-laki", EN: "Male"},
	"category.gender.P":             {ID: "Perempuan", EN: "Female"},
	"category.education.SD":         {ID: "SD", EN: "Primary school (SD)"},
	"category.education.SMP":        {ID: "SMP", EN: "Junior high school (SMP)"},
	"category.education.SMA":        {ID: "SMA/SMK", EN: "Senior high school (SMA/SMK)"},
	"category.education.D1-D3":      {ID: "Diploma (D1–D3)", EN: "Diploma (D1–D3)"},
	"category.education.S1":         {ID: "Sarjana (S1/D4)", EN: "Bachelor's degree (S1/D4)"},
	"category.education.S2":         {ID: "Magister (S2)", EN: "Master's degree (S2)"},
	"category.education.S3":         {ID: "Doktor (S3)", EN: "Doctorate (S3)"},
	"category.occupation.PNS":       {ID: "PNS/ASN", EN: "Civil servant (PNS/ASN)"},
	"category.occupation.TNI":       {ID: "TNI", EN: "Armed forces (TNI)"},
	"category.occupation.POLRI":     {ID: "POLRI", EN: "Police (POLRI)"},
	"category.occupation.Swasta":    {ID: "Pegawai swasta", EN: "Private employee"},
	"category.occupation.Wirausaha": {ID: "Wirausaha", EN: "Self-employed"},
	"category.occupation.Lainnya":   {ID: "Lainnya", EN: "Other"},
	"category.channel.web":          {ID: "Formulir daring", EN: "Online form"},
	"category.channel.kiosk":        {ID: "Tablet di loket", EN: "Tablet at the counter"},
	"category.channel.paper":        {ID: "Kuesioner kertas", EN: "Paper questionnaire"},
	"category.unstated":             {ID: "Tidak diisi", EN: "Not stated"},
	"state.draft":                   {ID: "draf", EN: "draft"},
	"state.open":                    {ID: "berjalan", EN: "open"},
	"state.closed":                  {ID: "ditutup", EN: "closed"},
	"state.archived":                {ID: "diarsipkan", EN: "archived"},
	"state.other":                   {ID: "%q", EN: "%q"},
	"case.source.survey":            {ID: "Survei", EN: "Survey"},
	"case.source.complaint":         {ID: "Formulir pengaduan", EN: "Complaint form"},
	"case.state.open":               {ID: "Belum dijawab", EN: "Not answered"},
	"case.state.answered":           {ID: "Sudah dijawab", EN: "Answered"},
	"case.state.closed":             {ID: "Selesai", EN: "Closed"},
	"weekday.0":                     {ID: "Minggu", EN: "Sunday"},
	"weekday.1":                     {ID: "Senin", EN: "Monday"},
	"weekday.2":                     {ID: "Selasa", EN: "Tuesday"},
	"weekday.3":                     {ID: "Rabu", EN: "Wednesday"},
	"weekday.4":                     {ID: "Kamis", EN: "Thursday"},
	"weekday.5":                     {ID: "Jumat", EN: "Friday"},
	"weekday.6":                     {ID: "Sabtu", EN: "Saturday"},
	"role.admin":                    {ID: "Administrator", EN: "Administrator"},
	"role.unit_head":                {ID: "Pimpinan unit", EN: "Unit head"},
	"role.viewer":                   {ID: "Peninjau", EN: "Viewer"},

	// The names of ideas every page, chart and document shares.
	"term.flagged":       {ID: "Jawaban ditandai", EN: "Flagged responses"},
	"term.flagged.why":   {ID: "dikirim terlalu cepat setelah formulirnya dibuka, tanpa cap formulirnya, atau dalam lonjakan lebih dari 20 jawaban semenit untuk satu unit; tetap disimpan, tetapi tidak dihitung dalam indeks", EN: "sent too soon after their form was opened, without their form's stamp, or in a burst of more than 20 answers a minute to one unit; kept, but left out of the index"},
	"term.priority":      {ID: "Prioritas", EN: "Priority"},
	"term.priorities":    {ID: "Unsur prioritas", EN: "Priority elements"},
	"term.priority.rule": {ID: "di bawah rata-rata unit atau bermutu C/D", EN: "below the unit's average or graded C/D"},
	"term.channel":       {ID: "Saluran pengisian", EN: "Channel"},

	// A region's name and its government's (Printer.RegionName, Government, RegionHead), each
	// taking the place the name names.
	"region.kabupaten":      {ID: "Kabupaten %s", EN: "%s Regency"},
	"region.kota":           {ID: "Kota %s", EN: "%s City"},
	"region.provinsi":       {ID: "Provinsi %s", EN: "%s Province"},
	"region.government":     {ID: "Pemerintah %s", EN: "%s Government"},
	"region.regional":       {ID: "Pemerintah Daerah", EN: "Regional Government"},
	"region.head":           {ID: "Kepala Daerah", EN: "Head of the Region"},
	"region.head.place":     {ID: "Kepala Daerah %s", EN: "Head of %s"},
	"region.head.kabupaten": {ID: "Bupati %s", EN: "Regent of %s"},
	"region.head.kota":      {ID: "Wali Kota %s", EN: "Mayor of %s"},
	"region.head.provinsi":  {ID: "Gubernur %s", EN: "Governor of %s"},

	"grade.performance.A": {ID: "Sangat Baik", EN: "Very good"},
	"grade.performance.B": {ID: "Baik", EN: "Good"},
	"grade.performance.C": {ID: "Kurang Baik", EN: "Poor"},
	"grade.performance.D": {ID: "Tidak Baik", EN: "Very poor"},
}
