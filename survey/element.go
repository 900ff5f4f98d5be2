package survey

import "github.com/skm-engine/skm/analytics"

// ElementCodes are the nine elements (unsur) of PermenPANRB 14/2017 in the regulation's order.
// Answers are keyed by these codes, never by question position: the regulation's sample
// questionnaire asks facilities (U9) before complaint handling (U8).
var ElementCodes = analytics.ElementCodes

// ElementIndex returns the position of code in ElementCodes.
func ElementIndex(code string) (int, bool) { return analytics.ElementIndex(code) }

// ElementNames are the regulation's names of the elements, in element order.
var ElementNames = [9]Text{
	{"Persyaratan", "Requirements"},
	{"Sistem, Mekanisme, dan Prosedur", "Procedure"},
	{"Waktu Penyelesaian", "Completion time"},
	{"Biaya/Tarif", "Cost / fee"},
	{"Produk Spesifikasi Jenis Pelayanan", "Service product as specified"},
	{"Kompetensi Pelaksana", "Staff competence"},
	{"Perilaku Pelaksana", "Staff behaviour"},
	{"Penanganan Pengaduan, Saran dan Masukan", "Handling of complaints and suggestions"},
	{"Sarana dan Prasarana", "Facilities"},
}

// ElementName returns the name of the element with the code, or the code itself if unknown.
func ElementName(code string) Text {
	if i, ok := ElementIndex(code); ok {
		return ElementNames[i]
	}
	return Text{code, code}
}

// StandardQuestions are the questions of the regulation's sample questionnaire, in the order it
// asks them (facilities as Q8, complaint handling as Q9), each answered 1 to 4. They address the
// resident as "Anda", as every other page does, where the regulation's sample says "Saudara".
var StandardQuestions = []Question{
	{Element: "U1",
		Text: Text{"Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
			"How well do the requirements of the service match the kind of service?"},
		Answers: [4]Text{{"Tidak sesuai", "Not suitable"}, {"Kurang sesuai", "Somewhat unsuitable"}, {"Sesuai", "Suitable"}, {"Sangat sesuai", "Very suitable"}}},
	{Element: "U2",
		Text: Text{"Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
			"How easy is the service procedure at this unit?"},
		Answers: [4]Text{{"Tidak mudah", "Not easy"}, {"Kurang mudah", "Somewhat difficult"}, {"Mudah", "Easy"}, {"Sangat mudah", "Very easy"}}},
	{Element: "U3",
		Text: Text{"Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
			"How fast was the service delivered?"},
		Answers: [4]Text{{"Tidak cepat", "Not fast"}, {"Kurang cepat", "Somewhat slow"}, {"Cepat", "Fast"}, {"Sangat cepat", "Very fast"}}},
	{Element: "U4",
		Text: Text{"Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
			"How fair is the cost or fee of the service?"},
		Answers: [4]Text{{"Sangat mahal", "Very expensive"}, {"Cukup mahal", "Rather expensive"}, {"Murah", "Cheap"}, {"Gratis", "Free"}}},
	{Element: "U5",
		Text: Text{"Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
			"How well does the service you received match what the service standard promises?"},
		Answers: [4]Text{{"Tidak sesuai", "Not suitable"}, {"Kurang sesuai", "Somewhat unsuitable"}, {"Sesuai", "Suitable"}, {"Sangat sesuai", "Very suitable"}}},
	{Element: "U6",
		Text: Text{"Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
			"How competent were the staff who served you?"},
		Answers: [4]Text{{"Tidak kompeten", "Not competent"}, {"Kurang kompeten", "Somewhat incompetent"}, {"Kompeten", "Competent"}, {"Sangat kompeten", "Very competent"}}},
	{Element: "U7",
		Text: Text{"Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
			"How polite and friendly were the staff?"},
		Answers: [4]Text{{"Tidak sopan dan ramah", "Not polite and friendly"}, {"Kurang sopan dan ramah", "Somewhat impolite and unfriendly"}, {"Sopan dan ramah", "Polite and friendly"}, {"Sangat sopan dan ramah", "Very polite and friendly"}}},
	{Element: "U9",
		Text: Text{"Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
			"How good are the facilities?"},
		Answers: [4]Text{{"Buruk", "Poor"}, {"Cukup", "Fair"}, {"Baik", "Good"}, {"Sangat baik", "Very good"}}},
	{Element: "U8",
		Text: Text{"Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
			"How are complaints from service users handled?"},
		Answers: [4]Text{{"Tidak ada", "There is none"}, {"Ada tetapi tidak berfungsi", "Exists but does not work"}, {"Berfungsi kurang maksimal", "Works, but not fully"}, {"Dikelola dengan baik", "Well managed"}}},
}
