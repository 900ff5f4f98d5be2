package admin

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/app/web/link"
	"github.com/skm-engine/skm/survey"
)

// regionForm is the region's profile as the form shows and sends it. Field names follow the JSON
// API where it has them (name, timeZone).
type regionForm struct {
	Name             string
	TimeZone         string
	OrganizerID      string
	OrganizerEN      string
	OPDs             string
	SignerName       string
	SignerTitle      string
	SignerNIP        string
	HeadsImportPaper bool
	RemoveLogo       bool
}

func regionFormOf(r *survey.Region) regionForm {
	return regionForm{Name: r.Name, TimeZone: r.TimeZone, OrganizerID: r.Organizer.ID, OrganizerEN: r.Organizer.EN,
		OPDs: strings.Join(r.OPDs, "\n"), SignerName: r.Signer.Name, SignerTitle: r.Signer.Title, SignerNIP: r.Signer.FormattedNIP(),
		HeadsImportPaper: r.HeadsImportPaper}
}

func readRegionForm(c *fiber.Ctx) regionForm {
	return regionForm{Name: web.FormText(c, "name"), TimeZone: web.FormText(c, "timeZone"),
		OrganizerID: web.FormText(c, "organizer.id"), OrganizerEN: web.FormText(c, "organizer.en"), OPDs: web.FormText(c, "opds"),
		SignerName: web.FormText(c, "signer.name"), SignerTitle: web.FormText(c, "signer.title"), SignerNIP: web.FormText(c, "signer.nip"),
		HeadsImportPaper: c.FormValue("headsImportPaper") == "on", RemoveLogo: c.FormValue("logoRemove") == "on"}
}

// apply returns the region with the form's values.
func (f regionForm) apply(r survey.Region) survey.Region {
	r.Name, r.TimeZone = f.Name, f.TimeZone
	r.Organizer = survey.Text{ID: f.OrganizerID, EN: f.OrganizerEN}
	r.OPDs = web.Lines(f.OPDs)
	r.Signer = survey.NewSigner(f.SignerName, f.SignerTitle, f.SignerNIP)
	r.HeadsImportPaper = f.HeadsImportPaper
	if f.RemoveLogo {
		r.Logo = ""
	}
	return r
}

// zoneOption is a time zone the form offers, named as Indonesians know it.
type zoneOption struct {
	Value    string
	Label    string
	Selected bool
}

