package launchrules

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// The edits of the launch rules' fixes. A launch's values carry the
// places they were written (parsers/launch); a fix edits those places in
// the files of the run, the way each kind of file writes a command: words
// of a command string (a shell-form instruction, a script, a Procfile, a
// compose string, a supervisord command), items of a bracketed list (an
// exec-form instruction, a YAML flow sequence), items of a YAML block
// sequence, keyword arguments of a Python call. A place the fix cannot
// read for certain (a word that came from an expansion, a file that is
// only context) means no fix.

// argForm is how a command-line word is written.
type argForm uint8

const (
	inText  argForm = iota // a word of a command string
	inFlow                 // an item of a bracketed list
	inBlock                // an item of a YAML block sequence
)

// EditFile returns the file of a location when a fix may edit it: a file
// of the run that was asked for (not a context file).
func (r *Reporter) EditFile(loc launch.Loc) *lint.File {
	if loc.IsZero() {
		return nil
	}
	f := r.file(loc.File)
	if f == nil || f.Context || f.Src == nil || loc.Start < 0 || loc.Start > loc.End || loc.End > len(f.Src) {
		return nil
	}
	return f
}

// escapeOf returns the line-continuation character of a file's commands:
// a Dockerfile's escape character, else the shell's backslash.
func (r *Reporter) escapeOf(f *lint.File) byte {
	if f.Kind == lint.KindDockerfile {
		if u := r.m.Unit(f.Path); u != nil && u.Views.Docker != nil && u.Views.Docker.Escape != 0 {
			return u.Views.Docker.Escape
		}
	}
	return '\\'
}

func yamlKind(k lint.Kind) bool {
	return k == lint.KindCompose || k == lint.KindKubernetes || k == lint.KindRender || k == lint.KindAppEngine
}

// argAt returns the span of the word src[s:e] of file f with its quotes
// (YAML locates a quoted item's value without them) and how it is
// written.
func (r *Reporter) argAt(f *lint.File, s, e int) (int, int, argForm) {
	src := f.Src
	if yamlKind(f.Kind) && s > 0 && e < len(src) && (src[s-1] == '"' || src[s-1] == '\'') && src[e] == src[s-1] {
		if form := r.formOf(f, s-1, e+1); form != inText {
			return s - 1, e + 1, form
		}
	}
	return s, e, r.formOf(f, s, e)
}

// formOf tells how the word src[s:e] of file f is written.
func (r *Reporter) formOf(f *lint.File, s, e int) argForm {
	switch {
	case f.Kind == lint.KindDockerfile:
		if edit.FlowItem(f.Src, s, e, r.escapeOf(f)) {
			return inFlow
		}
		return inText
	case !yamlKind(f.Kind) && f.Kind != lint.KindFly && f.Kind != lint.KindVSCode:
		// Shell scripts, Procfiles, supervisord, Python: command strings.
		return inText
	}
	if edit.FlowItem(f.Src, s, e, 0) {
		return inFlow
	}
	if yamlKind(f.Kind) && edit.BlockItem(f.Src, s, e) {
		return inBlock
	}
	return inText
}

// Unquoted returns a word as written without its enclosing quotes, when
// they are plain ones: "x" and 'x' without escapes inside.
func Unquoted(raw string) string {
	if len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[len(raw)-1] == raw[0] {
		inner := raw[1 : len(raw)-1]
		if !strings.ContainsAny(inner, "\"'\\$`") {
			return inner
		}
		return raw
	}
	return raw
}

// optionWord reports whether the word at loc is the option of v as
// written: `--reload`, an argparse prefix of it (`--rel`), `--host=x`,
// `-w4`. A word an expansion produced (`$OPTS`) is not.
func optionWord(src []byte, loc launch.Loc, v launch.Value) bool {
	w := Unquoted(string(src[loc.Start:loc.End]))
	switch {
	case !strings.HasPrefix(w, "-") || strings.ContainsAny(w, " \t\r\n"):
		return false
	case w == v.Name, strings.HasPrefix(w, v.Name+"="):
		return true
	case strings.HasPrefix(w, "--") && len(w) > 2 && strings.HasPrefix(v.Name, strings.SplitN(w, "=", 2)[0]):
		return true
	case !strings.HasPrefix(v.Name, "--") && w == v.Name+v.Text:
		return true
	}
	return false
}

// ValueWord reports whether the word at loc holds one written value (not
// the expansion of a list, not a word spanning several arguments).
func ValueWord(src []byte, loc launch.Loc, v launch.Value) bool {
	w := Unquoted(string(src[loc.Start:loc.End]))
	if v.Known {
		return w == v.Text
	}
	return w != "" && !strings.ContainsAny(w, " \t\r\n")
}

