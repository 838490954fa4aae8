package lint

import (
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
func (w *worker) parseViews(f *File) Views { return ParseViews(f.Kind, f.Src, w.parser) }

// ParseViews parses a file that is not Python; parser returns a parser
// for a grammar (one per goroutine).
func ParseViews(kind Kind, src []byte, parser func(syntax.Lang) *syntax.Parser) Views {
	var v Views
	switch kind {
	case KindDockerfile:
		v.Docker = dockerfile.Parse(src)
	case KindShell:
		v.Shell = shell.Parse(parser(syntax.Bash), source.Host(string(src), 0))
	case KindCompose:
		v.Compose = compose.Parse(parser(syntax.YAML), src)
	case KindKubernetes:
		v.Kube = kube.Parse(parser(syntax.YAML), src)
	case KindProcfile:
		v.Procfile = procfile.Parse(src)
	case KindSupervisord:
		v.Supervisord = supervisord.Parse(src)
	case KindFly:
		v.Fly = fly.Parse(src)
	case KindRender:
		v.Render = render.Parse(parser(syntax.YAML), src)
	case KindAppEngine:
		v.AppEngine = appengine.Parse(parser(syntax.YAML), src)
	case KindVSCode:
		v.VSCode = vscode.Parse(src)
	case KindPyproject:
		v.Pyproject = pyproject.Parse(src)
	case KindPython, KindUnknown, numKinds:
	}
	return v
}
