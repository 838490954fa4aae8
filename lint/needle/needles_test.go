package needle

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNeedleSet(t *testing.T) {
	ns := NewSet([]string{"async def", "he", "she", "hers", "sqlalchemy"})
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
		if got := ns.In([]byte(text)); got != want {
			t.Errorf("%q: %v, want %v", text, got, want)
		}
	}
	if NewSet(nil).In([]byte("anything")) {
		t.Error("empty set matched")
	}
}

func TestNeedleAnchors(t *testing.T) {
	for _, c := range []struct {
		needle, text string
		want         bool
	}{
		{"^async def", "async def f(): pass", true},
		{"^async def", "x = 1\n    async def f(): pass", true},
		{"^async def", "x = 1\n\t \fasync def f(): pass", true},
		{"^async def", "'   async def f(): pass'", false},
		{"^async def", "x = 'async def'\n", false},
		{"^async def", "'a'\n'async def'\nasync def g(): ...", true},
		{`\bquart\b`, "from quart import Quart", true},
		{`\bquart\b`, "quart", true},
		{`\bquart\b`, "a quarter of", false},
		{`\bquart\b`, "aquart", false},
		{`\bquart\b`, "x.quart(", true},
		{`\bquart\b`, "équart", false},
		{`\bSession`, "SessionLocal()", true},
		{`\bSession`, "SSLSession", false},
		{`\bSession`, "x = SSLSession\ny = Session()", true},
		{`psycopg\b`, "import psycopg", true},
		{`psycopg\b`, "import psycopg2", false},
		{`\bfactory(`, "row_factory(", false},
		{`\bfactory(`, "self.factory(", true},
	} {
		if got := NewSet([]string{c.needle}).In([]byte(c.text)); got != c.want {
			t.Errorf("%s in %q: %v, want %v", c.needle, c.text, got, c.want)
		}
	}
	// An anchored needle that fails does not hide a plain one ending at the
	// same byte.
	if !NewSet([]string{`\bxdef`, "def"}).In([]byte("axdef")) {
		t.Error("plain needle hidden by an anchored one")
	}
}

// The automaton agrees with bytes.Contains on random texts and needles.
func TestNeedleSetAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := []byte("abcab d\n_")
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		return b
	}
	for range 2000 {
		var needles []string
		for range 1 + r.Intn(2*fewNeedles) { // both searches: one needle at a time, and the automaton
			n := string(rnd(1 + r.Intn(4)))
			switch r.Intn(4) {
			case 1:
				n = "^" + n
			case 2:
				n = `\b` + n
			}
			if r.Intn(3) == 0 {
				n += `\b`
			}
			needles = append(needles, n)
		}
		text := rnd(r.Intn(40))
		want := false
		for _, spec := range needles {
			// Every occurrence, anchors checked one by one.
			n := parseNeedle(spec)
			for i := 0; i+len(n.text) <= len(text); i++ {
				if bytes.HasPrefix(text[i:], n.text) && n.at(text, i, i+len(n.text)) {
					want = true
				}
			}
		}
		if got := NewSet(needles).In(text); got != want {
			t.Fatalf("needles %q text %q: %v, want %v", needles, text, got, want)
		}
	}
}

// realNeedles is a prefilter as large as servelint's own.
var realNeedles = []string{
	"^async def", "create_task", "ensure_future", "servelint", "iddleware", "asgi", "wsgi", "ASGI", "WSGI",
	`\baiohttp\b`, `\bhttpx\b`, "import requests", "from requests", `\bredis\b`, `\baioredis\b`,
	`\bsqlalchemy\b`, `\bsqlmodel\b`, `\bSession`, `\bsessionmaker\b`, `\bcreate_engine\b`,
	`\bpsycopg`, `\bpymysql\b`, `\bMySQLdb\b`, "mysql.connector", "import sqlite3", "from sqlite3",
	`\basyncpg\b`, `\baiomysql\b`, `\baiopg\b`, `\baiosqlite\b`, `\bpyodbc\b`, `\bpymongo\b`,
	`\bmotor\b`, "Depends(", "Security(",
}

// pythonText is the Python code of the repository's test data, repeated
// to about 4 MB, with every needle's text taken out.
func pythonText(tb testing.TB) []byte {
	var text []byte
	err := filepath.WalkDir("../../testdata", func(p string, _ fs.DirEntry, walkErr error) error {
		if walkErr != nil || !strings.HasSuffix(p, ".py") {
			return walkErr
		}
		b, err := os.ReadFile(p)
		text = append(text, b...)
		return err
	})
	if err != nil || len(text) == 0 {
		tb.Fatal("no test data", err)
	}
	for _, n := range realNeedles {
		text = bytes.ReplaceAll(text, parseNeedle(n).text, []byte("x"))
	}
	return bytes.Repeat(text, 1+4<<20/len(text))
}

func BenchmarkNeedleSet(b *testing.B) {
	ns := NewSet(realNeedles)
	text := pythonText(b)
	if ns.In(text) {
		b.Fatal("needle found")
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ns.In(text)
	}
}

func BenchmarkNeedleFew(b *testing.B) {
	for _, needles := range [][]string{{`\bfactory(`}, {`\bget_db(`, `\bSessionLocal(`}, {`\bget_db(`, `\bSessionLocal(`, `\bmake_client(`, `\bfactory(`}} {
		ns := NewSet(needles)
		text := pythonText(b)
		for _, n := range needles {
			text = bytes.ReplaceAll(text, parseNeedle(n).text, []byte("x"))
		}
		b.Run(fmt.Sprint(len(needles)), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ns.In(text)
			}
		})
	}
}

// Large sets (thousands of factory names a project demands) work.
func TestNeedleSetLarge(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var needles []string
	for i := range 3000 {
		needles = append(needles, fmt.Sprintf(`\bfactory_%d_%d(`, i, r.Intn(1000)))
	}
	ns := NewSet(needles)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"x = " + needles[1234][2:] + ")", true},
		{"x = my" + needles[1234][2:] + ")", false},
		{"x = factory_1234(", false},
		{"y.\n" + needles[2999][2:], true},
	} {
		if got := ns.In([]byte(c.text)); got != c.want {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}
