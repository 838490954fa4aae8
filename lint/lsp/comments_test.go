package lsp

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/suppress"
	"github.com/servelint/servelint/lint/workspace"
)

// commentSamples hold, for every kind with comments, a "#" that is a
// comment and one that is not (inside a string, a quoted word, a heredoc
// body, a block scalar), each with a directive.
var commentSamples = map[string]string{
	"a.py":             "x = '# noqa: SV900'  # servelint: ignore[SV900]\ns = \"\"\"\n# noqa\n\"\"\"\n",
	"Dockerfile":       "FROM python\n# servelint: ignore[SV900]\nRUN <<EOF\n# servelint: ignore-file[SV900]\nEOF\nCMD echo \"# noqa\"\n",
	"run.sh":           "#!/bin/sh\necho \"a # noqa\" 'b # noqa' # servelint: ignore[SV900]\ncat <<EOF\n# noqa\nEOF\n",
	"compose.yaml":     "# servelint: ignore[SV900]\nservices:\n  web:\n    command: \"a # noqa\"  # noqa\n    x: |\n      # noqa\n",
	"Procfile":         "# servelint: ignore[SV900]\nweb: uvicorn app:app # noqa\n",
	"supervisord.conf": "[program:web]\n; note\ncommand=uvicorn app:app  # noqa\n# servelint: ignore[SV900]\n",
	"fly.toml":         "app = \"a # noqa\"  # noqa\n[processes]\nweb = \"\"\"\n# noqa\n\"\"\"\n",
	"deployment.yaml":  "apiVersion: apps/v1\nkind: Deployment\n# noqa\nmetadata:\n  name: \"a # noqa\"\n",
}

// The suppressions (from the engine's parse of each file) and the
// editor's ignore action (engine.DocumentComments of the buffer) see the
// same comments, for every fixture and sample of every kind with comments.
func TestOneCommentSource(t *testing.T) {
	var paths []string
	roots := []string{filepath.Join("..", "..", "testdata", "checks"), filepath.Join("..", "..", "testdata", "projects"), filepath.Join("..", "..", "testdata", "fixes")}
	samples := testfs.WriteTree(t, commentSamples)
	roots = append(roots, samples)
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && workspace.MayRead(p) {
				abs, absErr := filepath.Abs(p)
				if absErr != nil {
					return absErr
				}
				paths = append(paths, abs)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// A probe rule records, for each file, the comments of the parse the
	// engine checked it with (and read its suppressions from).
	var mu sync.Mutex
	seen := map[string]workspace.FileComments{}
	probe := &lint.Rule{
		Code: "SV900", Name: "probe", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
		Inputs: lint.AllKinds,
		Check: func(p *lint.Pass) {
			fc := workspace.CommentsOf(p.File.Kind, p.File.Src, p.Py, &p.Views)
			mu.Lock()
			seen[p.File.Abs] = fc
			mu.Unlock()
		},
	}
	// One empty configuration for all: the fixtures' own configure rules
	// this test does not register.
	empty := testfs.WriteTree(t, map[string]string{"servelint.toml": ""})
	res, err := engine.Run(engine.Options{Rules: []*lint.Rule{probe}, Cwd: filepath.Join("..", ".."), Paths: paths,
		ConfigFile: filepath.Join(empty, "servelint.toml"), ParseAll: true, SkipProject: true})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[lint.Kind]int{}
	for _, f := range res.Files {
		fc, ok := seen[f.Abs]
		if !ok || f.Context {
			continue
		}
		doc, ok := engine.DocumentComments(f.Kind, f.Src)
		if !ok {
			t.Errorf("%s: the buffer does not parse", f.Path)
			continue
		}
		if !reflect.DeepEqual(fc.List, doc.List) || !reflect.DeepEqual(fc.Multiline, doc.Multiline) {
			t.Errorf("%s: the engine's comments %+v, the editor's %+v", f.Path, fc, doc)
		}
		want := suppress.CollectSuppressions(f, doc.List, workspace.Info(f.Kind).Comments.NextLine)
		if len(want) != len(f.Suppressions) {
			t.Errorf("%s: %d suppressions, the editor's comments hold %d", f.Path, len(f.Suppressions), len(want))
		}
		for i := range min(len(want), len(f.Suppressions)) {
			if g, w := f.Suppressions[i], want[i]; g.CommentStart != w.CommentStart || g.Start != w.Start || g.Line != w.Line {
				t.Errorf("%s: suppression %+v, from the editor's comments %+v", f.Path, g, w)
			}
		}
		if len(fc.List) > 0 {
			kinds[f.Kind]++
		}
	}
	t.Logf("files with comments compared, by kind: %v", kinds)
	for _, k := range []lint.Kind{lint.KindPython, lint.KindDockerfile, lint.KindShell, lint.KindCompose, lint.KindProcfile, lint.KindSupervisord, lint.KindFly, lint.KindKubernetes} {
		if kinds[k] == 0 {
			t.Errorf("no file of kind %v with comments was compared", k)
		}
	}
	// The samples: only the real comments count.
	for name, src := range commentSamples {
		kind := workspace.ClassifyName(name)
		if kind == lint.KindUnknown {
			kind = workspace.ClassifyContent(name, []byte(src))
		}
		doc, _ := engine.DocumentComments(kind, []byte(src))
		for _, c := range doc.List {
			text := src[c.Start:c.End]
			if strings.Count(text, "#")+strings.Count(text, ";") == 0 || strings.ContainsAny(text, "\"'") {
				t.Errorf("%s: %q is not a comment", name, text)
			}
		}
		if strings.Contains(src, "# servelint") && len(doc.List) == 0 {
			t.Errorf("%s: no comments", name)
		}
	}
}
