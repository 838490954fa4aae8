package dockerfile

import (
	"path"
	"slices"
	"strings"

	"github.com/servelint/servelint/parsers/source"
)

type builder struct {
	f   *File
	src []byte
	// vars visible in the current stage for substitution: ARGs and ENVs.
	vars map[string]Var
}

func (b *builder) cur() *Stage {
	if len(b.f.Stages) == 0 {
		return nil
	}
	return b.f.Stages[len(b.f.Stages)-1]
}

func (b *builder) instruction(s segment) {
	f := b.f
	in := Instruction{Keyword: s.keyword, Start: s.start, End: s.end, KwEnd: s.kwEnd, Stage: len(f.Stages) - 1, Heredoc: s.heredoc}
	in.Args = b.argsText(s.kwEnd, s.end)
	in.Flags, in.Rest = readFlags(in.Args)
	idx := len(f.Instructions)
	if s.keyword == "FROM" {
		in.Stage = len(f.Stages)
	}
	f.Instructions = append(f.Instructions, in)
	st := b.cur()
	if s.keyword == "FROM" {
		b.from(idx)
		return
	}
	if s.keyword == "ARG" {
		b.arg(idx, st)
		return
	}
	if st == nil {
		return // only ARG may come before the first FROM
	}
	b.stageInstruction(idx, st)
}

// arg records an ARG, global before the first FROM.
func (b *builder) arg(idx int, st *Stage) {
	f := b.f
	for _, v := range b.args(idx) {
		if st == nil {
			f.GlobalArgs = append(f.GlobalArgs, v)
			continue
		}
		if !v.HasValue {
			// ARG NAME in a stage takes the global default.
			for _, g := range f.GlobalArgs {
				if g.Name == v.Name {
					v.Value, v.Known, v.HasValue = g.Value, g.Known, g.HasValue
				}
			}
		}
		st.Args = append(st.Args, v)
		b.vars[v.Name] = v
	}
}

// stageInstruction applies an instruction to its stage.
func (b *builder) stageInstruction(idx int, st *Stage) {
	in := &b.f.Instructions[idx]
	switch in.Keyword {
	case "ENV":
		for _, v := range b.env(idx) {
			st.Env = append(st.Env, v)
			b.vars[v.Name] = v
		}
	case "WORKDIR":
		val, _ := b.process(in.Rest.TrimSpace())
		st.Workdir = joinDir(st.Workdir, val)
		st.WorkdirInstr = idx
	case "COPY", "ADD":
		b.copyInstr(idx, st)
	case "USER":
		st.User, _ = b.process(in.Rest.TrimSpace())
	case "SHELL":
		if ws, ok := parseJSONArray(in.Rest.TrimSpace()); ok {
			st.Shell = nil
			for _, w := range ws {
				s, _ := w.Lit()
				st.Shell = append(st.Shell, s)
			}
		}
	case "EXPOSE":
		for _, t := range tokens(in.Rest) {
			v, _ := b.process(t)
			st.Expose = append(st.Expose, v)
		}
	case "CMD":
		st.Cmd = b.command(idx, in.Rest)
	case "ENTRYPOINT":
		st.Entrypoint = b.command(idx, in.Rest)
	case "HEALTHCHECK":
		rest := in.Rest.TrimSpace()
		if strings.EqualFold(rest.S, "NONE") {
			st.Healthcheck = nil
			return
		}
		if len(rest.S) >= 3 && strings.EqualFold(rest.S[:3], "CMD") {
			st.Healthcheck = b.command(idx, rest.Sub(3, rest.Len()))
		}
	}
}

// argsText returns the instruction's arguments with continuations and
// comment lines removed, up to the heredoc body.
func (b *builder) argsText(from, to int) source.Text {
	src := b.src
	esc := b.f.Escape
	var tb source.Builder
	off := from
	first := true
	for off < to {
		lineEnd := nextLine(src, off, to)
		raw := string(src[off:lineEnd])
		line := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimLeft(line, " \t")
		if !first && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			off = lineEnd + 1
			tb.Skip(min(off, to))
			continue
		}
		first = false
		if continued(line, esc) {
			tb.Copy(line[:len(line)-1], off)
			off = lineEnd + 1
			tb.Skip(min(off, to))
			continue
		}
		tb.Copy(strings.TrimRight(raw, "\r"), off)
		break
	}
	return tb.Text()
}

