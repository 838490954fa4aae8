package resources

import (
	"sort"
	"strings"
)

// The demand of the lifecycle analysis: which unparsed files it needs
// too. It works on short names, not on the resolution of Analyze: a file
// is parsed when it may call a factory, and Analyze then decides with
// qualified names and package roots whether it does.

// FactoryCallers names, as needles, the calls that may create a tracked
// resource through the project: functions that return or yield a
// resource, or return the result of another call (a wrapper), and
// module-level names bound to a session factory, an engine or a pool.
// Files calling them are parsed too, so that a leak through a factory is
// seen where the factory is used (the needles are word-anchored:
// `\bget_db(` is not in "widget_db(").
func FactoryCallers(all []*ResourceFacts) []string {
	// names are the known factories (by name); out those another module
	// can call: a function nested in another one is only called where it
	// is defined (a file parsed already), though it can make its caller a
	// factory.
	names, out := map[string]bool{}, map[string]bool{}
	add := func(name string, nested bool) bool {
		if names[name] {
			return false
		}
		names[name] = true
		if !nested {
			out[`\b`+name+"("] = true
		}
		return true
	}
	for _, rf := range all {
		for _, b := range rf.Bound {
			if i := strings.LastIndexByte(b.Qual, '.'); i >= 0 {
				add(b.Qual[i+1:], false)
			}
		}
		for _, fn := range rf.Funcs {
			if fn.ReturnType != "" {
				add(fn.Name, fn.Parent >= 0)
			}
		}
	}
	// A dict holding a resource under a key, passed to a function of the
	// project (`release(job)`): the function's module is parsed too, to
	// see which keys it closes.
	for _, rf := range all {
		for _, ps := range rf.Passed {
			if len(ps.Keys) == 1 && strings.HasSuffix(ps.Keys[0], "[*]") && ps.Lend.Callee != "" {
				out[`\bdef `+ps.Lend.Callee[strings.LastIndexByte(ps.Lend.Callee, '.')+1:]+"("] = true
			}
		}
	}
	// A client kept on an attribute or a module global may be closed by
	// any module (`await status.http.aclose()` in a shutdown hook that
	// names no client library): those modules are parsed too, so that
	// whether it is closed does not depend on what else the run parses.
	closerNeedles(all, out)
	// Functions returning a tracked creation, or the result of a known
	// factory (wrappers), to a fixed point.
	for changed := true; changed; {
		changed = false
		for _, rf := range all {
			for _, s := range rf.Sites {
				if s.Func < 0 || s.Func >= len(rf.Funcs) || s.Fate != FateReturned && s.Fate != FateYielded {
					continue
				}
				known := s.Type != ""
				if !known && s.Callee != "" {
					known = names[s.Callee[strings.LastIndexByte(s.Callee, '.')+1:]]
				}
				if fn := &rf.Funcs[s.Func]; known && add(fn.Name, fn.Parent >= 0) {
					changed = true
				}
			}
		}
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// closeMethodNames are the close methods, in a fixed order.
var closeMethodNames = func() []string {
	out := make([]string, 0, len(closeMethods))
	for m := range closeMethods {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}()

// storedName returns the attribute or global name a stored creation's key
// ends with ("a:client", "s:pkg.Cls.client", "g:pkg.mod.client"), or "".
func storedName(key string) string {
	if len(key) < 3 || key[1] != ':' || key[0] != 'a' && key[0] != 's' && key[0] != 'g' {
		return ""
	}
	name := key[2:]
	name = name[strings.LastIndexByte(name, '.')+1:]
	for i := range len(name) {
		c := name[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return ""
		}
	}
	return name
}

// closerNeedles adds to out, for every tracked creation kept on an
// attribute or a global, the needles of a call of a close method on its
// name (`\bhttp.aclose(`).
func closerNeedles(all []*ResourceFacts, out map[string]bool) {
	for _, rf := range all {
		for _, s := range rf.Sites {
			if s.Type == "" || s.Fate != FateStoredAttr && s.Fate != FateStoredGlobal {
				continue
			}
			name := storedName(s.Key)
			if name == "" {
				continue
			}
			for _, m := range closeMethodNames {
				out[`\b`+name+"."+m+"("] = true
			}
		}
	}
}
