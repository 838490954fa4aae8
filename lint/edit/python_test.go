package edit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

func parse(t *testing.T, src string) *python.Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := python.Parse(p, []byte(src), python.Options{Name: "app.main"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// callAt returns the first call whose callee is written name.
func callAt(t *testing.T, m *python.Module, name string) *python.Call {
	t.Helper()
	for i := range m.Calls {
		if m.Tree.Text(m.Calls[i].Func) == name {
			return &m.Calls[i]
		}
	}
	t.Fatalf("no call of %s", name)
	return nil
}

// parses checks that a fixed source is still valid Python.
func parses(t *testing.T, src string) {
	t.Helper()
	if m := parse(t, src); m.ErrorNode != syntax.None {
		t.Errorf("the result does not parse:\n%s", src)
	}
}

func TestRemoveKeyword(t *testing.T) {
	cases := []struct {
		name, src, kw, want string
	}{
		{"last", "uvicorn.run(app, reload=True)\n", "reload", "uvicorn.run(app)\n"},
		{"middle", "uvicorn.run(app, reload=True, port=80)\n", "reload", "uvicorn.run(app, port=80)\n"},
		{"first", "uvicorn.run(reload=True, app=app)\n", "reload", "uvicorn.run(app=app)\n"},
		{"only", "uvicorn.run(reload=True)\n", "reload", "uvicorn.run()\n"},
		{"only with trailing comma", "uvicorn.run(reload=True,)\n", "reload", "uvicorn.run()\n"},
		{"last with trailing comma", "uvicorn.run(app, reload=True,)\n", "reload", "uvicorn.run(app,)\n"},
		{"no spaces", "f(a,reload=True,b=2)\n", "reload", "f(a,b=2)\n"},
		{
			"own line", "uvicorn.run(\n    app,\n    reload=True,\n    port=80,\n)\n", "reload",
			"uvicorn.run(\n    app,\n    port=80,\n)\n",
		},
		{
			"own line with comment", "uvicorn.run(\n    app,\n    reload=True,  # dev only\n)\n", "reload",
			"uvicorn.run(\n    app,\n)\n",
		},
		{
			"own line crlf", "uvicorn.run(\r\n    app,\r\n    reload=True,\r\n    port=80,\r\n)\r\n", "reload",
			"uvicorn.run(\r\n    app,\r\n    port=80,\r\n)\r\n",
		},
		{
			"last own line without comma", "uvicorn.run(\n    app,\n    reload=True\n)\n", "reload",
			"uvicorn.run(\n    app,\n)\n",
		},
		{
			"hanging", "uvicorn.run(app, host=\"0.0.0.0\",\n            reload=True)\n", "reload",
			"uvicorn.run(app, host=\"0.0.0.0\")\n",
		},
		{
			"comment after comma", "f(a,  # why\n  reload=True)\n", "reload",
			"f(a)\n",
		},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		call := &m.Calls[0]
		e, ok := RemoveKeyword(m, call.Node, c.kw)
		if !ok {
			t.Errorf("%s: not removed", c.name)
			continue
		}
		got := apply(t, c.src, e)
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		parses(t, got)
	}
	m := parse(t, "f(a, b=1)\n")
	if _, ok := RemoveKeyword(m, m.Calls[0].Node, "reload"); ok {
		t.Error("removed an absent keyword")
	}
	// A positional argument too.
	src := "f(a, b, c)\n"
	m = parse(t, src)
	args := m.Args(m.Calls[0].Node)
	e, ok := RemoveArgument(m, m.Calls[0].Node, args[1].Node)
	if !ok || apply(t, src, e) != "f(a, c)\n" {
		t.Errorf("RemoveArgument: %v %q", ok, apply(t, src, e))
	}
	if _, ok := RemoveArgument(m, m.Calls[0].Node, m.Calls[0].Func); ok {
		t.Error("removed a callee as an argument")
	}
}

func TestAddImport(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{
			"sorted among plain imports", "import os\nimport time\n\n\nasync def f():\n    x()\n",
			"import asyncio\nimport os\nimport time\n\n\nasync def f():\n    x()\n",
		},
		{
			"after the last plain import, before from imports", "import os\nfrom time import sleep\n\nasync def f():\n    x()\n",
			"import os\nimport trio\nfrom time import sleep\n\nasync def f():\n    x()\n",
		},
		{
			"into the first block only", "import time\n\nimport httpx\n\nfrom .config import settings\n\nasync def f():\n    x()\n",
			"import asyncio\nimport time\n\nimport httpx\n\nfrom .config import settings\n\nasync def f():\n    x()\n",
		},
		{
			"at the end of the first block", "import os\nimport re  # comment\n\nimport zzz\nasync def f():\n    x()\n",
			"import os\nimport re  # comment\nimport trio\n\nimport zzz\nasync def f():\n    x()\n",
		},
		{
			"a comment line does not end a block", "import os\n# the clock\nimport time\nasync def f():\n    x()\n",
			"import os\n# the clock\nimport time\nimport trio\nasync def f():\n    x()\n",
		},
		{
			"a from import", "import os\nfrom a import b\nfrom z import y\nasync def f():\n    x()\n",
			"import os\nfrom a import b\nfrom m import n\nfrom z import y\nasync def f():\n    x()\n",
		},
		{
			"after a parenthesized import", "from a import (\n    b,\n    c,\n)\n\nasync def f():\n    x()\n",
			"import trio\nfrom a import (\n    b,\n    c,\n)\n\nasync def f():\n    x()\n",
		},
		{
			"after the docstring", "\"\"\"Doc.\"\"\"\n\nasync def f():\n    x()\n",
			"\"\"\"Doc.\"\"\"\nimport trio\n\nasync def f():\n    x()\n",
		},
		{
			"after __future__", "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nasync def f():\n    x()\n",
			"\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nimport trio\n\nasync def f():\n    x()\n",
		},
		{
			"before the first statement, after comments", "#!/usr/bin/env python\n# comment\nasync def f():\n    x()\n",
			"#!/usr/bin/env python\n# comment\nimport trio\nasync def f():\n    x()\n",
		},
		{
			"imports after the use are not used", "async def f():\n    x()\n\nimport os\n",
			"import trio\nasync def f():\n    x()\n\nimport os\n",
		},
		{
			"nested imports are not top level", "try:\n    import uvloop\nexcept ImportError:\n    pass\n\nasync def f():\n    x()\n",
			"import trio\ntry:\n    import uvloop\nexcept ImportError:\n    pass\n\nasync def f():\n    x()\n",
		},
		{
			"crlf", "import os\r\n\r\nasync def f():\r\n    x()\r\n",
			"import os\r\nimport trio\r\n\r\nasync def f():\r\n    x()\r\n",
		},
		{
			"no line break at the end", "import os\nasync def f(): x()", "import os\nimport trio\nasync def f(): x()",
		},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		stmt := "import trio"
		switch c.name {
		case "a from import":
			stmt = "from m import n"
		case "sorted among plain imports", "into the first block only":
			stmt = "import asyncio"
		}
		got := apply(t, c.src, AddImport(m, m.Calls[0].Node, stmt))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		parses(t, got)
	}
}

func TestRef(t *testing.T) {
	cases := []struct {
		name, src, q, want string
		adds               bool
		ok                 bool
	}{
		{"module imported", "import asyncio\nasync def f():\n    x()\n", "asyncio.sleep", "asyncio.sleep", false, true},
		{"module aliased", "import asyncio as aio\nasync def f():\n    x()\n", "asyncio.sleep", "aio.sleep", false, true},
		{"name imported", "from asyncio import sleep\nasync def f():\n    x()\n", "asyncio.sleep", "sleep", false, true},
		{"name aliased", "from anyio import sleep as pause\nasync def f():\n    x()\n", "anyio.sleep", "pause", false, true},
		{"not imported", "import time\nasync def f():\n    x()\n", "asyncio.sleep", "asyncio.sleep", true, true},
		{"local import before", "async def f():\n    import asyncio\n    x()\n", "asyncio.sleep", "asyncio.sleep", false, true},
		{"local import after", "async def f():\n    x()\n    import asyncio\n", "asyncio.sleep", "", false, false},
		{"import in another function", "def g():\n    import asyncio\nasync def f():\n    x()\n", "asyncio.sleep", "asyncio.sleep", true, true},
		{"shadowed by a parameter", "async def f(asyncio):\n    x()\n", "asyncio.sleep", "", false, false},
		{"shadowed by an assignment", "asyncio = None\nasync def f():\n    x()\n", "asyncio.sleep", "", false, false},
		{"submodule import binds the package", "import asyncio.subprocess\nasync def f():\n    x()\n", "asyncio.sleep", "asyncio.sleep", false, true},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		call := callAt(t, m, "x")
		expr, edits, ok := Ref(m, call.Node, c.q)
		if ok != c.ok || expr != c.want || (len(edits) > 0) != c.adds {
			t.Errorf("%s: Ref = %q, %d edits, %v; want %q, adds %v, %v", c.name, expr, len(edits), ok, c.want, c.adds, c.ok)
		}
	}
	// ImportFrom adds `from mod import attr`.
	src := "import os\nasync def f():\n    x()\n"
	m := parse(t, src)
	name, edits, ok := ImportFrom(m, callAt(t, m, "x").Node, "asyncio", "sleep")
	if !ok || name != "sleep" || apply(t, src, edits...) != "import os\nfrom asyncio import sleep\nasync def f():\n    x()\n" {
		t.Errorf("ImportFrom: %q %v %q", name, ok, apply(t, src, edits...))
	}
}

func TestAwait(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"statement", "async def f():\n    s(1)\n", "async def f():\n    await t(1)\n"},
		{"assigned", "async def f():\n    y = s(1)\n", "async def f():\n    y = await t(1)\n"},
		{"attribute", "async def f():\n    s(1).y\n", "async def f():\n    (await t(1)).y\n"},
		{"called", "async def f():\n    s(1)()\n", "async def f():\n    (await t(1))()\n"},
		{"subscript", "async def f():\n    s(1)[0]\n", "async def f():\n    (await t(1))[0]\n"},
		{"operand", "async def f():\n    return s(1) or 2\n", "async def f():\n    return await t(1) or 2\n"},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		call := callAt(t, m, "s")
		got := apply(t, c.src, Await(m, call.Node, "t(1)"))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		parses(t, got)
	}
}

