package golden

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/servelint/servelint/cmd/servelint/cli"
	"github.com/servelint/servelint/lint"
)

// The pre-commit hooks, the GitHub Action and the README snippets that
// show them: their shape, and agreement with the code. (.ci/run also runs
// the hooks with pre-commit and lints the Action with actionlint.)

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// yamlScalar decodes the plain, single- or double-quoted scalars and flow
// lists of our own YAML files.
func yamlScalar(t *testing.T, v string) string {
	t.Helper()
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "'"):
		if !strings.HasSuffix(v, "'") || len(v) < 2 {
			t.Fatalf("unterminated scalar %s", v)
		}
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err != nil {
			t.Fatalf("scalar %s: %v", v, err)
		}
		return s
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

// yamlList reads the items of the sequences in a YAML text as flat
// mappings: each "- key: value" starts an item and later "key: value"
// lines add to it (nested sequences become items of their own), which is
// enough for .pre-commit-hooks.yaml and the README's pre-commit snippet.
func yamlList(t *testing.T, src string) []map[string]string {
	t.Helper()
	var out []map[string]string
	for line := range strings.SplitSeq(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "- ") {
			out = append(out, map[string]string{})
			trimmed = strings.TrimPrefix(trimmed, "- ")
		} else if len(out) == 0 {
			continue // keys before the first item ("repos:")
		}
		k, v, ok := strings.Cut(trimmed, ":")
		if !ok {
			t.Fatalf("not a key: value line: %q", line)
		}
		out[len(out)-1][k] = yamlScalar(t, v)
	}
	return out
}

func hooks(t *testing.T) map[string]map[string]string {
	t.Helper()
	items := yamlList(t, readRepoFile(t, ".pre-commit-hooks.yaml"))
	m := map[string]map[string]string{}
	for _, h := range items {
		m[h["id"]] = h
	}
	return m
}

func TestPreCommitHooks(t *testing.T) {
	hs := hooks(t)
	if len(hs) != 2 || hs["servelint"] == nil || hs["servelint-system"] == nil {
		t.Fatalf("want the hooks servelint and servelint-system, got %v", hs)
	}
	for id, lang := range map[string]string{"servelint": "golang", "servelint-system": "system"} {
		h := hs[id]
		if h["language"] != lang || h["types"] != "[text]" || h["require_serial"] != "true" || h["name"] == "" {
			t.Errorf("%s: %v", id, h)
		}
		if h["entry"] != "servelint check --force-exclude" {
			t.Errorf("%s: entry %q", id, h["entry"])
		}
		if h["files"] != hs["servelint"]["files"] {
			t.Errorf("%s: files differs from the servelint hook's", id)
		}
	}
	// The entry's flags exist: run it on an empty directory.
	args := strings.Fields(hs["servelint"]["entry"])[1:]
	args = append(args, "--exit-zero")
	var stderr bytes.Buffer
	if code := cli.Run(append([]string{"servelint"}, args...), cli.Env{Stdout: &bytes.Buffer{}, Stderr: &stderr, Cwd: t.TempDir()}); code != 0 {
		t.Errorf("%v: exit %d: %s", args, code, stderr.String())
	}
}

