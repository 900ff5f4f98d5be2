package reports

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// qrCode draws a QR code of the content as vector squares, size millimetres wide including its
// quiet zone, and makes it a link to the content. Vectors stay sharp when the page is printed
// large and cost a few hundred bytes, where an image would be blurry or heavy.
func (d *pdfDoc) qrCode(x, y, size float64, content string) error {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("qr code of %q: %w", content, err)
	}
	bits := q.Bitmap() // includes the quiet zone the readers need
	module := size / float64(len(bits))
	d.fill(pdfWhite)
	d.Rect(x, y, size, size, "F")
	d.fill(pdfColor{0, 0, 0})
	for row, line := range bits {
		// One rectangle per run of dark modules keeps the page's drawing short.
		for col := 0; col < len(line); {
			if !line[col] {
				col++
				continue
			}
			start := col
			for col < len(line) && line[col] {
				col++
			}
			d.Rect(x+float64(start)*module, y+float64(row)*module, float64(col-start)*module, module, "F")
		}
	}
	d.LinkString(x, y, size, size, content)
	return nil
}
