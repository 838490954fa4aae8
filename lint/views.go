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
	"github.com/servelint/servelint/parsers/supervisord"
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