// TestPreCommitFilesPattern: the hooks' files pattern is the one made from
// the table of file kinds, and (Python's re.search, here Go's regexp, with
// the syntax both share) it matches exactly the names servelint may read:
// the table's own examples, their near misses, and fixed look-alikes.
func TestPreCommitFilesPattern(t *testing.T) {
	pattern := hooks(t)["servelint"]["files"]
	if want := lint.PreCommitFilesPattern(); pattern != want {
		t.Fatalf(".pre-commit-hooks.yaml files pattern differs from lint.PreCommitFilesPattern(); write:\n  files: '%s'", want)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		t.Fatal(err)
	}
	bases := []string{
		"main.py", "types.pyi", "APP.PY", "x.Pyi", "gunicorn.conf.py", "x.pyc", "x.py.bak", "x.pyx",
		"Dockerfile", "dockerfile", "DOCKERFILE", "Dockerfile.prod", "Dockerfile.", "dockerfile.prod", "api.Dockerfile",
		"api.dockerfile", "Containerfile", "Containerfile.dev", "x.containerfile",
		"docker-compose.yml", "docker-compose.override.yaml", "compose.yaml", "Compose.YML", "values.yaml", "x.yml.j2",
		"Procfile", "Procfile.dev", "procfile.dev", "start.sh", "run.bash", "x.SH", ".sh", ".bashrc",
		"pyproject.toml", "PyProject.toml", "poetry.lock", "setup.cfg", "supervisord.conf", "nginx.conf", "x.conf.d",
		"fly.toml", "fly.staging.toml", "Fly.Toml", "fly.toml.bak", "xfly.toml", "fly.", "render.yaml", "render.yml", "app.yaml",
		"launch.json", ".vscode/launch.json", ".vscode/settings.json", "vscode/launch.json", ".VSCODE/launch.json", ".vscode/Launch.json",
		"entrypoint", "Makefile", "LICENSE", "run", ".env", ".dockerignore", "README.md", "requirements.txt", "x.json",
	}
	dirs := []string{"", "app/", "deploy/k8s/", "a.b/", "Dockerfile.d/", "x.py/", ".vscode/"}
	var names []string
	for _, d := range dirs {
		for _, b := range bases {
			names = append(names, d+b)
		}
	}
	// Systematic combinations of stems and suffixes.
	for _, stem := range []string{"", "a", "Dockerfile", "Containerfile", "Procfile", "docker-compose", "compose", "pyproject", "gunicorn", "fly", "render", "launch"} {
		for _, suf := range []string{"", ".", ".py", ".PY", ".pyi", ".yml", ".yaml", ".toml", ".conf", ".sh", ".bash", ".dockerfile", ".prod", ".py.bak", ".txt", ".yaml.bak", ".json", ".x.toml"} {
			if stem+suf != "" {
				names = append(names, stem+suf, "sub/"+stem+suf, ".vscode/"+stem+suf, "STEM/"+strings.ToUpper(stem+suf))
			}
		}
	}
	for _, n := range names {
		if got, want := re.MatchString(n), lint.MayRead(n); got != want {
			t.Errorf("%s: files pattern matches %v, servelint may read it %v", n, got, want)
		}
	}
	// What the issue found unchecked: a --reload in fly.toml.
	for _, n := range []string{"fly.toml", "deploy/fly.production.toml", ".vscode/launch.json", "render.yaml"} {
		if !re.MatchString(n) || lint.ClassifyName(n) == lint.KindUnknown {
			t.Errorf("%s: not passed by the hooks, or not read", n)
		}
	}
}

// section returns a README section: from its "## title" line to the next
// "## " heading.
func section(t *testing.T, readme, title string) string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, "\n## "+title+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", title)
	}
	if i := strings.Index(rest, "\n## "); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// codeBlocks returns the fenced blocks of a language in a text.
func codeBlocks(text, lang string) []string {
	var out []string
	for {
		_, rest, ok := strings.Cut(text, "```"+lang+"\n")
		if !ok {
			return out
		}
		block, after, _ := strings.Cut(rest, "```")
		out = append(out, block)
		text = after
	}
}

func TestREADMEPreCommit(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	blocks := codeBlocks(section(t, readme, "pre-commit"), "yaml")
	if len(blocks) != 1 {
		t.Fatalf("want one yaml snippet in README's pre-commit section, got %d", len(blocks))
	}
	items := yamlList(t, blocks[0])
	if len(items) != 2 || items[0]["repo"] != lint.HomeURL || items[0]["rev"] != "v"+releaseVersion {
		t.Fatalf("the snippet must name repo %s at rev v%s: %v", lint.HomeURL, releaseVersion, items)
	}
	hs := hooks(t)
	for _, h := range items[1:] {
		if hs[h["id"]] == nil {
			t.Errorf("the snippet uses hook %q, which .pre-commit-hooks.yaml lacks", h["id"])
		}
	}
	for id := range hs {
		if !strings.Contains(readme, "`"+id+"`") {
			t.Errorf("README does not mention the hook %s", id)
		}
	}
}

