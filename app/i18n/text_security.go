package i18n

import "github.com/skm-engine/skm/survey"

// securityText is the wording of the engine's defences: requests refused for their size, their
// pace or their form.
var securityText = map[string]survey.Text{
	"error.request.encoding": {ID: "Kirim isian tanpa kompresi (tanpa Content-Encoding): server ini tidak menerima isian yang dikompresi.", EN: "Send the body uncompressed (without Content-Encoding): this server does not accept compressed bodies."},
	"error.request.timeout":  {ID: "Permintaan terlalu lama dikirim.", EN: "The request took too long to arrive."},
	"error.request.header":   {ID: "Kepala permintaan terlalu besar.", EN: "The request's headers are too large."},
	"error.408":              {ID: "Pengiriman terlalu lama. Periksa sambungan Anda lalu coba lagi.", EN: "Sending took too long. Check your connection and try again."},
	"error.431":              {ID: "Permintaan membawa terlalu banyak data kuki atau kepala. Hapus kuki situs ini lalu coba lagi.", EN: "The request carries too many cookies or headers. Clear this site's cookies and try again."},
	"err.paper.ratio":        {ID: "Bagian %s dari buku kerja memuai lebih dari %d kali ukurannya, jauh melebihi lembar jawaban kuesioner. Simpan ulang lembarnya, atau kirim sebagai CSV.", EN: "The part %s of the workbook unpacks to more than %d times its size, far beyond a sheet of questionnaire answers. Save the sheet again, or send it as CSV."},
	"err.paper.unpacked":     {ID: "Buku kerja memuai melebihi %d MB, lebih besar daripada lembar jawaban kuesioner mana pun. Kirim lembar jawabannya saja, atau sebagai CSV.", EN: "The workbook unpacks to more than %d MB, more than any sheet of questionnaire answers. Send only the answers' sheet, or send it as CSV."},
}
