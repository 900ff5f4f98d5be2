package reports

import (
	"strconv"
	"strings"

	"github.com/skm-engine/skm/analytics"
	"github.com/skm-engine/skm/survey"
)

// webText is the wording of the browser charts and their tables.
var webText = map[string]survey.Text{
	"elements.title":     {ID: "Nilai per unsur", EN: "Score per element"},
	"elements.subtitle":  {ID: "Pita latar: rentang mutu A–D. Garis putus: IKM unit", EN: "Background bands: the grades A–D. Dashed line: the unit's score"},
	"axis.element":       {ID: "Unsur pelayanan", EN: "Service element"},
	"axis.score":         {ID: "Nilai (skala 25–100)", EN: "Score (25–100 scale)"},
	"axis.share":         {ID: "Porsi jawaban (%)", EN: "Share of answers (%)"},
	"axis.respondents":   {ID: "Responden (orang)", EN: "Respondents (people)"},
	"axis.units":         {ID: "Jumlah unit", EN: "Number of units"},
	"axis.grade":         {ID: "Mutu pelayanan", EN: "Service grade"},
	"axis.semester":      {ID: "Semester", EN: "Semester"},
	"axis.day":           {ID: "Tanggal", EN: "Date"},
	"axis.unit":          {ID: "Unit layanan", EN: "Service unit"},
	"col.code":           {ID: "Kode", EN: "Code"},
	"col.element":        {ID: "Unsur", EN: "Element"},
	"col.answered":       {ID: "Jawaban", EN: "Answers"},
	"col.nrr":            {ID: "NRR (1–4)", EN: "Mean (1–4)"},
	"col.weighted":       {ID: "NRR tertimbang", EN: "Weighted mean"},
	"col.score":          {ID: "Nilai", EN: "Score"},
	"col.grade":          {ID: "Mutu", EN: "Grade"},
	"col.performance":    {ID: "Kinerja", EN: "Performance"},
	"col.range":          {ID: "Rentang nilai", EN: "Score range"},
	"col.units":          {ID: "Unit", EN: "Units"},
	"col.unit":           {ID: "Unit", EN: "Unit"},
	"col.region":         {ID: "Rata-rata wilayah", EN: "Region average"},
	"col.difference":     {ID: "Selisih", EN: "Difference"},
	"col.semester":       {ID: "Semester", EN: "Semester"},
	"col.respondents":    {ID: "Responden", EN: "Respondents"},
	"col.target":         {ID: "Target sampel", EN: "Sample target"},
	"col.interval":       {ID: "Interval 95%", EN: "95% interval"},
	"col.rank":           {ID: "Peringkat", EN: "Rank"},
	"col.day":            {ID: "Tanggal", EN: "Date"},
	"col.category":       {ID: "Kategori", EN: "Category"},
	"col.share":          {ID: "Porsi", EN: "Share"},
	"col.total":          {ID: "Jumlah", EN: "Total"},
	"row.ikm":            {ID: "IKM", EN: "Index"},
	"row.total":          {ID: "Jumlah", EN: "Total"},
	"dist.title":         {ID: "Sebaran jawaban per unsur", EN: "Answers per element"},
	"dist.subtitle":      {ID: "Skor 1 (terendah) sampai 4 (tertinggi); arahkan ke batang untuk kata jawabannya", EN: "Score 1 (lowest) to 4 (highest); point at a bar for its answer wording"},
	"dist.score":         {ID: "Skor %d", EN: "Score %d"},
	"dist.of":            {ID: "%s dari %s jawaban (%s)", EN: "%s of %s answers (%s)"},
	"radar.title":        {ID: "Unit dibanding rata-rata wilayah", EN: "Unit against the region's average"},
	"radar.subtitle":     {ID: "Nilai per unsur, skala 25–100", EN: "Score per element, 25–100 scale"},
	"trend.title":        {ID: "Tren IKM dan unsur per semester", EN: "Score and elements by semester"},
	"trend.subtitle":     {ID: "Garis tebal: IKM; klik legenda untuk menyembunyikan garis", EN: "Thick line: the index; click the legend to hide a line"},
	"daily.title":        {ID: "Responden per hari", EN: "Responses per day"},
	"daily.subtitle":     {ID: "Tanggal pengisian di zona waktu wilayah", EN: "Day of answering, in the region's time zone"},
	"profile.gender":     {ID: "Jenis kelamin", EN: "Gender"},
	"profile.age":        {ID: "Kelompok umur", EN: "Age band"},
	"profile.education":  {ID: "Pendidikan", EN: "Education"},
	"profile.occupation": {ID: "Pekerjaan", EN: "Occupation"},
	"profile.channel":    {ID: "Cara mengisi", EN: "Channel"},
	"profile.suppressed": {ID: "<5: disembunyikan agar responden tidak dikenali", EN: "<5: hidden so that no respondent can be identified"},
	"ranking.title":      {ID: "Peringkat unit menurut IKM", EN: "Units ranked by score"},
	"ranking.subtitle":   {ID: "Warna dan huruf: mutu pelayanan", EN: "Colour and letter: service grade"},
	"heat.title":         {ID: "Nilai unsur per unit", EN: "Element scores per unit"},
	"heat.subtitle":      {ID: "Warna: mutu unsur (A–D)", EN: "Colour: the element's grade (A–D)"},
	"grades.title":       {ID: "Jumlah unit per mutu", EN: "Units per grade"},
	"grades.subtitle":    {ID: "Unit yang sudah memiliki nilai", EN: "Units with a score"},
	"tip.answers":        {ID: "%s jawaban", EN: "%s answers"},
	"tip.respondents":    {ID: "%s responden", EN: "%s respondents"},
	"tip.target":         {ID: "%s responden (target %s)", EN: "%s respondents (target %s)"},
	"tip.units":          {ID: "%s unit", EN: "%s units"},
	"no.score":           {ID: "belum ada nilai", EN: "no score yet"},
	"gender.L":           {ID: "Laki-laki", EN: "Male"},
	"gender.P":           {ID: "Perempuan", EN: "Female"},
	"channel.web":        {ID: "Daring (web)", EN: "Online (web)"},
	"channel.kiosk":      {ID: "Kios di unit", EN: "Kiosk at the unit"},
	"channel.paper":      {ID: "Kertas", EN: "Paper"},
	"category.other":     {ID: "Lainnya", EN: "Other"},
	"category.unstated":  {ID: "Tidak diisi", EN: "Not stated"},
}

