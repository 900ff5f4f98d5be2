package apptest

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// XLSXFile builds a workbook whose first sheet holds the records, numbers stored as numbers as a
// spreadsheet program stores them.
func XLSXFile(t testing.TB, records [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, rec := range records {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &rec); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
