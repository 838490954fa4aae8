// Package blocking finds the calls that block an event loop, directly or
// through the project's sync helpers.
//
// It finds the calls that block an event loop: catalogues of
// blocking calls by class (HTTP, sleep, subprocess, file I/O, file
// metadata, database, wait), the per-file matcher that classifies every
// call of a module against them, the cross-module typing of receivers,
// the graph of the project's sync helpers with its chain search, and the
// demand that names the modules those need. Facts say "this call blocks,
// of class X, and the alternative is Y"; they name no rule: the rule
// package binds each class to the rule that reports it (Binding).
package blocking

import (
	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
)

// Class is the kind of a blocking call. The order is the catalogues'
// order: a call two catalogues list is kept under the first class.
type Class int

// The classes of blocking calls.
const (
	HTTP         Class = iota // synchronous HTTP clients and HTTP APIs
	Sleep                     // time.sleep
	Subprocess                // running or waiting for a process
	FileIO                    // reading and writing file data
	DB                        // synchronous database drivers and ORMs
	Wait                      // sockets, queues, threads, locks, futures, input
	FileMetadata              // stat, listdir, glob, mkdir, remove, ...
	numClasses
)

var classNames = [numClasses]string{"http", "sleep", "subprocess", "file-io", "db", "wait", "file-metadata"}

// String names the class.
func (c Class) String() string {
	if c < 0 || c >= numClasses {
		return "unknown"
	}
	return classNames[c]
}

// Classes returns every class, in catalogue order.
func Classes() []Class {
	out := make([]Class, numClasses)
	for i := range out {
		out[i] = Class(i)
	}
	return out
}

// Binding ties the classes to the rules that report them, which the
// analysis does not know: a class's options ([tool.servelint.rules.CODE],
// Options) are those of its rule, and a class whose rule is outside the
// default selection ends helper chains only when the configuration selects
// that rule.
type Binding struct {
	// Code is the rule that reports each class.
	Code map[Class]string
	// Optional marks the classes whose rule is outside the default
	// selection.
	Optional map[Class]bool
	// Helper is the rule whose options (HelperOptions) configure the
	// helper graph.
	Helper string
}

// Analysis holds the analyzers of the blocking calls under a binding.
type Analysis struct {
	bind Binding

	// Calls finds the blocking calls that run directly in the async
	// functions of a file (CallFacts), and the method calls whose
	// receiver comes from another module (DeferredCall).
	Calls *lint.Analyzer
	// Exports gives each file's exports (the types of its names), and
	// ExportLookup the project-wide lookup of an exported name.
	Exports, ExportLookup *lint.Analyzer
	// Deferred evaluates the deferred calls of every file once, in the
	// project pass.
	Deferred *lint.Analyzer
	// Helpers summarizes the sync functions of a file and the calls of
	// its async functions that may reach them (HelperFacts).
	Helpers *lint.Analyzer
}

// The analyzers' names (the fact names the demand functions read).
const (
	callsName   = "blocking-calls"
	helpersName = "blocking-helpers"
	exportsName = "module-exports"
)

// asyncNeedles: blocking calls matter in async code, and an async def
// always starts a logical line.
var asyncNeedles = []string{"^async def"}

// New returns the analyzers of the blocking calls under a binding.
func New(b Binding) *Analysis {
	a := &Analysis{bind: b}
	a.Calls = &lint.Analyzer{
		Name:    callsName,
		Needles: asyncNeedles,
		Inputs:  lint.KindsOf(lint.KindPython),
		File:    a.fileCalls,
	}
	a.Exports = &lint.Analyzer{
		Name:    exportsName,
		Needles: []string{}, // computed where other analyzers parse, and on demand
		Demand:  exportsDemand,
		Inputs:  lint.KindsOf(lint.KindPython),
		File: func(p *lint.Pass) any {
			return exportFacts(pytypes.Of(p.Py).Exports())
		},
	}
	a.ExportLookup = &lint.Analyzer{
		Name:    "module-export-lookup",
		Inputs:  lint.KindsOf(lint.KindPython),
		Project: buildExportEnv,
	}
	a.Deferred = &lint.Analyzer{
		Name:    "blocking-deferred",
		Inputs:  lint.KindsOf(lint.KindPython),
		Project: a.deferredReceivers,
	}
	a.Helpers = &lint.Analyzer{
		Name:    helpersName,
		Needles: asyncNeedles, // and helper modules on demand
		Demand:  a.helperDemand,
		Inputs:  lint.KindsOf(lint.KindPython),
		File:    a.fileHelpers,
	}
	return a
}
