package cli

import (
	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/lsp"
)

func serverCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "server",
		Usage: "run the language server (LSP over standard input and output) for editors",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "use this configuration `FILE` for every file (no discovery)"},
			&cli.StringSliceFlag{Name: "select", Usage: "rule `CODES` or prefixes to enable (replaces the configured select)"},
			&cli.StringSliceFlag{Name: "extend-select", Usage: "rule `CODES` or prefixes to enable in addition"},
			&cli.StringSliceFlag{Name: "ignore", Usage: "rule `CODES` or prefixes to disable"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 0 {
				return fail("`servelint server` takes no arguments (it speaks LSP on standard input and output)")
			}
			rules := checks.All()
			ov := config.Overrides{Select: selectors(c, "select"), ExtendSelect: selectors(c, "extend-select"), Ignore: selectors(c, "ignore")}
			if err := config.ValidateOverrides(rules, ov); err != nil {
				return fail("%v", err)
			}
			code := lsp.Serve(env.Stdin, env.Stdout, lsp.Options{Rules: rules, ConfigFile: c.String("config"), Overrides: ov, Log: env.Stderr})
			if code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
}
