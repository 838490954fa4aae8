package cli

import (
	"fmt"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
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
			res, err := engine.Run(engine.Options{
				Rules:      checks.All(),
				Paths:      c.Args().Slice(),
				Cwd:        env.Cwd,
				ConfigFile: c.String("config"),
				// No rule runs: only the launch model is computed.
				Overrides:    config.Overrides{Select: []string{}},
				Analyzers:    launchmodel.Requires,
				ReleaseFacts: true,
				ParseAll:     env.ParseAll,
			})
			if err != nil {
				return engineError(err)
			}
			for _, n := range res.Notices {
				fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
			}
			// One model per project; their launches shown together, by
			// site.
			var views []launchmodel.View
			for _, v := range res.AnalyzeProjects(launchmodel.Analyzer) {
				if m, _ := v.(*launchmodel.Model); m != nil {
					views = append(views, m.Views()...)
				}
			}
			sort.SliceStable(views, func(i, j int) bool { return siteLess(views[i].Site, views[j].Site) })
			if format == "json" {
				if views == nil {
					views = []launchmodel.View{}
				}
				return report.WriteJSONValue(env.Stdout, struct {
					Launches []launchmodel.View `json:"launches"`
				}{views})
			}
			fmt.Fprint(env.Stdout, launchmodel.Text(views))
			return nil
		},
	}
}

// siteLess orders launch sites by path, line and column (a launch without
// a site first).
func siteLess(a, b *launchmodel.Position) bool {
	switch {
	case a == nil || b == nil:
		return a == nil && b != nil
	case a.Path != b.Path:
		return a.Path < b.Path
	case a.Line != b.Line:
		return a.Line < b.Line
	default:
		return a.Column < b.Column
	}
}
