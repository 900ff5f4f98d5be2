package resident

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/skm-engine/skm/survey"
)

// QR codes for the counter: each points at the unit's survey, {BaseURL}/s/{slug}. They encode a
// public address, so they are public and cacheable; a unit that does not exist gets 404.

const (
	qrDefaultSize = 512
	qrMinSize     = 128
	qrMaxSize     = 2048
	// qrCache lets phones, printers and proxies keep a code for a day; it changes only when the
	// engine's public address does.
	qrCache = "public, max-age=86400"
)

// surveyURL is the public address of a unit's survey, which its QR code encodes.
func (h *handler) surveyURL(unit string) string { return h.URL(link.Survey(unit)) }

// unitQR returns the QR code of the unit named by the route and the address it encodes, or an
// error for an unknown unit.
func (h *handler) unitQR(c *fiber.Ctx) (*qrcode.QRCode, string, error) {
	t, err := h.targets.get(c.UserContext(), c.Params("unit"))
	if err != nil {
		return nil, "", err
	}
	if t.unit == nil {
		return nil, "", survey.Errorf(survey.ENOTFOUND, "err.unit.notfound", c.Params("unit"))
	}
	url := h.surveyURL(t.unit.Slug)
	// Medium error correction survives a worn or smudged print and keeps the code coarse enough
	// for cheap phone cameras.
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, "", fmt.Errorf("encode QR code: %w", err)
	}
	return q, url, nil
}

// handleQRPNG serves GET /qr/:unit.png?size=N: the unit's QR code as a PNG of N×N pixels
// (default 512, from 128 to 2048).
func (h *handler) handleQRPNG(c *fiber.Ctx) error {
	size, err := web.AtoiDefault(c.Query("size"), qrDefaultSize)
	if err != nil || size < qrMinSize || size > qrMaxSize {
		return survey.Errorf(survey.EINVALID, "err.qr.size", qrMinSize, qrMaxSize)
	}
	q, _, err := h.unitQR(c)
	if err != nil {
		return err
	}
	png, err := q.PNG(size)
	if err != nil {
		return fmt.Errorf("draw QR code: %w", err)
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set(fiber.HeaderCacheControl, qrCache)
	return c.Send(png)
}

// handleQRSVG serves GET /qr/:unit.svg: the unit's QR code as an SVG drawn from the code's
// modules, sharp at any print size.
func (h *handler) handleQRSVG(c *fiber.Ctx) error {
	q, url, err := h.unitQR(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	c.Set(fiber.HeaderCacheControl, qrCache)
	return c.SendString(qrSVG(q.Bitmap(), url))
}

// qrSVG draws a QR bitmap (quiet zone included) as one path of unit squares, each row's runs of
// dark modules merged into one rectangle.
func qrSVG(bitmap [][]bool, title string) string {
	n := len(bitmap)
	var path strings.Builder
	for y, row := range bitmap {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&path, "M%d %dh%dv1h-%dz", start, y, x-start, x-start)
		}
	}
	size := strconv.Itoa(n)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + size + ` ` + size + `" width="` + strconv.Itoa(n*8) + `" height="` + strconv.Itoa(n*8) + `" shape-rendering="crispEdges" role="img">`)
	b.WriteString(`<title>` + xmlEscape(title) + `</title>`)
	b.WriteString(`<rect width="` + size + `" height="` + size + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="` + path.String() + `"/></svg>` + "\n")
	return b.String()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
