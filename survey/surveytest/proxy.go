package surveytest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/skm-engine/skm/survey/mongo"
)

// Proxy is a TCP proxy in front of the test store that a test can cut, to play a store outage:
// while cut, every connection is dropped and new ones are refused.
type Proxy struct {
	network string
	target  string
	ln      net.Listener
	mu      sync.Mutex
	cut     bool
	conns   map[net.Conn]struct{}
}

// MustStartProxy starts a proxy to the test store and returns it; its URI goes through it.
func MustStartProxy(tb testing.TB) *Proxy {
	tb.Helper()
	network, target, err := storeAddress(URI(tb))
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{network: network, target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	go p.serve()
	tb.Cleanup(func() {
		ln.Close()
		p.Cut()
	})
	return p
}

// storeAddress returns where a store's connection string points: a Unix socket (the embedded
// store's, its path escaped in the host) or a TCP address.
func storeAddress(uri string) (network, address string, err error) {
	host, _, _ := strings.Cut(strings.TrimPrefix(uri, "mongodb://"), "/")
	if host, _, _ = strings.Cut(host, "?"); strings.HasPrefix(host, "%2F") {
		path, err := url.PathUnescape(host)
		return "unix", path, err
	}
	return "tcp", host, nil
}

// URI returns the connection string through the proxy.
func (p *Proxy) URI() string { return "mongodb://" + p.ln.Addr().String() + "/" }

// Cut drops every connection and refuses new ones until Restore.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]struct{}{}
}

// Restore lets connections through again.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
}

func (p *Proxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.cut {
			p.mu.Unlock()
			client.Close()
			continue
		}
		server, err := net.Dial(p.network, p.target)
		if err != nil {
			p.mu.Unlock()
			client.Close()
			continue
		}
		p.conns[client], p.conns[server] = struct{}{}, struct{}{}
		p.mu.Unlock()
		go p.pipe(client, server)
		go p.pipe(server, client)
	}
}

func (p *Proxy) pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

// MustOpenDatabase returns a fresh database reached through the proxy, with timeouts short enough
// that a cut shows within a second; it is dropped when the test ends.
func (p *Proxy) MustOpenDatabase(tb testing.TB) *driver.Database {
	tb.Helper()
	client, err := driver.Connect(mongo.ClientOptions(p.URI()).SetServerSelectionTimeout(time.Second).SetTimeout(3 * time.Second))
	if err != nil {
		tb.Fatal(err)
	}
	db := client.Database(fmt.Sprintf("skmtest_proxy_%d_%d", os.Getpid(), dbSeq.Add(1)))
	tb.Cleanup(func() {
		ctx := context.Background()
		_ = db.Drop(ctx)
		_ = client.Disconnect(ctx)
	})
	return db
}
