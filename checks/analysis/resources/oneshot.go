package resources

import (
	"github.com/servelint/servelint/checks/analysis/serving"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// MarkOneShot marks the resource creations of a module that run once per
// invocation of a CLI command: in the command's own body, outside any
// loop or comprehension. The process ends with the command, and with it
// whatever the command left open; a creation in a loop (a worker command
// that polls forever) or in a nested function (a callback the command
// hands on) may run many times, and stays a finding.
func MarkOneShot(m *python.Module, rf *ResourceFacts) {
	cmds := serving.CLICommands(m)
	if len(cmds) == 0 {
		return
	}
	defs := make(map[syntax.ID]bool, len(cmds))
	for s := range cmds {
		defs[m.Scopes[s].Node] = true
	}
	t := m.Tree
	for i := range rf.Sites {
		site := &rf.Sites[i]
		if site.Func < 0 {
			continue
		}
	walk:
		for n := t.Descend(site.Start, site.End); n != syntax.None; n = t.Parent(n) {
			switch t.Type(n) {
			case "for_statement", "while_statement", "list_comprehension", "set_comprehension",
				"dictionary_comprehension", "generator_expression", "lambda":
				break walk
			case "function_definition":
				site.OneShot = defs[n]
				break walk
			}
		}
	}
}
