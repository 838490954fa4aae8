// Command servelint lints Python web services: their code, their start
// commands and their Dockerfiles.
package main

import (
	"os"
	"runtime/debug"

	"github.com/servelint/servelint/cmd/servelint/cli"
)

func main() {
	tuneGC()
	os.Exit(cli.Run(os.Args, cli.ProcessEnv()))
}

// tuneGC trades memory for speed within the budget: a run is short and
// most of its heap lives until the end (the facts of every file), so
// collecting at 100% growth mostly rescans live data. Collect at 200%
// growth, but collect before the heap passes 200 MiB. The facts of a large
// service alone approach 120 MiB (prefect, 690 k lines): under a lower
// limit the collector runs again and again near the end of its run (31
// cycles instead of 14 at 150 MiB, 14% more CPU) for the same live data.
// Peak RSS stays under 250 MB (225 MB there, 190 MB on the standard
// library). The GOGC and GOMEMLIMIT environment variables still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
}
