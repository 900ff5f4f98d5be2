package reports

import (
	"math"
	"strconv"

	"github.com/skm-engine/skm/analytics"
)

// The PDF charts are vectors drawn with gofpdf's own lines and rectangles, crisp at any print
// size. Each takes its top-left corner and width, and returns the height it used.

// pdfBand is a grade's span on the 25–100 score scale; the boundaries are where the rounded
// score changes grade (docs/METHOD.md).
type pdfBand struct {
	grade  analytics.Grade
	lo, hi float64
}

var pdfBands = []pdfBand{{analytics.GradeD, 25, 65}, {analytics.GradeC, 65, 76.61}, {analytics.GradeB, 76.61, 88.31}, {analytics.GradeA, 88.31, 100}}

// pdfTint is a grade's colour lightened for a chart's background, so that the bars in front of
// it stay the darkest marks on the page.
func pdfTint(g analytics.Grade) pdfColor {
	c := pdfGradeColor(g)
	mix := func(v int) int { return v + (255-v)*55/100 }
	return pdfColor{mix(c.r), mix(c.g), mix(c.b)}
}

// elementChart draws the nine element scores as horizontal bars in front of the grade bands, with
// the overall score as a dashed line.
func (d *pdfDoc) elementChart(x, y, w float64, r analytics.Result) float64 {
	const labelW, valueW, rowH, topH, axisH = 64.0, 16.0, 6.0, 5.0, 13.0
	plotX, plotW := x+labelW, w-labelW-valueW
	plotY, plotH := y+topH, rowH*float64(len(r.Elements))
	sx := func(v float64) float64 { return plotX + (v-25)/75*plotW }

	for _, b := range pdfBands {
		d.fill(pdfTint(b.grade))
		d.Rect(sx(b.lo), plotY, sx(b.hi)-sx(b.lo), plotH, "F")
		d.SetFont("sans", "B", 7.5)
		d.text(pdfMuted)
		d.SetXY(sx(b.lo), y)
		d.CellFormat(sx(b.hi)-sx(b.lo), topH, string(b.grade), "", 0, "C", false, 0, "")
	}
	for i, e := range r.Elements {
		ry := plotY + float64(i)*rowH
		d.SetFont("sans", "", 7)
		d.text(pdfInk)
		d.SetXY(x, ry)
		d.CellFormat(labelW-2, rowH, e.Code+"  "+elementName(d, e.Code), "", 0, "L", false, 0, "")
		d.SetFont("sans", "", 7.5)
		value := "–"
		if e.Answered > 0 {
			d.fill(pdfBar)
			d.Rect(plotX, ry+1.4, sx(e.Score)-plotX, rowH-2.8, "F")
			value = d.Dec(e.Score, 2) + "  " + string(e.Grade)
		}
		d.SetXY(plotX+plotW+1, ry)
		d.CellFormat(valueW-1, rowH, value, "", 0, "L", false, 0, "")
	}
	d.pdfAxis(plotX, plotY+plotH, plotW, sx)
	if !r.Empty {
		d.draw(pdfInk)
		d.SetLineWidth(0.35)
		d.SetDashPattern([]float64{1.2, 0.8}, 0)
		d.Line(sx(r.Score), plotY-1, sx(r.Score), plotY+plotH+1)
		d.SetDashPattern(nil, 0)
		ly := plotY + plotH + 7.5
		d.SetLineWidth(0.35)
		d.SetDashPattern([]float64{1.2, 0.8}, 0)
		d.Line(plotX, ly+2, plotX+7, ly+2)
		d.SetDashPattern(nil, 0)
		d.SetFont("sans", "", 7.5)
		d.SetXY(plotX+8, ly)
		d.CellFormat(plotW, 4, d.T("pdf.chart.elements.legend", d.Dec(r.Score, 2)), "", 0, "L", false, 0, "")
	}
	d.ink()
	return topH + plotH + axisH
}

// pdfAxis draws the score axis under a plot, with ticks at the grade boundaries.
func (d *pdfDoc) pdfAxis(plotX, y, plotW float64, sx func(float64) float64) {
	d.draw(pdfInk)
	d.SetLineWidth(0.25)
	d.Line(plotX, y, plotX+plotW, y)
	d.SetFont("sans", "", 6.5)
	d.text(pdfMuted)
	for _, v := range []float64{25, 65, 76.61, 88.31, 100} {
		d.Line(sx(v), y, sx(v), y+1.2)
		label := d.Dec(v, 0)
		if v != math.Trunc(v) {
			label = d.Dec(v, 2)
		}
		d.SetXY(sx(v)-8, y+1.3)
		d.CellFormat(16, 3.5, label, "", 0, "C", false, 0, "")
	}
}

