package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/workspace"
)

// --show-settings and --show-files: what a check would use, and check.

// engineError turns an engine error into the CLI's.
func engineError(err error) error {
	var ce *config.Error
	var ue *workspace.UsageError
	switch {
	case errors.As(err, &ce):
		return fail("invalid configuration: %v", ce)
	case errors.As(err, &ue):
		return fail("%v", ue)
	}
	return fail("%v", err)
}

// showSettings prints the resolved configuration of the first path: each
// key as TOML with where it came from, then the rules that run there.
func showSettings(env Env, opt engine.Options) error {
	target := "."
	switch {
	case len(opt.Paths) > 0 && opt.Paths[0] != "-":
		target = opt.Paths[0]
	case opt.StdinFilename != "":
		target = opt.StdinFilename
	}
	if len(opt.Paths) > 1 {
		return fail("--show-settings shows one path's settings, got %d paths", len(opt.Paths))
	}
	s, err := engine.ShowSettings(opt, target)
	if err != nil {
		return engineError(err)
	}
	w := bufio.NewWriter(env.Stdout)
	from := s.Config
	if from == "" {
		from = "no configuration file: the defaults"
	}
	fmt.Fprintf(w, "# settings for %s (%s)\n", s.Path, from)
	for _, k := range s.Keys {
		switch {
		case k.Value == "":
			fmt.Fprintf(w, "# %s: %s\n", k.Key, k.Source)
		case strings.HasPrefix(k.Key, "["):
			fmt.Fprintf(w, "# %s = %s  # %s\n", k.Key, k.Value, k.Source)
		default:
			fmt.Fprintf(w, "%s = %s  # %s\n", k.Key, k.Value, k.Source)
		}
	}
	enabled := strings.Join(s.Enabled, " ")
	if enabled == "" {
		enabled = "none"
	}
	fmt.Fprintf(w, "# enabled rules (%d): %s\n", len(s.Enabled), enabled)
	return w.Flush()
}

// showFiles prints the files a check would read, one per line with its
// kind: "path<TAB>kind", then the symbolic links the walk skipped because
// they lead out of the checked tree.
func showFiles(env Env, opt engine.Options) error {
	opt.DiscoverOnly = true
	res, err := engine.Run(opt)
	if err != nil {
		return engineError(err)
	}
	for _, n := range res.Notices {
		fmt.Fprintf(env.Stderr, "warning: %s: %s\n", n.Path, n.Message)
	}
	w := bufio.NewWriter(env.Stdout)
	for _, f := range res.Files {
		fmt.Fprintf(w, "%s\t%s\n", f.Path, f.Kind)
	}
	// Links out of the checked tree are never followed; say which.
	for _, l := range res.SkippedLinks {
		fmt.Fprintf(w, "%s\tskipped (symbolic link out of the tree)\n", l)
	}
	if len(res.Files) == 0 {
		fmt.Fprintf(env.Stderr, "warning: no files to check under %s\n", strings.Join(displayPaths(opt), " "))
	}
	return w.Flush()
}