// text returns the chart wording with the key in the builder's language.
func (w WebCharts) text(key string) string {
	t, ok := webText[key]
	if !ok {
		return key
	}
	return t.In(w.Lang)
}

// Decimal formats v with the given places, with a decimal comma in Indonesian.
func (w WebCharts) Decimal(v float64, places int) string {
	s := strconv.FormatFloat(v, 'f', places, 64)
	if w.Lang == survey.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// Count formats a whole number with thousands separators: 12.345 in Indonesian, 12,345 in English.
func (w WebCharts) Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := "."
	if w.Lang == survey.LangEN {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Percent formats a percentage with one decimal.
func (w WebCharts) Percent(v float64) string { return w.Decimal(v, 1) + "%" }

// Score formats a published score, or a dash when there is none.
func (w WebCharts) Score(r analytics.Result) string {
	if r.Empty {
		return "–"
	}
	return w.Decimal(r.Score, 2)
}

// Performance returns the regulation's wording of a grade in the builder's language.
func (w WebCharts) Performance(g analytics.Grade) string {
	if w.Lang == survey.LangEN {
		return g.PerformanceEN()
	}
	return g.Performance()
}

// Interval formats a 95% interval as "79,10–84,20", or a dash when it could not be estimated.
func (w WebCharts) Interval(iv analytics.Interval) string {
	if iv.Method == analytics.MethodNone && iv.High == 0 {
		return "–"
	}
	return w.Decimal(iv.Low, 2) + "–" + w.Decimal(iv.High, 2)
}

// elementName returns an element's name in the builder's language.
func (w WebCharts) elementName(code string) string { return survey.ElementName(code).In(w.Lang) }

// tip joins tooltip lines. Tooltips are drawn as ECharts rich text, where braces start a style
// name, so braces in names are replaced.
func webTip(lines ...string) string {
	s := strings.Join(lines, "\n")
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}