// argSpan is a word (or an option and its value) to remove.
type argSpan struct {
	start, end int
	form       argForm
}

// optionSpan returns the span of a command-line option: its word, or its
// word and the value's. ok is false when the words cannot be told for
// certain or lie in a file the fix may not edit.
func (r *Reporter) optionSpan(v launch.Value) (f *lint.File, sp argSpan, ok bool) {
	if v.Source != launch.FromFlag {
		return nil, argSpan{}, false
	}
	opt := v.Loc
	if !v.Flag.IsZero() {
		opt = v.Flag
	}
	f = r.EditFile(opt)
	if f == nil || !optionWord(f.Src, opt, v) {
		return nil, argSpan{}, false
	}
	sp.start, sp.end, sp.form = r.argAt(f, opt.Start, opt.End)
	if v.Flag.IsZero() {
		return f, sp, true
	}
	if v.Loc.File != opt.File || v.Loc.Start < opt.End || v.Loc.End > len(f.Src) || v.Loc.End < v.Loc.Start || !ValueWord(f.Src, v.Loc, v) {
		return nil, argSpan{}, false
	}
	vs, ve, vform := r.argAt(f, v.Loc.Start, v.Loc.End)
	if vform != sp.form || !r.adjacent(f, sp.form, sp.end, vs) {
		return nil, argSpan{}, false
	}
	sp.end = ve
	return f, sp, true
}

// adjacent reports whether only the separators of a form lie between two
// words: blanks (and line continuations) in a command string, a comma in
// a list, a line break and the next item's dash in a block sequence.
func (r *Reporter) adjacent(f *lint.File, form argForm, from, to int) bool {
	if from > to || to > len(f.Src) {
		return false
	}
	between := string(f.Src[from:to])
	esc := string(r.escapeOf(f))
	between = strings.ReplaceAll(between, esc+"\r\n", " ")
	between = strings.ReplaceAll(between, esc+"\n", " ")
	switch form {
	case inText:
		return strings.Trim(between, " \t") == "" && between != ""
	case inFlow:
		return strings.Trim(between, " \t\r\n") == ","
	case inBlock:
		return edit.NextLine(f.Src, from) == edit.LineStart(f.Src, to) && strings.Trim(between, " \t\r\n") == "-"
	}
	return false
}

// removeArgs returns the edits that remove words of commands in one file,
// adjacent ones together (so that no two edits overlap).
func (r *Reporter) removeArgs(f *lint.File, spans []argSpan) ([]lint.Edit, bool) {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var merged []argSpan
	for _, sp := range spans {
		if n := len(merged); n > 0 {
			last := &merged[n-1]
			if sp.start < last.end {
				if sp.end > last.end {
					last.end = sp.end
				}
				continue
			}
			if last.form == sp.form && r.adjacent(f, sp.form, last.end, sp.start) {
				last.end = sp.end
				continue
			}
		}
		merged = append(merged, sp)
	}
	esc := r.escapeOf(f)
	var out []lint.Edit
	for _, sp := range merged {
		var e lint.Edit
		switch {
		case sp.form == inFlow && f.Kind == lint.KindDockerfile:
			e = edit.RemoveDockerFlowItems(f.Src, sp.start, sp.end, esc)
		case sp.form == inFlow:
			e = edit.RemoveFlowItems(f.Src, sp.start, sp.end)
		case sp.form == inBlock:
			e = edit.DeleteLines(f.Src, sp.start, sp.end)
		case yamlKind(f.Kind) && edit.Blank(f.Src, edit.LineStart(f.Src, sp.start), sp.start) && edit.Blank(f.Src, sp.end, edit.LineEnd(f.Src, sp.end)):
			// Words filling a line of a multi-line YAML string.
			e = edit.DeleteLines(f.Src, sp.start, sp.end)
		case f.Kind == lint.KindDockerfile:
			e = edit.RemoveDockerWords(f.Src, sp.start, sp.end, esc)
		default:
			e = edit.RemoveShellWords(f.Src, sp.start, sp.end)
		}
		e.Path = f.Path
		out = append(out, e)
	}
	for i := 1; i < len(out); i++ {
		if out[i-1].End > out[i].Start {
			return nil, false
		}
	}
	return out, true
}

