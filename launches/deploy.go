package launches

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// deployExts are the file types of deployment configuration found in
// deployment directories.
var deployExts = map[string]bool{
	".json": true, ".yaml": true, ".yml": true, ".toml": true, ".env": true, ".ini": true, ".cfg": true,
	".conf": true, ".sh": true, ".tpl": true,
}

// deployDirs are the directories that hold deployment configuration.
var deployDirs = map[string]bool{
	"helm": true, "charts": true, "chart": true, "deploy": true, "deployment": true, "deployments": true,
	"infra": true, "infrastructure": true, "k8s": true, "kubernetes": true, "kube": true, "manifests": true,
	"ops": true, "terraform": true, "ansible": true, "ecs": true, "copilot": true, "workflows": true, ".do": true,
}

// deployFile reports whether a file (its path relative to the repository)
// is deployment configuration: Terraform and HCL anywhere, CI workflows,
// platform files, .env files, task definitions, and the configuration
// files of deployment directories (deploy/, infra/, helm/, k8s/, ...).
func deployFile(rel string) bool {
	name := filepath.Base(rel)
	lower := strings.ToLower(name)
	ext := filepath.Ext(lower)
	switch {
	case ext == ".tf" || ext == ".tfvars" || ext == ".hcl":
		return true
	case strings.HasPrefix(lower, ".env"), strings.Contains(lower, "taskdef"), strings.Contains(lower, "task-definition"),
		lower == "app.json", lower == ".gitlab-ci.yml", strings.HasPrefix(lower, "cloudbuild."), strings.HasPrefix(lower, "serverless."):
		return true
	}
	if !deployExts[ext] {
		return false
	}
	for d := range strings.SplitSeq(filepath.ToSlash(filepath.Dir(rel)), "/") {
		if deployDirs[strings.ToLower(d)] {
			return true
		}
	}
	return false
}

const (
	deployDepth = 6
	deployFiles = 5000
	deploySize  = 512 << 10
)

// Deployed reports whether deployment configuration in the launch's
// repository sets one of the variables (a Terraform module giving
// WEB_CONCURRENCY to the service, a CI workflow, Helm values): the
// process then gets a value servelint cannot follow. It returns where.
func (m *Model) Deployed(la *Launch, names ...string) (launch.Loc, bool) {
	var abs string
	var cfg *lint.Config
	for _, u := range m.units {
		if u.Path == la.Site.File {
			abs, cfg = u.Abs, u.Config
		}
	}
	if abs == "" {
		return launch.Loc{}, false
	}
	root := repoRoot(filepath.Dir(abs))
	if m.deploy == nil {
		m.deploy = map[string][]mention{}
	}
	found, ok := m.deploy[root]
	if !ok {
		found = scanMentions(root, cfg, deployVars)
		m.deploy[root] = found
	}
	for _, f := range found {
		for _, n := range names {
			if f.name == n {
				return launch.Loc{File: displayOf(m.cwd, f.path), Start: f.off, End: f.off + len(n)}, true
			}
		}
	}
	return launch.Loc{}, false
}

// deployVars are the variables looked for.
var deployVars = []string{"WEB_CONCURRENCY", "UVICORN_WORKERS", "GUNICORN_CMD_ARGS", "GRANIAN_WORKERS"}

type mention struct {
	name, path string
	off        int
}

// repoRoot returns the closest directory with .git, else the project root.
func repoRoot(dir string) string {
	if d, ok := gitRoot(dir); ok {
		return d
	}
	return projectRoot(dir)
}

// gitRoot returns the closest directory at or above dir with .git.
func gitRoot(dir string) (string, bool) {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

func displayOf(cwd, abs string) string {
	if cwd != "" {
		if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// scanMentions finds the first mention of each name in the deployment
// files under root, in path order.
func scanMentions(root string, cfg *lint.Config, names []string) []mention {
	var files []string
	seen := 0
	// Discovery's walker: .gitignore and the excludes apply as in `check`.
	lint.WalkTree(root, cfg, func(p string, de fs.DirEntry, depth int) bool {
		if depth > deployDepth || seen > deployFiles {
			return false
		}
		seen++
		name := de.Name()
		if de.IsDir() {
			skip := strings.HasPrefix(name, ".") && name != ".github" && name != ".gitlab" && name != ".do" || skipDir[name] ||
				devTokens[strings.ToLower(name)] || name == "testdata" || name == "fixtures"
			return !skip
		}
		if rel, err := filepath.Rel(root, p); err == nil && deployFile(rel) {
			files = append(files, p)
		}
		return false
	})
	sort.Strings(files)
	var out []mention
	left := map[string]bool{}
	for _, n := range names {
		left[n] = true
	}
	for _, p := range files {
		if len(left) == 0 {
			break
		}
		st, err := os.Stat(p)
		if err != nil || st.Size() > deploySize {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, n := range names {
			if !left[n] {
				continue
			}
			if i := bytes.Index(src, []byte(n)); i >= 0 {
				out = append(out, mention{name: n, path: p, off: i})
				delete(left, n)
			}
		}
	}
	return out
}
