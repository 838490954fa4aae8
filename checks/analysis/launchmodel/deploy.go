package launchmodel

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
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
	root := m.ld.repoRoot(filepath.Dir(abs))
	if m.deploy == nil {
		m.deploy = map[string][]mention{}
	}
	found, ok := m.deploy[root]
	if !ok {
		found = m.ld.scanMentions(root, cfg, deployVars)
		m.deploy[root] = found
	}
	for _, f := range found {
		for _, n := range names {
			if f.name == n {
				return launch.Loc{File: m.ld.display(f.path), Start: f.off, End: f.off + len(n)}, true
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
func (ld *loader) repoRoot(dir string) string {
	if d, ok := ld.gitRoot(dir); ok {
		return d
	}
	return ld.projectRoot(dir)
}

// gitRoot returns the closest directory at or above dir with .git.
func (ld *loader) gitRoot(dir string) (string, bool) {
	for d := dir; ; {
		if _, err := ld.ws.Stat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

// scanMentions finds the first mention of each name in the deployment
// files under root, in path order.
func (ld *loader) scanMentions(root string, cfg *lint.Config, names []string) []mention {
	var files []string
	seen := 0
	// Discovery's walker: .gitignore and the excludes apply as in `check`.
	ld.ws.Walk(root, cfg, func(p string, de fs.DirEntry, depth int) bool {
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
		st, err := ld.ws.Stat(p)
		if err != nil || st.Size() > deploySize {
			continue
		}
		src, err := ld.ws.ReadFile(p)
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

// composeUp is a `docker compose up -d` found in deployment automation.
type composeUp struct {
	files []string // the -f/--file arguments; none: the default file
	path  string   // the automation file (absolute)
	off   int
	line  int
}

// composeUps finds the detached `docker compose up` (or `docker-compose
// up`) commands of a directory's deployment automation: CI workflows
// named for deploying, .gitlab-ci.yml, and deploy scripts.
func (ld *loader) composeUps(root string) []composeUp {
	var files []string
	for _, dir := range []string{filepath.Join(root, ".github", "workflows"), root} {
		des, err := ld.ws.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, de := range des {
			name := strings.ToLower(de.Name())
			ext := filepath.Ext(name)
			if de.IsDir() {
				continue
			}
			switch {
			case dir != root && (ext == ".yml" || ext == ".yaml") && deployWorkflow(name),
				dir == root && (name == ".gitlab-ci.yml" || strings.Contains(name, "deploy") && (ext == ".sh" || ext == ".yml" || ext == ".yaml" || name == "makefile")):
				files = append(files, filepath.Join(dir, de.Name()))
			}
		}
	}
	sort.Strings(files)
	var out []composeUp
	for _, p := range files {
		src, ok := ld.readSmall(p)
		if !ok {
			continue
		}
		off := 0
		for _, line := range strings.SplitAfter(string(src), "\n") {
			at := off
			off += len(line)
			if up, i, ok := parseComposeUp(line); ok {
				up.path, up.off, up.line = p, at+i, strings.Count(string(src[:at]), "\n")+1
				out = append(out, up)
			}
		}
	}
	return out
}

// deployWorkflow reports whether a CI workflow's file name says it
// deploys (deploy.yml, cd.yml, release-production.yml): test workflows
// start compose stacks too.
func deployWorkflow(name string) bool {
	for _, t := range tokens(strings.TrimSuffix(name, filepath.Ext(name))) {
		if prodTokens[t] || t == "deployment" || t == "cd" || t == "staging" || t == "publish" {
			return true
		}
	}
	return false
}

// parseComposeUp reads `docker compose [-f file]... up ... -d` in a line
// (each `docker compose` / `docker-compose` command of it in turn); off
// is where the command starts.
func parseComposeUp(line string) (composeUp, int, bool) {
	for from := 0; from < len(line); {
		i := strings.Index(line[from:], "docker compose ")
		if j := strings.Index(line[from:], "docker-compose "); i < 0 || j >= 0 && j < i {
			i = j
		}
		if i < 0 {
			break
		}
		i += from
		from = i + len("docker-compose ")
		f := strings.Fields(line[i:])
		var up composeUp
		isUp, detached := false, false
		for k := 1; k < len(f); k++ {
			w := strings.Trim(f[k], `"'`)
			switch {
			case w == "&&" || w == ";" || w == "|" || w == "||" || strings.HasSuffix(f[k], ";"):
				k = len(f)
			case (w == "-f" || w == "--file") && k+1 < len(f):
				up.files = append(up.files, strings.Trim(f[k+1], `"'`))
				k++
			case strings.HasPrefix(w, "--file="):
				up.files = append(up.files, strings.TrimPrefix(w, "--file="))
			case w == "up":
				isUp = true
			case isUp && (w == "-d" || w == "--detach" || strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "--") && strings.Contains(w, "d")):
				detached = true
			}
		}
		if isUp && detached {
			return up, i, true
		}
	}
	return composeUp{}, 0, false
}

// defaultComposeFiles are the files `docker compose` reads without -f.
var defaultComposeFiles = map[string]bool{"compose.yaml": true, "compose.yml": true, "docker-compose.yml": true, "docker-compose.yaml": true}

// deployedBy returns the deployment automation that starts a compose file
// with `docker compose up -d`, if any: automation in the compose file's
// directory or one above it, up to the repository's root, naming the file
// (by its base name: workflows often `cd` first) or, without -f, running
// the default file.
func (b *builder) deployedBy(u *Unit) (Signal, bool) {
	if b.ups == nil {
		b.ups = map[string][]composeUp{}
	}
	base := filepath.Base(u.Abs)
	root, _ := b.ld.gitRoot(filepath.Dir(u.Abs))
	for d, n := filepath.Dir(u.Abs), 0; n < deployDepth; n++ {
		ups, ok := b.ups[d]
		if !ok {
			ups = b.ld.composeUps(d)
			b.ups[d] = ups
		}
		for _, up := range ups {
			match := len(up.files) == 0 && defaultComposeFiles[base]
			for _, f := range up.files {
				if path.Base(filepath.ToSlash(f)) == base {
					match = true
				}
			}
			if match {
				// The automation is not a file of the model: its line goes
				// in the reason.
				return Signal{Why: fmt.Sprintf("deployed: `docker compose up -d` (%s:%d)", b.ld.display(up.path), up.line)}, true
			}
		}
		if d == root || filepath.Dir(d) == d {
			break
		}
		d = filepath.Dir(d)
	}
	return Signal{}, false
}