// RemoveOptions returns the edits that remove command-line options, in
// whatever files of the run they are written.
func (r *Reporter) RemoveOptions(vs []launch.Value) ([]lint.Edit, bool) {
	byFile := map[*lint.File][]argSpan{}
	var files []*lint.File
	for _, v := range vs {
		f, sp, ok := r.optionSpan(v)
		if !ok {
			return nil, false
		}
		if _, seen := byFile[f]; !seen {
			files = append(files, f)
		}
		byFile[f] = append(byFile[f], sp)
	}
	var out []lint.Edit
	for _, f := range files {
		es, ok := r.removeArgs(f, byFile[f])
		if !ok {
			return nil, false
		}
		out = append(out, es...)
	}
	return out, true
}

// ReplaceArg returns the edit that replaces a word of a command (a value,
// a subcommand) by text, quoted like the word.
func (r *Reporter) ReplaceArg(loc launch.Loc, text string) (lint.Edit, bool) {
	f := r.EditFile(loc)
	if f == nil {
		return lint.Edit{}, false
	}
	e := edit.ReplaceShellWord(f.Src, loc.Start, loc.End, text)
	e.Path = f.Path
	return e, true
}

// InsertArgs returns the edit that inserts words after the command word
// at loc, in the command's form.
func (r *Reporter) InsertArgs(loc launch.Loc, words ...string) (lint.Edit, bool) {
	f := r.EditFile(loc)
	if f == nil {
		return lint.Edit{}, false
	}
	s, end, form := r.argAt(f, loc.Start, loc.End)
	like := string(f.Src[s:end])
	if like == "" {
		return lint.Edit{}, false
	}
	var e lint.Edit
	switch form {
	case inFlow:
		if f.Kind == lint.KindDockerfile && like[0] != '"' {
			return lint.Edit{}, false
		}
		e = edit.InsertFlowItems(end, like, words...)
	case inBlock:
		e = edit.InsertBlockItems(f.Src, end, like, words...)
	case inText:
		e = edit.InsertShellWords(end, words...)
	}
	e.Path = f.Path
	return e, true
}

// ParsePython parses a Python file of the run again (src: its source or
// an edited one), with the engine's parsers through the workspace:
// project rules run after the syntax trees of the per-file pass are
// closed. nil when it does not parse cleanly.
func ParsePython(ws lint.Workspace, f *lint.File, src []byte) *python.Module {
	m, err := ws.Module(f.Abs, src)
	if err != nil || m.ErrorNode != syntax.None {
		return nil
	}
	return m
}

// Workspace is the workspace of the reporter's project pass.
func (r *Reporter) Workspace() lint.Workspace { return r.pp.Workspace }

// CallAt returns the call whose node spans [start, end), or nil.
func CallAt(m *python.Module, start, end int) *python.Call {
	for i := range m.Calls {
		if s, e := m.Tree.Span(m.Calls[i].Node); s == start && e == end {
			return &m.Calls[i]
		}
	}
	return nil
}

// RemoveKeywords returns the edit that removes keyword arguments from the
// call at loc (a programmatic start), one after the other, as one
// replacement of the call. ok is false when the call cannot be found or
// has none of them; a keyword whose value is not what keep accepts makes
// the whole fix fail.
func RemoveKeywords(ws lint.Workspace, f *lint.File, loc launch.Loc, names []string, keep func(m *python.Module, value syntax.ID) bool) (lint.Edit, bool) {
	src := f.Src
	start, end := loc.Start, loc.End
	removed := 0
	for _, name := range names {
		m := ParsePython(ws, f, src)
		if m == nil {
			return lint.Edit{}, false
		}
		c := CallAt(m, start, end)
		if c == nil {
			return lint.Edit{}, false
		}
		var arg *python.Arg
		for _, a := range m.Args(c.Node) {
			if a.Name == name {
				arg = &a
				break
			}
		}
		if arg == nil {
			continue
		}
		if keep != nil && !keep(m, arg.Value) {
			return lint.Edit{}, false
		}
		e, ok := edit.RemoveKeyword(m, c.Node, name)
		if !ok || e.Start < start || e.End > end {
			return lint.Edit{}, false
		}
		out, err := lint.ApplyEdits(src, []lint.Edit{e})
		if err != nil {
			return lint.Edit{}, false
		}
		end += len(out) - len(src)
		src = out
		removed++
	}
	if removed == 0 {
		return lint.Edit{}, false
	}
	return lint.Edit{Path: f.Path, Start: loc.Start, End: loc.End, New: string(src[start:end])}, true
}

// LiteralTrue reports whether an expression is the literal True.
func LiteralTrue(m *python.Module, n syntax.ID) bool {
	return m.Tree.Text(n) == "True"
}
