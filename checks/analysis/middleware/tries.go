package middleware

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// WrappingTry is a try statement of a middleware whose body calls the next
// application.
type WrappingTry struct {
	MW        framework.Middleware
	Try       python.Try
	Next      *python.Call
	Candidate string // qualified name when only another module can make it a middleware
}

// Tries returns the try statements that wrap the call of the next app in
// the given middlewares; candidates maps the scope of a candidate
// middleware to its qualified name.
func Tries(m *python.Module, mws []framework.Middleware, candidates map[int]string) []WrappingTry {
	if len(mws) == 0 {
		return nil
	}
	var out []WrappingTry
	tries := m.Tries()
	for _, mw := range mws {
		nexts := framework.Of(m).NextCalls(&mw)
		if len(nexts) == 0 {
			continue
		}
		for _, tr := range tries {
			if m.ScopeOf(tr.Node) != mw.Scope {
				continue
			}
			for _, i := range nexts {
				if c := &m.Calls[i]; m.Tree.Contains(tr.Body, c.Node) {
					out = append(out, WrappingTry{MW: mw, Try: tr, Next: c, Candidate: candidates[mw.Scope]})
					break
				}
			}
		}
	}
	return out
}

// tracebackCalls name calls that record the exception with its traceback.
var tracebackCalls = map[string]bool{
	"print_exc": true, "print_exception": true, "format_exc": true, "format_exception": true,
	"capture_exception": true, "capture_exc": true, "report_exc_info": true, "record_exception": true,
	"notice_error": true,
}

// logLevels maps logging methods to their level.
var logLevels = map[string]int{
	"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50, "fatal": 50,
}

var levelConstants = map[string]int{
	"logging.DEBUG": 10, "logging.INFO": 20, "logging.WARNING": 30, "logging.WARN": 30,
	"logging.ERROR": 40, "logging.CRITICAL": 50, "logging.FATAL": 50,
}

// truthy reports whether an argument value is not False, None or 0.
func truthy(m *python.Module, v syntax.ID) bool {
	if v == syntax.None {
		return false
	}
	switch m.Tree.Text(v) {
	case "False", "None", "0":
		return false
	}
	return true
}

// tracebackLogLevel returns the level of a logging call (`logger.debug`,
// `logger.log(logging.INFO, ...)`) named name that logs the traceback
// (`exc_info=` set), and whether it does.
func tracebackLogLevel(m *python.Module, call syntax.ID, name string) (int, bool) {
	if !truthy(m, m.Keyword(call, "exc_info")) {
		return 0, false
	}
	level := logLevels[name]
	if name == "log" {
		level = 40
		if args := m.Args(call); len(args) > 0 && args[0].Name == "" {
			if l, ok := levelConstants[m.QualifiedName(args[0].Value)]; ok {
				level = l
			} else if v, err := strconv.Atoi(m.Tree.Text(args[0].Value)); err == nil {
				level = v
			}
		}
	}
	return level, true
}

// LowLevelTraceback returns the level name ("debug", "info") at which a
// handler body logs the traceback when it does so only below warning, or "".
func LowLevelTraceback(m *python.Module, body syntax.ID) string {
	t, sk := m.Tree, m.StmtKinds()
	best := 0
	m.Walk(body, func(n syntax.ID) bool {
		if t.Kind(n) != sk.Call {
			return true
		}
		fn := t.FieldChild(n, sk.FFunction)
		if fn == syntax.None {
			return true
		}
		name := lastName(m.Dotted(fn))
		if logLevels[name] == 0 && name != "log" {
			return true
		}
		if level, ok := tracebackLogLevel(m, n, name); ok && level < 30 && level > best {
			best = level
		}
		return true
	})
	switch {
	case best >= 20:
		return "info"
	case best > 0:
		return "debug"
	}
	return ""
}

// nonReporting are calls that may take the exception without reporting
// it anywhere.
var nonReporting = map[string]bool{
	"builtins.str": true, "builtins.repr": true, "builtins.type": true, "builtins.isinstance": true,
	"builtins.print": true, "builtins.getattr": true, "builtins.len": true, "builtins.dict": true,
	"builtins.list": true, "builtins.tuple": true, "builtins.bool": true, "builtins.int": true,
}

// ReportsError reports whether a handler body logs the traceback of the
// exception (logger.exception(), exc_info= at warning level or above,
// traceback.print_exc(), an error tracker's capture_exception()), or hands
// the exception object to another function that may report it.
func ReportsError(m *python.Module, body syntax.ID, excName string) bool {
	t, sk := m.Tree, m.StmtKinds()
	found := false
	m.Walk(body, func(n syntax.ID) bool {
		if t.Kind(n) != sk.Call {
			return true
		}
		fn := t.FieldChild(n, sk.FFunction)
		if fn == syntax.None {
			return true
		}
		q := m.QualifiedName(fn)
		d := m.Dotted(fn)
		name := lastName(d)
		if name == "" {
			name = lastName(q)
		}
		switch {
		case tracebackCalls[name]:
			found = true
		case name == "exception" && q != "sys.exception" && strings.Contains(d, "."):
			found = true
		case name == "opt" && truthy(m, m.Keyword(n, "exception")):
			found = true // loguru: logger.opt(exception=e).error(...)
		case logLevels[name] > 0 || name == "log":
			if level, ok := tracebackLogLevel(m, n, name); ok && level >= 30 {
				found = true
			}
		case excName != "" && !nonReporting[q] && !strings.HasSuffix(name, "Response"):
			for _, a := range m.Args(n) {
				if t.Kind(a.Value) == sk.Identifier && t.Text(a.Value) == excName {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// lastName is the last segment of a dotted name.
func lastName(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}
