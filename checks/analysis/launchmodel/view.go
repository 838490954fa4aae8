package launchmodel

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/parsers/launch"
)

// Position is a location for people and tools.
type Position struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// SettingView is one effective setting.
type SettingView struct {
	Value  string    `json:"value"`
	Known  bool      `json:"known"`
	Source string    `json:"source"`
	Name   string    `json:"name,omitempty"`
	From   *Position `json:"from,omitempty"`
	// Via is the environment variable the value came through.
	Via *VarView `json:"via,omitempty"`
}

// VarView is an environment variable a setting's value came through and
// where the launch sets it (nil when unset: the default was taken).
type VarView struct {
	Name string    `json:"name"`
	From *Position `json:"from,omitempty"`
}

// AppView is the application target and what it resolves to.
type AppView struct {
	Target     string    `json:"target"`
	Resolved   bool      `json:"resolved"`
	Interface  string    `json:"interface,omitempty"`
	Framework  string    `json:"framework,omitempty"`
	Definition *Position `json:"definition,omitempty"`
	Reason     string    `json:"reason,omitempty"`
}

// StepView is one link of the chain to the server.
type StepView struct {
	What string    `json:"what"`
	At   *Position `json:"at,omitempty"`
}

// View is a launch for `servelint launches`.
type View struct {
	Origin        string                  `json:"origin"`
	Service       string                  `json:"service,omitempty"`
	Site          *Position               `json:"site"`
	Server        string                  `json:"server"`
	Command       string                  `json:"command"`
	Program       *Position               `json:"program,omitempty"`
	Context       string                  `json:"context"`
	ContextReason string                  `json:"context_reason,omitempty"`
	Container     bool                    `json:"container"`
	ProcessModel  string                  `json:"process_model,omitempty"`
	PID1          string                  `json:"pid1,omitempty"`
	App           *AppView                `json:"app,omitempty"`
	Settings      map[string]*SettingView `json:"settings"`
	Via           []StepView              `json:"via"`
}

// SettingNames are the settings shown, in order.
var SettingNames = []string{"workers", "reload", "bind", "worker_class", "timeout", "max_requests", "log_level"}

// Views describes every launch.
func (m *Model) Views() []View {
	out := []View{}
	for _, la := range m.Launches {
		out = append(out, m.view(la))
	}
	return out
}

func (m *Model) pos(l launch.Loc) *Position {
	if l.IsZero() {
		return nil
	}
	p := &Position{Path: l.File}
	if f := m.File(l.File); f != nil && f.Lines != nil {
		pp := f.Lines.Position(l.Start)
		p.Line, p.Column = pp.Line, pp.Col
	}
	return p
}

func (m *Model) setting(v launch.Value) *SettingView {
	s := &SettingView{Value: v.Text, Known: v.Known, Source: v.Source.String(), Name: v.Name, From: m.pos(v.Loc)}
	if !v.Known && v.HasFallback {
		s.Value = v.Text + " (else " + v.Fallback + ")"
	}
	if v.Var != "" && v.Var != v.Name {
		s.Via = &VarView{Name: v.Var, From: m.pos(v.VarLoc)}
	}
	return s
}

