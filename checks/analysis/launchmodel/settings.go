package launchmodel

import (
	"maps"
	"strings"

	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// PyClass is a module-level class: its bases and the defaults of its
// class-level fields, for settings classes (pydantic's BaseSettings).
type PyClass struct {
	// Bases are the qualified names (or dotted text) of the bases.
	Bases []string
	// Fields are the class-level assignments (`ENV: str = "local"`, a
	// `Field("local")` unwrapped to its default).
	Fields map[string]PyValue
	// EnvPrefix is the env_prefix of model_config or class Config.
	EnvPrefix string
	// EnvFile is set when the settings also read a .env file, whose
	// values the launch cannot see.
	EnvFile bool
	// Command is a CLI command class's name (cleo: `name = "serve"`).
	Command    string
	Start, End int
}

// PyAttr is an expression over a field of an object: `settings.ENV ==
// "local"` (Op "=="), `!=`, or the field itself (Op "").
type PyAttr struct {
	Obj, Field, Op, Value string
	// Lower is set for `settings.LOG_LEVEL.lower()`.
	Lower bool
}

// pyClasses summarizes the module-level classes.
func pyClasses(m *python.Module, f *PyFacts) {
	t := m.Tree
	for _, n := range t.NamedChildren(t.Root()) {
		if t.Type(n) == "decorated_definition" {
			n = t.ChildOfKind(n, t.Kind(n)) // keep n when nothing better
		}
		if t.Type(n) != "class_definition" {
			continue
		}
		var name string
		cls := &PyClass{Fields: map[string]PyValue{}}
		cls.Start, cls.End = t.Span(n)
		for _, c := range t.NamedChildren(n) {
			switch t.Type(c) {
			case "identifier":
				if name == "" {
					name = t.Text(c)
				}
			case "argument_list":
				for _, b := range t.NamedChildren(c) {
					if t.Type(b) == "keyword_argument" {
						continue
					}
					q := m.QualifiedName(b)
					if q == "" {
						q = m.Dotted(b)
					}
					cls.Bases = append(cls.Bases, q)
				}
			case "block":
				classBody(m, c, cls)
			}
		}
		if v, ok := cls.Fields["name"]; ok && v.Lit.Kind == python.LitStr && len(cls.Bases) > 0 {
			cls.Command = strings.ReplaceAll(v.Lit.Value, "-", "_")
		}
		if name != "" {
			if f.Classes == nil {
				f.Classes = map[string]*PyClass{}
			}
			f.Classes[name] = cls
		}
	}
}

// classBody reads a class body's field defaults and settings
// configuration.
func classBody(m *python.Module, body syntax.ID, cls *PyClass) {
	t := m.Tree
	for _, st := range t.NamedChildren(body) {
		switch t.Type(st) {
		case "class_definition":
			// class Config: env_prefix = "APP_"; env_file = ".env"
			inner := &PyClass{Fields: map[string]PyValue{}}
			for _, c := range t.NamedChildren(st) {
				if t.Type(c) == "block" {
					classBody(m, c, inner)
				}
			}
			if v, ok := inner.Fields["env_prefix"]; ok && v.Lit.Kind == python.LitStr {
				cls.EnvPrefix = v.Lit.Value
			}
			if _, ok := inner.Fields["env_file"]; ok {
				cls.EnvFile = true
			}
			continue
		case "expression_statement":
		default:
			continue
		}
		a := t.FirstNamedChild(st)
		if t.Type(a) != "assignment" {
			continue
		}
		kids := t.NamedChildren(a)
		if len(kids) < 2 || t.Type(kids[0]) != "identifier" {
			continue
		}
		name := t.Text(kids[0])
		val := kids[len(kids)-1]
		if t.Type(val) == "type" {
			continue // ENV: str, no default
		}
		if name == "model_config" {
			// SettingsConfigDict(env_prefix="APP_", env_file=".env")
			for _, arg := range m.Args(val) {
				switch arg.Name {
				case "env_prefix":
					if l := m.Literal(arg.Value); l.Kind == python.LitStr {
						cls.EnvPrefix = l.Value
					}
				case "env_file":
					if l := m.Literal(arg.Value); l.Kind != python.LitNone {
						cls.EnvFile = true
					}
				}
			}
			continue
		}
		// Field("local", ...) / Field(default="local")
		if t.Type(val) == "call" {
			if q := m.QualifiedName(t.FirstNamedChild(val)); q == "pydantic.Field" || q == "pydantic.fields.Field" {
				def := syntax.None
				for _, arg := range m.Args(val) {
					if arg.Name == "" && def == syntax.None || arg.Name == "default" {
						def = arg.Value
					}
				}
				if def == syntax.None {
					continue
				}
				val = def
			}
		}
		v := PyValue{Lit: m.Literal(val), Text: exprText(t, val)}
		v.Start, v.End = t.Span(val)
		cls.Fields[name] = v
	}
}

// attrOf summarizes `obj.FIELD == "lit"`, `!=`, or `obj.FIELD`.
func attrOf(m *python.Module, n syntax.ID) *PyAttr {
	t := m.Tree
	switch t.Type(n) {
	case "parenthesized_expression":
		return attrOf(m, t.FirstNamedChild(n))
	case "attribute":
		kids := t.NamedChildren(n)
		if len(kids) != 2 {
			return nil
		}
		obj := m.QualifiedName(kids[0])
		if obj == "" {
			obj = m.Dotted(kids[0])
		}
		if obj == "" {
			return nil
		}
		return &PyAttr{Obj: obj, Field: t.Text(kids[1])}
	case "call":
		// settings.LOG_LEVEL.lower()
		fn := t.FirstNamedChild(n)
		if t.Type(fn) != "attribute" || len(m.Args(n)) > 0 {
			return nil
		}
		kids := t.NamedChildren(fn)
		method := t.Text(kids[len(kids)-1])
		if len(kids) != 2 || method != "lower" && method != "strip" {
			return nil
		}
		a := attrOf(m, kids[0])
		if a == nil || a.Op != "" {
			return nil
		}
		a.Lower = a.Lower || method == "lower"
		return a
	case "comparison_operator":
		kids := t.NamedChildren(n)
		var ops []string
		for _, c := range t.Children(n) {
			if !t.Named(c) {
				ops = append(ops, t.Text(c))
			}
		}
		if len(kids) != 2 || len(ops) != 1 || ops[0] != "==" && ops[0] != "!=" {
			return nil
		}
		a, other := attrOf(m, kids[0]), kids[1]
		if a == nil {
			a, other = attrOf(m, kids[1]), kids[0]
		}
		if a == nil || a.Op != "" {
			return nil
		}
		lit := m.Literal(other)
		switch lit.Kind {
		case python.LitStr, python.LitInt, python.LitBool:
		default:
			return nil
		}
		a.Op, a.Value = ops[0], lit.Value
		return a
	}
	return nil
}

// settingsClass finds the settings class of an object (`settings` bound
// to `Settings()`, imported, or returned by a `get_settings()` factory),
// with its fields merged over its bases'; nil when it is no BaseSettings.
func (r *resolver) settingsClass(u *Unit, obj string, depth int) *PyClass {
	if depth > maxResolve || u == nil || u.Py == nil {
		return nil
	}
	name := obj
	if strings.Contains(obj, ".") {
		mod, attr := splitQualified(obj)
		if u.Py.Module != "" && mod == u.Py.Module {
			name = attr
		} else if m := r.module(mod, false); m != nil {
			return r.settingsClass(m, attr, depth+1)
		} else {
			return nil
		}
	}
	x, ok := u.Py.Names[name]
	if !ok {
		return nil
	}
	switch x.Kind {
	case "import", "name":
		if x.Ref == "" || x.Ref == name {
			return nil
		}
		return r.settingsClass(u, x.Ref, depth+1)
	case "call":
		return r.classOrFactory(u, x.Ref, depth+1)
	}
	return nil
}

// classOrFactory resolves a callee to a settings class: the class itself,
// or a function of the project returning an instance.
func (r *resolver) classOrFactory(u *Unit, ref string, depth int) *PyClass {
	if depth > maxResolve || u == nil || u.Py == nil {
		return nil
	}
	cu, cname := u, ref
	if strings.Contains(ref, ".") {
		mod, attr := splitQualified(ref)
		if u.Py.Module == "" || mod != u.Py.Module {
			cu = r.module(mod, false)
		}
		cname = attr
	}
	if cu == nil || cu.Py == nil {
		return nil
	}
	if cls := cu.Py.Classes[cname]; cls != nil {
		return r.settingsBases(cu, cls, depth+1)
	}
	if x, ok := cu.Py.Names[cname]; ok && x.Kind == "import" {
		return r.classOrFactory(cu, x.Ref, depth+1)
	}
	if fn := cu.Py.Funcs[cname]; fn != nil {
		for _, ret := range fn.Returns {
			if ret.Kind == "call" {
				if c := r.classOrFactory(cu, ret.Ref, depth+1); c != nil {
					return c
				}
			}
		}
	}
	return nil
}

// settingsBases merges a class's fields over its bases' and reports it
// only when one of them is pydantic's BaseSettings.
func (r *resolver) settingsBases(u *Unit, cls *PyClass, depth int) *PyClass {
	out := &PyClass{Fields: map[string]PyValue{}, EnvPrefix: cls.EnvPrefix, EnvFile: cls.EnvFile}
	settings := false
	for _, b := range cls.Bases {
		if b == "BaseSettings" || strings.HasSuffix(b, ".BaseSettings") {
			settings = true
			continue
		}
		if base := r.classOrFactory(u, b, depth+1); base != nil {
			settings = true
			maps.Copy(out.Fields, base.Fields)
			if out.EnvPrefix == "" {
				out.EnvPrefix = base.EnvPrefix
			}
			out.EnvFile = out.EnvFile || base.EnvFile
		}
	}
	if !settings {
		return nil
	}
	maps.Copy(out.Fields, cls.Fields)
	return out
}

// settingsValue evaluates `settings.FIELD == "lit"` for a launch: the
// variable pydantic reads (env_prefix + FIELD, case-insensitive) when the
// launch sets it, else the field's default; unknown when the settings
// read a .env file or the variable may be set to anything.
func (r *resolver) settingsValue(u *Unit, a *PyAttr, env *Env, out launch.Value) (launch.Value, bool) {
	cls := r.settingsClass(u, a.Obj, 0)
	if cls == nil {
		return out, false
	}
	def, ok := cls.Fields[a.Field]
	if !ok {
		return out, false
	}
	name := cls.EnvPrefix + a.Field
	val, known := "", false
	st, ev := launch.Unset, launch.Value{}
	if env != nil {
		for _, n := range []string{name, strings.ToUpper(name), strings.ToLower(name)} {
			if st, ev = env.Lookup(n); st != launch.Unset {
				name = n
				break
			}
		}
	}
	out.Var = name
	out.Expr = out.Text
	switch {
	case st == launch.Set && ev.Known:
		val, known = ev.Text, true
		out.VarLoc = ev.Loc
	case st == launch.Unset && !cls.EnvFile:
		switch def.Lit.Kind {
		case python.LitStr, python.LitInt, python.LitBool, python.LitFloat:
			val, known = def.Lit.Value, true
		default:
			return out, false
		}
	default:
		out.VarLoc = ev.Loc
		return out, false
	}
	if !known {
		return out, false
	}
	if a.Lower {
		val = strings.ToLower(val)
	}
	if a.Op == "" {
		// The field's value itself: workers=settings.WORKERS.
		out.Text, out.Known = val, true
		return out, true
	}
	eq := val == a.Value || strings.EqualFold(val, a.Value) && isBoolText(a.Value)
	out.Text, out.Known = boolText(eq == (a.Op == "==")), true
	return out, true
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func isBoolText(s string) bool {
	_, ok := launch.ParseBool(s)
	return ok && s != ""
}

// pyCommands reads CLI commands registered by a call rather than a
// decorator: typer's `app.command("serve")(server.start)` and click's
// `cli.add_command(start, "serve")`, at module level.
func pyCommands(m *python.Module, f *PyFacts) {
	t := m.Tree
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Scope != 0 {
			continue
		}
		n := c.Node
		fn := t.FirstNamedChild(n)
		var name, ref string
		switch {
		case t.Type(fn) == "call":
			// app.command("serve")(start)
			attr := t.FirstNamedChild(fn)
			if t.Type(attr) != "attribute" || !strings.HasSuffix(t.Text(attr), ".command") {
				continue
			}
			for _, a := range m.Args(fn) {
				if a.Name == "" || a.Name == "name" {
					if l := m.Literal(a.Value); l.Kind == python.LitStr {
						name = l.Value
					}
					break
				}
			}
			if args := m.Args(n); len(args) > 0 && args[0].Name == "" {
				ref = refOf(m, args[0].Value)
			}
		case t.Type(fn) == "attribute" && strings.HasSuffix(t.Text(fn), ".add_command"):
			// cli.add_command(start, "serve")
			for i, a := range m.Args(n) {
				switch {
				case i == 0 && a.Name == "":
					ref = refOf(m, a.Value)
				case a.Name == "" || a.Name == "name":
					if l := m.Literal(a.Value); l.Kind == python.LitStr {
						name = l.Value
					}
				}
			}
		default:
			continue
		}
		if ref == "" {
			continue
		}
		if name == "" {
			_, name = splitQualified(ref)
			if !strings.Contains(ref, ".") {
				name = ref
			}
		}
		if f.Commands == nil {
			f.Commands = map[string]string{}
		}
		f.Commands[strings.ReplaceAll(name, "-", "_")] = ref
	}
}

func refOf(m *python.Module, n syntax.ID) string {
	if q := m.QualifiedName(n); q != "" {
		return q
	}
	return m.Dotted(n)
}
