package i18n

import "github.com/skm-engine/skm/survey"

// apiText is the wording of the JSON API's own errors.
var apiText = map[string]survey.Text{
	"err.import.partial": {ID: "%s %d dari %d baris pertama sudah tersimpan; impor berkas yang sama sekali lagi untuk menyimpan sisanya (tidak ada baris yang tersimpan dua kali).", EN: "%s The first %d of %d rows were stored; import the same file again to store the rest (no row is stored twice)."},
	"err.json.type":      {ID: "Isian %s harus berupa %s, bukan %s.", EN: "Field %s must be %s, not %s."},
	"err.api.transition": {ID: "Isian to harus open, closed, atau archived.", EN: "Field to must be open, closed or archived."},
	"err.json.syntax":    {ID: "JSON rusak pada bita ke-%d: %s.", EN: "Malformed JSON at byte %d: %s."},
	"err.api.limit":      {ID: "Parameter limit harus angka 1 sampai 500.", EN: "Query limit must be a number from 1 to 500."},
	"err.api.answers":    {ID: "Pertanyaan %d memiliki %d jawaban; setiap pertanyaan memiliki tepat 4 jawaban dengan skor 1 sampai 4.", EN: "Question %d offers %d answers; each question offers exactly 4, scored 1 to 4."},
	"err.import.nofile":  {ID: "Kirim berkas CSV atau XLSX sebagai isi permintaan atau sebagai isian formulir \"file\".", EN: "Send a CSV or XLSX file as the body or as the form field \"file\"."},
	"err.json.read":      {ID: "Isi JSON tidak dapat dibaca: %s.", EN: "The JSON body cannot be read: %s."},
	"err.json.short":     {ID: "Isi JSON berakhir terlalu cepat.", EN: "The JSON body ends too early."},
	"err.json.many":      {ID: "Isi JSON memuat lebih dari satu nilai.", EN: "The JSON body holds more than one value."},
	"err.json.empty":     {ID: "Isi JSON kosong.", EN: "The JSON body is empty."},
	"err.json.field":     {ID: "Isian %s tidak dikenal.", EN: "Unknown field %s."},
	"err.import.row":     {ID: "baris %d: %s", EN: "row %d: %s"},
}
