package i18n

import "github.com/skm-engine/skm/survey"

// accountText is the wording of signing in and out and the account page.
var accountText = map[string]survey.Text{
	"account.title":    {ID: "Akun saya", EN: "My account"},
	"account.role":     {ID: "Peran", EN: "Role"},
	"account.units":    {ID: "Unit", EN: "Units"},
	"account.password": {ID: "Ganti kata sandi", EN: "Change password"},
	"account.current":  {ID: "Kata sandi sekarang", EN: "Current password"},
	"account.new":      {ID: "Kata sandi baru (paling sedikit 10 karakter)", EN: "New password (at least 10 characters)"},
	"account.confirm":  {ID: "Ulangi kata sandi baru", EN: "Repeat the new password"},
	"account.save":     {ID: "Simpan kata sandi", EN: "Save password"},
	"account.changed":  {ID: "Kata sandi diganti. Sesi lain telah dikeluarkan.", EN: "Password changed. Other sessions were signed out."},
	"account.wrong":    {ID: "Kata sandi sekarang salah.", EN: "The current password is wrong."},
	"account.mismatch": {ID: "Kedua kata sandi baru tidak sama.", EN: "The two new passwords differ."},
	"signin.title":     {ID: "Masuk", EN: "Sign in"},
	"signin.intro":     {ID: "Untuk pimpinan unit, administrator dan peninjau. Warga tidak perlu masuk untuk mengisi survei.", EN: "For unit heads, administrators and viewers. Residents answer the survey without signing in."},
	"signin.username":  {ID: "Nama pengguna", EN: "Username"},
	"signin.password":  {ID: "Kata sandi", EN: "Password"},
	"signin.submit":    {ID: "Masuk", EN: "Sign in"},
	"signin.failed":    {ID: "Nama pengguna atau kata sandi salah.", EN: "Wrong username or password."},
	"signin.locked":    {ID: "Terlalu banyak percobaan yang gagal. Coba lagi setelah pukul %s.", EN: "Too many failed attempts. Try again after %s."},
}