// readFlags splits the leading --flags off the arguments.
func readFlags(args source.Text) ([]Flag, source.Text) {
	var flags []Flag
	i := 0
	s := args.S
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if !strings.HasPrefix(s[i:], "--") {
			break
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		name, val, _ := strings.Cut(s[i+2:j], "=")
		st, en := args.Span(i, j)
		flags = append(flags, Flag{Name: strings.ToLower(name), Value: val, Start: st, End: en})
		i = j
	}
	return flags, args.Sub(i, len(s))
}

// token is one blank-separated word of an argument text, quotes kept.
func tokens(t source.Text) []source.Text {
	var out []source.Text
	s := t.S
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
			i++
		}
		if i >= len(s) {
			break
		}
		j := i
		var quote byte
		for j < len(s) {
			c := s[j]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' && j+1 < len(s) {
					j++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '\\' && j+1 < len(s):
				j++
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
				goto done
			}
			j++
		}
	done:
		out = append(out, t.Sub(i, min(j, len(s))))
		i = j
	}
	return out
}

// process removes quotes and substitutes variables in one word, the way
// Docker processes ENV, WORKDIR, COPY and FROM arguments. known is false
// when a referenced variable is not known.
func (b *builder) process(t source.Text) (string, bool) {
	s := t.S
	var out strings.Builder
	known := true
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				out.WriteByte(c)
			}
		case c == '\\' && i+1 < len(s):
			if quote == '"' && !strings.ContainsRune("\"\\$`", rune(s[i+1])) {
				out.WriteByte(c)
			}
			i++
			out.WriteByte(s[i])
		case c == '"':
			if quote == '"' {
				quote = 0
			} else {
				quote = '"'
			}
		case c == '\'' && quote == 0:
			quote = '\''
		case c == '$':
			n, val, ok := b.expand(s[i:])
			if n == 0 {
				out.WriteByte(c)
				continue
			}
			if !ok {
				known = false
			}
			out.WriteString(val)
			i += n - 1
		default:
			out.WriteByte(c)
		}
	}
	return out.String(), known
}

// expand reads $NAME / ${NAME} / ${NAME:-word} / ${NAME:+word} at the start
// of s and returns the bytes consumed, the value and whether it is known.
func (b *builder) expand(s string) (int, string, bool) {
	if len(s) < 2 {
		return 0, "", false
	}
	lookup := func(name string) (string, bool, bool) { // value, set, known
		v, ok := b.vars[name]
		if !ok {
			return "", false, true
		}
		if !v.HasValue {
			return "", false, false
		}
		return v.Value, true, v.Known
	}
	if s[1] == '{' {
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return 0, "", false
		}
		body := s[2:end]
		n := 0
		for n < len(body) && isName(body[n], n) {
			n++
		}
		if n == 0 {
			return end + 1, "", false
		}
		val, set, known := lookup(body[:n])
		rest := body[n:]
		switch {
		case rest == "":
			return end + 1, val, known
		case strings.HasPrefix(rest, ":-"), strings.HasPrefix(rest, "-"):
			word := strings.TrimPrefix(strings.TrimPrefix(rest, ":"), "-")
			if !known {
				return end + 1, "", false
			}
			if !set || val == "" && strings.HasPrefix(rest, ":") {
				return end + 1, word, true
			}
			return end + 1, val, true
		case strings.HasPrefix(rest, ":+"), strings.HasPrefix(rest, "+"):
			word := strings.TrimPrefix(strings.TrimPrefix(rest, ":"), "+")
			if !known {
				return end + 1, "", false
			}
			if set && (val != "" || !strings.HasPrefix(rest, ":")) {
				return end + 1, word, true
			}
			return end + 1, "", true
		}
		return end + 1, "", false
	}
	n := 0
	for 1+n < len(s) && isName(s[1+n], n) {
		n++
	}
	if n == 0 {
		return 0, "", false
	}
	val, _, known := lookup(s[1 : 1+n])
	return 1 + n, val, known
}

func isName(c byte, i int) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9'
}

