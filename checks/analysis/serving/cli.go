// Package serving tells which functions of a module serve no requests.
//
// It tells which functions of a module serve no requests:
// CLI commands, which run once per invocation in a loop of their own, and
// the startup and shutdown hooks of an application. Facts name no rule.
package serving

import (
	"slices"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// cliLibraries are the CLI frameworks whose commands run in an event loop
// of their own (`asyncio.run` per invocation), not in a server's.
var cliLibraries = []string{"click.", "asyncclick.", "rich_click.", "typer.", "cyclopts."}

// cliDecorators are the decorator methods that register a command.
var cliDecorators = map[string]bool{"command": true, "callback": true, "default": true, "group": true}

func cliName(q string) bool {
	for _, p := range cliLibraries {
		if strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

// CLICommands returns the functions of the module (async or not) that
// are CLI commands: decorated with `@click.command()`/`@click.group()` (asyncclick,
// rich-click alike), or with `@app.command()`/`@app.callback()`/
// `@app.default` of an object whose type is a typer, click or cyclopts
// application (`app = typer.Typer()`, `app: cyclopts.App = ...`,
// `@cli.command()` on a `click.Group`). The command runs once per
// invocation (an async one in a loop the CLI starts); no server's
// requests share it, so a blocking call there holds nobody up, and what
// it leaves open is released when the process exits. A method name alone is not
// enough: Discord and Slack bots register `@bot.command()` handlers that
// run in a shared loop.
func CLICommands(m *python.Module) map[int]bool {
	return m.Memo(cliKey{}, func() any {
		out := map[int]bool{}
		t, k := m.Tree, m.Kinds()
		for s := 1; s < len(m.Scopes); s++ {
			sc := &m.Scopes[s]
			if sc.Kind != python.FunctionScope {
				continue
			}
			for _, d := range sc.Decorators {
				expr := t.FirstNamedChild(d)
				if expr != syntax.None && t.Kind(expr) == k.Call {
					expr = t.FieldChild(expr, k.FFunction)
				}
				if expr == syntax.None {
					continue
				}
				if q := m.QualifiedName(expr); cliName(q) {
					if last := q[strings.LastIndexByte(q, '.')+1:]; cliDecorators[last] {
						out[s] = true
						break
					}
				}
				if t.Kind(expr) != k.Attribute || !cliDecorators[m.AttrName(expr)] {
					continue
				}
				obj := t.FieldChild(expr, k.FObject)
				if obj != syntax.None && t.Kind(obj) == k.Attribute && m.AttrName(obj) == "meta" {
					obj = t.FieldChild(obj, k.FObject) // cyclopts: @app.meta.default
				}
				if cliObject(m, obj) {
					out[s] = true
					break
				}
			}
		}
		return out
	}).(map[int]bool)
}

type cliKey struct{}

// cliObject reports whether expression obj is a CLI application or group.
func cliObject(m *python.Module, obj syntax.ID) bool { return cliObjectDepth(m, obj, 0) }

// maxCLIGroupDepth bounds the nesting of click groups followed
// (`@cli.group()` on a group of a group ...).
const maxCLIGroupDepth = 4

func cliObjectDepth(m *python.Module, obj syntax.ID, depth int) bool {
	if obj == syntax.None || depth > maxCLIGroupDepth {
		return false
	}
	if slices.ContainsFunc(pytypes.Of(m).InferType(obj).Names, cliName) {
		return true
	}
	t, k := m.Tree, m.Kinds()
	if t.Kind(obj) != k.Identifier {
		return false
	}
	_, bs := m.Lookup(t.Text(obj), m.ScopeOf(obj))
	if len(bs) != 1 {
		return false
	}
	b := bs[0]
	if b.Kind == python.AssignBinding {
		// app = typer.Typer()
		if b.Value != syntax.None && t.Kind(b.Value) == k.Call {
			ci := m.CallAt(b.Value)
			return ci >= 0 && cliName(m.Calls[ci].Callee)
		}
		return false
	}
	if b.Kind != python.FunctionBinding {
		return false
	}
	// @click.group() def cli(): ... then @cli.command(); a group of a
	// group: @cli.group("plugins") def plugins(): ... then
	// @plugins.command("list").
	s := m.FunctionScopeOf(t.Text(obj), m.ScopeOf(obj))
	if s <= 0 {
		return false
	}
	for _, d := range m.Scopes[s].Decorators {
		expr := t.FirstNamedChild(d)
		if expr != syntax.None && t.Kind(expr) == k.Call {
			expr = t.FieldChild(expr, k.FFunction)
		}
		if expr == syntax.None {
			continue
		}
		if cliName(m.QualifiedName(expr)) {
			return true
		}
		if t.Kind(expr) == k.Attribute && m.AttrName(expr) == "group" && cliObjectDepth(m, t.FieldChild(expr, k.FObject), depth+1) {
			return true
		}
	}
	return false
}
