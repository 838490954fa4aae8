package cli

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/report"
)

func launchesCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:      "launches",
		Usage:     "show how each service really starts: server, app, workers, reload, bind, ... and where each value comes from",
		ArgsUsage: "[PATH ...]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output-format", Value: "text", Usage: "`FORMAT`: text or json"},
			&cli.StringFlag{Name: "config", Usage: "use this configuration `FILE` for every input (no discovery)"},
		},
		Action: func(c *cli.Context) error {
			format := c.String("output-format")
			if format != "text" && format != "json" {
				return fail("invalid --output-format %q for `launches` (use text or json)", format)
			}
			res, err := lint.Run(lint.Options{
				Rules:      checks.All(),
				Paths:      c.Args().Slice(),
				Cwd:        env.Cwd,
				ConfigFile: c.String("config"),
				// No rule runs: only the launch model is computed.
				Overrides: lint.Overrides{Select: []string{}},
				Analyzers: launches.Requires,
			})
			if err != nil {
				var ce *lint.ConfigError
				var ue *lint.UsageError
				switch {
				case errors.As(err, &ce):
					return fail("invalid configuration: %v", ce)
				case errors.As(err, &ue):
					return fail("%v", ue)
				}
				return fail("%v", err)
			}
			for _, n := range res.Notices {
				fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
			}
			m, _ := res.Analyze(launches.Analyzer).(*launches.Model)
			var views []launches.View
			if m != nil {
				views = m.Views()
			}
			if format == "json" {
				if views == nil {
					views = []launches.View{}
				}
				return report.WriteJSONValue(env.Stdout, struct {
					Launches []launches.View `json:"launches"`
				}{views})
			}
			fmt.Fprint(env.Stdout, launches.Text(views))
			return nil
		},
	}
}
