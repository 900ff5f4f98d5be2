package reports

import "strings"

// pdfCol is a table column: its share of the table's width and its alignment (L, C or R).
type pdfCol struct {
	share float64
	align string
}

// pdfTable draws a table with ruled cells that wraps its text, breaks across pages and repeats
// its header on each.
type pdfTable struct {
	d      *pdfDoc
	x      float64
	widths []float64
	aligns []string
	head   []string
	size   float64 // font size of the body in points
	// headSize is the header's font size: smaller than the body's when a heading's longest word
	// would not fit its column, since a word broken in two reads worse than small type.
	headSize float64
	padX     float64
	padY     float64
}

// pdfRow tunes one row: bold text, a fill for the whole row or per cell, a minimum height (rows
// left for writing by hand).
type pdfRow struct {
	bold  bool
	fill  *pdfColor
	fills map[int]pdfColor
	inks  map[int]pdfColor
	minH  float64
}

// table returns a table as wide as the text whose columns share the width as given.
func (d *pdfDoc) table(cols []pdfCol, head ...string) *pdfTable {
	return d.tableAt(marginLeft, textW, 8.5, cols, head...)
}

// tableAt returns a table of width w at x with text of the size in points; the caller makes sure
// it fits on the page when two tables stand side by side.
func (d *pdfDoc) tableAt(x, w, size float64, cols []pdfCol, head ...string) *pdfTable {
	var total float64
	for _, c := range cols {
		total += c.share
	}
	t := &pdfTable{d: d, x: x, head: head, size: size, headSize: size, padX: 1.3, padY: 1.1}
	for _, c := range cols {
		t.widths = append(t.widths, w*c.share/total)
		t.aligns = append(t.aligns, c.align)
	}
	if len(head) > 0 {
		for t.headSize > 6 && !t.wordsFit(head) {
			t.headSize -= 0.5
		}
		t.d.keep(t.height(head, true, t.headSize) + 8)
		t.drawHeader()
	}
	return t
}

// wordsFit reports whether every word of the header fits its column at the header's size.
func (t *pdfTable) wordsFit(cells []string) bool {
	t.font(true, t.headSize)
	for i, c := range cells {
		for _, word := range strings.Fields(c) {
			if i < len(t.widths) && t.d.GetStringWidth(word) > t.widths[i]-2*t.padX {
				return false
			}
		}
	}
	return true
}

func (t *pdfTable) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	t.d.SetFont("sans", style, size)
}

// lines splits each cell into the lines it takes.
func (t *pdfTable) lines(cells []string, bold bool, size float64) [][]string {
	t.font(bold, size)
	out := make([][]string, len(t.widths))
	for i := range t.widths {
		if i < len(cells) && cells[i] != "" {
			out[i] = t.d.SplitText(cells[i], t.widths[i]-2*t.padX+2*t.d.GetCellMargin())
		}
	}
	return out
}

func (t *pdfTable) height(cells []string, bold bool, size float64) float64 {
	n := 1
	for _, l := range t.lines(cells, bold, size) {
		n = max(n, len(l))
	}
	return float64(n)*lineHeight(size) + 2*t.padY
}

// lineHeight is the distance between lines of table text of the size in points.
func lineHeight(size float64) float64 { return size * 0.47 }

func (t *pdfTable) drawHeader() {
	t.draw(t.head, pdfRow{bold: true, fill: &pdfHeadBg}, true)
}

// row draws a row of plain cells.
func (t *pdfTable) row(cells ...string) { t.rowWith(pdfRow{}, cells...) }

// total draws a bold, shaded row, such as a table's total.
func (t *pdfTable) total(cells ...string) { t.rowWith(pdfRow{bold: true, fill: &pdfHeadBg}, cells...) }

// rowWith draws a row tuned by o, starting a new page (with the header again) if it does not fit.
func (t *pdfTable) rowWith(o pdfRow, cells ...string) { t.draw(cells, o, false) }

func (t *pdfTable) draw(cells []string, o pdfRow, isHead bool) {
	d := t.d
	size := t.size
	if isHead {
		size = t.headSize
	}
	lineH := lineHeight(size)
	lines := t.lines(cells, o.bold, size)
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	h := max(float64(n)*lineH+2*t.padY, o.minH)
	if !d.room(h) {
		d.AddPage()
		if !isHead && len(t.head) > 0 {
			t.drawHeader()
		}
	}
	x, y := t.x, d.GetY()
	t.font(o.bold, size)
	d.SetLineWidth(0.2)
	d.draw(pdfLine)
	for i, w := range t.widths {
		style := "D"
		if c, ok := o.fills[i]; ok {
			d.fill(c)
			style = "FD"
		} else if o.fill != nil {
			d.fill(*o.fill)
			style = "FD"
		}
		d.Rect(x, y, w, h, style)
		ink := pdfInk
		if c, ok := o.inks[i]; ok {
			ink = c
		}
		d.text(ink)
		align := t.aligns[i]
		if isHead {
			align = "C"
		}
		top := y + (h-float64(len(lines[i]))*lineH)/2
		for j, line := range lines[i] {
			d.SetXY(x+t.padX-d.GetCellMargin(), top+float64(j)*lineH)
			d.CellFormat(w-2*t.padX+2*d.GetCellMargin(), lineH, line, "", 0, align, false, 0, "")
		}
		x += w
	}
	d.SetXY(t.x, y+h)
	d.ink()
}

// end leaves a little space after the table.
func (t *pdfTable) end() {
	t.d.SetX(marginLeft)
	t.d.Ln(3)
	t.d.ink()
}