// distributionChart draws, for each element, the shares of the answers scored 1 to 4 as one
// stacked bar.
func (d *pdfDoc) distributionChart(x, y, w float64, t analytics.Tally) float64 {
	const labelW, rowH, legendH = 64.0, 6.0, 10.0
	plotX, plotW := x+labelW, w-labelW
	for i, dist := range t.Elements {
		code := analytics.ElementCodes[i]
		ry := y + float64(i)*rowH
		d.SetFont("sans", "", 7)
		d.text(pdfInk)
		d.SetXY(x, ry)
		d.CellFormat(labelW-2, rowH, code+"  "+elementName(d, code), "", 0, "L", false, 0, "")
		n := dist.Answered()
		if n == 0 {
			d.text(pdfMuted)
			d.SetXY(plotX, ry)
			d.CellFormat(plotW, rowH, d.T("pdf.chart.noanswers"), "", 0, "L", false, 0, "")
			continue
		}
		bx := plotX
		for s, c := range dist {
			sw := plotW * float64(c) / float64(n)
			if sw <= 0 {
				continue
			}
			g := pdfAnswerGrade(s + 1)
			d.fill(pdfGradeColor(g))
			d.Rect(bx, ry+1, sw, rowH-2, "F")
			if sw >= 9 {
				d.text(pdfGradeInk(g))
				d.SetFont("sans", "", 6.5)
				d.SetXY(bx, ry)
				d.CellFormat(sw, rowH, d.Share(c, n), "", 0, "C", false, 0, "")
			}
			bx += sw
		}
		d.draw(pdfLine)
		d.SetLineWidth(0.2)
		d.Rect(plotX, ry+1, plotW, rowH-2, "D")
	}
	ly := y + float64(len(t.Elements))*rowH + 3
	lx := plotX
	d.SetFont("sans", "", 7.5)
	for s := 1; s <= 4; s++ {
		d.fill(pdfGradeColor(pdfAnswerGrade(s)))
		d.draw(pdfLine)
		d.Rect(lx, ly+0.5, 4, 3, "FD")
		d.text(pdfInk)
		d.SetXY(lx+5, ly)
		label := d.T("pdf.common.score.n", s)
		d.CellFormat(d.GetStringWidth(label)+6, 4, label, "", 0, "L", false, 0, "")
		lx += d.GetStringWidth(label) + 12
	}
	d.ink()
	return float64(len(t.Elements))*rowH + legendH
}

// pdfAnswerGrade colours an answer's score like the grade it would earn alone: 4 as A, 1 as D.
func pdfAnswerGrade(score int) analytics.Grade {
	return [...]analytics.Grade{analytics.GradeD, analytics.GradeC, analytics.GradeB, analytics.GradeA}[min(max(score, 1), 4)-1]
}

