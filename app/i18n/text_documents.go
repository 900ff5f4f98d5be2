package i18n

import "github.com/skm-engine/skm/survey"

// documentsText is the wording of report downloads and the verification page.
var documentsText = map[string]survey.Text{
	"verify.title":        {ID: "Verifikasi dokumen", EN: "Verify a document"},
	"verify.intro":        {ID: "Periksa apakah laporan atau poster Survei Kepuasan Masyarakat asli dan tidak diubah: unggah berkas PDF-nya, atau cari nomornya.", EN: "Check whether a Public Satisfaction Survey report or poster is genuine and unchanged: upload its PDF file, or look up its number."},
	"verify.number":       {ID: "Nomor dokumen", EN: "Document number"},
	"verify.lookup":       {ID: "Cari nomor", EN: "Look up"},
	"verify.file":         {ID: "Berkas PDF", EN: "PDF file"},
	"verify.upload":       {ID: "Periksa berkas", EN: "Check the file"},
	"verify.upload.hint":  {ID: "Berkas hanya dihitung sidik jarinya (SHA-256) dan tidak disimpan.", EN: "Only the file's fingerprint (SHA-256) is computed; the file is not kept."},
	"verify.genuine":      {ID: "Asli: berkas ini diterbitkan oleh sistem ini dan tidak diubah sedikit pun.", EN: "Genuine: this file was issued by this system and has not been changed in any way."},
	"verify.altered":      {ID: "Tidak cocok: nomor ini terdaftar, tetapi berkas yang diunggah berbeda dari berkas yang diterbitkan. Berkas ini telah diubah atau bukan dokumen bernomor tersebut.", EN: "No match: this number is registered, but the uploaded file differs from the file issued. It has been changed, or it is not the document with that number."},
	"verify.unknown":      {ID: "Tidak dikenal: berkas ini tidak cocok dengan dokumen mana pun yang diterbitkan sistem ini. Berkas ini telah diubah (satu bita pun) atau tidak diterbitkan di sini.", EN: "Unknown: this file matches no document issued by this system. It has been changed (even by one byte) or was not issued here."},
	"verify.other":        {ID: "Asli, tetapi dengan nomor lain dari yang dicari.", EN: "Genuine, but under another number than the one looked up."},
	"verify.registered":   {ID: "Nomor ini terdaftar. Untuk memastikan salinan Anda tidak diubah, unggah berkasnya di bawah.", EN: "This number is registered. To make sure your copy is unchanged, upload its file below."},
	"verify.notfound":     {ID: "Nomor ini tidak terdaftar sebagai dokumen yang diterbitkan sistem ini.", EN: "This number is not registered as a document issued by this system."},
	"verify.badnumber":    {ID: "Nomor dokumen berbentuk SKM/2026-S2/UNIT/0123ABCD.", EN: "A document number looks like SKM/2026-S2/UNIT/0123ABCD."},
	"verify.nofile":       {ID: "Pilih berkas PDF untuk diperiksa.", EN: "Choose a PDF file to check."},
	"verify.kind":         {ID: "Jenis", EN: "Kind"},
	"verify.kind.unit":    {ID: "Laporan hasil SKM unit pelayanan", EN: "Service unit survey report"},
	"verify.kind.region":  {ID: "Laporan hasil SKM daerah", EN: "Regional survey report"},
	"verify.kind.poster":  {ID: "Poster kode QR survei", EN: "Survey QR code poster"},
	"verify.campaign":     {ID: "Periode", EN: "Period"},
	"verify.unit":         {ID: "Unit pelayanan", EN: "Service unit"},
	"verify.issued":       {ID: "Diterbitkan", EN: "Issued"},
	"verify.lang":         {ID: "Bahasa", EN: "Language"},
	"verify.size":         {ID: "Ukuran berkas", EN: "File size"},
	"verify.sha":          {ID: "Sidik jari SHA-256", EN: "SHA-256 fingerprint"},
	"verify.uploaded":     {ID: "Berkas yang diperiksa", EN: "File checked"},
	"verify.bytes":        {ID: "bita", EN: "bytes"},
	"verify.lang.id":      {ID: "Indonesia", EN: "Indonesian"},
	"verify.lang.en":      {ID: "Inggris", EN: "English"},
	"err.verify.number":   {ID: "Ini bukan nomor laporan.", EN: "Not a report number."},
	"err.report.lang":     {ID: "Parameter lang harus id atau en.", EN: "Query lang must be id or en."},
	"err.poster.campaign": {ID: "Unit %s belum termasuk periode mana pun, sehingga posternya belum dapat menyebut periode.", EN: "Unit %s is part of no campaign yet, so its poster has no period to name."},
}
