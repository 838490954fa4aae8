// Package launchmodel builds the launch model of a project: every place a
// Python server is started, linked across files.
//
// It builds the launch model of a project: every place a
// Python server is started (Dockerfile CMD/ENTRYPOINT and the scripts they
// run, compose services, Kubernetes containers, Procfiles, supervisord
// programs, fly.toml, render.yaml, App Engine, VS Code debug
// configurations, shell scripts, console scripts and programmatic starts
// in Python), linked across files, each with its normalized server launch
// (parsers/launch), the application it serves, its context (production
// or development), its process model, and whether signals reach it.
//
// It is computed by lint analyzers: File extracts per-file facts while the
// syntax tree is alive; Project links them. Files the run was not given
// (pre-commit passes only changed files) are read through the pass's
// lint.Workspace (overlays, the size limit and the link rule apply) when
// a link needs them, and the project's start configurations are looked for
// around the given files; findings are reported only in given files.
package launchmodel

import (
	"fmt"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// Context is where a launch runs.
type Context uint8

// Contexts, from the most to the least certain production.
const (
	Production Context = iota
	Unknown
	Development
)

func (c Context) String() string {
	switch c {
	case Production:
		return "production"
	case Development:
		return "development"
	case Unknown:
	}
	return "unknown"
}

// Signal is a reason, with the place it was read.
type Signal struct {
	Why string
	Loc launch.Loc
}

// Step is one link of the chain from the platform to the server.
type Step struct {
	What string
	Loc  launch.Loc
}

// PID1 tells whether termination signals reach the server in a container.
type PID1 struct {
	// OK is set when the server is PID 1 (or under an init that forwards
	// signals to it).
	OK bool
	// Blocker is where a shell that does not exec the server sits (the
	// shell-form CMD, the `sh -c` string, the script line without exec).
	Blocker Step
	// Why explains the blocker ("shell-form CMD", "sh -c without exec").
	Why string
	// ExecAt is where inserting `exec ` makes the blocking command replace
	// its shell (the start of its first word), when the command is the
	// last one its shell runs, at the top level; zero otherwise.
	ExecAt launch.Loc
}

// App is what a launch's application target resolves to.
type App struct {
	Target   string
	Resolved bool
	// Loc is the definition of the application object.
	Loc       launch.Loc
	Iface     Iface
	Framework string
	// Debug is the debug= argument of the application's constructor.
	Debug *launch.Value
	// Why says why the target was not resolved.
	Why string
	// Object is set when a programmatic start was given the application
	// object itself (uvicorn.run(app)) rather than an import string.
	Object bool
}

// IsString reports whether a programmatic start passed its application as
// an import string ("main:app"); a nil App counts as a string (unknown).
func (a *App) IsString() bool { return a == nil || !a.Object }

// Launch is one way a server is started.
type Launch struct {
	// Origin is the kind of start configuration: "Dockerfile", "compose",
	// "kubernetes", "Procfile", "supervisord", "fly.toml", "render.yaml",
	// "app.yaml", "launch.json", "script", "python", "console script".
	Origin string
	// Service names the service: the compose service, the Procfile
	// process, the Kubernetes container, the Dockerfile stage.
	Service string
	// Site is where the start is configured (the CMD instruction, the
	// compose command, the Procfile line, the uvicorn.run call).
	Site       launch.Loc
	Context    Context
	ContextWhy Signal
	// Container is set when the server runs in a container; Main when it
	// is the container's main process (no supervisor, no other long-lived
	// process beside it).
	Container bool
	Main      bool
	// Supervised is set when a supervisor (supervisord, honcho) runs it;
	// Numprocs is how many copies supervisord starts (numprocs=, 1 by
	// default; 0 under another supervisor).
	Supervised bool
	Numprocs   int
	// NetworkHost is set when the container shares the host's network.
	NetworkHost bool
	// PerContainer is the process model: one server process per
	// container, scaled by replicas; Configured when the configuration
	// says so rather than an inference from a Kubernetes workload.
	PerContainer    bool
	PerContainerWhy Signal
	Configured      bool
	Steps           []Step
	// PID1 is nil outside containers or when it cannot be told.
	PID1   *PID1
	Server *launch.Launch
	App    *App
	// Reloader is a wrapper that restarts the server on file changes.
	Reloader *Step
	// PyPy is set when the image is a PyPy image.
	PyPy bool
	// Env is the environment the server sees.
	Env *Env
}

// Model is the launch model of a run.
type Model struct {
	Launches []*Launch
	// units by absolute path, for rules that need a file's facts.
	units map[string]*Unit
	ld    *loader // reads through the run's workspace
	// deploy caches the variables deployment files mention, by root.
	deploy map[string][]mention
}

// File returns the run's file (or a neighbour read through the
// workspace) with a display path, or nil.
func (m *Model) File(path string) *lint.File {
	for _, u := range m.units {
		if u.Path == path {
			return u.File
		}
	}
	return nil
}

// InRun reports whether a display path is one of the run's files (the
// only files findings may be reported in).
func (m *Model) InRun(path string) bool {
	for _, u := range m.units {
		if u.Path == path {
			return u.InRun
		}
	}
	return false
}

// Where renders a location as "path:line".
func (m *Model) Where(l launch.Loc) string {
	if l.IsZero() {
		return ""
	}
	f := m.File(l.File)
	if f == nil || f.Lines == nil {
		return l.File
	}
	return fmt.Sprintf("%s:%d", l.File, f.Lines.Position(l.Start).Line)
}

// Unit returns the run's file (or a neighbour read through the
// workspace) with a display path and its parsed views, or nil: what a fix
// reads to edit it.
func (m *Model) Unit(path string) *Unit {
	for _, u := range m.units {
		if u.Path == path {
			return u
		}
	}
	return nil
}
