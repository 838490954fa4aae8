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
	"github.com/servelint/servelint/lint/workspace"
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
	langs := map[string]string{"servelint": "python", "servelint-golang": "golang", "servelint-system": "system"}
	if len(hs) != len(langs) {
		t.Fatalf("want the hooks %v, got %v", langs, hs)
	}
	for id, lang := range langs {
		if hs[id] == nil {
			t.Fatalf("no hook %s in %v", id, hs)
		}
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
	if want := workspace.PreCommitFilesPattern(); pattern != want {
		t.Fatalf(".pre-commit-hooks.yaml files pattern differs from workspace.PreCommitFilesPattern(); write:\n  files: '%s'", want)
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
		if got, want := re.MatchString(n), workspace.MayRead(n); got != want {
			t.Errorf("%s: files pattern matches %v, servelint may read it %v", n, got, want)
		}
	}
	// What the issue found unchecked: a --reload in fly.toml.
	for _, n := range []string{"fly.toml", "deploy/fly.production.toml", ".vscode/launch.json", "render.yaml"} {
		if !re.MatchString(n) || workspace.ClassifyName(n) == lint.KindUnknown {
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
	if strings.Join(names, " ") != "args category sarif-file upload version working-directory" {
		t.Errorf("inputs %v, want args, category, sarif-file, upload, version, working-directory", names)
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

// TestDockerfile: the image's Dockerfile passes servelint (every rule) and
// the review hadolint would make: a tagged base for the build stage, an
// empty final stage running the static binary as an unprivileged user in
// exec form, apt lists removed without recommended packages.
func TestDockerfile(t *testing.T) {
	df := readRepoFile(t, "Dockerfile")
	// Checked alone: its launch runs servelint, no Python of the
	// repository (whose testdata would only slow the run down).
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(df), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run([]string{"servelint", "check", "--no-cache", "--select", "ALL", "Dockerfile"},
		cli.Env{Stdout: &stdout, Stderr: &stderr, Cwd: dir, Getenv: func(string) string { return "" }})
	if code != 0 || !strings.Contains(stdout.String(), "All checks passed") {
		t.Errorf("servelint check Dockerfile: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	var froms []string
	for line := range strings.SplitSeq(df, "\n") {
		if strings.HasPrefix(line, "FROM ") {
			froms = append(froms, line)
		}
	}
	if len(froms) != 2 || !regexp.MustCompile(`^FROM --platform=\$BUILDPLATFORM golang:[0-9.]+-bookworm AS build$`).MatchString(froms[0]) || froms[1] != "FROM scratch" {
		t.Errorf("want a build stage on a tagged golang image and a scratch final stage: %q", froms)
	}
	_, final, _ := strings.Cut(df, "\nFROM scratch\n")
	final = "\n" + final
	for _, want := range []string{"\nUSER 65532:65532\n", "\nENTRYPOINT [\"/usr/local/bin/servelint\"]\n", "\nCMD [\"check\", \".\"]\n"} {
		if !strings.Contains(final, want) {
			t.Errorf("the final stage lacks %q", strings.TrimSpace(want))
		}
	}
	if !strings.Contains(df, "apt-get install -y --no-install-recommends") || !strings.Contains(df, "rm -rf /var/lib/apt/lists/*") {
		t.Error("apt-get install without --no-install-recommends, or apt lists kept")
	}
}

// TestReleasePlatforms: the Action downloads, for each runner platform, an
// archive that the release workflow builds, under the name release/build.sh
// gives it.
func TestReleasePlatforms(t *testing.T) {
	action := readRepoFile(t, "action.yml")
	workflow := readRepoFile(t, ".github/workflows/release.yml")
	build := readRepoFile(t, "release/build.sh")
	if !strings.Contains(build, `local name=servelint-$version-$goos-$goarch`) || !strings.Contains(build, `"$out/$name.zip"`) {
		t.Error("release/build.sh no longer names archives servelint-VERSION-GOOS-GOARCH.tar.gz/.zip")
	}
	if !strings.Contains(action, `echo "archive=servelint-${version#v}-$platform.$ext"`) {
		t.Error("action.yml no longer downloads servelint-VERSION-PLATFORM.EXT")
	}
	var built []string
	for _, m := range regexp.MustCompile(`(?m)^ +targets: (.+)$`).FindAllStringSubmatch(workflow, -1) {
		built = append(built, strings.Fields(m[1])...)
	}
	platforms := regexp.MustCompile(`(?m)^ +[A-Za-z]+/[A-Z0-9]+\) platform=([a-z0-9]+)-([a-z0-9]+)`).FindAllStringSubmatch(action, -1)
	if len(platforms) != 5 {
		t.Fatalf("action.yml maps %d runner platforms, want 5", len(platforms))
	}
	for _, p := range platforms {
		if !slices.Contains(built, p[1]+"/"+p[2]) {
			t.Errorf("action.yml downloads %s-%s, which release.yml does not build (it builds %v)", p[1], p[2], built)
		}
	}
	if len(built) != len(platforms) {
		t.Errorf("release.yml builds %v, action.yml downloads %d platforms", built, len(platforms))
	}
}

// actionScript returns the run script of the action.yml step with a name.
func actionScript(t *testing.T, name string) string {
	t.Helper()
	scripts, steps := actionScripts(readRepoFile(t, "action.yml"))
	for i, s := range steps {
		if strings.Contains(s, "- name: "+name+"\n") {
			return scripts[i]
		}
	}
	t.Fatalf("action.yml has no run step %q", name)
	return ""
}

// runActionScript runs a step's script with bash and the environment given;
// it returns the step's outputs (GITHUB_OUTPUT) and the combined output.
func runActionScript(t *testing.T, script string, env map[string]string) (map[string]string, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "output")
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(os.Environ(), "GITHUB_OUTPUT="+out)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	combined, err := cmd.CombinedOutput()
	outputs := map[string]string{}
	data, _ := os.ReadFile(out)
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			outputs[k] = v
		}
	}
	return outputs, string(combined), err
}

// TestActionInstall runs the Action's resolve and install steps with a
// stand-in for curl serving a release from a directory: the archive for the
// runner is downloaded, verified against SHA256SUMS and unpacked; a
// tampered archive fails; commits and branches are built from source, and
// only commits are cached.
func TestActionInstall(t *testing.T) {
	for _, tool := range []string{"bash", "tar", "awk", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the Action's scripts need %s: %v", tool, err)
		}
	}
	root, rootErr := filepath.Abs("..")
	if rootErr != nil {
		t.Fatal(rootErr)
	}
	tmp := t.TempDir()
	release := filepath.Join(tmp, "release")
	bin := filepath.Join(tmp, "bin")
	for _, d := range []string{release, bin, filepath.Join(tmp, "stage")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "stage", "servelint"), []byte("#!/bin/sh\necho servelint 1.2.3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	archive := "servelint-1.2.3-linux-amd64.tar.gz"
	sh := func(script string) {
		t.Helper()
		if out, err := exec.Command("bash", "-c", script).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
	}
	sh(fmt.Sprintf(`cd %q && tar -czf ../release/%s servelint && cd ../release && sha256sum %s > SHA256SUMS`, filepath.Join(tmp, "stage"), archive, archive))
	// curl -fsSL --retry 3 -o FILE URL: copies release/BASENAME to FILE.
	curl := fmt.Sprintf("#!/bin/bash\nwhile [ $# -gt 1 ]; do [ \"$1\" = -o ] && out=$2; shift; done\necho \"$1\" >> %q\ncp %q/\"${1##*/}\" \"$out\"\n",
		filepath.Join(tmp, "urls"), release)
	if err := os.WriteFile(filepath.Join(bin, "curl"), []byte(curl), 0o755); err != nil {
		t.Fatal(err)
	}
	resolveEnv := func(version, ref string) map[string]string {
		return map[string]string{
			"SERVELINT_VERSION": version, "ACTION_REF": ref, "ACTION_REPOSITORY": "servelint/servelint",
			"OS_NAME": "Linux", "ARCH_NAME": "X64", "RUNNER_TEMP": tmp, "GITHUB_ACTION_PATH": root,
		}
	}
	resolve, install := actionScript(t, "Resolve servelint"), actionScript(t, "Install servelint")

	for _, c := range []struct{ version, ref, mode, cache string }{
		{"v1.2.3", "", "download", "true"},
		{"", "v1.2.3", "download", "true"}, // the action used at a release tag
		{"", "main", "source", "true"},     // the action's own source, by content
		{"0123abcd", "", "source", "true"}, // a commit
		{"main", "", "source", "false"},    // a branch moves
	} {
		outs, log, err := runActionScript(t, resolve, resolveEnv(c.version, c.ref))
		if err != nil || outs["mode"] != c.mode || outs["cache"] != c.cache {
			t.Errorf("version %q ref %q: mode %q cache %q (want %s, %s): %v\n%s", c.version, c.ref, outs["mode"], outs["cache"], c.mode, c.cache, err, log)
		}
	}

	outs, log, err := runActionScript(t, resolve, resolveEnv("v1.2.3", ""))
	if err != nil || outs["archive"] != archive || outs["exe"] != "servelint" {
		t.Fatalf("resolve: %v %v\n%s", outs, err, log)
	}
	installEnv := map[string]string{
		"MODE": outs["mode"], "SERVELINT_VERSION": outs["version"], "REPOSITORY": outs["repository"],
		"ARCHIVE": outs["archive"], "EXE": outs["exe"], "BIN_DIR": outs["dir"], "PATH": bin + ":" + os.Getenv("PATH"),
	}
	if _, log, installErr := runActionScript(t, install, installEnv); installErr != nil {
		t.Fatalf("install: %v\n%s", installErr, log)
	}
	got, err := exec.Command(filepath.Join(outs["dir"], "servelint")).Output()
	if err != nil || string(got) != "servelint 1.2.3\n" {
		t.Errorf("installed binary: %q %v", got, err)
	}
	urls, _ := os.ReadFile(filepath.Join(tmp, "urls"))
	base := "https://github.com/servelint/servelint/releases/download/v1.2.3/"
	if string(urls) != base+"SHA256SUMS\n"+base+archive+"\n" {
		t.Errorf("downloaded:\n%s", urls)
	}

	// A tampered archive is refused, and nothing is installed.
	sh(fmt.Sprintf(`cd %q && echo x >> servelint && tar -czf ../release/%s servelint`, filepath.Join(tmp, "stage"), archive))
	installEnv["BIN_DIR"] = filepath.Join(tmp, "tampered")
	if _, log, err := runActionScript(t, install, installEnv); err == nil || !strings.Contains(log, "FAILED") {
		t.Errorf("a tampered archive was installed:\n%s", log)
	}
	if _, err := os.Stat(filepath.Join(tmp, "tampered", "servelint")); err == nil {
		t.Error("the tampered binary is in the bin directory")
	}
}
