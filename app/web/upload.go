package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// HandleUpload registers a browser form (POST) that sends a file of up to limit bytes. The body
// is read only once the access rule has passed; a public upload route is also limited per client
// (see throttleUpload) before its body is read. A larger body is refused with an error that names
// the limit.
func (s *Server) HandleUpload(path string, rule Access, limit int, h fiber.Handler) {
	s.add(s.app, "", fiber.MethodPost, path, rule, limit+uploadSlack, h)
}

// uploadSlack is what an upload form may carry besides its file: the other fields and the
// multipart framing.
const uploadSlack = 64 << 10

// HandleAPIUpload registers a route of the JSON API that takes a file of up to limit bytes.
func (s *Server) HandleAPIUpload(method, path string, rule Access, limit int, h fiber.Handler) {
	s.add(s.api, "/api/v1", method, path, rule, limit, h)
}

// tooLarge is the error of a body over its route's limit: for an upload, the file's limit in
// whole megabytes.
func tooLarge(limit int) error {
	if limit <= FormLimit {
		return errBodyTooLarge
	}
	return survey.Errorf(survey.ETOOLARGE, "error.upload.toolarge", (limit-uploadSlack+(1<<20)-1)>>20)
}
