package reports

import (
	"github.com/skm-engine/skm/analytics"
)

// WebTable is the table of a figure's numbers: shown beside the chart for screen readers and print,
// and written as CSV or XLSX by the downloads.
type WebTable struct {
	Caption string
	Columns []WebColumn
	Rows    [][]WebCell
	// RowKeys names what each row is about (a unit's slug in the ranking), so a page can link it;
	// empty when rows are not about anything linkable.
	RowKeys []string
	// Foot is a last row set apart, such as the index under the element table.
	Foot []WebCell
	// Note explains a mark in the table, such as "<5".
	Note string
}

// WebColumn is a table column; numeric columns align right.
type WebColumn struct {
	Label   string
	Numeric bool
}

// WebCell is one table cell: the text shown, and for numbers the value a spreadsheet gets.
type WebCell struct {
	Text string
	// Value is the number behind Text when IsNumber is set.
	Value    float64
	IsNumber bool
	// Grade marks a grade cell, shown as a coloured badge.
	Grade analytics.Grade
}

func webTextCell(s string) WebCell { return WebCell{Text: s} }

func (w WebCharts) numberCell(v float64, places int) WebCell {
	return WebCell{Text: w.Dec(v, places), Value: v, IsNumber: true}
}

func (w WebCharts) countCell(n int64) WebCell {
	return WebCell{Text: w.Int(n), Value: float64(n), IsNumber: true}
}

// scoreCell is a result's score, or a dash when it has none.
func (w WebCharts) scoreCell(r analytics.Result) WebCell {
	if r.Empty {
		return webTextCell("–")
	}
	return w.numberCell(r.Score, 2)
}

func webGradeCell(g analytics.Grade) WebCell {
	if g == "" {
		return webTextCell("–")
	}
	return WebCell{Text: string(g), Grade: g}
}