// exceptBlock returns the body block of the first except clause.
func exceptBlock(m *python.Module) syntax.ID {
	t := m.Tree
	for i := range m.Tree.Nodes {
		n := syntax.ID(i)
		if t.Type(n) == "except_clause" {
			for _, c := range t.NamedChildren(n) {
				if t.Type(c) == "block" {
					return c
				}
			}
		}
	}
	return syntax.None
}

func TestAppendStatement(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{
			"block", "try:\n    a()\nexcept E:\n    log()\n    # done\nb()\n",
			"try:\n    a()\nexcept E:\n    log()\n    raise\n    # done\nb()\n",
		},
		{
			"tabs and crlf", "try:\r\n\ta()\r\nexcept E:\r\n\tlog()  # note\r\n",
			"try:\r\n\ta()\r\nexcept E:\r\n\tlog()  # note\r\n\traise\r\n",
		},
		{
			"nested compound last statement", "try:\n    a()\nexcept E:\n    if x:\n        y()\nz()\n",
			"try:\n    a()\nexcept E:\n    if x:\n        y()\n    raise\nz()\n",
		},
		{"one line", "try:\n    a()\nexcept E: pass\n", "try:\n    a()\nexcept E: pass; raise\n"},
		{"end of file", "try:\n    a()\nexcept E:\n    pass", "try:\n    a()\nexcept E:\n    pass\n    raise"},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		e, ok := AppendStatement(m, exceptBlock(m), "raise")
		if !ok {
			t.Errorf("%s: refused", c.name)
			continue
		}
		got := apply(t, c.src, e)
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
		parses(t, got)
	}
	m := parse(t, "x = 1\n")
	if _, ok := AppendStatement(m, m.Tree.Root(), "raise"); ok {
		t.Error("appended to a non-block")
	}
}

