// Package account serves signing in and out and a person's own account: the password change.
package account

import (
	"embed"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/app/web"
)

//go:embed views
var views embed.FS

// handler serves sign-in and the account page.
type handler struct {
	*web.Server
}

// Register adds sign-in, sign-out and the account page to the server.
func Register(s *web.Server) error {
	h := &handler{Server: s}
	s.Handle(fiber.MethodGet, "/masuk", web.Public, h.handleSignin)
	s.Handle(fiber.MethodPost, "/masuk", web.Public, h.handleSigninPost)
	s.Handle(fiber.MethodPost, "/keluar", web.AnyRole, h.handleSignout)
	s.Handle(fiber.MethodGet, "/akun", web.AnyRole, h.handleAccount)
	s.Handle(fiber.MethodPost, "/akun/sandi", web.AnyRole, h.handlePasswordChange)
	return s.AddViews(views)
}
