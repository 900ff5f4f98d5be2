package resident

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"slices"
)

// Every phone's browser accepts gzip, and compressing a survey page anew for each view took a
// tenth of the server's CPU under load. So a page's gzip stream is made once, when the page is
// rendered: its fixed stretches are compressed (as hard as DEFLATE goes, for residents on weak
// mobile data), and each request's values go between them as stored blocks. DEFLATE (RFC 1951)
// allows a stream to be made of blocks from different compressors as long as each run of blocks
// ends on a byte boundary, which a sync flush guarantees; the gzip trailer's checksum is taken
// over the page as sent.

// zippedPage is a page with placeholders, kept as text and as compressed stretches.
type zippedPage struct {
	fixed    [][]byte // the page's text between the placeholders
	deflated [][]byte // each stretch compressed, ending on a sync flush
	holes    []int    // for each gap between stretches, the index of its placeholder
}

// zipPage prepares page, whose placeholders (each at most once) are filled per request.
func zipPage(page []byte, placeholders ...string) *zippedPage {
	type hole struct{ at, placeholder int }
	var found []hole
	for i, p := range placeholders {
		if at := bytes.Index(page, []byte(p)); at >= 0 {
			found = append(found, hole{at, i})
		}
	}
	slices.SortFunc(found, func(a, b hole) int { return a.at - b.at })
	z := &zippedPage{}
	from := 0
	for _, h := range found {
		z.fixed = append(z.fixed, page[from:h.at])
		z.holes = append(z.holes, h.placeholder)
		from = h.at + len(placeholders[h.placeholder])
	}
	z.fixed = append(z.fixed, page[from:])
	for _, stretch := range z.fixed {
		z.deflated = append(z.deflated, deflate(stretch))
	}
	return z
}

// deflate compresses b into DEFLATE blocks that end on a byte boundary, none of them final.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // the level is valid
	_, _ = w.Write(b)                                    // a bytes.Buffer takes every write
	_ = w.Flush()
	return buf.Bytes()
}

// plain returns the page with each placeholder replaced by its value, in zipPage's order.
func (z *zippedPage) plain(values ...string) []byte {
	out := make([]byte, 0, z.size(values))
	for i, stretch := range z.fixed {
		out = append(out, stretch...)
		if i < len(z.holes) {
			out = append(out, values[z.holes[i]]...)
		}
	}
	return out
}

// gzip returns the gzip stream of plain(values...).
func (z *zippedPage) gzip(values ...string) []byte {
	out := make([]byte, 0, 32+z.size(values)/3)
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255) // gzip, DEFLATE, no name, no time, unknown OS
	crc, size := uint32(0), 0
	for i, stretch := range z.fixed {
		out = append(out, z.deflated[i]...)
		crc, size = crc32.Update(crc, crc32.IEEETable, stretch), size+len(stretch)
		if i < len(z.holes) {
			v := values[z.holes[i]]
			out = appendStored(out, v)
			crc, size = crc32.Update(crc, crc32.IEEETable, []byte(v)), size+len(v)
		}
	}
	out = append(out, 1, 0, 0, 0xff, 0xff) // the final block: stored, empty
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(size))
}

// appendStored appends s as stored (uncompressed) DEFLATE blocks, none of them final.
func appendStored(out []byte, s string) []byte {
	for len(s) > 0 {
		n := min(len(s), 0xffff)
		out = append(out, 0) // not final, stored; the rest of the byte pads to its boundary
		out = binary.LittleEndian.AppendUint16(out, uint16(n))
		out = binary.LittleEndian.AppendUint16(out, ^uint16(n))
		out = append(out, s[:n]...)
		s = s[n:]
	}
	return out
}

func (z *zippedPage) size(values []string) int {
	n := 0
	for _, stretch := range z.fixed {
		n += len(stretch)
	}
	for _, v := range values {
		n += len(v)
	}
	return n
}
