package resident

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

// Abuse controls of the resident's survey. None of them stores who a resident is: the rate limit
// keys on a keyed hash of the address, the one-answer-per-device rule lives in a signed cookie on
// the device, and the quality flags mark responses without refusing them.

const (
	// honeypotField is a text field people never see or reach; software filling every field does.
	honeypotField = "website"
	// minCompletion is the least time in which a person can read nine questions and the profile;
	// a response sent sooner after the form was built is kept but flagged too fast.
	minCompletion = 20 * time.Second
	// doneCookieAge keeps the one-per-device cookie past the end of a semester's campaign.
	doneCookieAge = 200 * 24 * time.Hour
	// localLimited marks a submission over the rate limit for the handler, which answers it
	// with the resident's input kept.
	localLimited = "resident.limited"
	// A unit's answers arrive as residents leave its counters, a few a minute at the busiest
	// public service mall. Past burstFlagged answers in a minute, the unit's answers are flagged
	// as a burst (stored, shown to the unit, left out of the index); past burstRefused they are
	// refused for the rest of the minute (429: the page's script keeps them and sends them again).
	// Each instance counts its own.
	burstWindow  = time.Minute
	burstFlagged = 20
	burstRefused = 60
)

// newSubmissionKey returns a random 128-bit submission key, as the page's script also mints one
// for a form it reuses offline (a kiosk between respondents).
func newSubmissionKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// A form's submission key is a random part and a proof that binds it to the browser the form was
// built for (web.BrowserMAC), so that a retry of the same submission can show it comes from that
// browser. Only then does a retry learn the tracking code the first submission opened: someone
// who saw another resident's key (on a shared tablet, in a kept page) learns nothing with it.
const (
	randomKeyLen = 22 // base64 of 16 random bytes
	keyProofLen  = 16
)

// ownedKey returns a fresh submission key bound to this browser.
func (h *handler) ownedKey(c *fiber.Ctx) string {
	r := newSubmissionKey()
	return r + h.BrowserMAC(c, "key", r)[:keyProofLen]
}

// sentByOwner reports whether the key was made for this browser.
func (h *handler) sentByOwner(c *fiber.Ctx, key string) bool {
	if len(key) != randomKeyLen+keyProofLen {
		return false
	}
	return hmac.Equal([]byte(key[randomKeyLen:]), []byte(h.BrowserMAC(c, "key", key[:randomKeyLen])[:keyProofLen]))
}

// A form carries the time it was built, signed together with the form's unit and submission
// key: the stamp vouches for that one form only. A stamp reused with another key (a script
// posting many answers from one fetched form) or on another unit's form does not verify, and
// its answers are flagged too fast; used again with its own key it is the same submission,
// which the store keeps once. So a stamp counts once, without a record of its own.

// renderStamp returns the signed time at which the unit's form with the key was built.
func (h *handler) renderStamp(unit, key string, at time.Time) string {
	ms := strconv.FormatInt(at.UnixMilli(), 10)
	return ms + "." + h.MAC("stamp", unit, key, ms)
}

