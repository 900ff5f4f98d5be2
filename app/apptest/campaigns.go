package apptest

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/skm-engine/skm/app/web"
)

// AllowHeadsImportPaper lets the region's unit heads import their own unit's paper questionnaires.
func (e *Env) AllowHeadsImportPaper() {
	e.T.Helper()
	ctx := context.Background()
	r, err := e.Store.Region(ctx)
	if err != nil {
		e.T.Fatal(err)
	}
	r.HeadsImportPaper = true
	if err := e.Store.SaveRegion(ctx, r); err != nil {
		e.T.Fatal(err)
	}
}

// Upload sends a multipart form with a file, as a browser's file form does, with the CSRF token
// of the last page fetched.
func (b *Browser) Upload(path, field, filename string, data []byte, fields url.Values) (*http.Response, string) {
	b.Env.T.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if fields.Get(web.CSRFField) == "" && b.CSRF != "" {
		_ = w.WriteField(web.CSRFField, b.CSRF)
	}
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	part, err := w.CreateFormFile(field, filename)
	if err != nil {
		b.Env.T.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.Send(req)
}