// trendChart draws the score over campaigns, oldest first, each point with its 95% interval, in
// front of the grade bands. Campaigns without responses leave a gap.
func (d *pdfDoc) trendChart(x, y, w, h float64, points []analytics.Point) float64 {
	const axisW, labelH = 12.0, 9.0
	plotX, plotW, plotY, plotH := x+axisW, w-axisW-4, y+3, h-labelH-3
	lo, hi := 100.0, 25.0
	for _, p := range points {
		if p.Result.Empty {
			continue
		}
		lo, hi = math.Min(lo, p.Result.Score), math.Max(hi, p.Result.Score)
		if p.Interval.Method != analytics.MethodNone && p.Interval.High > 0 {
			lo, hi = math.Min(lo, p.Interval.Low), math.Max(hi, p.Interval.High)
		}
	}
	if lo > hi {
		lo, hi = 60, 90
	}
	lo = math.Max(25, math.Floor((lo-3)/5)*5)
	hi = math.Min(100, math.Ceil((hi+3)/5)*5)
	if hi-lo < 15 {
		lo = math.Max(25, hi-15)
		hi = math.Min(100, lo+15)
	}
	sy := func(v float64) float64 { return plotY + plotH - (v-lo)/(hi-lo)*plotH }
	step := plotW / float64(max(len(points), 1))
	px := func(i int) float64 { return plotX + step*(float64(i)+0.5) }

	d.ClipRect(plotX, plotY, plotW, plotH, false)
	for _, b := range pdfBands {
		d.fill(pdfTint(b.grade))
		d.Rect(plotX, sy(b.hi), plotW, sy(b.lo)-sy(b.hi), "F")
	}
	d.ClipEnd()
	d.SetFont("sans", "", 6.5)
	d.text(pdfMuted)
	d.draw(pdfInk)
	d.SetLineWidth(0.25)
	d.Line(plotX, plotY, plotX, plotY+plotH)
	d.Line(plotX, plotY+plotH, plotX+plotW, plotY+plotH)
	ticks := []float64{lo, hi}
	for _, b := range pdfBands[1:] {
		if b.lo > lo+2 && b.lo < hi-2 {
			ticks = append(ticks, b.lo)
		}
	}
	for _, v := range ticks {
		d.Line(plotX-1.2, sy(v), plotX, sy(v))
		label := d.Dec(v, 0)
		if v != math.Trunc(v) {
			label = d.Dec(v, 2)
		}
		d.SetXY(x, sy(v)-1.75)
		d.CellFormat(axisW-1.8, 3.5, label, "", 0, "R", false, 0, "")
	}
	for _, b := range pdfBands {
		mid := (math.Max(b.lo, lo) + math.Min(b.hi, hi)) / 2
		if math.Min(b.hi, hi)-math.Max(b.lo, lo) >= 3 {
			d.SetFont("sans", "B", 7)
			d.SetXY(plotX+plotW-6, sy(mid)-1.75)
			d.CellFormat(5, 3.5, string(b.grade), "", 0, "C", false, 0, "")
		}
	}

	d.draw(pdfBar)
	d.fill(pdfBar)
	prev := -1
	for i, p := range points {
		d.SetFont("sans", "", 7)
		d.text(pdfInk)
		d.SetXY(px(i)-step/2, plotY+plotH+1.5)
		d.CellFormat(step, 3.5, d.Semester(p.Campaign), "", 0, "C", false, 0, "")
		if p.Result.Empty {
			d.text(pdfMuted)
			d.SetXY(px(i)-step/2, plotY+plotH+5)
			d.CellFormat(step, 3.5, d.T("pdf.chart.norespondents"), "", 0, "C", false, 0, "")
			continue
		}
		if p.Interval.Method != analytics.MethodNone && p.Interval.High > 0 {
			d.SetLineWidth(0.3)
			d.Line(px(i), sy(p.Interval.Low), px(i), sy(p.Interval.High))
			d.Line(px(i)-1, sy(p.Interval.Low), px(i)+1, sy(p.Interval.Low))
			d.Line(px(i)-1, sy(p.Interval.High), px(i)+1, sy(p.Interval.High))
		}
		if prev >= 0 {
			d.SetLineWidth(0.6)
			d.Line(px(prev), sy(points[prev].Result.Score), px(i), sy(p.Result.Score))
		}
		d.Circle(px(i), sy(p.Result.Score), 1.1, "F")
		d.SetFont("sans", "B", 7)
		d.SetXY(px(i)+1.5, sy(p.Result.Score)-4.5)
		d.CellFormat(14, 3.5, d.Dec(p.Result.Score, 2), "", 0, "L", false, 0, "")
		prev = i
	}
	d.ink()
	return h
}

// gradeCountChart draws how many units earned each grade, as horizontal bars in the grades'
// colours.
func (d *pdfDoc) gradeCountChart(x, y, w float64, counts map[analytics.Grade]int) float64 {
	const labelW, rowH = 38.0, 7.0
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	plotW := w - labelW - 14
	for i, g := range analytics.Grades {
		ry := y + float64(i)*rowH
		d.SetFont("sans", "", 8)
		d.text(pdfInk)
		d.SetXY(x, ry)
		d.CellFormat(labelW, rowH, pdfGradeLabel(d, g), "", 0, "L", false, 0, "")
		bw := plotW * float64(counts[g]) / float64(most)
		if bw > 0 {
			d.fill(pdfGradeColor(g))
			d.draw(pdfLine)
			d.SetLineWidth(0.2)
			d.Rect(x+labelW, ry+1.2, bw, rowH-2.4, "FD")
		}
		d.SetFont("sans", "B", 8)
		d.SetXY(x+labelW+bw+1.5, ry)
		d.CellFormat(12, rowH, strconv.Itoa(counts[g]), "", 0, "L", false, 0, "")
	}
	d.ink()
	return rowH*4 + 2
}
