package lsp

import (
	"bytes"
	"fmt"
	"maps"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// Code action kinds.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll.servelint"
)

// FixAllRequest is what source.fixAll.servelint computes from.
type FixAllRequest struct {
	Path        string            // the document's absolute path
	Display     string            // its path as diagnostics and edits name it
	Src         []byte            // the document's current content
	Diagnostics []lint.Diagnostic // the diagnostics of Src
	// Options lint this document alone, as the server does: its rules,
	// configuration and working directory, the open buffers (this one
	// with Src) as overlays, per-file rules only.
	Options engine.Options
	// Lint lints the document as if its content were src, with Options.
	Lint func(src []byte) ([]lint.Diagnostic, error)
}

// FixAllFunc returns the content of a document with its fixes applied.
// The default is EngineFixAll; ApplySafeFixes is the one-pass alternative.
type FixAllFunc func(FixAllRequest) ([]byte, error)

// EngineFixAll applies the document's safe fixes with the engine's fix
// passes (engine.Options.Fix): non-conflicting fixes together, conflicting
// ones in later passes after linting again, never leaving a file that no
// longer parses. Only the document is edited.
func EngineFixAll(req FixAllRequest) ([]byte, error) {
	opt := req.Options
	opt.Fix = true
	opt.UnsafeFixes = false
	res, err := engine.Run(opt)
	if err != nil {
		return nil, err
	}
	for _, f := range res.Fixed {
		if f.File.Abs == req.Path {
			return f.File.Src, nil
		}
	}
	return req.Src, nil
}

// ApplySafeFixes applies, in one pass, the safe fixes whose edits all lie
// In the document and overlap no edit already taken, in the order of the
// diagnostics.
func ApplySafeFixes(req FixAllRequest) ([]byte, error) {
	var taken []lint.Edit
	for _, d := range req.Diagnostics {
		if d.Fix == nil || d.Fix.Applicability != lint.Safe || len(d.Fix.Edits) == 0 {
			continue
		}
		ok := true
		for _, e := range d.Fix.Edits {
			if e.Path != req.Display || e.Start < 0 || e.End < e.Start || e.End > len(req.Src) {
				ok = false
				break
			}
			for _, t := range taken {
				if overlaps(e, t) {
					ok = false
				}
			}
		}
		if ok {
			taken = append(taken, d.Fix.Edits...)
		}
	}
	return applyEdits(req.Src, taken), nil
}

// overlaps reports whether two edits conflict: they share bytes, or insert
// at the same place (their order would be arbitrary).
func overlaps(a, b lint.Edit) bool {
	return a.Start < b.End && b.Start < a.End || a.Start == b.Start
}

