package i18n

import "github.com/skm-engine/skm/survey"

// adminSetupText is the wording of setting a region up: the first run, the region's profile,
// units and their import, and questionnaire versions, with the domain's errors about them.
var adminSetupText = map[string]survey.Text{
	"err.region.namelength":    {ID: "Nama daerah dan nama penyelenggara paling banyak %d karakter.", EN: "The region's and the organiser's names are at most %d characters."},
	"err.region.opds":          {ID: "Paling banyak %d OPD dapat dicantumkan.", EN: "At most %d OPDs may be listed."},
	"err.region.opd":           {ID: "OPD %q harus berisi 1–%d karakter tanpa spasi di awal atau akhir.", EN: "OPD %q must be 1–%d characters with no space at either end."},
	"err.region.opdtwice":      {ID: "OPD %q tercantum dua kali.", EN: "OPD %q is listed twice."},
	"err.region.unknownopd":    {ID: "OPD %q tidak ada dalam daftar OPD daerah ini (lihat Profil daerah).", EN: "OPD %q is not in the region's list of OPDs (see the region profile)."},
	"err.signer.length":        {ID: "Nama dan jabatan penanda tangan paling banyak %d karakter.", EN: "A signer's name and title are at most %d characters."},
	"err.signer.name":          {ID: "Isi nama penanda tangan bila jabatan atau NIP diisi.", EN: "Give the signer's name when a title or NIP is given."},
	"err.signer.nip":           {ID: "NIP %q harus terdiri atas %d angka.", EN: "NIP %q must have %d digits."},
	"err.logo.png":             {ID: "Logo tersimpan harus berupa gambar PNG.", EN: "A stored logo must be a PNG image."},
	"err.logo.stored":          {ID: "Logo yang sudah diolah masih lebih besar dari %d KB.", EN: "The processed logo is still larger than %d KB."},
	"err.logo.size":            {ID: "Ukuran gambar logo tidak sesuai.", EN: "The logo's image size is out of range."},
	"err.logo.notfound":        {ID: "Logo tidak ada.", EN: "No such logo."},
	"err.unit.population":      {ID: "Jumlah populasi pengguna layanan harus 0 sampai %d.", EN: "The population served must be from 0 to %d."},
	"err.unit.populationvalue": {ID: "Populasi %q bukan bilangan bulat 0 sampai %d (boleh dengan pemisah ribuan, misalnya 12.500).", EN: "Population %q is not a whole number from 0 to %d (thousands may be grouped, as in 12,500)."},
	"err.services.bad":         {ID: "%d layanan perlu diperbaiki.", EN: "%d services need fixing."},
	"err.services.item":        {ID: "Layanan ke-%d (%q): %s", EN: "Service %d (%q): %s"},
	"err.services.noname":      {ID: "nama layanan wajib diisi.", EN: "the service needs a name."},
	"err.services.namelength":  {ID: "nama layanan paling banyak %d karakter.", EN: "a service name is at most %d characters."},
	"err.services.code":        {ID: "kode %q harus terdiri atas 2–64 huruf kecil, angka, dan tanda hubung tunggal (atau kosongkan agar dibuat dari nama).", EN: "code %q must be 2–64 lower-case letters, digits and single hyphens (or leave it blank to make one from the name)."},
	"err.services.twice":       {ID: "kode %q sudah dipakai layanan lain.", EN: "code %q is used by another service."},
	"err.questionnaire.omit":   {ID: "Pertanyaan profil %q tidak dikenal atau disebut dua kali.", EN: "Profile question %q is unknown or named twice."},
	"err.upload.record":        {ID: "Berkas unggahan tidak lengkap.", EN: "The uploaded file's record is incomplete."},
	"err.upload.size":          {ID: "Berkas unggahan paling besar %d MB.", EN: "An uploaded file is at most %d MB."},
	"err.upload.gone":          {ID: "Berkas yang diunggah sudah kedaluwarsa atau sudah diproses. Unggah berkasnya lagi.", EN: "The uploaded file has expired or was already processed. Upload it again."},
}
