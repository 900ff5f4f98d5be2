package web

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// UploadTTL is how long an uploaded file waits for its confirmation.
const UploadTTL = time.Hour

// FormFile returns the file of a multipart form's field, read whole, and its base name. EINVALID
// when the form holds no file there or the file is empty.
func FormFile(c *fiber.Ctx, field string) ([]byte, string, error) {
	fh, err := c.FormFile(field)
	if err != nil {
		return nil, "", survey.Errorf(survey.EINVALID, "err.upload.none")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", survey.Errorf(survey.EINVALID, "err.upload.read")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, "", survey.Errorf(survey.EINVALID, "err.upload.read")
	}
	if len(data) == 0 {
		return nil, "", survey.Errorf(survey.EINVALID, "err.upload.empty")
	}
	return data, filepath.Base(strings.ReplaceAll(fh.Filename, `\`, "/")), nil
}

// KeepUpload keeps a file for its preview until the person who uploaded it confirms it, for at
// most UploadTTL, and returns it with the ID the confirm form carries. The purpose says what the
// file is for and the target what it applies to; the confirmation must name both again.
func (s *Server) KeepUpload(c *fiber.Ctx, purpose, target, name string, data []byte) (*survey.Upload, error) {
	now := s.now()
	u := &survey.Upload{Kind: uploadKind(purpose, target), By: Principal(c).Name, Name: name, Data: data, CreatedAt: now, ExpiresAt: now.Add(UploadTTL)}
	if err := s.Store.SaveUpload(c.UserContext(), u); err != nil {
		return nil, err
	}
	return u, nil
}

// PendingUpload returns the upload a confirm form names when it is the caller's own and was kept
// for the purpose and target. ENOTFOUND otherwise: it expired, was confirmed already, or is
// someone else's, which the caller need not learn.
func (s *Server) PendingUpload(c *fiber.Ctx, id, purpose, target string) (*survey.Upload, error) {
	u, err := s.Store.Upload(c.UserContext(), id, s.now())
	if err != nil {
		return nil, err
	}
	if u.By != Principal(c).Name || u.Kind != uploadKind(purpose, target) {
		return nil, survey.Errorf(survey.ENOTFOUND, "err.upload.gone")
	}
	return u, nil
}

// uploadKind is what a kept file is for: its purpose, such as "paper", and what it applies to,
// such as "2026-S2/dpmptsp".
func uploadKind(purpose, target string) string { return purpose + ":" + target }

// ForgetUpload deletes a confirmed upload. A failure is logged, not shown: what the file asked for
// is done, and the upload expires anyway.
func (s *Server) ForgetUpload(c *fiber.Ctx, id string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.UserContext()), 5*time.Second)
	defer cancel()
	if err := s.Store.DeleteUpload(ctx, id); err != nil {
		s.Log.Warn("confirmed upload not deleted", "id", RequestID(c), "upload", id, "err", err)
	}
}
