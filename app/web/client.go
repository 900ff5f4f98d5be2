package web

import (
	"bytes"
	"net"

	"github.com/gofiber/fiber/v2"
)

// proxies are the load balancers whose X-Forwarded-For the engine believes (SKM_TRUSTED_PROXIES).
type proxies []*net.IPNet

// newProxies parses the configured addresses and networks; the configuration has checked them.
func newProxies(list []string) proxies {
	var ps proxies
	for _, p := range list {
		if _, n, err := net.ParseCIDR(p); err == nil {
			ps = append(ps, n)
		} else if ip := net.ParseIP(p); ip != nil {
			bits := 8 * len(ip.To16())
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			ps = append(ps, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
		}
	}
	return ps
}

func (ps proxies) trusted(ip net.IP) bool {
	for _, n := range ps {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// clientIP returns the address of the client that sent the request. It is the connection's
// peer, unless the peer is a trusted proxy: then X-Forwarded-For names the client, but only its
// right end can be believed, since each proxy appends the address it was reached from and a
// client writes whatever it likes before that. The client is the right-most address that is not
// a trusted proxy (the left-most when all are).
func (s *Server) clientIP(c *fiber.Ctx) net.IP {
	ip := c.Context().RemoteIP()
	if !s.proxies.trusted(ip) {
		return ip
	}
	headers := c.Request().Header.PeekAll(fiber.HeaderXForwardedFor)
	for h := len(headers) - 1; h >= 0; h-- {
		entries := bytes.Split(headers[h], []byte(","))
		for i := len(entries) - 1; i >= 0; i-- {
			hop := net.ParseIP(string(bytes.TrimSpace(entries[i])))
			if hop == nil {
				// A malformed entry: nothing left of it can be believed, so the client is the
				// address the last trusted hop reported.
				return ip
			}
			ip = hop
			if !s.proxies.trusted(ip) {
				return ip
			}
		}
	}
	return ip
}

// clientKey is the part of an address that identifies one client: an IPv4 address, or the /64
// network of an IPv6 address, which one subscriber holds whole and can rotate through at will.
func clientKey(ip net.IP) string {
	if v4 := ip.To4(); v4 != nil {
		return v4.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// peerIP returns the address at the other end of a connection, or nil for one that is not TCP.
func peerIP(conn net.Conn) net.IP {
	if a, ok := conn.RemoteAddr().(*net.TCPAddr); ok {
		return a.IP
	}
	return nil
}
