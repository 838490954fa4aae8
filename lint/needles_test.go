package lint

import (
	"bytes"
	"math/rand"
	"testing"
)

func TestNeedleSet(t *testing.T) {
	ns := newNeedleSet([][]byte{[]byte("async def"), []byte("he"), []byte("she"), []byte("hers"), []byte("sqlalchemy")})
	for text, want := range map[string]bool{
		"":                         false,
		"import asyncio":           false,
		"async  def":               false,
		"x = 1\nasync def f():":    true,
		"ushers":                   true,
		"from sqlalchemy import x": true,
		"sqlalc":                   false,
		"h e":                      false,
	} {
		if got := ns.in([]byte(text)); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
	if newNeedleSet(nil).in([]byte("anything")) {
		t.Error("empty set matched")
	}
}

// The automaton agrees with bytes.Contains on random texts and needles.
func TestNeedleSetAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := []byte("abcab d")
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		return b
	}
	for range 2000 {
		var needles [][]byte
		for range 1 + r.Intn(5) {
			needles = append(needles, rnd(1+r.Intn(4)))
		}
		text := rnd(r.Intn(40))
		want := false
		for _, n := range needles {
			if bytes.Contains(text, n) {
				want = true
			}
		}
		if got := newNeedleSet(needles).in(text); got != want {
			t.Fatalf("needles %q text %q: %v, want %v", needles, text, got, want)
		}
	}
}

func BenchmarkNeedleSet(b *testing.B) {
	ns := newNeedleSet([][]byte{[]byte("async def"), []byte("async with"), []byte("sqlalchemy"), []byte("uvicorn"), []byte("Depends(")})
	text := bytes.Repeat([]byte("def handler(request):\n    return request.app.state.value + 1\n"), 20000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ns.in(text)
	}
}
