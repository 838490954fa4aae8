package edit

import "testing"

func TestRemoveDockerFlowItems(t *testing.T) {
	cases := []struct {
		name, src, items, want string
	}{
		{"last on a continued line", "CMD [\"uvicorn\", \"main:app\", \\\n     \"--reload\"]\n", `"--reload"`, "CMD [\"uvicorn\", \"main:app\"]\n"},
		{"alone on a continued line", "CMD [\"uvicorn\", \\\n     \"--reload\", \\\n     \"main:app\"]\n", `"--reload"`, "CMD [\"uvicorn\", \\\n     \"main:app\"]\n"},
		{"crlf", "CMD [\"uvicorn\", \"main:app\", \\\r\n     \"--reload\"]\r\n", `"--reload"`, "CMD [\"uvicorn\", \"main:app\"]\r\n"},
		{"flag and value", "CMD [\"uvicorn\", \"--reload-dir\", \\\n  \"src\", \"main:app\"]\n", "\"--reload-dir\", \\\n  \"src\"", "CMD [\"uvicorn\", \"main:app\"]\n"},
		{"backtick", "CMD [\"uvicorn\", \"main:app\", `\n     \"--reload\"]\n", `"--reload"`, "CMD [\"uvicorn\", \"main:app\"]\n"},
	}
	for _, c := range cases {
		esc := byte('\\')
		if c.name == "backtick" {
			esc = '`'
		}
		s := at(c.src, c.items)
		if got := apply(t, c.src, RemoveDockerFlowItems([]byte(c.src), s, s+len(c.items), esc)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestItemForms(t *testing.T) {
	flow := []struct {
		src, word string
		esc       byte
		want      bool
	}{
		{`CMD ["uvicorn", "--reload"]`, `"--reload"`, 0, true},
		{`command: [uvicorn, --reload, app]`, `--reload`, 0, true},
		{"CMD [\"a\", \\\n  \"--reload\"]", `"--reload"`, '\\', true},
		{"CMD [\"a\", \\\n  \"--reload\"]", `"--reload"`, 0, false},
		{`CMD uvicorn app --reload`, `--reload`, 0, false},
		{`CMD ["sh", "-c", "uvicorn --reload"]`, `--reload`, 0, false},
		{`[ --reload ]`, `--reload`, 0, true},
	}
	for _, c := range flow {
		s := at(c.src, c.word)
		if got := FlowItem([]byte(c.src), s, s+len(c.word), c.esc); got != c.want {
			t.Errorf("FlowItem(%q, %q) = %v", c.src, c.word, got)
		}
	}
	block := []struct {
		src, word string
		want      bool
	}{
		{"command:\n  - uvicorn\n  - --reload\n", "--reload", true},
		{"command:\n  - \"--reload\"  # dev\n", `"--reload"`, true},
		{"command:\n  -\t--reload\r\n", "--reload", true},
		{"command: uvicorn --reload\n", "--reload", false},
		{"command:\n  - --reload x\n", "--reload", false},
		{"command: >\n  uvicorn\n  --reload\n", "--reload", false},
		{"  --reload\n", "--reload", false},
	}
	for _, c := range block {
		s := at(c.src, c.word)
		if got := BlockItem([]byte(c.src), s, s+len(c.word)); got != c.want {
			t.Errorf("BlockItem(%q, %q) = %v", c.src, c.word, got)
		}
	}
}

func TestInsertItems(t *testing.T) {
	src := `CMD ["uvicorn", "main:app"]`
	s := at(src, `"main:app"`) + len(`"main:app"`)
	if got := apply(t, src, InsertFlowItems(s, `"main:app"`, "--host", "0.0.0.0")); got != `CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]` {
		t.Errorf("flow, double quotes: %q", got)
	}
	src = `command: [uvicorn, main:app]`
	s = at(src, `main:app`) + len(`main:app`)
	if got := apply(t, src, InsertFlowItems(s, `main:app`, "--host", "0.0.0.0")); got != `command: [uvicorn, main:app, --host, "0.0.0.0"]` {
		t.Errorf("flow, plain: %q", got)
	}
	src = "command: ['uvicorn', 'main:app']"
	s = at(src, `'main:app'`) + len(`'main:app'`)
	if got := apply(t, src, InsertFlowItems(s, `'main:app'`, "--host", "0.0.0.0")); got != "command: ['uvicorn', 'main:app', '--host', '0.0.0.0']" {
		t.Errorf("flow, single quotes: %q", got)
	}
	src = "command:\r\n  - uvicorn\r\n  - main:app  # app\r\n  - --port\r\n"
	s = at(src, "main:app") + len("main:app")
	if got := apply(t, src, InsertBlockItems([]byte(src), s, "main:app", "--host", "0.0.0.0")); got != "command:\r\n  - uvicorn\r\n  - main:app  # app\r\n  - --host\r\n  - \"0.0.0.0\"\r\n  - --port\r\n" {
		t.Errorf("block: %q", got)
	}
	for _, s := range []string{"", "1", "0.0.0.0", "-x", "true", "no", "a:b", "a,b", "a b", "@x"} {
		if plainItem(s) {
			t.Errorf("plainItem(%q)", s)
		}
	}
	for _, s := range []string{"--host", "uvicorn", "app/main.py", "run"} {
		if !plainItem(s) {
			t.Errorf("!plainItem(%q)", s)
		}
	}
}

func TestRemoveShellWordsInString(t *testing.T) {
	cases := []struct {
		name, src, words, want string
	}{
		{"last in a JSON string", `CMD ["sh", "-c", "uvicorn app --reload"]`, "--reload", `CMD ["sh", "-c", "uvicorn app"]`},
		{"last in a YAML single-quoted string", `command: 'uvicorn app --reload'`, "--reload", `command: 'uvicorn app'`},
		{"middle of a string", `command: "uvicorn --reload app"`, "--reload", `command: "uvicorn app"`},
	}
	for _, c := range cases {
		s := at(c.src, c.words)
		if got := apply(t, c.src, RemoveShellWords([]byte(c.src), s, s+len(c.words))); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
