package dashboard

import (
	"context"
	"os"
	"time"

	"github.com/skm-engine/skm/app/web"
	"github.com/skm-engine/skm/survey"
)

// Internals the external tests use.

type CampaignTally = campaignTally

var ProcessCPU = processCPU

// ExportResponses writes the campaign's responses of the unit to f as an ext file (csv or xlsx), as
// the download does, and returns the file's size and its rows.
func ExportResponses(f *os.File, ext string, store survey.Store, camp *survey.Campaign, unit string) (int64, int, error) {
	h := &handler{Server: &web.Server{Store: store}}
	return writeExport(f, ext, "responses", func(rw rowWriter) (int, error) {
		return h.writeResponses(context.Background(), rw, survey.LangID, time.UTC, camp, unit)
	})
}