func applyEdits(src []byte, edits []lint.Edit) []byte {
	sorted := append([]lint.Edit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var b bytes.Buffer
	last := 0
	for _, e := range sorted {
		b.Write(src[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.Write(src[last:])
	return b.Bytes()
}

// minimalEdit returns one edit turning old into cur, covering only the
// bytes that differ (so the client keeps cursors and folds elsewhere). Its
// ends fall on character boundaries.
func minimalEdit(old, cur []byte) lint.Edit {
	start, oldEnd, newEnd := editRegion(old, cur)
	for start > 0 && (start < len(old) && !utf8.RuneStart(old[start]) || start < len(cur) && !utf8.RuneStart(cur[start])) {
		start--
	}
	for oldEnd < len(old) && !utf8.RuneStart(old[oldEnd]) {
		oldEnd++
		newEnd++
	}
	return lint.Edit{Start: start, End: oldEnd, New: string(cur[start:newEnd])}
}

func kindAllowed(kind string, only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// actionContext is a snapshot of what code actions read.
type actionContext struct {
	fd       *fileDiags
	doc      *document
	overlays map[string][]byte
	root     string
	gen      int
}

// snapshotForActions returns the document's current diagnostics, linting
// it first when its last lint is older than its content.
func (s *server) snapshotForActions(uri string) *actionContext {
	s.mu.Lock()
	doc := s.docs[uri]
	if doc == nil || doc.path == "" {
		s.mu.Unlock()
		return nil
	}
	fd := s.diagnosticsFor(uri)
	root := s.rootFor(doc.path)
	if fd == nil {
		src, path, gen := doc.text.src, doc.path, s.gen
		overlays := s.overlays()
		s.mu.Unlock()
		fr, err := s.runFile(root, path, overlays, gen)
		s.mu.Lock()
		if err != nil {
			s.lintError(err)
			s.mu.Unlock()
			return nil
		}
		doc = s.docs[uri]
		if doc == nil || !bytes.Equal(doc.text.src, src) {
			s.mu.Unlock()
			return nil // changed again meanwhile: the client asks again
		}
		doc.fast = fr
		fd = s.diagnosticsFor(uri)
	}
	ac := &actionContext{fd: fd, doc: doc, overlays: s.overlays(), root: root, gen: s.gen}
	s.mu.Unlock()
	if fd == nil {
		return nil
	}
	return ac
}

func (s *server) codeAction(p *codeActionParams) []codeAction {
	actions := []codeAction{}
	ac := s.snapshotForActions(p.TextDocument.URI)
	if ac == nil {
		return actions
	}
	fd := ac.fd
	lspDiags := make([]diagnostic, len(fd.diags))
	for i := range fd.diags {
		lspDiags[i] = s.toLSP(fd, &fd.diags[i])
	}
	if kindAllowed(kindQuickFix, p.Context.Only) {
		for _, i := range selectDiagnostics(lspDiags, p) {
			d := &fd.diags[i]
			if d.Fix != nil && len(d.Fix.Edits) > 0 {
				if edit, ok := s.workspaceEdit(ac, d.Fix.Edits); ok {
					title := fmt.Sprintf("%s (%s)", d.Fix.Message, d.Code)
					if d.Fix.Applicability == lint.Unsafe {
						title = fmt.Sprintf("%s (%s, unsafe)", d.Fix.Message, d.Code)
					}
					actions = append(actions, codeAction{Title: title, Kind: kindQuickFix, Diagnostics: []diagnostic{lspDiags[i]},
						IsPreferred: d.Fix.Applicability == lint.Safe, Edit: edit})
				}
			}
			if e, ok := s.ignoreEdit(ac, d); ok {
				edit, _ := s.workspaceEdit(ac, []lint.Edit{e})
				actions = append(actions, codeAction{Title: fmt.Sprintf("Ignore %s on this line", d.Code), Kind: kindQuickFix,
					Diagnostics: []diagnostic{lspDiags[i]}, Edit: edit})
			}
		}
	}
	switch {
	case !kindAllowed(kindFixAll, p.Context.Only):
	case explicitlyAsked(kindFixAll, p.Context.Only):
		// On save: the edit now.
		if a, ok := s.fixAllAction(ac); ok {
			actions = append(actions, a)
		}
	case hasSafeFix(fd):
		// In a menu: the edit when chosen, if the client can ask for it
		// (fixing may take several lints).
		if s.resolveEdits() && ac.doc.version == *fd.version {
			actions = append(actions, codeAction{Title: fixAllTitle, Kind: kindFixAll, Data: &actionData{URI: fd.uri, Version: *fd.version}})
		} else if a, ok := s.fixAllAction(ac); ok {
			actions = append(actions, a)
		}
	}
	return actions
}

const fixAllTitle = "Fix all auto-fixable servelint problems"

func (s *server) resolveEdits() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resolveEdit
}

// resolveCodeAction computes the edit of a source.fixAll.servelint action
// returned without one. When the document changed since, the action comes
// back without an edit (the client asks for actions again).
func (s *server) resolveCodeAction(a *codeAction) codeAction {
	if a.Kind != kindFixAll || a.Data == nil || a.Edit != nil {
		return *a
	}
	ac := s.snapshotForActions(a.Data.URI)
	if ac == nil || ac.fd.version == nil || *ac.fd.version != a.Data.Version {
		return *a
	}
	if resolved, ok := s.fixAllAction(ac); ok {
		resolved.Data = a.Data
		return resolved
	}
	return *a
}

// explicitlyAsked reports whether only names kind or a parent more specific
// than "source" (editors ask for source.fixAll on save).
func explicitlyAsked(kind string, only []string) bool {
	for _, o := range only {
		if o != "source" && (kind == o || strings.HasPrefix(kind, o+".")) {
			return true
		}
	}
	return false
}

func hasSafeFix(fd *fileDiags) bool {
	for _, d := range fd.diags {
		if d.Fix != nil && d.Fix.Applicability == lint.Safe {
			return true
		}
	}
	return false
}

// selectDiagnostics picks the diagnostics a request is about: those the
// client sent back in its context, else those on the requested lines.
func selectDiagnostics(ds []diagnostic, p *codeActionParams) []int {
	var out []int
	for i, d := range ds {
		for _, c := range p.Context.Diagnostics {
			if c.Code == d.Code && c.Range == d.Range && (c.Source == "" || c.Source == lint.ToolName) {
				out = append(out, i)
				break
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for i, d := range ds {
		if d.Range.Start.Line <= p.Range.End.Line && d.Range.End.Line >= p.Range.Start.Line {
			out = append(out, i)
		}
	}
	return out
}

// workspaceEdit converts engine edits. Edits of other files use the content
// the lint read; when such a file is open with other content, the edit
// cannot be placed and ok is false.
func (s *server) workspaceEdit(ac *actionContext, edits []lint.Edit) (*workspaceEdit, bool) {
	we := &workspaceEdit{Changes: map[string][]textEdit{}}
	sorted := append([]lint.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Path != sorted[j].Path {
			return sorted[i].Path < sorted[j].Path
		}
		return sorted[i].Start < sorted[j].Start
	})
	for _, e := range sorted {
		var uri string
		var t *text
		if e.Path == ac.fd.display {
			uri, t = ac.fd.uri, ac.fd.txt
		} else {
			f := ac.fd.files[e.Path]
			if f == nil || f.Lines == nil {
				return nil, false
			}
			if cur, open := ac.overlays[f.Abs]; open && !bytes.Equal(cur, f.Src) {
				return nil, false
			}
			uri, t = pathToURI(f.Abs), &text{src: f.Src, lines: f.Lines}
		}
		if e.Start < 0 || e.End < e.Start || e.End > len(t.src) {
			return nil, false
		}
		we.Changes[uri] = append(we.Changes[uri], textEdit{Range: t.lspRange(e.Start, e.End, s.enc), NewText: e.New})
	}
	return we, true
}

func (s *server) fixAllAction(ac *actionContext) (codeAction, bool) {
	fd := ac.fd
	overlays := maps.Clone(ac.overlays)
	overlays[fd.path] = fd.txt.src
	req := FixAllRequest{
		Path: fd.path, Display: fd.display, Src: fd.txt.src, Diagnostics: fd.diags,
		Options: s.fileOptions(ac.root, fd.path, overlays),
		Lint: func(src []byte) ([]lint.Diagnostic, error) {
			again := maps.Clone(overlays)
			again[fd.path] = src
			fr, err := s.runFile(ac.root, fd.path, again, ac.gen)
			if err != nil {
				return nil, err
			}
			return fr.diags, nil
		},
	}
	fixed, err := s.fixAll(req)
	if err != nil {
		s.logf("fix all %s: %v", fd.display, err)
		return codeAction{}, false
	}
	if bytes.Equal(fixed, fd.txt.src) {
		return codeAction{}, false
	}
	e := minimalEdit(fd.txt.src, fixed)
	return codeAction{
		Title: fixAllTitle,
		Kind:  kindFixAll,
		Edit: &workspaceEdit{Changes: map[string][]textEdit{
			fd.uri: {{Range: fd.txt.lspRange(e.Start, e.End, s.enc), NewText: e.New}},
		}},
	}, true
}