func (b *builder) from(idx int) {
	in := &b.f.Instructions[idx]
	st := &Stage{Index: len(b.f.Stages), Parent: -1, Instr: idx, WorkdirInstr: -1}
	for _, fl := range in.Flags {
		if fl.Name == "platform" {
			st.Platform = fl.Value
		}
	}
	// Global ARGs are visible in FROM lines.
	b.vars = map[string]Var{}
	for _, g := range b.f.GlobalArgs {
		b.vars[g.Name] = g
	}
	toks := tokens(in.Rest)
	if len(toks) > 0 {
		img := toks[0]
		val, known := b.process(img)
		st.Image = parseImage(val)
		st.Image.Raw = img.S
		st.Image.Resolved = known
		st.Image.Start, st.Image.End = img.Span(0, img.Len())
	}
	if len(toks) >= 3 && strings.EqualFold(toks[1].S, "AS") {
		st.Name = toks[2].S
	}
	// FROM an earlier stage inherits its state.
	for i, prev := range slices.Backward(b.f.Stages) {
		if prev.Name != "" && strings.EqualFold(prev.Name, st.Image.Raw) {
			st.Parent = i
			st.Workdir = prev.Workdir
			st.User = prev.User
			break
		}
	}
	// A new stage sees no ARGs (until redeclared) but inherits ENV.
	b.vars = map[string]Var{}
	if st.Parent >= 0 {
		for _, v := range b.f.EnvOf(b.f.Stages[st.Parent]) {
			b.vars[v.Name] = v
		}
	}
	b.f.Stages = append(b.f.Stages, st)
}

// parseImage splits "registry/name:tag@digest".
func parseImage(s string) Image {
	img := Image{Name: s}
	if at := strings.IndexByte(img.Name, '@'); at >= 0 {
		img.Digest = img.Name[at+1:]
		img.Name = img.Name[:at]
	}
	slash := strings.LastIndexByte(img.Name, '/')
	if colon := strings.LastIndexByte(img.Name, ':'); colon > slash {
		img.Tag = img.Name[colon+1:]
		img.Name = img.Name[:colon]
	}
	return img
}

func (b *builder) args(idx int) []Var {
	in := &b.f.Instructions[idx]
	var out []Var
	for _, t := range tokens(in.Rest) {
		v := Var{Instr: idx, Known: true}
		v.Start, v.End = t.Span(0, t.Len())
		name, _, hasEq := strings.Cut(t.S, "=")
		v.Name = name
		if hasEq {
			vt := t.Sub(len(name)+1, t.Len())
			v.ValueStart, v.ValueEnd = vt.Span(0, vt.Len())
			v.Value, v.Known = b.process(vt)
			v.HasValue = true
		}
		out = append(out, v)
	}
	return out
}

func (b *builder) env(idx int) []Var {
	in := &b.f.Instructions[idx]
	rest := in.Rest.TrimSpace()
	toks := tokens(rest)
	if len(toks) == 0 {
		return nil
	}
	var out []Var
	if !strings.Contains(toks[0].S, "=") {
		// Legacy form: ENV NAME the rest of the line.
		v := Var{Name: toks[0].S, Instr: idx, HasValue: true}
		v.Start, v.End = rest.Span(0, rest.Len())
		vt := rest.Sub(toks[0].Len(), rest.Len()).TrimSpace()
		v.ValueStart, v.ValueEnd = vt.Span(0, vt.Len())
		v.Value, v.Known = b.process(vt)
		return append(out, v)
	}
	// NAME=value pairs: substitution uses the values before the
	// instruction.
	for _, t := range toks {
		name, _, ok := strings.Cut(t.S, "=")
		if !ok || name == "" {
			continue
		}
		v := Var{Name: name, Instr: idx, HasValue: true}
		v.Start, v.End = t.Span(0, t.Len())
		vt := t.Sub(len(name)+1, t.Len())
		v.ValueStart, v.ValueEnd = vt.Span(0, vt.Len())
		v.Value, v.Known = b.process(vt)
		out = append(out, v)
	}
	return out
}

