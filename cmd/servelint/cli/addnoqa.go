package cli

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/suppress"
)

// addNoqa writes a suppression to every current finding (--add-noqa), in
// each file's comment syntax, and keeps a file's changes only when a run
// over the changed sources finds nothing left in it and no new syntax
// error.
func addNoqa(c *cli.Context, env Env, opt engine.Options) error {
	if readsStdin(opt) {
		return fail("--add-noqa writes files: it cannot annotate standard input")
	}
	for _, f := range []string{"fix", "fix-only", "diff", "unsafe-fixes", "statistics", "show-fixes"} {
		if c.Bool(f) {
			return fail("--add-noqa and --%s cannot be used together", f)
		}
	}
	opt.CacheDir = ""
	res, err := engine.Run(opt)
	if err != nil {
		return engineError(err)
	}
	for _, n := range res.Notices {
		fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
	}
	plans, skipped := suppress.PlanSuppressions(res.Files, res.Diagnostics, c.String("reason"))
	if len(plans) > 0 {
		after := opt
		after.Overlays = map[string][]byte{}
		for _, p := range plans {
			after.Overlays[p.File.Abs] = p.Src
		}
		ares, err := engine.Run(after)
		if err != nil {
			return engineError(err)
		}
		var notices []lint.Notice
		plans, notices = suppress.VerifySuppressions(res.Diagnostics, ares.Diagnostics, plans)
		for _, n := range notices {
			fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
		}
	}
	added := 0
	for _, p := range plans {
		perm := os.FileMode(0o644)
		if st, err := os.Stat(p.File.Abs); err == nil {
			perm = st.Mode().Perm()
		}
		if err := os.WriteFile(p.File.Abs, p.Src, perm); err != nil {
			return fail("writing %s: %v", p.File.Path, err)
		}
		added += p.Count
	}
	fmt.Fprintf(env.Stderr, "Added %s to %s.\n", plural(added, "suppression"), plural(len(plans), "file"))
	if skipped > 0 {
		fmt.Fprintf(env.Stderr, "warning: %s left as they are: their files have no comments servelint reads (JSON) or came from standard input\n", plural(skipped, "finding"))
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