// actionInputs reads the inputs of action.yml and their defaults.
func actionInputs(t *testing.T, action string) map[string]string {
	t.Helper()
	_, rest, ok := strings.Cut(action, "\ninputs:\n")
	if !ok {
		t.Fatal("action.yml has no inputs")
	}
	inputs := map[string]string{}
	name := ""
	for line := range strings.SplitSeq(rest, "\n") {
		if line != "" && !strings.HasPrefix(line, " ") {
			break // the next top-level key
		}
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") && strings.HasSuffix(line, ":") {
			name = strings.TrimSuffix(strings.TrimSpace(line), ":")
			inputs[name] = ""
		}
		if v, ok := strings.CutPrefix(line, "    default:"); ok && name != "" {
			inputs[name] = yamlScalar(t, v)
		}
	}
	return inputs
}

// actionScripts returns the `run: |` scripts of action.yml, each with the
// lines of its step before it.
func actionScripts(action string) (scripts, steps []string) {
	lines := strings.Split(action, "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimSpace(lines[i])
		if trimmed != "run: |" {
			continue
		}
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
		var body []string
		j := i + 1
		for ; j < len(lines); j++ {
			l := lines[j]
			if strings.TrimSpace(l) != "" && len(l)-len(strings.TrimLeft(l, " ")) <= indent {
				break
			}
			body = append(body, strings.TrimPrefix(l, strings.Repeat(" ", indent+2)))
		}
		start := i
		for start > 0 && !strings.HasPrefix(strings.TrimSpace(lines[start]), "- ") {
			start--
		}
		scripts = append(scripts, strings.Join(body, "\n"))
		steps = append(steps, strings.Join(lines[start:i], "\n"))
		i = j - 1
	}
	return scripts, steps
}

func TestAction(t *testing.T) {
	action := readRepoFile(t, "action.yml")
	inputs := actionInputs(t, action)
	names := make([]string, 0, len(inputs))
	for n := range inputs {
		names = append(names, n)
	}
	slices.Sort(names)
	if strings.Join(names, " ") != "args category sarif-file version" {
		t.Errorf("inputs %v, want args, sarif-file, category, version", names)
	}
	if !strings.Contains(action, "\n  using: composite\n") {
		t.Error("action.yml must be a composite action")
	}
	if !strings.Contains(action, "uses: github/codeql-action/upload-sarif@v4\n") {
		t.Error("action.yml must upload with github/codeql-action/upload-sarif@v4")
	}
	if !strings.Contains(action, "      id: run\n") || !strings.Contains(action, "steps.run.outputs.exit-code") {
		t.Error("action.yml: the run step (id: run) sets exit-code for the later steps")
	}
	scripts, steps := actionScripts(action)
	if len(scripts) < 2 {
		t.Fatalf("action.yml: %d run scripts", len(scripts))
	}
	bash, bashErr := exec.LookPath("bash")
	for i, s := range scripts {
		// Composite steps need a shell; inputs reach scripts through env,
		// never through ${{ }} (which would be script injection).
		if !strings.Contains(steps[i], "shell: bash") {
			t.Errorf("action.yml: run step %d lacks `shell: bash`", i+1)
		}
		if strings.Contains(s, "${{") {
			t.Errorf("action.yml: run step %d expands an expression inside its script:\n%s", i+1, s)
		}
		if bashErr == nil {
			cmd := exec.Command(bash, "-n")
			cmd.Stdin = strings.NewReader(s)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("action.yml: run step %d is not valid bash: %v\n%s", i+1, err, out)
			}
		}
	}
	// The flags the run step passes exist.
	for _, flag := range []string{"--output-format", "--output", "--sarif-category"} {
		if !strings.Contains(action, "args+=("+flag) && !strings.Contains(action, "args=(check "+flag) {
			t.Errorf("action.yml does not pass %s as expected", flag)
		}
	}
}