// zoneNames are the Indonesian names of the country's time zones.
var zoneNames = map[string]string{"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

func zoneOptions(current string) []zoneOption {
	var out []zoneOption
	zones := survey.TimeZones
	if _, known := zoneNames[current]; !known && current != "" {
		zones = append([]string{current}, zones...)
	}
	for _, z := range zones {
		label := z
		if short, ok := zoneNames[z]; ok {
			label = short + " (" + z + ")"
		}
		out = append(out, zoneOption{Value: z, Label: label, Selected: z == current})
	}
	return out
}

type regionPage struct {
	web.Page
	Form     regionForm
	Problems *problems
	Zones    []zoneOption
	// Welcome greets an administrator whom the first run led here, with the offer to skip.
	Welcome bool
	Saved   bool
	Logo    string
	// LogoLimit is the largest logo file accepted, in megabytes.
	LogoLimit int
}

func (h *handler) renderRegion(c *fiber.Ctx, status int, r *survey.Region, f regionForm, ps *problems) error {
	p := h.Page(c, "")
	rp := regionPage{Page: p, Form: f, Problems: ps, Zones: zoneOptions(f.TimeZone), Welcome: !r.Saved() || c.Query("mulai") != "",
		Saved: c.Query("ok") != "", LogoLimit: maxLogoUpload >> 20}
	if r.Logo != "" {
		rp.Logo = link.Logo(r.Logo)
	}
	rp.Title = p.T("region.title")
	return h.Render(c, status, "admin_region", rp)
}

// handleRegion serves GET /admin/wilayah: the region's profile. The first run leads here
// (?mulai=1) with a welcome.
func (h *handler) handleRegion(c *fiber.Ctx) error {
	r, err := h.Store.Region(c.UserContext())
	if err != nil {
		return err
	}
	return h.renderRegion(c, fiber.StatusOK, r, regionFormOf(r), newProblems(h.Printer(c)))
}

// regionFields maps the region's validation errors to the control to fix.
var regionFields = map[string]string{
	"err.region.name": "name", "err.region.namelength": "name", "err.region.timezone": "timeZone",
	"err.region.opds": "opds", "err.region.opd": "opds", "err.region.opdtwice": "opds",
	"err.signer.name": "signer-name", "err.signer.length": "signer-name", "err.signer.nip": "signer-nip",
}

// handleRegionSave serves POST /admin/wilayah, a multipart form with the optional logo file. The
// logo is decoded and encoded afresh (never stored as uploaded); nothing is saved unless every
// field is right.
func (h *handler) handleRegionSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	current, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	f := readRegionForm(c)
	next := f.apply(*current)
	ps := newProblems(h.Printer(c))
	if !survey.ValidTimeZone(next.TimeZone) {
		ps.say("timeZone", "err.region.timezone", next.TimeZone)
	}
	if err := next.Signer.Validate(); err != nil {
		ps.add(regionFields[survey.ErrorMessage(err).Key], err)
	}
	ps.add("opds", survey.ValidateOPDs(next.OPDs))
	logo, err := h.uploadedLogo(c)
	ps.add("logo", err)
	if err := next.Validate(); err != nil {
		field := regionFields[survey.ErrorMessage(err).Key]
		if field == "" {
			field = "name"
		}
		ps.add(field, err)
	}
	if ps.Any() {
		return h.renderRegion(c, fiber.StatusBadRequest, current, f, ps)
	}
	detail := "profile"
	if logo != nil {
		if err := h.Store.SaveLogo(ctx, logo); err != nil {
			return err
		}
		next.Logo, detail = logo.ID, "profile, logo "+logo.ID
	} else if f.RemoveLogo && current.Logo != "" {
		detail = "profile, logo removed"
	}
	if err := h.Store.SaveRegion(ctx, &next); err != nil {
		return err
	}
	h.RegionChanged()
	if next.Logo != current.Logo {
		if err := h.Store.PruneLogos(ctx); err != nil {
			return err
		}
	}
	h.Audit(c, "region.update", next.Name, detail)
	return c.Redirect("/admin/wilayah?ok=1", fiber.StatusSeeOther)
}

// uploadedLogo returns the logo the form sends, re-encoded, or nil when it sends none.
func (h *handler) uploadedLogo(c *fiber.Ctx) (*survey.Logo, error) {
	fh, err := c.FormFile("logo")
	if errors.Is(err, fasthttp.ErrMissingFile) || errors.Is(err, fasthttp.ErrNoMultipartForm) || (err == nil && fh.Size == 0 && fh.Filename == "") {
		return nil, nil
	} else if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.upload.read")
	}
	if fh.Size > maxLogoUpload {
		return nil, survey.Errorf(survey.ETOOLARGE, "err.logo.upload", maxLogoUpload>>20)
	}
	file, err := fh.Open()
	if err != nil {
		return nil, survey.Errorf(survey.EINVALID, "err.upload.read")
	}
	defer file.Close()
	return makeLogo(file)
}

// handleRegionSkip serves POST /admin/wilayah/lewati: the administrator leaves the region's
// profile for later. The defaults are saved as they are, so the first run does not ask again.
func (h *handler) handleRegionSkip(c *fiber.Ctx) error {
	ctx := c.UserContext()
	r, err := h.Store.Region(ctx)
	if err != nil {
		return err
	}
	if !r.Saved() {
		if err := h.Store.SaveRegion(ctx, r); err != nil {
			return err
		}
		h.RegionChanged()
		h.Audit(c, "region.setup", r.Name, "skipped")
	}
	return c.Redirect("/admin", fiber.StatusSeeOther)
}
