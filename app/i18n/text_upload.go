package i18n

import "github.com/skm-engine/skm/survey"

// uploadText is the wording of files kept between their preview and their confirmation.
var uploadText = map[string]survey.Text{
	"err.upload.none":       {ID: "Pilih berkas untuk diunggah.", EN: "Choose a file to upload."},
	"err.upload.empty":      {ID: "Berkas yang diunggah kosong.", EN: "The uploaded file is empty."},
	"err.upload.large":      {ID: "Berkas terlalu besar: paling besar %d MiB.", EN: "The file is too large: at most %d MiB."},
	"err.upload.name":       {ID: "Nama berkas tidak dapat dibaca atau terlalu panjang.", EN: "The file's name cannot be read or is too long."},
	"err.upload.id":         {ID: "Kode unggahan tidak sah.", EN: "Not an upload code."},
	"err.upload.incomplete": {ID: "Unggahan tidak lengkap: tujuan dan pengunggahnya wajib ada.", EN: "The upload is incomplete: its purpose and who uploaded it are required."},
	"err.upload.expiry":     {ID: "Unggahan harus kedaluwarsa sesudah dibuat.", EN: "An upload must expire after it was made."},
	"err.upload.notfound":   {ID: "Unggahan ini sudah tidak ada: sudah dikonfirmasi, kedaluwarsa (setelah satu jam), atau bukan milik Anda. Unggah berkasnya sekali lagi.", EN: "This upload no longer exists: it was confirmed already, expired (after an hour), or is not yours. Upload the file again."},
}
