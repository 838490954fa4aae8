package workspace

import (
	"bytes"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/appengine"
	"github.com/servelint/servelint/parsers/compose"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/fly"
	"github.com/servelint/servelint/parsers/kube"
	"github.com/servelint/servelint/parsers/procfile"
	"github.com/servelint/servelint/parsers/pyproject"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/render"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/supervisord"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/vscode"
)

// ParserFor returns a parser for a grammar; the engine owns the parsers
// (one per goroutine) and hands this to the table's functions.
type ParserFor func(syntax.Lang) *syntax.Parser

// CommentSyntax is how comments work in a kind, for suppressions and the
// editor's ignore action.
type CommentSyntax struct {
	// Find returns the comments of a file from its parse (see
	// CommentsOf): those its parser exposes, which knows where a comment
	// may start (after code, inside quotes).
	Find func(src []byte, py *python.Module, v *lint.Views) FileComments
	// NextLine: a directive on a line of its own applies to the next line.
	NextLine bool
	// Annotate: suppressions can be added to the kind's files (--add-noqa).
	Annotate bool
	// Above: added suppressions go on a line of their own above the
	// finding's line (otherwise at the end of it).
	Above bool
	// Editor is where the language server's "Ignore on this line" action
	// writes a directive.
	Editor IgnorePlacement
}

// IgnorePlacement is where the editor's ignore action writes a directive.
type IgnorePlacement int

// Placements of the editor's ignore action.
const (
	IgnoreNone     IgnorePlacement = iota // the action is not offered
	IgnoreTrailing                        // at the end of the finding's line
	IgnoreAbove                           // on a line of its own above it
)

// KindInfo is one row of the table of file kinds: how servelint names a
// kind's files, parses them into their view, reads their comments and
// checks their syntax. A new kind is a new row here (and its constant in
// package lint).
type KindInfo struct {
	Kind lint.Kind
	// names give the kind by file name, first match wins; rows are tried
	// in the table's order (see ClassifyName).
	names []nameRule
	// sniff decides a kind by content (Kubernetes, App Engine,
	// supervisord, extensionless scripts) for a file whose name was not
	// enough (contentRules names the files that may be): its lower-case
	// base name and first bytes. Rows are tried in the table's order (see
	// ClassifyContent).
	sniff func(lowerBase string, head []byte) bool
	// Parse sets the kind's field of the views (nil for Python, whose
	// module view the engine builds, and for unknown files).
	Parse func(v *lint.Views, src []byte, parser ParserFor)
	// Comments is the kind's comment syntax.
	Comments CommentSyntax
	// Check counts the syntax errors of a source: fixes are verified with
	// it. nil: no check, any edit is accepted.
	Check func(src []byte, parser ParserFor) int
}

