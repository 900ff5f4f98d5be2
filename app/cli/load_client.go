package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/valyala/fasthttp"
)

// loadClient is skm load's HTTP client. It speaks as a phone's browser does (gzip accepted,
// redirects not followed, each phone with its own cookies), on fasthttp rather than net/http:
// without two goroutines and a round of allocations per request it spends half the CPU a phone,
// and the load generator shares this machine's CPU with the server it measures.
type loadClient struct {
	c *fasthttp.Client
}

// requestTimeout bounds one request, as a phone's browser gives up on a page.
const requestTimeout = 30 * time.Second

func newLoadClient(conns int) *loadClient {
	return &loadClient{c: &fasthttp.Client{
		MaxConnsPerHost:           conns,
		MaxIdemponentCallAttempts: 1, // a retried POST would be a second submission to measure
		ReadTimeout:               requestTimeout,
		WriteTimeout:              requestTimeout,
	}}
}

// cookies are one phone's cookies by name. A phone visits only the survey's pages, which lie
// under the path of every cookie they set.
type cookies map[string]string

// reply is what a request brought back: the status, the body as sent before compression, and
// the redirect's target.
type reply struct {
	status   int
	body     string
	location string
}

// do sends one request with the header and the phone's cookies (nil for none), and keeps the
// cookies the reply sets.
func (lc *loadClient) do(ctx context.Context, method, target string, body []byte, header map[string]string, jar cookies) (reply, error) {
	if err := ctx.Err(); err != nil {
		return reply{}, err
	}
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	req.SetRequestURI(target)
	req.Header.SetMethod(method)
	req.Header.Set(fasthttp.HeaderAcceptEncoding, "gzip")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for k, v := range jar {
		req.Header.SetCookie(k, v)
	}
	req.SetBody(body)
	deadline := time.Now().Add(requestTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := lc.c.DoDeadline(req, resp, deadline); err != nil {
		return reply{}, fmt.Errorf("%s %s: %w", method, target, err)
	}
	if jar != nil {
		keep(jar, &resp.Header)
	}
	b := resp.Body()
	if string(resp.Header.ContentEncoding()) == "gzip" {
		var err error
		if b, err = resp.BodyGunzip(); err != nil {
			return reply{}, fmt.Errorf("%s %s: unzip the reply: %w", method, target, err)
		}
	}
	return reply{status: resp.StatusCode(), body: string(b), location: string(resp.Header.Peek(fasthttp.HeaderLocation))}, nil
}

// keep stores the cookies the reply sets in jar, and forgets those it clears (an empty value or
// an expiry in the past, as the engine clears them).
func keep(jar cookies, h *fasthttp.ResponseHeader) {
	c := fasthttp.AcquireCookie()
	defer fasthttp.ReleaseCookie(c)
	h.VisitAllCookie(func(_, value []byte) {
		c.Reset()
		if c.ParseBytes(value) != nil {
			return
		}
		name := string(c.Key())
		expired := !c.Expire().IsZero() && c.Expire().Before(time.Now())
		if len(c.Value()) == 0 || expired {
			delete(jar, name)
			return
		}
		jar[name] = string(c.Value())
	})
}
