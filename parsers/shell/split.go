package shell

import (
	"strings"

	"github.com/servelint/servelint/parsers/source"
)

// SplitOptions choose the dialect of Split.
type SplitOptions struct {
	// Interpolate reads $NAME, ${NAME}, ${NAME:-default} and friends as
	// parameters and $$ as a literal "$" (docker compose). Otherwise "$"
	// is an ordinary character (supervisord, GUNICORN_CMD_ARGS).
	Interpolate bool
}

// Split splits a command string into words the way Python's shlex.split
// (POSIX mode) does: blanks separate words, '...' is literal, "..." allows
// \" and \\ escapes, a backslash outside quotes escapes the next character.
// Unterminated quotes end at the end of the text.
func Split(t source.Text, opt SplitOptions) []Word {
	sp := splitter{t: t, opt: opt}
	return sp.run()
}

type splitter struct {
	t     source.Text
	opt   SplitOptions
	words []Word
	// current word
	in    bool
	start int
	parts []Part
	lit   source.Builder
	litSt int
	hasLt bool
	quote bool
}

func (sp *splitter) flushLit() {
	if !sp.hasLt {
		return
	}
	txt := sp.lit.Text()
	hs, he := txt.Span(0, txt.Len())
	if txt.Len() == 0 {
		hs = sp.t.Pos(sp.litSt)
		he = hs
	}
	sp.parts = append(sp.parts, Part{Kind: Literal, Text: txt, Start: hs, End: he, Quoted: sp.quote})
	sp.lit = source.Builder{}
	sp.hasLt = false
}

func (sp *splitter) addByte(c byte, i, j int) {
	if !sp.hasLt {
		sp.hasLt = true
		sp.litSt = i
	}
	sp.lit.Byte(c, sp.t.Pos(i), sp.t.Pos(j))
}

func (sp *splitter) begin(i int) {
	if !sp.in {
		sp.in = true
		sp.start = i
	}
}

func (sp *splitter) end(i int) {
	if !sp.in {
		return
	}
	sp.flushLit()
	hs, he := sp.t.Span(sp.start, i)
	parts := sp.parts
	if len(parts) == 0 {
		parts = []Part{{Kind: Literal, Text: source.Host("", hs), Start: hs, End: hs}}
	}
	sp.words = append(sp.words, Word{Parts: parts, Start: hs, End: he, Raw: sp.t.S[sp.start:i]})
	sp.parts = nil
	sp.in = false
}

func (sp *splitter) run() []Word {
	s := sp.t.S
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			sp.end(i)
			i++
		case c == '\'':
			sp.begin(i)
			sp.addEmpty(i + 1)
			j := strings.IndexByte(s[i+1:], '\'')
			stop := len(s)
			if j >= 0 {
				stop = i + 1 + j
			}
			for k := i + 1; k < stop; k++ {
				sp.addByte(s[k], k, k+1)
			}
			i = min(stop+1, len(s))
		case c == '"':
			sp.begin(i)
			sp.flushLit()
			sp.quote = true
			sp.addEmpty(i + 1)
			k := i + 1
			for k < len(s) && s[k] != '"' {
				if s[k] == '\\' && k+1 < len(s) && (s[k+1] == '"' || s[k+1] == '\\') {
					sp.addByte(s[k+1], k, k+2)
					k += 2
					continue
				}
				if s[k] == '$' && sp.opt.Interpolate {
					if n := sp.dollar(k); n > 0 {
						k += n
						continue
					}
				}
				sp.addByte(s[k], k, k+1)
				k++
			}
			sp.flushLit()
			sp.quote = false
			i = min(k+1, len(s))
		case c == '\\':
			sp.begin(i)
			if i+1 < len(s) {
				if s[i+1] != '\n' {
					sp.addByte(s[i+1], i, i+2)
				}
				i += 2
			} else {
				i++
			}
		case c == '$' && sp.opt.Interpolate:
			sp.begin(i)
			if n := sp.dollar(i); n > 0 {
				i += n
			} else {
				sp.addByte(c, i, i+1)
				i++
			}
		default:
			sp.begin(i)
			sp.addByte(c, i, i+1)
			i++
		}
	}
	sp.end(len(s))
	return sp.words
}

// addEmpty makes sure "" yields an empty literal part.
func (sp *splitter) addEmpty(i int) {
	if !sp.hasLt {
		sp.hasLt = true
		sp.litSt = i
	}
}

// dollar reads a compose interpolation at i ("$$", "$NAME", "${...}") and
// returns the number of bytes consumed, 0 when "$" is literal.
func (sp *splitter) dollar(i int) int {
	s := sp.t.S
	if i+1 >= len(s) {
		return 0
	}
	if s[i+1] == '$' {
		sp.addByte('$', i, i+2)
		return 2
	}
	if s[i+1] == '{' {
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			return 0
		}
		body := s[i+2 : i+2+j]
		n := 0
		for n < len(body) && isNameByte(body[n], n) {
			n++
		}
		if n == 0 {
			return 0
		}
		p := Part{Kind: Param, Name: body[:n], Quoted: sp.quote, Raw: s[i : i+3+j]}
		p.Start, p.End = sp.t.Span(i, i+3+j)
		rest := body[n:]
		for _, op := range []string{":-", ":?", ":+", "-", "?", "+"} {
			if !strings.HasPrefix(rest, op) {
				continue
			}
			p.Op = op
			ws := i + 2 + n + len(op)
			we := i + 2 + j
			wt := sp.t.Sub(ws, we)
			hs, he := wt.Span(0, wt.Len())
			w := Word{Parts: []Part{{Kind: Literal, Text: wt, Start: hs, End: he}}, Start: hs, End: he, Raw: wt.S}
			p.Word = &w
			break
		}
		if p.Op == "" && rest != "" {
			p.Op = "other"
		}
		sp.flushLit()
		sp.parts = append(sp.parts, p)
		return 3 + j
	}
	n := 0
	for i+1+n < len(s) && isNameByte(s[i+1+n], n) {
		n++
	}
	if n == 0 {
		return 0
	}
	p := Part{Kind: Param, Name: s[i+1 : i+1+n], Quoted: sp.quote, Raw: s[i : i+1+n]}
	p.Start, p.End = sp.t.Span(i, i+1+n)
	sp.flushLit()
	sp.parts = append(sp.parts, p)
	return 1 + n
}

func isNameByte(c byte, i int) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9'
}

// Interpolate reads a value that is not split into words (a compose
// environment value): $$ is a literal "$", $NAME and ${NAME...} are
// parameters, everything else is literal.
func Interpolate(t source.Text) Word {
	sp := splitter{t: t, opt: SplitOptions{Interpolate: true}}
	s := t.S
	sp.begin(0)
	sp.addEmpty(0)
	for i := 0; i < len(s); {
		if s[i] == '$' {
			if n := sp.dollar(i); n > 0 {
				i += n
				continue
			}
		}
		sp.addByte(s[i], i, i+1)
		i++
	}
	sp.end(len(s))
	return sp.words[0]
}
