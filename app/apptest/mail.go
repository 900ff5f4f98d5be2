package apptest

import (
	"bufio"
	"io"
	"mime/quotedprintable"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// MailSink is an SMTP server on 127.0.0.1 that keeps the messages it is sent, for tests of the
// engine's emails. It can refuse messages for a while, as a busy server does.
type MailSink struct {
	ln       net.Listener
	mu       sync.Mutex
	mails    []Mail
	failData int
}

// Mail is a message a MailSink received: its envelope, and its text as a mail program shows it
// (headers, and the body with quoted-printable undone).
type Mail struct {
	From string
	To   []string
	Data string
}

// NewMailSink starts a sink that runs until the test ends.
func NewMailSink(t testing.TB) *MailSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &MailSink{ln: ln}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

// Addr is the sink's host:port.
func (s *MailSink) Addr() string { return s.ln.Addr().String() }

// FailNext makes the sink refuse the next n messages with a temporary error.
func (s *MailSink) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failData = n
}

// Mails returns the messages received so far.
func (s *MailSink) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// refuses reports whether the next message is refused, counting it.
func (s *MailSink) refuses() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failData == 0 {
		return false
	}
	s.failData--
	return true
}

// serve speaks just enough SMTP for net/smtp: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
func (s *MailSink) serve(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(conn)
	say := func(line string) { _, _ = io.WriteString(conn, line+"\r\n") }
	say("220 sink.test ESMTP")
	var m Mail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case strings.HasPrefix(cmd, "EHLO"):
			say("250-sink.test")
			say("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			m = Mail{From: angle(line)}
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.To = append(m.To, angle(line))
			say("250 OK")
		case cmd == "DATA" && s.refuses():
			say("451 4.3.0 try again later")
		case cmd == "DATA":
			say("354 go ahead")
			data, ok := readData(r)
			if !ok {
				return
			}
			m.Data = data
			s.mu.Lock()
			s.mails = append(s.mails, m)
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 OK")
		}
	}
}

// readData reads a message up to its lone dot, and undoes quoted-printable's soft line breaks
// and escapes.
func readData(r *bufio.Reader) (string, bool) {
	var data strings.Builder
	for {
		l, err := r.ReadString('\n')
		if err != nil {
			return "", false
		}
		if l == ".\r\n" {
			break
		}
		data.WriteString(l)
	}
	text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(data.String())))
	if err != nil {
		return data.String(), true
	}
	return string(text), true
}

// angle returns the address between < and > in an SMTP command.
func angle(line string) string {
	_, rest, _ := strings.Cut(line, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}
