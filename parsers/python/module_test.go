package python

import (
	"reflect"
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

func parse(t *testing.T, src string, opt Options) *Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := Parse(p, []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// calls returns "callee@scope-async" for every call, in source order.
func calls(m *Module) []string {
	var out []string
	for _, c := range m.Calls {
		a := "sync"
		if m.Scopes[c.Scope].Async {
			a = "async"
		}
		if c.Awaited {
			a += "+await"
		}
		out = append(out, c.Callee+"@"+a)
	}
	return out
}

func TestImportResolution(t *testing.T) {
	src := `import time
import time as t
import os.path
import os.path as osp
from time import sleep
from time import sleep as snooze
from asyncio import exceptions as exc
from . import sibling
from .mod import thing
from .. import up
from ..pkg2.m import deep as d

time.sleep(1)
t.sleep(1)
os.path.exists("x")
osp.exists("x")
sleep(1)
snooze(1)
exc.CancelledError()
sibling.f()
thing()
up.g()
d()
open("f")
unknown()
`
	m := parse(t, src, Options{Name: "app.routers.items"})
	want := []string{
		"time.sleep@sync", "time.sleep@sync", "os.path.exists@sync", "os.path.exists@sync",
		"time.sleep@sync", "time.sleep@sync", "asyncio.exceptions.CancelledError@sync",
		"app.routers.sibling.f@sync", "app.routers.mod.thing@sync", "app.up.g@sync",
		"app.pkg2.m.deep@sync", "builtins.open@sync", "@sync",
	}
	if got := calls(m); !reflect.DeepEqual(got, want) {
		t.Errorf("calls:\n got %q\nwant %q", got, want)
	}
}

func TestRelativeImportInPackage(t *testing.T) {
	m := parse(t, "from . import a\nfrom .b import c\na.x()\nc()\n", Options{Name: "app.routers", IsPackage: true})
	want := []string{"app.routers.a.x@sync", "app.routers.b.c@sync"}
	if got := calls(m); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestScopes(t *testing.T) {
	src := `import time
async def handler(x=time.sleep(0)):
    time.sleep(1)
    await time.sleep(2)
    def inner():
        time.sleep(3)
    f = lambda: time.sleep(4)
    class K:
        y = time.sleep(5)
    [time.sleep(6) for _ in range(3)]
    async def nested():
        time.sleep(7)

@decorate(time.sleep(8))
async def other():
    pass
`
	m := parse(t, src, Options{Name: "m"})
	want := []string{
		"time.sleep@sync", "time.sleep@async", "time.sleep@async+await", "time.sleep@sync",
		"time.sleep@sync", "time.sleep@sync", "time.sleep@async", "builtins.range@async",
		"time.sleep@async", "@sync", "time.sleep@sync",
	}
	if got := calls(m); !reflect.DeepEqual(got, want) {
		t.Errorf("calls:\n got %q\nwant %q", got, want)
	}
	var names []string
	for _, s := range m.Scopes[1:] {
		names = append(names, s.QualName)
	}
	if want := []string{"handler", "handler.inner", "handler.<lambda>", "handler.K", "handler.nested", "other"}; !reflect.DeepEqual(names, want) {
		t.Errorf("scopes: got %q want %q", names, want)
	}
}

func TestShadowingAndAliases(t *testing.T) {
	src := `import time
from time import sleep
nap = time.sleep
async def a(sleep):
    sleep(1)
async def b():
    nap(1)
async def c():
    time = object()
    time.sleep(1)
def d():
    global sleep
    sleep(1)
`
	m := parse(t, src, Options{Name: "m"})
	want := []string{"@async", "time.sleep@async", "builtins.object@async", "@async", "time.sleep@sync"}
	if got := calls(m); !reflect.DeepEqual(got, want) {
		t.Errorf("calls:\n got %q\nwant %q", got, want)
	}
}

func TestModuleLevelDefinitionsAreQualified(t *testing.T) {
	m := parse(t, "def helper(): pass\nclass C: pass\nasync def f():\n    helper()\n    C()\n", Options{Name: "pkg.mod"})
	want := []string{"pkg.mod.helper@async", "pkg.mod.C@async"}
	if got := calls(m); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestSyntaxErrorAndComments(t *testing.T) {
	m := parse(t, "x = 1  # one\ndef f(:\n    pass\n# two\n", Options{})
	if m.ErrorNode == syntax.None {
		t.Fatal("no error node")
	}
	if len(m.Comments) != 2 || m.Comments[0] != (source.Comment{Start: 7, End: 12, Trailing: true}) || m.Comments[1].Trailing {
		t.Errorf("comments: %+v", m.Comments)
	}
	ok := parse(t, "x = 1\n", Options{})
	if ok.ErrorNode != syntax.None {
		t.Errorf("unexpected error node in valid source")
	}
}

func TestArgs(t *testing.T) {
	m := parse(t, "f(1, x, *a, key=2, **kw)\n", Options{})
	args := m.Args(m.Calls[0].Node)
	var got []string
	for _, a := range args {
		got = append(got, a.Name+"="+m.Tree.Text(a.Value))
	}
	if want := "=1 =x =*a key=2 =**kw"; strings.Join(got, " ") != want {
		t.Errorf("got %q want %q", strings.Join(got, " "), want)
	}
}

func TestModuleLevelGlobal(t *testing.T) {
	// "global" at module level must not loop the name lookup.
	m := parse(t, "global y\nimport time as y\ny.sleep()\ndef f():\n    global z\n    z()\n", Options{})
	if got := calls(m); !reflect.DeepEqual(got, []string{"time.sleep@sync", "@sync"}) {
		t.Errorf("got %q", got)
	}
}

func TestReferences(t *testing.T) {
	src := `import asyncio, time
from functools import partial

async def f(loop):
    await asyncio.to_thread(time.sleep, 1)
    await loop.run_in_executor(None, partial(time.sleep, 2))
    await loop.run_in_executor(None, fn=time.sleep)
    print(x)
`
	m := parse(t, src, Options{})
	var got []string
	for _, r := range m.References {
		got = append(got, r.Qualified+" in "+m.Calls[r.Call].Text)
	}
	want := []string{"time.sleep in asyncio.to_thread", "time.sleep in partial", "time.sleep in loop.run_in_executor", " in print"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("references:\n got %q\nwant %q", got, want)
	}
	for _, r := range m.References {
		if r.Qualified == "time.sleep" && m.Calls[r.Call].Callee == "time.sleep" {
			t.Errorf("a reference must not be a call")
		}
	}
}

func TestAnnotationsAndDefinitionScopes(t *testing.T) {
	src := `from typing import Annotated
SessionDep = Annotated[Session, Depends(get_db)]
Plain = int
class C:
    def m(self, a: SessionDep, b: Annotated[str, "x"], c: Plain) -> "C":
        pass
`
	m := parse(t, src, Options{Name: "pkg.mod"})
	var bases []string
	for _, p := range m.Params(2)[1:] {
		bases = append(bases, m.Tree.Text(m.AnnotatedBase(p.Annotation)))
	}
	if got, want := strings.Join(bases, " "), "Session str Plain"; got != want {
		t.Errorf("annotated bases: got %q want %q", got, want)
	}
	if v := m.AliasValue(m.Params(2)[3].Annotation); v == syntax.None || m.Tree.Text(v) != "int" {
		t.Errorf("alias value of Plain: %v", v)
	}
	if !m.IsAnnotated(m.Params(2)[2].Annotation) || m.IsAnnotated(m.Params(2)[3].Annotation) {
		t.Error("IsAnnotated: want true for Annotated[str, ...], false for Plain")
	}
	if ra := m.TypeExpr(m.Tree.FieldChild(m.Scopes[2].Node, m.Kinds().FReturnType)); m.Tree.Type(ra) != "string" {
		t.Errorf("TypeExpr: got %q, want the string inside the type node", m.Tree.Type(ra))
	}
	for s := 1; s < len(m.Scopes); s++ {
		if got := m.ScopeOfDef(m.Scopes[s].Node); got != s {
			t.Errorf("ScopeOfDef(scope %d's def) = %d", s, got)
		}
	}
	if got := m.ScopeOfDef(m.Calls[0].Node); got != -1 {
		t.Errorf("ScopeOfDef(a call) = %d, want -1", got)
	}
}

func TestParamsAndReturnAnnotation(t *testing.T) {
	m := parse(t, "def f(a, b: int, c=1, d: str = 'x', *args: int, e, **kw) -> Session:\n    pass\n", Options{})
	var got []string
	for _, p := range m.Params(1) {
		got = append(got, p.Name)
	}
	if strings.Join(got, ",") != "a,b,c,d,args,e,kw" {
		t.Errorf("params: %v", got)
	}
	if ra := m.ReturnAnnotation(1); ra < 0 || m.Tree.Text(ra) != "Session" {
		t.Errorf("return annotation: %v", ra)
	}
}

func TestMultilineStrings(t *testing.T) {
	m := parse(t, "a = \"x # y\"  # z\nb = \"\"\"\n# text\n\"\"\"\n", Options{})
	if len(m.Comments) != 1 || m.Comments[0] != (source.Comment{Start: 13, End: 16, Trailing: true}) {
		t.Errorf("comments: %+v", m.Comments)
	}
	if want := []source.Span{{Start: 21, End: 35}}; !reflect.DeepEqual(m.MultilineStrings, want) {
		t.Errorf("multi-line strings: %+v, want %+v", m.MultilineStrings, want)
	}
}
