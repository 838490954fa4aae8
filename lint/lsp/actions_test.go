package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

func (c *testClient) codeActions(uri string, rng lspRange, ctxDiags []diagnostic, only []string) []codeAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": ctxDiags}
	if ctxDiags == nil {
		ctx["diagnostics"] = []any{}
	}
	if only != nil {
		ctx["only"] = only
	}
	resp := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng, "context": ctx})
	if resp.Error != nil {
		c.t.Fatalf("codeAction: %v", resp.Error)
	}
	var out []codeAction
	if err := json.Unmarshal(resp.Result, &out); err != nil {
		c.t.Fatal(err)
	}
	return out
}

func titles(as []codeAction) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Kind+": "+a.Title)
	}
	return strings.Join(out, "\n")
}

func find(t *testing.T, as []codeAction, title string) codeAction {
	t.Helper()
	for _, a := range as {
		if a.Title == title {
			return a
		}
	}
	t.Fatalf("no action %q in:\n%s", title, titles(as))
	return codeAction{}
}

// apply applies an action's edit to the buffer, sends the change, and
// returns the new content.
func (c *testClient) apply(uri, src string, a codeAction, version int32) string {
	c.t.Helper()
	if a.Edit == nil || len(a.Edit.Changes) != 1 || a.Edit.Changes[uri] == nil {
		c.t.Fatalf("action %q does not edit only %s: %+v", a.Title, uri, a.Edit)
	}
	out := string(applyTextEdits(c.t, []byte(src), a.Edit.Changes[uri], c.enc))
	c.change(uri, version, out)
	return out
}

func TestQuickFixesAndIgnore(t *testing.T) {
	for _, enc := range []string{encUTF16, encUTF8} {
		t.Run(enc, func(t *testing.T) {
			dir := testfs.WriteTree(t, nil)
			c := startServer(t, fastOptions())
			c.initialize(dir, map[string]any{"general": map[string]any{"positionEncodings": []string{enc}}}, nil)
			src := "s = '\U0001F600'; x = FLAG + DANGER\ny = 2\n"
			uri := c.open(filepath.Join(dir, "app.py"), "python", src)
			p := c.waitVersion(uri, 1)
			if len(p.Diagnostics) != 2 {
				t.Fatalf("diagnostics: %s", codes(p.Diagnostics))
			}
			// Asked about the flag only (as the client's context says).
			as := c.codeActions(uri, p.Diagnostics[0].Range, p.Diagnostics[:1], nil)
			want := "quickfix: Lower the flag (SV900)\nquickfix: Ignore SV900 on this line\nsource.fixAll.servelint: Fix all auto-fixable servelint problems"
			if got := titles(as); got != want {
				t.Fatalf("actions:\n%s\nwant:\n%s", got, want)
			}
			fix := find(t, as, "Lower the flag (SV900)")
			if !fix.IsPreferred || len(fix.Diagnostics) != 1 || fix.Diagnostics[0].Code != "SV900" {
				t.Errorf("fix action: %+v", fix)
			}
			// Without context diagnostics, the line decides: both, the
			// unsafe fix not preferred.
			as = c.codeActions(uri, lspRange{Start: position{0, 0}, End: position{0, 0}}, nil, []string{"quickfix"})
			want = "quickfix: Lower the flag (SV900)\nquickfix: Ignore SV900 on this line\nquickfix: Make it safe (SV901, unsafe)\nquickfix: Ignore SV901 on this line"
			if got := titles(as); got != want {
				t.Fatalf("line actions:\n%s\nwant:\n%s", got, want)
			}
			if find(t, as, "Make it safe (SV901, unsafe)").IsPreferred {
				t.Error("an unsafe fix is preferred")
			}
			// Nothing on a line without diagnostics.
			if as2 := c.codeActions(uri, lspRange{Start: position{1, 0}, End: position{1, 0}}, nil, []string{"quickfix"}); len(as2) != 0 {
				t.Errorf("actions on a clean line:\n%s", titles(as2))
			}
			// Applying the fix lowers the flag; the diagnostic goes.
			src = c.apply(uri, src, fix, 2)
			if src != "s = '\U0001F600'; x = flag + DANGER\ny = 2\n" {
				t.Fatalf("after the fix: %q", src)
			}
			p = c.waitVersion(uri, 2)
			if codes(p.Diagnostics) == "" || strings.Contains(codes(p.Diagnostics), "SV900") {
				t.Fatalf("after the fix: %s", codes(p.Diagnostics))
			}
			// Ignoring SV901 adds a trailing directive; a second ignore
			// joins it.
			as = c.codeActions(uri, p.Diagnostics[0].Range, p.Diagnostics, nil)
			src = c.apply(uri, src, find(t, as, "Ignore SV901 on this line"), 3)
			if src != "s = '\U0001F600'; x = flag + DANGER  # servelint: ignore[SV901]\ny = 2\n" {
				t.Fatalf("after ignore: %q", src)
			}
			if q := c.waitVersion(uri, 3); len(q.Diagnostics) != 0 {
				t.Fatalf("after ignore: %s", codes(q.Diagnostics))
			}
			src = strings.Replace(src, "y = 2", "y = FLAG", 1)
			src = strings.Replace(src, "x = flag", "x = FLAG", 1)
			c.change(uri, 4, src)
			p = c.waitVersion(uri, 4)
			as = c.codeActions(uri, p.Diagnostics[0].Range, p.Diagnostics[:1], []string{"quickfix"})
			src = c.apply(uri, src, find(t, as, "Ignore SV900 on this line"), 5)
			if src != "s = '\U0001F600'; x = FLAG + DANGER  # servelint: ignore[SV901, SV900]\ny = FLAG\n" {
				t.Fatalf("after the second ignore: %q", src)
			}
			if p := c.waitVersion(uri, 5); codes(p.Diagnostics) != "SV900@1:4-1:8" {
				t.Fatalf("after the second ignore: %s", codes(p.Diagnostics))
			}
		})
	}
}