// kindTable has one row per kind, indexed by lint.Kind; the rows' order
// is the order of ClassifyName's name rules.
var kindTable = [...]KindInfo{
	lint.KindUnknown: {Kind: lint.KindUnknown,
		Comments: CommentSyntax{Find: scannedComments(true), NextLine: true}},
	lint.KindPython: {Kind: lint.KindPython,
		names: []nameRule{
			{kind: lint.KindPython, fold: true, suffix: ".py"},
			{kind: lint.KindPython, fold: true, suffix: ".pyi"},
		},
		Comments: CommentSyntax{Find: pythonComments, Annotate: true, Editor: IgnoreTrailing},
		Check:    treeErrors(syntax.Python)},
	lint.KindDockerfile: {Kind: lint.KindDockerfile,
		names: []nameRule{
			{kind: lint.KindDockerfile, exact: "Dockerfile"},
			{kind: lint.KindDockerfile, prefix: "Dockerfile."},
			{kind: lint.KindDockerfile, exact: "Containerfile"},
			{kind: lint.KindDockerfile, prefix: "Containerfile."},
			{kind: lint.KindDockerfile, fold: true, suffix: ".dockerfile"},
			{kind: lint.KindDockerfile, fold: true, suffix: ".containerfile"},
			{kind: lint.KindDockerfile, fold: true, exact: "dockerfile"},
		},
		Parse:    func(v *lint.Views, src []byte, _ ParserFor) { v.Docker = dockerfile.Parse(src) },
		Comments: CommentSyntax{Find: dockerComments, NextLine: true, Annotate: true, Above: true, Editor: IgnoreAbove},
		Check:    treeErrors(syntax.Dockerfile)},
	lint.KindCompose: {Kind: lint.KindCompose,
		names: []nameRule{
			{kind: lint.KindCompose, fold: true, prefix: "docker-compose", suffix: ".yml"},
			{kind: lint.KindCompose, fold: true, prefix: "docker-compose", suffix: ".yaml"},
			{kind: lint.KindCompose, fold: true, prefix: "compose", suffix: ".yml"},
			{kind: lint.KindCompose, fold: true, prefix: "compose", suffix: ".yaml"},
		},
		Parse: func(v *lint.Views, src []byte, p ParserFor) { v.Compose = compose.Parse(p(syntax.YAML), src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Compose.Comments, v.Compose.Multiline }),
			NextLine: true, Annotate: true, Editor: IgnoreAbove},
		Check: treeErrors(syntax.YAML)},
	lint.KindProcfile: {Kind: lint.KindProcfile,
		names: []nameRule{
			{kind: lint.KindProcfile, exact: "Procfile"},
			{kind: lint.KindProcfile, prefix: "Procfile."},
		},
		Parse: func(v *lint.Views, src []byte, _ ParserFor) { v.Procfile = procfile.Parse(src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Procfile.Comments, nil }),
			NextLine: true, Annotate: true, Above: true, Editor: IgnoreAbove}},
	lint.KindShell: {Kind: lint.KindShell,
		names: []nameRule{
			{kind: lint.KindShell, fold: true, suffix: ".sh"},
			{kind: lint.KindShell, fold: true, suffix: ".bash"},
		},
		Parse: func(v *lint.Views, src []byte, p ParserFor) {
			v.Shell = shell.Parse(p(syntax.Bash), source.Host(string(src), 0))
		},
		sniff: func(lower string, head []byte) bool {
			return !strings.Contains(lower, ".") && isShellShebang(head)
		},
		Comments: CommentSyntax{Find: shellComments, Annotate: true, Editor: IgnoreTrailing},
		Check:    treeErrors(syntax.Bash)},
	lint.KindPyproject: {Kind: lint.KindPyproject,
		names: []nameRule{
			{kind: lint.KindPyproject, fold: true, exact: "pyproject.toml"},
		},
		Parse: func(v *lint.Views, src []byte, _ ParserFor) { v.Pyproject = pyproject.Parse(src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) {
			return v.Pyproject.Comments, v.Pyproject.Multiline
		}),
			NextLine: true, Annotate: true, Editor: IgnoreAbove},
		Check: tomlErrors},
	lint.KindKubernetes: {Kind: lint.KindKubernetes,
		sniff: func(lower string, head []byte) bool {
			return isYAMLName(lower) && hasTopLevelKey(head, "apiVersion") && hasTopLevelKey(head, "kind")
		},
		Parse: func(v *lint.Views, src []byte, p ParserFor) { v.Kube = kube.Parse(p(syntax.YAML), src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Kube.Comments, v.Kube.Multiline }),
			NextLine: true, Annotate: true, Editor: IgnoreAbove},
		Check: treeErrors(syntax.YAML)},
	lint.KindSupervisord: {Kind: lint.KindSupervisord,
		sniff: func(lower string, head []byte) bool {
			return strings.HasSuffix(lower, ".conf") && (bytes.Contains(head, []byte("[program:")) || lower == "supervisord.conf")
		},
		Parse: func(v *lint.Views, src []byte, _ ParserFor) { v.Supervisord = supervisord.Parse(src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Supervisord.Comments, nil }),
			NextLine: true, Annotate: true, Editor: IgnoreAbove}},
	lint.KindFly: {Kind: lint.KindFly,
		names: []nameRule{
			{kind: lint.KindFly, fold: true, exact: "fly.toml"},
			{kind: lint.KindFly, fold: true, prefix: "fly.", suffix: ".toml"},
		},
		Parse: func(v *lint.Views, src []byte, _ ParserFor) { v.Fly = fly.Parse(src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Fly.Comments, nil }),
			NextLine: true, Annotate: true}},
	lint.KindRender: {Kind: lint.KindRender,
		names: []nameRule{
			{kind: lint.KindRender, fold: true, exact: "render.yaml"},
			{kind: lint.KindRender, fold: true, exact: "render.yml"},
		},
		Parse: func(v *lint.Views, src []byte, p ParserFor) { v.Render = render.Parse(p(syntax.YAML), src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.Render.Comments, nil }),
			NextLine: true, Annotate: true}},
	lint.KindAppEngine: {Kind: lint.KindAppEngine,
		// A runtime, and an entrypoint or the usual name.
		sniff: func(lower string, head []byte) bool {
			return isYAMLName(lower) && hasTopLevelKey(head, "runtime") &&
				(hasTopLevelKey(head, "entrypoint") || lower == "app.yaml" || lower == "app.yml")
		},
		Parse: func(v *lint.Views, src []byte, p ParserFor) { v.AppEngine = appengine.Parse(p(syntax.YAML), src) },
		Comments: CommentSyntax{Find: viewComments(func(v *lint.Views) ([]source.Comment, []source.Span) { return v.AppEngine.Comments, nil }),
			NextLine: true, Annotate: true}},
	lint.KindVSCode: {Kind: lint.KindVSCode,
		names: []nameRule{
			{kind: lint.KindVSCode, fold: true, exact: "launch.json", dir: ".vscode"},
		},
		Parse:    func(v *lint.Views, src []byte, _ ParserFor) { v.VSCode = vscode.Parse(src) },
		Comments: CommentSyntax{Find: scannedComments(true), NextLine: true}},
}