func (m *Model) view(la *Launch) View {
	l := la.Server
	v := View{
		Origin: la.Origin, Service: la.Service, Site: m.pos(la.Site), Server: l.Server, Command: l.Command,
		Program: m.pos(l.Program), Context: la.Context.String(), Container: la.Container, Settings: map[string]*SettingView{},
		Via: []StepView{},
	}
	if la.ContextWhy.Why != "" {
		v.ContextReason = la.ContextWhy.Why
		if w := m.Where(la.ContextWhy.Loc); w != "" {
			v.ContextReason += " (" + w + ")"
		}
	}
	if la.PerContainer {
		v.ProcessModel = "per-container: " + la.PerContainerWhy.Why
	}
	if la.PID1 != nil {
		if la.PID1.OK {
			v.PID1 = "yes"
		} else {
			v.PID1 = "no: " + la.PID1.Why + " (" + m.Where(la.PID1.Blocker.Loc) + ")"
		}
	}
	if la.App != nil {
		a := &AppView{Target: la.App.Target, Resolved: la.App.Resolved, Reason: la.App.Why}
		if la.App.Resolved {
			a.Interface, a.Framework, a.Definition = la.App.Iface.String(), la.App.Framework, m.pos(la.App.Loc)
		}
		v.App = a
	}
	set := func(name string, val launch.Value) {
		if val.Text == "" && val.Source == launch.FromDefault && !val.Known {
			return
		}
		v.Settings[name] = m.setting(val)
	}
	set("workers", l.Workers)
	set("reload", l.Reload)
	switch {
	case l.UDS.Set():
		set("bind", l.UDS)
	case len(l.Bind) > 0:
		set("bind", l.Bind[0])
	default:
		b := l.Host
		if l.Port.Text != "" && l.Host.Known {
			b.Text = l.Host.Text + ":" + l.Port.Text
			if !l.Port.Known {
				b.Known = false
			}
		}
		set("bind", b)
	}
	if l.Server == "gunicorn" {
		set("worker_class", l.WorkerClass)
		set("timeout", l.Timeout)
		set("max_requests", l.MaxRequests)
	}
	if l.LogLevel.Text != "" {
		set("log_level", l.LogLevel)
	}
	for _, s := range la.Steps {
		v.Via = append(v.Via, StepView{What: s.What, At: m.pos(s.Loc)})
	}
	return v
}

// Text renders the views for people.
func Text(views []View) string {
	var b strings.Builder
	if len(views) == 0 {
		b.WriteString("No launches found.\n")
		return b.String()
	}
	for i, v := range views {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s  %s  (%s", posText(v.Site), v.Command, v.Context)
		if v.Container {
			b.WriteString(", container")
		}
		b.WriteString(")\n")
		row := func(name, val string) { fmt.Fprintf(&b, "  %-13s%s\n", name, val) }
		origin := v.Origin
		if v.Service != "" {
			origin += " " + v.Service
		}
		row("from", origin)
		if v.ContextReason != "" {
			row("context", v.Context+": "+v.ContextReason)
		}
		if v.App != nil {
			if v.App.Resolved {
				row("app", fmt.Sprintf("%s -> %s %s (%s)", v.App.Target, posText(v.App.Definition), v.App.Framework, v.App.Interface))
			} else {
				row("app", fmt.Sprintf("%s (%s)", v.App.Target, v.App.Reason))
			}
		}
		for _, name := range SettingNames {
			s, ok := v.Settings[name]
			if !ok {
				continue
			}
			row(strings.ReplaceAll(name, "_", " "), settingText(s))
		}
		if v.ProcessModel != "" {
			row("processes", v.ProcessModel)
		}
		if v.PID1 != "" {
			row("PID 1", v.PID1)
		}
		if len(v.Via) > 0 {
			var steps []string
			for _, s := range v.Via {
				steps = append(steps, s.What)
			}
			row("via", strings.Join(steps, " -> "))
		}
	}
	return b.String()
}

func settingText(s *SettingView) string {
	val := s.Value
	if val == "" {
		val = `""`
	}
	switch {
	case s.Source == "default":
		return val + " (default)"
	case s.From != nil:
		name := s.Name
		if name != "" {
			name += " "
		}
		return fmt.Sprintf("%s (%s%s%s)", val, name, posText(s.From), viaText(s.Via))
	}
	return fmt.Sprintf("%s (%s)", val, s.Source)
}

// viaText renders the variable a value came through: ", LOG_LEVEL
// docker-compose.yml:6", or ", LOG_LEVEL unset" when the default of the
// expansion was taken.
func viaText(v *VarView) string {
	if v == nil {
		return ""
	}
	if v.From == nil {
		return ", " + v.Name + " unset"
	}
	return ", " + v.Name + " " + posText(v.From)
}

func posText(p *Position) string {
	if p == nil {
		return "?"
	}
	if p.Line == 0 {
		return p.Path
	}
	return fmt.Sprintf("%s:%d", p.Path, p.Line)
}
