package admin_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/skm-engine/skm/app/apptest"
	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

var ctx = context.Background()

// postFile submits a multipart form, as a browser sends one with a file, with the CSRF token of
// the last page the browser fetched.
func postFile(tb testing.TB, b *apptest.Browser, path string, fields map[string]string, fileField, fileName string, data []byte) (*http.Response, string) {
	tb.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if _, ok := fields[web.CSRFField]; !ok {
		_ = w.WriteField(web.CSRFField, b.CSRF)
	}
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if fileField != "" {
		fw, err := w.CreateFormFile(fileField, fileName)
		if err != nil {
			tb.Fatal(err)
		}
		fw.Write(data)
	}
	w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.Send(req)
}

// pngOf draws a w×h image with a gradient, so that it neither compresses to nothing nor looks
// like one colour, and encodes it as PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, gradient(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, gradient(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// emblemOf draws a round emblem on a transparent ground, as a regency's logo might look, and
// encodes it as PNG.
func emblemOf(t *testing.T, size int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			d := math.Hypot(float64(x)-c, float64(y)-c) / c
			switch {
			case d > 1:
			case d > 0.86:
				img.Set(x, y, color.NRGBA{R: 0x0b, G: 0x6e, B: 0x3a, A: 255})
			case d > 0.78:
				img.Set(x, y, color.NRGBA{R: 0xe0, G: 0xa8, B: 0x00, A: 255})
			case math.Abs(float64(y)-c) < c*0.18:
				img.Set(x, y, color.NRGBA{R: 0xb3, G: 0x1b, B: 0x1b, A: 255})
			default:
				img.Set(x, y, color.NRGBA{R: 255, G: 255, B: 255, A: 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// noiseOf encodes an opaque image of random pixels, which no encoder can shrink.
func noiseOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(7, 14))
	for i := range img.Pix {
		img.Pix[i] = byte(rng.UintN(256))
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gradient(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{R: uint8(x * 255 / max(1, w)), G: uint8(y * 255 / max(1, h)), B: 120, A: 255})
		}
	}
	return img
}

// fieldError returns the message a form shows next to the control with the id, checking that the
// control points to it and is marked invalid.
func fieldError(t *testing.T, d *goquery.Document, id string) string {
	t.Helper()
	ctl := d.Find("#" + id)
	if !strings.Contains(ctl.AttrOr("aria-describedby", ""), id+"-err") || ctl.AttrOr("aria-invalid", "") != "true" {
		t.Errorf("control %s is not marked invalid and described by its error", id)
	}
	return strings.TrimSpace(d.Find("#" + id + "-err").Text())
}

// auditActions returns the actions the audit log holds for the target.
func auditActions(t *testing.T, e *apptest.Env, action string) []*survey.AuditEntry {
	t.Helper()
	entries, err := e.Store.AuditEntries(ctx, survey.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}