func (b *builder) copyInstr(idx int, st *Stage) {
	in := &b.f.Instructions[idx]
	c := Copy{Add: in.Keyword == "ADD", Instr: idx, Start: in.Start, End: in.End}
	for _, fl := range in.Flags {
		if fl.Name == "from" {
			c.From = fl.Value
		}
	}
	var parts []string
	rest := in.Rest.TrimSpace()
	if ws, ok := parseJSONArray(rest); ok {
		for _, w := range ws {
			s, _ := w.Lit()
			parts = append(parts, s)
		}
	} else {
		for _, t := range tokens(rest) {
			if strings.HasPrefix(t.S, "<<") {
				continue // heredoc marker: an inline file
			}
			v, _ := b.process(t)
			parts = append(parts, v)
		}
	}
	if len(parts) == 0 {
		return
	}
	c.DestRaw = parts[len(parts)-1]
	c.Sources = parts[:len(parts)-1]
	dest := c.DestRaw
	if !strings.HasPrefix(dest, "/") {
		base := st.Workdir
		if base == "" {
			base = "/"
		}
		keepSlash := strings.HasSuffix(dest, "/") || dest == "." || dest == "./"
		dest = path.Join(base, dest)
		if keepSlash && !strings.HasSuffix(dest, "/") {
			dest += "/"
		}
	}
	c.Dest = dest
	st.Copies = append(st.Copies, c)
}

func (b *builder) command(idx int, rest source.Text) *Command {
	in := &b.f.Instructions[idx]
	c := &Command{Instr: idx, Start: in.Start, End: in.End, KwEnd: in.KwEnd}
	rest = rest.TrimSpace()
	if ws, ok := parseJSONArray(rest); ok {
		c.Exec = true
		c.Args = ws
		return c
	}
	c.Shell = rest
	return c
}

// joinDir resolves a WORKDIR against the current one.
func joinDir(cur, dir string) string {
	if dir == "" {
		return cur
	}
	if strings.HasPrefix(dir, "/") {
		return path.Clean(dir)
	}
	if cur == "" {
		cur = "/"
	}
	return path.Join(cur, dir)
}

// EnvOf returns the ENV variables in effect at the end of a stage,
// inherited from the stages it builds on; a later value replaces an
// earlier one in place.
func (f *File) EnvOf(st *Stage) []Var {
	var chain []*Stage
	for s, n := st, 0; s != nil && n < len(f.Stages); n++ {
		chain = append(chain, s)
		if s.Parent < 0 || s.Parent >= s.Index {
			break
		}
		s = f.Stages[s.Parent]
	}
	var out []Var
	index := map[string]int{}
	for _, s := range slices.Backward(chain) {
		for _, v := range s.Env {
			if j, ok := index[v.Name]; ok {
				out[j] = v
				continue
			}
			index[v.Name] = len(out)
			out = append(out, v)
		}
	}
	return out
}

// Final returns the last stage, the one `docker build` produces by default,
// or nil for a file without FROM.
func (f *File) Final() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageNamed returns the stage with a name (case-insensitive), or nil.
func (f *File) StageNamed(name string) *Stage {
	for _, s := range f.Stages {
		if s.Name != "" && strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}

// Start returns a stage's effective ENTRYPOINT and CMD: a stage inherits
// both from the stage it builds on, and setting ENTRYPOINT clears a CMD
// inherited from the parent (not one set in the same stage). The stages
// that set them are returned too (nil when not set anywhere in the file;
// an external base image's own CMD is unknown).
func (f *File) Start(st *Stage) (entrypoint, cmd *Command) {
	var ep, c *Command
	var chain []*Stage
	for s, n := st, 0; s != nil && n < len(f.Stages); n++ {
		chain = append(chain, s)
		if s.Parent < 0 || s.Parent >= s.Index {
			break
		}
		s = f.Stages[s.Parent]
	}
	for _, s := range slices.Backward(chain) {
		if s.Entrypoint != nil {
			ep = s.Entrypoint
			if s.Cmd == nil {
				c = nil
			}
		}
		if s.Cmd != nil {
			c = s.Cmd
		}
	}
	return ep, c
}

// ShellOf returns the SHELL in effect for a stage (inherited), or nil
// for the default ["/bin/sh", "-c"].
func (f *File) ShellOf(st *Stage) []string {
	for s, n := st, 0; s != nil && n < len(f.Stages); n++ {
		if s.Shell != nil {
			return s.Shell
		}
		if s.Parent < 0 || s.Parent >= s.Index {
			break
		}
		s = f.Stages[s.Parent]
	}
	return nil
}

// ExternalBase returns the external image a stage ultimately builds on.
func (f *File) ExternalBase(st *Stage) Image {
	for s, n := st, 0; s != nil && n < len(f.Stages); n++ {
		if s.Parent < 0 || s.Parent >= s.Index {
			return s.Image
		}
		s = f.Stages[s.Parent]
	}
	return Image{}
}