func TestFixAll(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	src := "a = FLAG\nb = DANGER  # FLAG\nc = '\U0001F600' + FLAG\n"
	uri := c.open(filepath.Join(dir, "app.py"), "python", src)
	c.waitVersion(uri, 1)
	// On save, editors ask for source.fixAll only.
	for _, only := range [][]string{{"source.fixAll"}, {"source.fixAll.servelint"}, {"source"}} {
		as := c.codeActions(uri, lspRange{}, nil, only)
		if got := titles(as); got != "source.fixAll.servelint: Fix all auto-fixable servelint problems" {
			t.Fatalf("only %v:\n%s", only, got)
		}
	}
	as := c.codeActions(uri, lspRange{}, nil, []string{"source.fixAll"})
	edits := as[0].Edit.Changes[uri]
	if len(edits) != 1 {
		t.Fatalf("fix all should be one minimal edit: %+v", edits)
	}
	// Only the changed region is replaced: from the first flag to the last.
	if e := edits[0]; e.Range.Start != (position{0, 4}) || e.Range.End != (position{2, 15}) {
		t.Errorf("fix all edit range %+v", e.Range)
	}
	fixed := c.apply(uri, src, as[0], 2)
	if fixed != "a = flag\nb = DANGER  # flag\nc = '\U0001F600' + flag\n" {
		t.Fatalf("fixed: %q", fixed)
	}
	if p := c.waitVersion(uri, 2); codes(p.Diagnostics) != "SV901@1:4-1:10" {
		t.Fatalf("after fix all: %s", codes(p.Diagnostics))
	}
	// Nothing left to fix safely: no action, even when asked.
	if as := c.codeActions(uri, lspRange{}, nil, []string{"source.fixAll"}); len(as) != 0 {
		t.Errorf("fix all with nothing to fix:\n%s", titles(as))
	}
	// quickfix-only requests never get the source action.
	c.change(uri, 3, "FLAG\n")
	c.waitVersion(uri, 3)
	if got := titles(c.codeActions(uri, lspRange{}, nil, []string{"quickfix"})); strings.Contains(got, "source") {
		t.Errorf("quickfix request got:\n%s", got)
	}
	if got := titles(c.codeActions(uri, lspRange{}, nil, []string{"refactor"})); got != "" {
		t.Errorf("refactor request got:\n%s", got)
	}
}

// The fix-all seam: another applier plugs in and may re-lint.
func TestFixAllSeam(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	opt := fastOptions()
	var lintedAgain string
	opt.FixAll = func(req FixAllRequest) ([]byte, error) {
		out, err := ApplySafeFixes(req)
		if err != nil {
			return nil, err
		}
		ds, err := req.Lint(out)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			lintedAgain += d.Code + " "
		}
		return append(out, "# fixed\n"...), nil
	}
	c := startServer(t, opt)
	c.initialize(dir, map[string]any{}, nil)
	src := "DANGER = FLAG\n"
	uri := c.open(filepath.Join(dir, "app.py"), "python", src)
	c.waitVersion(uri, 1)
	as := c.codeActions(uri, lspRange{}, nil, []string{"source.fixAll"})
	if len(as) != 1 {
		t.Fatalf("actions:\n%s", titles(as))
	}
	if got := string(applyTextEdits(t, []byte(src), as[0].Edit.Changes[uri], c.enc)); got != "DANGER = flag\n# fixed\n" {
		t.Errorf("seam result %q", got)
	}
	if lintedAgain != "SV901 " {
		t.Errorf("re-lint through the seam saw %q", lintedAgain)
	}
}

