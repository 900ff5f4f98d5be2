package web

import (
	"net"
	"sync"

	"github.com/valyala/fasthttp"
)

// connCap limits how many connections one client holds open at once, so that one address cannot
// take every worker with slow requests. Behind trusted proxies the peer is a proxy, which is not
// capped: the proxy caps its clients (see the README's security section).
type connCap struct {
	max     int
	proxies proxies

	mu    sync.Mutex
	open  map[string]int
	conns map[net.Conn]string
}

func newConnCap(max int, ps proxies) *connCap {
	return &connCap{max: max, proxies: ps, open: map[string]int{}, conns: map[net.Conn]string{}}
}

// track follows a connection through the server's states: a new one over its client's cap is
// closed before a request is read from it.
func (cc *connCap) track(conn net.Conn, state fasthttp.ConnState) {
	switch state {
	case fasthttp.StateNew:
		ip := peerIP(conn)
		if ip == nil || cc.proxies.trusted(ip) {
			return
		}
		key := clientKey(ip)
		cc.mu.Lock()
		if cc.open[key] >= cc.max {
			cc.mu.Unlock()
			_ = conn.Close()
			return
		}
		cc.open[key]++
		cc.conns[conn] = key
		cc.mu.Unlock()
	case fasthttp.StateClosed, fasthttp.StateHijacked:
		cc.mu.Lock()
		if key, ok := cc.conns[conn]; ok {
			delete(cc.conns, conn)
			if cc.open[key]--; cc.open[key] == 0 {
				delete(cc.open, key)
			}
		}
		cc.mu.Unlock()
	}
}
