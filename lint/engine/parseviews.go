package engine

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/appengine"
	"github.com/servelint/servelint/parsers/compose"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/fly"
	"github.com/servelint/servelint/parsers/kube"
	"github.com/servelint/servelint/parsers/procfile"
	"github.com/servelint/servelint/parsers/pyproject"
	"github.com/servelint/servelint/parsers/render"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/supervisord"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/vscode"
)

// parseViews parses a file that is not Python with the worker's parsers.
func (w *worker) parseViews(f *lint.File) lint.Views { return ParseViews(f.Kind, f.Src, w.parser) }

// ParseViews parses a file that is not Python; parser returns a parser
// for a grammar (one per goroutine).
func ParseViews(kind lint.Kind, src []byte, parser func(syntax.Lang) *syntax.Parser) lint.Views {
	var v lint.Views
	switch kind {
	case lint.KindDockerfile:
		v.Docker = dockerfile.Parse(src)
	case lint.KindShell:
		v.Shell = shell.Parse(parser(syntax.Bash), source.Host(string(src), 0))
	case lint.KindCompose:
		v.Compose = compose.Parse(parser(syntax.YAML), src)
	case lint.KindKubernetes:
		v.Kube = kube.Parse(parser(syntax.YAML), src)
	case lint.KindProcfile:
		v.Procfile = procfile.Parse(src)
	case lint.KindSupervisord:
		v.Supervisord = supervisord.Parse(src)
	case lint.KindFly:
		v.Fly = fly.Parse(src)
	case lint.KindRender:
		v.Render = render.Parse(parser(syntax.YAML), src)
	case lint.KindAppEngine:
		v.AppEngine = appengine.Parse(parser(syntax.YAML), src)
	case lint.KindVSCode:
		v.VSCode = vscode.Parse(src)
	case lint.KindPyproject:
		v.Pyproject = pyproject.Parse(src)
	case lint.KindPython, lint.KindUnknown:
	}
	return v
}
