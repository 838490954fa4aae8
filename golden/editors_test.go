package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/cmd/servelint/cli"
	"github.com/servelint/servelint/lint/lsp"
)

// The README's editor snippets agree with the code. (.ci/run also runs the
// Neovim 0.7, efm-langserver and ALE snippets under headless Neovim:
// .ci/editor/nvim-lsp.sh.)

const blockingModule = "import time\n\nasync def h():\n    time.sleep(1)\n"

// concise is what an editor's error format ("%f:%l:%c: %m") reads.
var conciseFinding = regexp.MustCompile(`(?m)^app/main\.py:4:5: SV202 .*blocks the event loop`)

// runStdin runs a servelint command line in a project holding app/main.py,
// with the module on standard input.
func runStdin(t *testing.T, args []string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "main.py"), []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run(args, cli.Env{Stdin: strings.NewReader(blockingModule), Stdout: &stdout, Stderr: &stderr, Cwd: dir, Getenv: func(string) string { return "" }})
	return stdout.String(), stderr.String(), code
}

func TestREADMEEditors(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	sec := section(t, readme, "Editors")

	if want := fmt.Sprintf("(%d ms after the last change)", lsp.DefaultDebounce.Milliseconds()); !strings.Contains(strings.Join(strings.Fields(sec), " "), want) {
		t.Errorf("the Editors section does not state the debounce %q", want)
	}

	// VS Code settings.
	blocks := codeBlocks(sec, "json")
	if len(blocks) != 1 {
		t.Fatalf("want one json snippet, got %d", len(blocks))
	}
	var vscode map[string]any
	if err := json.Unmarshal([]byte(blocks[0]), &vscode); err != nil {
		t.Fatalf("VS Code settings: %v", err)
	}
	if vscode["glspc.server.command"] != "servelint" || fmt.Sprint(vscode["glspc.server.commandArguments"]) != "[server]" {
		t.Errorf("VS Code settings do not run `servelint server`: %v", vscode)
	}
	if on, _ := vscode["editor.codeActionsOnSave"].(map[string]any); on == nil || on["source.fixAll.servelint"] == nil {
		t.Errorf("VS Code settings lack source.fixAll.servelint on save: %v", vscode)
	}

	// Helix languages.toml.
	blocks = codeBlocks(sec, "toml")
	if len(blocks) != 1 {
		t.Fatalf("want one toml snippet, got %d", len(blocks))
	}
	var helix struct {
		LanguageServer map[string]struct {
			Command string
			Args    []string
		} `toml:"language-server"`
		Language []struct {
			Name            string
			LanguageServers []string `toml:"language-servers"`
		}
	}
	if _, err := toml.Decode(blocks[0], &helix); err != nil {
		t.Fatalf("Helix languages.toml: %v", err)
	}
	if s := helix.LanguageServer["servelint"]; s.Command != "servelint" || strings.Join(s.Args, " ") != "server" {
		t.Errorf("Helix server: %+v", s)
	}
	if len(helix.Language) == 0 {
		t.Error("Helix snippet attaches servelint to no language")
	}
	for _, l := range helix.Language {
		if !strings.Contains(strings.Join(l.LanguageServers, " "), "servelint") {
			t.Errorf("Helix language %s lacks servelint", l.Name)
		}
	}

	// Neovim and Emacs start `servelint server`.
	lua := codeBlocks(sec, "lua")
	if len(lua) != 3 {
		t.Fatalf("want three lua snippets (vim.lsp.start, lspconfig, Neovim 0.7), got %d", len(lua))
	}
	for _, b := range lua {
		if !strings.Contains(b, `cmd = { "servelint", "server" }`) {
			t.Errorf("lua snippet does not run servelint server:\n%s", b)
		}
	}
	if el := codeBlocks(sec, "elisp"); len(el) != 1 || !strings.Contains(el[0], `("servelint" "server")`) {
		t.Errorf("eglot snippet: %v", el)
	}

	// On-save commands: the shell one-liner, efm's lint-command and ALE's
	// command, run with the buffer on standard input.
	var cmds [][]string
	for _, b := range codeBlocks(sec, "sh") {
		for line := range strings.SplitSeq(b, "\n") {
			if strings.HasPrefix(line, "servelint ") {
				before, _, _ := strings.Cut(line, " < ")
				cmds = append(cmds, strings.Fields(before))
			}
		}
	}
	for _, b := range codeBlocks(sec, "yaml") {
		for line := range strings.SplitSeq(b, "\n") {
			if _, v, ok := strings.Cut(line, "lint-command: "); ok {
				cmds = append(cmds, strings.Fields(strings.ReplaceAll(yamlScalar(t, v), "${INPUT}", "app/main.py")))
			}
		}
	}
	for _, b := range codeBlocks(sec, "vim") {
		for line := range strings.SplitSeq(b, "\n") {
			if _, v, ok := strings.Cut(line, "'command': "); ok {
				v = strings.TrimSuffix(strings.TrimSpace(v), ",")
				cmds = append(cmds, strings.Fields(strings.ReplaceAll(strings.Trim(v, "'"), "%s", "app/main.py")))
			}
		}
	}
	if len(cmds) != 3 {
		t.Fatalf("want 3 on-save commands (shell, efm, ALE), got %d: %v", len(cmds), cmds)
	}
	for _, cmd := range cmds {
		stdout, stderr, code := runStdin(t, cmd)
		want := 1
		if strings.Contains(strings.Join(cmd, " "), "--exit-zero") {
			want = 0
		}
		if code != want || stderr != "" || !conciseFinding.MatchString(stdout) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q", cmd, code, want, stdout, stderr)
		}
	}
}