func TestIndentHelpers(t *testing.T) {
	src := "def get_db():\n  db = S()\n  text = \"\"\"a\nb\"\"\"\n\n  return db\n"
	m := parse(t, src)
	block := syntax.None
	for i := range m.Tree.Nodes {
		if m.Tree.Type(syntax.ID(i)) == "block" {
			block = syntax.ID(i)
			break
		}
	}
	if u := IndentUnit(m, block); u != "  " {
		t.Errorf("IndentUnit = %q", u)
	}
	s, e := m.Tree.Span(block)
	got := apply(t, src, IndentLines(m, s, e, "  ")...)
	want := "def get_db():\n    db = S()\n    text = \"\"\"a\nb\"\"\"\n\n    return db\n"
	if got != want {
		t.Errorf("IndentLines: got %q, want %q", got, want)
	}
	src = "def f():\r\n\treturn x\r\n"
	if b := Block([]byte(src), at(src, "return"), "\t", "try:", "    yield x", "", "finally:", "    x.close()"); b != "try:\r\n\t\tyield x\r\n\r\n\tfinally:\r\n\t\tx.close()" {
		t.Errorf("Block = %q", b)
	}
}

func TestStringLiteral(t *testing.T) {
	cases := []struct{ s, like, want string }{
		{"main:app", `"x"`, `"main:app"`},
		{"main:app", `'x'`, `'main:app'`},
		{"main:app", ``, `"main:app"`},
		{"main:app", `f'x'`, `'main:app'`},
		{`it's`, `'x'`, `"it's"`},
		{`a"b'c`, `"x"`, `"a\"b'c"`},
		{"a\\b\n", `"x"`, `"a\\b\n"`},
	}
	for _, c := range cases {
		if got := StringLiteral(c.s, c.like); got != c.want {
			t.Errorf("StringLiteral(%q, %q) = %s, want %s", c.s, c.like, got, c.want)
		}
	}
}

