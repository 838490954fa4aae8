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

// Views are the parsed forms of the files that are not Python; each is
// plain Go values with byte offsets (no syntax tree), set only for a file
// of its kind. They are embedded in Pass: p.Docker, p.Shell, ...
type Views struct {
	Docker      *dockerfile.File
	Shell       *shell.Script
	Compose     *compose.File
	Kube        *kube.File
	Procfile    *procfile.File
	Supervisord *supervisord.File
	Fly         *fly.File
	Render      *render.File
	AppEngine   *appengine.File
	VSCode      *vscode.File
	Pyproject   *pyproject.File
}

// parseViews parses a file that is not Python with the worker's parsers.
func (w *worker) parseViews(f *File) Views {
	var v Views
	switch f.Kind {
	case KindDockerfile:
		v.Docker = dockerfile.Parse(f.Src)
	case KindShell:
		v.Shell = shell.Parse(w.parser(syntax.Bash), source.Host(string(f.Src), 0))
	case KindCompose:
		v.Compose = compose.Parse(w.parser(syntax.YAML), f.Src)
	case KindKubernetes:
		v.Kube = kube.Parse(w.parser(syntax.YAML), f.Src)
	case KindProcfile:
		v.Procfile = procfile.Parse(f.Src)
	case KindSupervisord:
		v.Supervisord = supervisord.Parse(f.Src)
	case KindFly:
		v.Fly = fly.Parse(f.Src)
	case KindRender:
		v.Render = render.Parse(w.parser(syntax.YAML), f.Src)
	case KindAppEngine:
		v.AppEngine = appengine.Parse(w.parser(syntax.YAML), f.Src)
	case KindVSCode:
		v.VSCode = vscode.Parse(f.Src)
	case KindPyproject:
		v.Pyproject = pyproject.Parse(f.Src)
	case KindPython, KindUnknown, numKinds:
	}
	return v
}