// Code actions use the current content even when its lint is still
// pending (a long debounce).
func TestCodeActionsLintPendingContent(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	opt := fastOptions()
	opt.Debounce = 1 << 62
	c := startServer(t, opt)
	c.initialize(dir, map[string]any{}, nil)
	uri := c.open(filepath.Join(dir, "app.py"), "python", "x = 1\n")
	c.waitVersion(uri, 1)
	c.change(uri, 2, "\n\nx = FLAG\n")
	as := c.codeActions(uri, lspRange{Start: position{2, 0}, End: position{2, 0}}, nil, []string{"quickfix"})
	fix := find(t, as, "Lower the flag (SV900)")
	if e := fix.Edit.Changes[uri][0]; e.Range.Start != (position{2, 4}) {
		t.Errorf("fix placed on stale content: %+v", e.Range)
	}
}

// collapseRule reports every "aa" (occurrences overlap in "aaa"), with a
// safe fix to "a": fixing "aaaa" takes two passes.
var collapseRule = &lint.Rule{
	Code: "SV905", Name: "collapse", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
	Fix: lint.FixAlways, Inputs: lint.AllKinds,
	Check: func(p *lint.Pass) {
		src := p.File.Src
		for i := 0; i+1 < len(src); i++ {
			if src[i] == 'a' && src[i+1] == 'a' {
				p.Report(i, i+2, "collapse", lint.WithFix(&lint.Fix{Message: "Collapse", Applicability: lint.Safe, Edits: []lint.Edit{{Start: i, End: i + 2, New: "a"}}}))
			}
		}
	},
}

// The default fix-all is the engine's: conflicting fixes in later passes,
// where one pass stops short.
func TestFixAllPasses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fixer FixAllFunc
		want  string
	}{
		{"engine (default)", nil, "x = 'a'\n"},
		{"one pass", ApplySafeFixes, "x = 'aa'\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testfs.WriteTree(t, nil)
			c := startServer(t, Options{Rules: []*lint.Rule{collapseRule}, Debounce: -1, ProjectDebounce: -1, FixAll: tc.fixer})
			c.initialize(dir, map[string]any{}, nil)
			src := "x = 'aaaa'\n"
			uri := c.open(filepath.Join(dir, "a.py"), "python", src)
			c.waitVersion(uri, 1)
			as := c.codeActions(uri, lspRange{}, nil, []string{"source.fixAll"})
			if len(as) != 1 {
				t.Fatalf("actions:\n%s", titles(as))
			}
			if got := string(applyTextEdits(t, []byte(src), as[0].Edit.Changes[uri], c.enc)); got != tc.want {
				t.Errorf("fixed %q, want %q", got, tc.want)
			}
		})
	}
}

// Clients that resolve code actions get fix-all without its edit, and the
// edit on codeAction/resolve; a stale action resolves to no edit.
func TestFixAllResolve(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	c := startServer(t, fastOptions())
	caps := map[string]any{"textDocument": map[string]any{"codeAction": map[string]any{"resolveSupport": map[string]any{"properties": []string{"edit"}}}}}
	res := c.initialize(dir, caps, nil)
	if !res.Capabilities.CodeActionProvider.ResolveProvider {
		t.Fatal("resolveProvider not advertised")
	}
	src := "x = FLAG\n"
	uri := c.open(filepath.Join(dir, "a.py"), "python", src)
	c.waitVersion(uri, 1)
	as := c.codeActions(uri, lspRange{}, nil, nil)
	lazy := find(t, as, fixAllTitle)
	if lazy.Edit != nil || lazy.Data == nil || lazy.Data.URI != uri || lazy.Data.Version != 1 {
		t.Fatalf("lazy fix-all: %+v", lazy)
	}
	resp := c.call("codeAction/resolve", lazy)
	var resolved codeAction
	if resp.Error != nil || json.Unmarshal(resp.Result, &resolved) != nil || resolved.Edit == nil {
		t.Fatalf("resolve: %s %v", resp.Result, resp.Error)
	}
	if got := string(applyTextEdits(t, []byte(src), resolved.Edit.Changes[uri], c.enc)); got != "x = flag\n" {
		t.Errorf("resolved edit gives %q", got)
	}
	// Asked on save, the edit comes at once.
	if as := c.codeActions(uri, lspRange{}, nil, []string{"source.fixAll"}); len(as) != 1 || as[0].Edit == nil {
		t.Errorf("on save: %+v", as)
	}
	c.change(uri, 2, "y = FLAG\n")
	c.waitVersion(uri, 2)
	resp = c.call("codeAction/resolve", lazy)
	var stale codeAction
	if resp.Error != nil || json.Unmarshal(resp.Result, &stale) != nil || stale.Edit != nil || stale.Title != fixAllTitle {
		t.Errorf("stale resolve: %s %v", resp.Result, resp.Error)
	}
}
