package reports

import (
	"io"
	"testing"
)

// The benchmarks write to io.Discard, so the figures are the rendering alone: compare ns/op with
// the targets (a unit report under 0.2 s, a 200-unit regional report under 3 s) and B/op with the
// size of the PDF.

func BenchmarkUnitReport(b *testing.B) {
	d := fixtureUnitData("id")
	b.ReportAllocs()
	for b.Loop() {
		if err := UnitReport(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegionReport200(b *testing.B) {
	d := fixtureRegionData("id", 200)
	b.ReportAllocs()
	for b.Loop() {
		if err := RegionReport(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPoster(b *testing.B) {
	d := fixturePosterData()
	b.ReportAllocs()
	for b.Loop() {
		if err := Poster(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
