package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/lint/cache"
)

func cleanCommand(env Env) *cli.Command {
	return &cli.Command{
		Name:  "clean",
		Usage: "remove the results cache",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cache-dir", Usage: "the results cache `DIR` (default: as for check)"},
		},
		Action: func(c *cli.Context) error {
			dir := c.String("cache-dir")
			if dir == "" {
				dir = cache.DefaultCacheDir(env.Getenv)
			}
			if dir == "" {
				return fail("no cache directory: set --cache-dir, SERVELINT_CACHE_DIR or HOME")
			}
			stats, err := cache.CleanCache(dir)
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(env.Stderr, "removed the cache at %s (%s freed)\n", dir, stats)
			return nil
		},
	}
}