// stampTime returns the time the unit's form with the key was built, or false when the stamp
// is missing, forged, or another form's.
func (h *handler) stampTime(unit, key, stamp string) (time.Time, bool) {
	ms, sig, ok := strings.Cut(stamp, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(h.MAC("stamp", unit, key, ms))) {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(n), true
}

// qualityFlags returns the flags a response earns: sent too soon after its form was built (or
// with a stamp that is not its form's), or the same answer to every question.
func (h *handler) qualityFlags(r *survey.Response, stamp string) []string {
	var flags []string
	if built, ok := h.stampTime(r.Unit, r.Key, stamp); !ok || r.SubmittedAt.Sub(built) < minCompletion {
		flags = append(flags, survey.FlagTooFast)
	}
	if r.Answers.StraightLined() {
		flags = append(flags, survey.FlagStraightLined)
	}
	return flags
}

// doneCookie names the cookie that records a device's answer to a unit's survey; it is sent
// only to that unit's pages.
func doneCookie(unit string) string { return "skm_done_" + strings.ReplaceAll(unit, "-", "_") }

// keyDigest identifies a submission key in the cookie without putting the key itself on the device.
func (h *handler) keyDigest(key string) string { return h.MAC("key", key)[:11] }

// markAnswered sets the cookie saying this device answered the unit in the campaign with the key.
func (h *handler) markAnswered(c *fiber.Ctx, unit, campaign, key string) {
	digest := h.keyDigest(key)
	c.Cookie(&fiber.Cookie{Name: doneCookie(unit), Value: campaign + "." + digest + "." + h.MAC("done", unit, campaign, digest),
		Path: link.Survey(unit), MaxAge: int(doneCookieAge / time.Second), HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: h.SecureCookies(c)})
}

// answered reports whether this device already answered the unit in the campaign, and the digest
// of the key it answered with (so that a retry of that same submission is told apart).
func (h *handler) answered(c *fiber.Ctx, unit, campaign string) (digest string, ok bool) {
	parts := strings.Split(c.Cookies(doneCookie(unit)), ".")
	if len(parts) != 3 || parts[0] != campaign {
		return "", false
	}
	if !hmac.Equal([]byte(parts[2]), []byte(h.MAC("done", unit, campaign, parts[1]))) {
		return "", false
	}
	return parts[1], true
}

// submitLimiter limits survey submissions per client: a sliding window of one minute over a keyed
// hash of the client's address, kept in this process (each instance counts its own requests). A
// submission over the limit goes on to its handler marked, so the resident keeps the input.
func (h *handler) submitLimiter() fiber.Handler {
	return limiter.New(limiter.Config{
		Next: func(c *fiber.Ctx) bool {
			return h.Config.SubmitLimit == 0 || c.Method() != fiber.MethodPost || !strings.HasPrefix(c.Path(), "/s/")
		},
		Max:               max(h.Config.SubmitLimit, 1),
		Expiration:        time.Minute,
		KeyGenerator:      func(c *fiber.Ctx) string { return h.ClientHash(c, "submit") },
		LimiterMiddleware: limiter.SlidingWindow{},
		LimitReached: func(c *fiber.Ctx) error {
			c.Locals(localLimited, true)
			return c.Next()
		},
	})
}

func limited(c *fiber.Ctx) bool {
	v, _ := c.Locals(localLimited).(bool)
	return v
}

// bursts counts each unit's answers in the last burstWindow, in this process.
type bursts struct {
	mu   sync.Mutex
	seen map[string][]time.Time
}

func newBursts() *bursts { return &bursts{seen: map[string][]time.Time{}} }

// admit counts an answer to the unit at the time and returns how many the unit took in the
// window with it; past burstRefused it refuses the answer, counts nothing, and says when the
// window will take one again.
func (b *bursts) admit(unit string, now time.Time) (n int, retry time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.seen[unit][:0]
	for _, at := range b.seen[unit] {
		if now.Sub(at) < burstWindow {
			kept = append(kept, at)
		}
	}
	if len(kept) >= burstRefused {
		b.seen[unit] = kept
		return len(kept), kept[0].Add(burstWindow).Sub(now)
	}
	b.seen[unit] = append(kept, now)
	return len(kept) + 1, 0
}

// admitBurst counts the response toward its unit's burst and flags it as one past burstFlagged;
// it reports false, setting Retry-After, when the unit takes no more answers this minute. A
// server without a submission limit (SKM_SUBMIT_LIMIT=0, for load tests) flags bursts but
// refuses none.
func (h *handler) admitBurst(c *fiber.Ctx, r *survey.Response) bool {
	n, retry := h.bursts.admit(r.Unit, h.Now())
	if retry > 0 && h.Config.SubmitLimit != 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(retry/time.Second)+1))
		return false
	}
	if n > burstFlagged {
		r.Flags = append(r.Flags, survey.FlagBurst)
	}
	return true
}
