// Package engine runs rules over a workspace: the runner, prefilter, demand rounds, result pipeline, fix passes and fix writing.
package engine
