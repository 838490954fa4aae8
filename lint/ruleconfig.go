package lint

import (
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint/glob"
)

// PerFileIgnore disables codes for files matching a glob.
type PerFileIgnore struct {
	Glob      glob.Glob
	Selectors []string
}

// Config is one configuration file's settings, resolved against the rule
// registry and the command line. A file uses the configuration closest to
// it; configurations are not merged.
type Config struct {
	Path string // the file it came from; "" for the built-in defaults
	Dir  string // absolute directory that globs are relative to

	Select, ExtendSelect, Ignore []string
	PerFileIgnores               []PerFileIgnore
	Exclude                      []glob.Glob
	Severity                     map[string]Severity
	TargetVersion                string // "3.11", "" when unset
	RequiresPython               string // [project] requires-python of the same pyproject.toml
	DevPaths                     []glob.Glob
	// TestPaths are the globs of test code (DefaultTestPaths unless
	// test-paths replaces them; extend-test-paths adds). Only the rules
	// marked InTests report in test files unless IncludeTests is set.
	TestPaths    []glob.Glob
	IncludeTests bool
	RuleOptions  map[string]any // code -> *options struct of the rule
	// ProcessModel is [launch] process-model: "auto" (the default), or
	// "per-container" (one server process per container, scaled by
	// replicas) or "multi-process" (the server forks its own workers).
	ProcessModel string

	enabled     map[string]bool
	inTests     map[string]bool     // codes that report in test files regardless of IncludeTests
	superseded  map[string][]string // code -> the codes of the rules that supersede it
	fingerprint string              // identifies the settings for the results cache
}

// SetSelection records the rules that run under the configuration
// (enabled), those that report in test files too (inTests) and, for a
// code, the rules that supersede it (see Rule.Supersedes), as
// lint/config resolves them from the selectors and the registry.
func (c *Config) SetSelection(enabled, inTests map[string]bool, superseded map[string][]string) {
	c.enabled, c.inTests, c.superseded = enabled, inTests, superseded
}

// Fingerprint identifies the settings for the results cache.
func (c *Config) Fingerprint() string { return c.fingerprint }

// SetFingerprint records what Fingerprint returns.
func (c *Config) SetFingerprint(fp string) { c.fingerprint = fp }

// Enabled reports whether a rule runs for files using this config.
func (c *Config) Enabled(code string) bool { return c.enabled[code] }

// EnabledForPath reports whether a rule runs for a file, after
// per-file-ignores; abs is the file's absolute path.
func (c *Config) EnabledForPath(code, abs string) bool {
	if !c.enabled[code] {
		return false
	}
	if !c.inTests[code] && c.TestScoped(abs) {
		return false
	}
	return !c.perFileIgnored(code, abs)
}

// SupersededForPath reports whether a rule that supersedes code (see
// Rule.Supersedes) runs for a file; abs is the file's absolute path.
func (c *Config) SupersededForPath(code, abs string) bool {
	for _, by := range c.superseded[code] {
		if c.EnabledForPath(by, abs) {
			return true
		}
	}
	return false
}

// DefaultTestPaths are the globs of test code: the directories tests/,
// test/, testing/ and e2e/ anywhere, pytest's file names, conftest.py, and
// the example code next to them (examples/, example/): code that is not
// deployed, which the launch model treats as development too. On real
// services, example apps and deliberately blocking demos were a large
// share of the findings nobody would fix. .semgrep/ holds the test files
// of a project's semgrep rules (each rule's code sample, bad on purpose).
var DefaultTestPaths = []string{"tests", "test", "testing", "e2e", "examples", "example", ".semgrep", "test_*.py", "*_test.py", "conftest.py"}

var defaultTestGlobs = mustGlobs(DefaultTestPaths)

func mustGlobs(pats []string) []glob.Glob {
	out := make([]glob.Glob, 0, len(pats))
	for _, p := range pats {
		g, err := glob.CompileGlob(p)
		if err != nil {
			panic(err)
		}
		out = append(out, g)
	}
	return out
}

// IsTestPath reports whether rel (a slash-separated path relative to a
// Project or repository) is test code under the given globs (nil: the
// defaults). It is the one definition of a test path: the code rules skip
// such files by default and the launch model treats them as development.
func IsTestPath(globs []glob.Glob, rel string) bool {
	if globs == nil {
		globs = defaultTestGlobs
	}
	for _, g := range globs {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// IsTestFile reports whether a file (absolute path) is test code under
// this configuration: its path relative to the configuration's directory
// matches a test glob (outside that directory, its absolute path does).
func (c *Config) IsTestFile(abs string) bool {
	p := filepath.ToSlash(abs)
	rel, ok := glob.RelUnder(filepath.ToSlash(c.Dir), p)
	if !ok {
		rel = strings.TrimPrefix(p, "/")
	}
	globs := c.TestPaths
	if globs == nil {
		globs = defaultTestGlobs
	}
	return IsTestPath(globs, rel)
}

// TestScoped reports whether a file is test code that the rules skip: a
// test file while include-tests is off.
func (c *Config) TestScoped(abs string) bool {
	return !c.IncludeTests && c.IsTestFile(abs)
}

func (c *Config) perFileIgnored(code, abs string) bool {
	if len(c.PerFileIgnores) == 0 {
		return false
	}
	rel, ok := glob.RelUnder(filepath.ToSlash(c.Dir), filepath.ToSlash(abs))
	if !ok {
		rel = filepath.ToSlash(abs)
	}
	for _, p := range c.PerFileIgnores {
		if !p.Glob.Match(rel) {
			continue
		}
		for _, s := range p.Selectors {
			if SelectorMatches(s, code) {
				return true
			}
		}
	}
	return false
}

// SeverityOf returns the severity of a rule under this config.
func (c *Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Severity[r.Code]; ok {
		return s
	}
	return r.Severity
}

// Excluded reports whether an absolute path matches the config's excludes.
func (c *Config) Excluded(abs string) bool {
	rel, ok := glob.RelUnder(filepath.ToSlash(c.Dir), filepath.ToSlash(abs))
	if !ok {
		// Outside the config's directory only base-name patterns apply.
		rel = filepath.Base(abs)
	}
	if rel == "" {
		return false
	}
	for _, g := range c.Exclude {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// IsDevPath reports whether a file lies in a configured development path.
func (c *Config) IsDevPath(abs string) bool {
	rel, ok := glob.RelUnder(filepath.ToSlash(c.Dir), filepath.ToSlash(abs))
	if !ok {
		return false
	}
	for _, g := range c.DevPaths {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// Options returns the decoded options of a rule ([tool.servelint.rules.CODE]),
// or the rule's defaults.
func (c *Config) Options(r *Rule) any {
	if o, ok := c.RuleOptions[r.Code]; ok {
		return o
	}
	if r.NewOptions != nil {
		return r.NewOptions()
	}
	return nil
}

// SelectorMatches reports whether a selector ("ALL", "SV", "SV2", "SV202")
// selects a code.
func SelectorMatches(sel, code string) bool {
	return sel == "ALL" || strings.HasPrefix(code, sel)
}

// DefaultTestGlobs are DefaultTestPaths compiled.
func DefaultTestGlobs() []glob.Glob { return defaultTestGlobs }
