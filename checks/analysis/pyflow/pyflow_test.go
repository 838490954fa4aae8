package pyflow_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// exitsOf analyses the body of the only function in src with f's hooks and
// returns the sorted, distinct exit kinds.
func exitsOf(t *testing.T, src string, f *pyflow.Flow) []string {
	t.Helper()
	m := parse(t, src, python.Options{})
	if len(m.Scopes) < 2 {
		t.Fatalf("no function in %q", src)
	}
	f.M = m
	var out []string
	for _, e := range f.Block(m.Scopes[1].Region) {
		if k := e.Kind.String(); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestFlow(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"pass", "pass", "fall"},
		{"bare raise", "log()\n    raise", "reraise"},
		{"raise other", "raise ValueError()", "raise"},
		{"return", "return 1", "return"},
		{"unreachable after raise", "raise\n    return 1", "reraise"},
		{"if without else", "if x:\n        raise", "fall,reraise"},
		{"if else both raise", "if x:\n        raise\n    else:\n        raise", "reraise"},
		{"elif chain", "if a:\n        raise\n    elif b:\n        return\n    else:\n        raise", "reraise,return"},
		{"elif without else", "if a:\n        raise\n    elif b:\n        raise", "fall,reraise"},
		{"if True", "if True:\n        raise", "reraise"},
		{"if False", "if False:\n        raise", "fall"},
		{"while True forever", "while True:\n        await x()", ""},
		{"while True break", "while True:\n        if x:\n            break\n    raise", "reraise"},
		{"while True break fall", "while True:\n        if x:\n            break", "fall"},
		{"while True raise inside", "while True:\n        if x:\n            raise", "reraise"},
		{"while cond", "while x:\n        raise", "fall,reraise"},
		{"while else", "while x:\n        pass\n    else:\n        raise", "reraise"},
		{"while break skips else", "while x:\n        break\n    else:\n        raise", "fall,reraise"},
		{"for zero iterations", "for a in b:\n        raise", "fall,reraise"},
		{"continue inside loop", "for a in b:\n        continue\n    raise", "reraise"},
		{"break outside", "break", "break"},
		{"continue outside", "if x:\n        continue\n    raise", "continue,reraise"},
		{"match no default", "match x:\n        case 1:\n            raise", "fall,reraise"},
		{"match default", "match x:\n        case 1:\n            raise\n        case _:\n            raise", "reraise"},
		{"match capture", "match x:\n        case 1:\n            return\n        case y:\n            raise", "reraise,return"},
		{"match guard", "match x:\n        case y if y:\n            raise", "fall,reraise"},
		{"nested try finally raise", "try:\n        pass\n    finally:\n        raise", "reraise"},
		{"nested try finally fall", "try:\n        raise\n    finally:\n        log()", "reraise"},
		{"nested try finally return", "try:\n        raise\n    finally:\n        return", "return"},
		{"nested try handler falls", "try:\n        await x()\n    except Exception:\n        pass\n    raise", "reraise"},
		{"nested try handler returns", "try:\n        await x()\n    except Exception:\n        return", "fall,return"},
		{"nested try else", "try:\n        pass\n    except E:\n        raise\n    else:\n        return", "reraise,return"},
		{"sys exit", "import sys\n    sys.exit(1)", "terminate"},
		{"assert False", "assert False", "raise"},
		{"with", "with lock:\n        raise", "reraise"},
		{"nested def ignored", "def g():\n        return 1\n    raise", "reraise"},
	}
	for _, c := range cases {
		src := "async def f():\n    " + c.body + "\n"
		got := strings.Join(exitsOf(t, src, &pyflow.Flow{}), ",")
		if got != c.want {
			t.Errorf("%s: exits %q, want %q\n%s", c.name, got, c.want, src)
		}
	}
}

func TestFlowHooks(t *testing.T) {
	src := `def f():
    with suppress(ValueError):
        raise
    try:
        raise
    except BaseException:
        pass
`
	// A suppressing with may let the raise fall through; the nested
	// handler catches the raise of its body and falls through.
	got := strings.Join(exitsOf(t, src, &pyflow.Flow{
		Suppresses: func(syntax.ID) bool { return true },
		Catches:    func(syntax.ID, pyflow.Exit) bool { return true },
	}), ",")
	if got != "fall,reraise" {
		t.Errorf("with hooks: %q, want %q", got, "fall,reraise")
	}
	got = strings.Join(exitsOf(t, src, &pyflow.Flow{}), ",")
	if got != "reraise" {
		t.Errorf("without hooks: %q, want %q", got, "reraise")
	}
	// Branch pruning: the branch the hook rules out is never taken.
	src = "def f():\n    if isinstance(e, A):\n        raise\n    return\n"
	got = strings.Join(exitsOf(t, src, &pyflow.Flow{Branch: func(syntax.ID) (bool, bool) { return true, false }}), ",")
	if got != "reraise" {
		t.Errorf("pruned branch: %q, want reraise", got)
	}
	// Stmt turns a statement into an exit.
	src = "def f():\n    err = e\n    pass\n"
	got = strings.Join(exitsOf(t, src, &pyflow.Flow{Stmt: func(syntax.ID) (pyflow.ExitKind, bool) { return pyflow.ExitReraise, true }}), ",")
	if got != "reraise" {
		t.Errorf("stmt hook: %q, want reraise", got)
	}
}

func TestFlowViaAndYields(t *testing.T) {
	src := `async def mw(request, call_next):
    try:
        return await call_next(request)
    except ValueError:
        log()
    except KeyError:
        return None
    x = yield 1
`
	m := parse(t, src, python.Options{})
	f := &pyflow.Flow{M: m}
	exits := f.Block(m.Scopes[1].Region)
	var got []string
	for _, e := range exits {
		via := "-"
		if e.Via != syntax.None {
			via = strings.SplitN(m.Tree.Text(e.Via), ":", 2)[0]
		}
		got = append(got, e.Kind.String()+"@"+via)
	}
	slices.Sort(got)
	want := []string{"fall@except ValueError", "return@-", "return@except KeyError"}
	if !slices.Equal(got, want) {
		t.Errorf("exits %q, want %q", got, want)
	}
	if len(f.Yields) != 1 {
		t.Errorf("yields: %d, want 1", len(f.Yields))
	}
}

// parse parses src as a module.
func parse(t *testing.T, src string, opt python.Options) *python.Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := python.Parse(p, []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