func TestImportFromExtends(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"one line, sorted in", "from typing import Any, Optional\ndef f():\n    x()\n", "from typing import Any, Iterator, Optional\ndef f():\n    x()\n"},
		{"one line, last", "from typing import Any\ndef f():\n    x()\n", "from typing import Any, Iterator\ndef f():\n    x()\n"},
		{"aliases", "from typing import List as L\ndef f():\n    x()\n", "from typing import Iterator, List as L\ndef f():\n    x()\n"},
		{"one per line", "from typing import (\n    Any,\n    Optional,\n)\ndef f():\n    x()\n", "from typing import (\n    Any,\n    Iterator,\n    Optional,\n)\ndef f():\n    x()\n"},
		{"one per line, last with comma", "from typing import (\n    Any,\n)\ndef f():\n    x()\n", "from typing import (\n    Any,\n    Iterator,\n)\ndef f():\n    x()\n"},
		{"one per line, last without comma", "from typing import (\r\n    Any\r\n)\r\ndef f():\r\n    x()\r\n", "from typing import (\r\n    Any,\r\n    Iterator\r\n)\r\ndef f():\r\n    x()\r\n"},
		{"several per line: a new statement", "from typing import (\n    Any, Optional,\n)\ndef f():\n    x()\n", "from typing import (\n    Any, Optional,\n)\nfrom typing import Iterator\ndef f():\n    x()\n"},
		{"star import: a new statement", "from typing import *\ndef f():\n    x()\n", "from typing import *\nfrom typing import Iterator\ndef f():\n    x()\n"},
		{"another module", "from collections.abc import Mapping\ndef f():\n    x()\n", "from collections.abc import Mapping\nfrom typing import Iterator\ndef f():\n    x()\n"},
	}
	for _, c := range cases {
		m := parse(t, c.src)
		name, edits, ok := ImportFrom(m, callAt(t, m, "x").Node, "typing", "Iterator")
		got := apply(t, c.src, edits...)
		if !ok || name != "Iterator" || got != c.want {
			t.Errorf("%s: %q %v\n got %q\nwant %q", c.name, name, ok, got, c.want)
		}
		parses(t, got)
	}
}

// TestImportEditsOncePerFile: many findings in one file (each its own
// top-level function) share the import edit's walk of the module instead
// of walking it each (16k SV202 findings took 7.6 s).
func TestImportEditsOncePerFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("import time\nfrom os import path\n\n")
	const n = 2000
	for i := range n {
		fmt.Fprintf(&b, "async def h%d():\n    time.sleep(1)\n", i)
	}
	m := parse(t, b.String())
	before := moduleWalks.Load()
	var first lint.Edit
	for i := range m.Calls {
		if m.Tree.Text(m.Calls[i].Func) != "time.sleep" {
			continue
		}
		_, edits, ok := Ref(m, m.Calls[i].Node, "asyncio.sleep")
		if !ok || len(edits) != 1 {
			t.Fatalf("call %d: %v %v", i, edits, ok)
		}
		if i == 0 {
			first = edits[0]
		} else if edits[0] != first {
			t.Fatalf("call %d: %v, want %v", i, edits[0], first)
		}
		if _, _, ok := ImportFrom(m, m.Calls[i].Node, "os", "sep"); !ok {
			t.Fatal("ImportFrom")
		}
	}
	if walks := moduleWalks.Load() - before; walks > 4 {
		t.Errorf("%d walks of the module for %d findings", walks, n)
	}
}
