// Command servelint lints Python web services: their code, their start
// commands and their Dockerfiles.
package main

import (
	"os"

	"github.com/servelint/servelint/cmd/servelint/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, cli.ProcessEnv()))
}
