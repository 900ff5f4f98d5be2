package analytics

import (
	"encoding/binary"
	"math"
	"math/big"
	"testing"
)

// fuzzTally reads a tally from fuzz input: each count is a signed 16-bit number shifted left by
// shift, so that small, negative and enormous counts all occur.
func fuzzTally(data []byte, shift uint8) Tally {
	next := func() int64 {
		if len(data) < 2 {
			return 0
		}
		v := int64(int16(binary.LittleEndian.Uint16(data)))
		data = data[2:]
		return v << (shift % 50)
	}
	var t Tally
	t.Respondents = next()
	for i := range t.Elements {
		for j := range t.Elements[i] {
			t.Elements[i][j] = next()
		}
	}
	for k := range t.RespondentSums {
		t.RespondentSums[k] = next()
	}
	return t
}

// exactScore is an independent big.Rat computation of the score in hundredths: the mean of the
// answered elements' Sum/Answered, × 2500, rounded half-up.
func exactScore(t Tally) (int64, bool) {
	sum := new(big.Rat)
	k := int64(0)
	for _, d := range t.Elements {
		if n := d.Answered(); n > 0 {
			sum.Add(sum, big.NewRat(d.Sum(), n))
			k++
		}
	}
	if k == 0 {
		return 0, false
	}
	return roundHalfUp(sum.Mul(sum, big.NewRat(2500, k))), true
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func FuzzCompute(f *testing.F) {
	seed := func(t Tally) []byte {
		var b []byte
		put := func(v int64) { b = binary.LittleEndian.AppendUint16(b, uint16(v)) }
		put(t.Respondents)
		for _, d := range t.Elements {
			for _, c := range d {
				put(c)
			}
		}
		for _, c := range t.RespondentSums {
			put(c)
		}
		return b
	}
	f.Add(seed(tallyOf(f, vectorA...)), uint8(0), int64(0))
	f.Add(seed(tallyOf(f, vectorA...)), uint8(0), int64(50))
	f.Add(seed(tallyOf(f, vectorB...)), uint8(3), int64(0))
	f.Add(seed(uniform(f, 15, 53)), uint8(0), int64(15))
	f.Add(seed(tallyOf(f, "4,4,4,4,4,4,4,4,4")), uint8(0), int64(1))
	f.Add(seed(elementsOnly()), uint8(40), int64(-7))
	f.Add([]byte{}, uint8(0), int64(0))
	f.Add([]byte{0xff, 0xff, 0x01}, uint8(49), int64(math.MaxInt64))

	boundaries := []float64{64.995, 76.605, 88.305}
	f.Fuzz(func(t *testing.T, data []byte, shift uint8, population int64) {
		tally := fuzzTally(data, shift)
		r := Compute(tally)
		if !finite(r.IKM, r.Score) {
			t.Fatalf("non-finite result %+v", r)
		}
		want, scored := exactScore(tally)
		if r.Empty == scored {
			t.Fatalf("Empty = %v for a tally with answers: %v", r.Empty, scored)
		}
		if r.Empty {
			if r.Grade != "" || r.Score != 0 || r.ScoreHundredths != 0 {
				t.Fatalf("empty result with a score: %+v", r)
			}
		} else {
			if r.ScoreHundredths != want {
				t.Fatalf("score %d, exact computation gives %d", r.ScoreHundredths, want)
			}
			if r.ScoreHundredths < 2500 || r.ScoreHundredths > 10000 || r.Score != float64(r.ScoreHundredths)/100 {
				t.Fatalf("score %v (%d) off the 25–100 scale", r.Score, r.ScoreHundredths)
			}
			if r.Grade != GradeOf(r.ScoreHundredths) || r.Performance != r.Grade.Performance() || r.Grade == "" {
				t.Fatalf("grade %q %q for score %d", r.Grade, r.Performance, r.ScoreHundredths)
			}
			if math.Abs(r.IKM*25-r.Score) > 0.005+1e-9 {
				t.Fatalf("IKM %v does not round to score %v", r.IKM, r.Score)
			}
		}
		for _, e := range r.Elements {
			if !finite(e.NRR, e.WeightedNRR, e.Score, e.SD) || e.SD < 0 {
				t.Fatalf("non-finite element %+v", e)
			}
			if e.Answered > 0 && (e.ScoreHundredths < 2500 || e.ScoreHundredths > 10000 || e.Grade != GradeOf(e.ScoreHundredths)) {
				t.Fatalf("element %+v off the scale or misgraded", e)
			}
		}

		iv := ScoreInterval(tally, population)
		if !finite(iv.Low, iv.High, iv.SE) || iv.SE < 0 {
			t.Fatalf("non-finite interval %+v", iv)
		}
		if !r.Empty {
			if !(25 <= iv.Low && iv.Low <= r.Score && r.Score <= iv.High && iv.High <= 100) {
				t.Fatalf("interval %+v does not hold score %v within 25–100", iv, r.Score)
			}
			straddles := false
			for _, b := range boundaries {
				straddles = straddles || (iv.Low < b && b < iv.High)
			}
			if iv.StraddlesBoundary != straddles {
				t.Fatalf("interval %+v: StraddlesBoundary should be %v", iv, straddles)
			}
		}

		p := Priorities(r)
		answered := 0
		for _, e := range r.Elements {
			if e.Answered > 0 {
				answered++
			}
		}
		if len(p) != answered {
			t.Fatalf("%d priorities for %d answered elements", len(p), answered)
		}
		for i := 1; i < len(p); i++ {
			if p[i].Score < p[i-1].Score {
				t.Fatalf("priorities out of order: %+v", p)
			}
		}

		steps, err := Trend([]Point{{"a", r, iv}, {"b", Compute(Tally{}), Interval{}}, {"c", r, iv}})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			if !finite(s.Overall.Delta) || s.Overall.Delta != 0 {
				t.Fatalf("trend of a result with itself: %+v", s)
			}
		}
	})
}