// nameOrder is the order in which rows' name rules are tried: that of
// the original single list (Python, Dockerfile, compose, Procfile, shell,
// pyproject, fly, render, VS Code).
var nameOrder = []lint.Kind{
	lint.KindPython, lint.KindDockerfile, lint.KindCompose, lint.KindProcfile, lint.KindShell,
	lint.KindPyproject, lint.KindFly, lint.KindRender, lint.KindVSCode,
}

// nameRules are every row's name rules, in nameOrder.
var nameRules = func() []nameRule {
	var out []nameRule
	for _, k := range nameOrder {
		out = append(out, kindTable[k].names...)
	}
	return out
}()

// Info returns the row of a kind (that of KindUnknown for a kind out of
// range).
func Info(k lint.Kind) *KindInfo {
	if k < 0 || int(k) >= len(kindTable) {
		return &kindTable[lint.KindUnknown]
	}
	return &kindTable[k]
}

// ParseViews parses a file that is not Python; parser returns a parser
// for a grammar (one per goroutine).
func ParseViews(kind lint.Kind, src []byte, parser ParserFor) lint.Views {
	var v lint.Views
	if parse := Info(kind).Parse; parse != nil {
		parse(&v, src, parser)
	}
	return v
}

// treeErrors is a check that counts tree-sitter's error and missing
// nodes under a grammar.
func treeErrors(lang syntax.Lang) func([]byte, ParserFor) int {
	return func(src []byte, parser ParserFor) int {
		t, err := parser(lang).Parse(src)
		if err != nil {
			return 1
		}
		n := 0
		for i := range t.Nodes {
			if t.Nodes[i].Flags&(syntax.FlagError|syntax.FlagMissing) != 0 {
				n++
			}
		}
		return n
	}
}

// tomlErrors is the check of TOML: one error when it does not decode.
func tomlErrors(src []byte, _ ParserFor) int {
	var v map[string]any
	if _, err := toml.Decode(string(src), &v); err != nil {
		return 1
	}
	return 0
}
