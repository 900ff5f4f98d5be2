package paper

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/skm-engine/skm/survey"
)

// A workbook is a zip archive, and a few hundred kilobytes of it can unpack to gigabytes. Only
// the parts that hold a sheet's cells are read (questionParts), each checked against what a
// sheet of questionnaires unpacks to before anything is unpacked. archive/zip stops a part at
// the size it declares, so the declared sizes bound the work.
const (
	// maxUnpacked bounds the parts read, unpacked: a sheet of MaxRows questionnaires with a
	// suggestion each is about 40 MB.
	maxUnpacked = 128 << 20
	// maxRatio bounds how many times its packed size a part over ratioFrom unpacks to: sheets
	// unpack to 10 to 15 times theirs.
	maxRatio  = 100
	ratioFrom = 1 << 20
)

// questionParts reports whether a part of a workbook is one reading its sheets needs: the
// package's and workbook's descriptions and relations, the styles (dates are formatted cells),
// the shared strings and the worksheets. Images, drawings, themes, macros and the rest are never
// unpacked.
func questionParts(name string) bool {
	switch name {
	case "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml":
		return true
	}
	return strings.HasPrefix(name, "xl/worksheets/") && !strings.Contains(name[len("xl/worksheets/"):], "/") && strings.HasSuffix(name, ".xml")
}

// slimXLSX returns the workbook with only the parts reading it needs, copied without unpacking,
// or an error when one of them would unpack to more than a sheet of questionnaires can.
func slimXLSX(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	var total uint64
	for _, f := range zr.File {
		if !questionParts(f.Name) {
			continue
		}
		if f.UncompressedSize64 > ratioFrom && f.UncompressedSize64 > maxRatio*f.CompressedSize64 {
			return nil, survey.Errorf(survey.ETOOLARGE, "err.paper.ratio", f.Name, maxRatio)
		}
		if total += f.UncompressedSize64; total > maxUnpacked {
			return nil, survey.Errorf(survey.ETOOLARGE, "err.paper.unpacked", maxUnpacked>>20)
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return nil, survey.Errorf(survey.EINVALID, "err.paper.xlsx")
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
