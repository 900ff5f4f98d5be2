package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/skm-engine/skm/survey"
)

// uploadRoute is a form route that takes a file larger than the server's body limit allows other
// routes.
type uploadRoute struct {
	segments []string
	limit    int
}

// uploadSlack is what an upload form may carry besides its file: the other fields and the
// multipart framing.
const uploadSlack = 64 << 10

// HandleUpload registers a browser form (POST) that sends a file of at most limit bytes. Its body
// may exceed SKM_BODY_LIMIT, the limit of every other route, up to limit and a little for the
// form's other fields. A larger body is refused with 413 as soon as its headers arrive, before
// any of it is read, and the error names the limit.
func (s *Server) HandleUpload(path string, rule Access, limit int, h fiber.Handler) {
	s.uploads = append(s.uploads, uploadRoute{segments: strings.Split(strings.Trim(path, "/"), "/"), limit: limit})
	s.Handle(fiber.MethodPost, path, rule, h)
}

// requestLimits gives each request its body limit once its headers are read: the upload's for an
// upload route, the server's for every other.
func (s *Server) requestLimits(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	if !h.IsPost() {
		return fasthttp.RequestConfig{}
	}
	if limit, ok := s.uploadLimit(string(h.RequestURI())); ok {
		return fasthttp.RequestConfig{MaxRequestBodySize: limit + uploadSlack}
	}
	return fasthttp.RequestConfig{}
}

// uploadLimit returns the file limit of the upload route the path (with or without a query)
// names. Routes match as Fiber matches them: a :param is any one segment, letters in any case.
func (s *Server) uploadLimit(uri string) (int, bool) {
	path, _, _ := strings.Cut(uri, "?")
	segments := strings.Split(strings.Trim(path, "/"), "/")
	for _, u := range s.uploads {
		if len(u.segments) != len(segments) {
			continue
		}
		match := true
		for i, seg := range u.segments {
			if !strings.HasPrefix(seg, ":") && !strings.EqualFold(seg, segments[i]) || segments[i] == "" {
				match = false
				break
			}
		}
		if match {
			return u.limit, true
		}
	}
	return 0, false
}

// tooLarge is the error of an upload over its route's limit, in megabytes.
func tooLarge(limit int) error {
	return survey.Errorf(survey.ETOOLARGE, "error.upload.toolarge", (limit+(1<<20)-1)>>20)
}