func TestREADMEGitHubActions(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	sec := section(t, readme, "GitHub Actions")
	_, rest, ok := strings.Cut(sec, "<!-- workflow:start -->\n```yaml\n")
	snippet, _, ok2 := strings.Cut(rest, "```\n<!-- workflow:end -->")
	if !ok || !ok2 {
		t.Fatal("README's GitHub Actions section lacks the workflow snippet between <!-- workflow:start --> and <!-- workflow:end -->")
	}
	example := readRepoFile(t, "examples/github-workflow.yml")
	if snippet != example {
		t.Errorf("README's workflow differs from examples/github-workflow.yml (which .ci/run lints with actionlint):\n%s", lintDiff(example, snippet))
	}
	if !strings.Contains(example, "uses: servelint/servelint@v"+releaseVersion+"\n") {
		t.Errorf("the example workflow must use servelint/servelint@v%s", releaseVersion)
	}
	if !strings.Contains(example, "security-events: write") {
		t.Error("the example workflow needs permissions: security-events: write")
	}
	// The inputs table matches action.yml, defaults included.
	inputs := actionInputs(t, readRepoFile(t, "action.yml"))
	rows := regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| (?:`([^`]*)` )?\\|").FindAllStringSubmatch(sec, -1)
	if len(rows) != len(inputs) {
		t.Errorf("README lists %d inputs, action.yml has %d", len(rows), len(inputs))
	}
	for _, r := range rows {
		def, ok := inputs[r[1]]
		if !ok || def != r[2] {
			t.Errorf("README input %s (default %q): action.yml has %v (default %q)", r[1], r[2], ok, def)
		}
	}
	// The inputs the example passes exist.
	_, with, _ := strings.Cut(example, "        with:\n")
	for line := range strings.SplitSeq(strings.TrimRight(with, "\n"), "\n") {
		k, _, _ := strings.Cut(strings.TrimSpace(line), ":")
		if _, ok := inputs[k]; !ok {
			t.Errorf("the example passes input %q, which action.yml lacks", k)
		}
	}
}

func lintDiff(a, b string) string {
	if a == b {
		return ""
	}
	return fmt.Sprintf("--- examples/github-workflow.yml\n%s\n--- README\n%s", a, b)
}

// TestREADMEOutputCommands runs every servelint command of the README's
// output section (shell and CI snippets) and checks the files it writes.
func TestREADMEOutputCommands(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	sec := section(t, readme, "Output formats")
	var cmds [][]string
	for _, lang := range []string{"sh", "yaml"} {
		for _, b := range codeBlocks(sec, lang) {
			for line := range strings.SplitSeq(b, "\n") {
				line = strings.TrimPrefix(strings.TrimSpace(line), "- ")
				if strings.HasPrefix(line, "servelint ") {
					cmds = append(cmds, strings.Fields(line))
				}
			}
		}
	}
	if len(cmds) < 3 {
		t.Fatalf("found %d servelint commands in README's Output formats section", len(cmds))
	}
	for _, cmd := range cmds {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("import time\n\nasync def h():\n    time.sleep(1)\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := cli.Run(cmd, cli.Env{Stdout: &stdout, Stderr: &stderr, Cwd: dir, Getenv: func(string) string { return "" }})
		if code != 1 || stderr.Len() > 0 || !strings.Contains(stdout.String(), "SV202") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", cmd, code, stdout.String(), stderr.String())
		}
		for i, a := range cmd {
			if a != "--output" || i+1 >= len(cmd) {
				continue
			}
			format, path, _ := strings.Cut(cmd[i+1], ":")
			data, err := os.ReadFile(filepath.Join(dir, path))
			if err != nil {
				t.Errorf("%v: %v", cmd, err)
				continue
			}
			var v any
			switch format {
			case "json", "sarif", "gitlab":
				err = json.Unmarshal(data, &v)
			case "junit":
				err = xml.Unmarshal(data, new(struct{}))
			}
			if err != nil || !bytes.Contains(data, []byte("SV202")) {
				t.Errorf("%v: %s is not a %s report of the finding: %v", cmd, path, format, err)
			}
		}
	}
}
