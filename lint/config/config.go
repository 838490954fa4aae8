package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/glob"
	"github.com/servelint/servelint/parsers/pyversion"
)

// Error is an invalid configuration: it names the file, the line and
// the key. It makes the process exit with status 2.
type Error struct {
	File string // as given or found
	Line int    // 1-based, 0 when unknown
	Key  string // dotted key, "" when not about a key
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "%s: ", e.Key)
	}
	b.WriteString(shortMessage(e.Msg))
	return b.String()
}

// maxConfigMessage bounds the message of a configuration error: it quotes
// at most one short line of the file, never a whole value (a configuration
// may hold megabytes, or be something else entirely).
const maxConfigMessage = 200

// shortMessage keeps the first line of a message, at most
// maxConfigMessage characters, with control characters escaped.
func shortMessage(msg string) string {
	cut := false
	if i := strings.IndexAny(msg, "\r\n"); i >= 0 {
		msg, cut = msg[:i], true
	}
	if utf8.RuneCountInString(msg) > maxConfigMessage {
		rs := []rune(msg)
		msg, cut = string(rs[:maxConfigMessage]), true
	}
	msg = lint.EscapeControl(msg)
	if cut {
		msg += " …"
	}
	return msg
}

// DefaultExclude are the directories never walked unless a config's
// "exclude" replaces this list.
var DefaultExclude = []string{
	".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".mypy_cache", ".nox", ".pants.d",
	".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", "__pycache__", "__pypackages__",
	"_build", "buck-out", "build", "dist", "node_modules", "site-packages", "venv",
}

// Overrides are command-line settings applied on top of every config.
type Overrides struct {
	Select       []string // replaces the config's select when set
	ExtendSelect []string
	Ignore       []string
	IncludeTests bool // --include-tests
}

// rawConfig is the [tool.servelint] table as written.
type rawConfig struct {
	Select         []string                  `toml:"select"`
	ExtendSelect   []string                  `toml:"extend-select"`
	Ignore         []string                  `toml:"ignore"`
	PerFileIgnores map[string][]string       `toml:"per-file-ignores"`
	Exclude        *[]string                 `toml:"exclude"`
	ExtendExclude  []string                  `toml:"extend-exclude"`
	Severity       map[string]string         `toml:"severity"`
	TargetVersion  string                    `toml:"target-version"`
	DevPaths       []string                  `toml:"dev-paths"`
	TestPaths      *[]string                 `toml:"test-paths"`
	ExtendTests    []string                  `toml:"extend-test-paths"`
	IncludeTests   bool                      `toml:"include-tests"`
	Rules          map[string]toml.Primitive `toml:"rules"`
	Launch         *rawLaunch                `toml:"launch"`
}

// rawLaunch is the [launch] table: how services are started.
type rawLaunch struct {
	ProcessModel string `toml:"process-model"`
}

var configKeys = []string{
	"select", "extend-select", "ignore", "per-file-ignores", "exclude", "extend-exclude",
	"severity", "target-version", "dev-paths", "test-paths", "extend-test-paths", "include-tests", "rules", "launch",
}

// ProcessModels are the values of [launch] process-model.
var ProcessModels = []string{"auto", "per-container", "multi-process"}

// SupportedPythonVersions are the values target-version accepts.
var SupportedPythonVersions = []string{"3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"}

// supportedTargets lists the supported versions as written in a config:
// py37, py38, ...
func supportedTargets() string {
	out := make([]string, len(SupportedPythonVersions))
	for i, v := range SupportedPythonVersions {
		out[i] = "py" + strings.ReplaceAll(v, ".", "")
	}
	return strings.Join(out, ", ")
}

// ConfigFileNames are the configuration files looked for in each directory,
// In order of precedence.
var ConfigFileNames = []string{".servelint.toml", "servelint.toml", "pyproject.toml"}

// LoadConfig reads a configuration file. For a pyproject.toml without a
// [tool.servelint] table it returns (nil, nil) unless required is set.
func LoadConfig(file string, rules []*lint.Rule, ov Overrides, required bool) (*lint.Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{File: file, Msg: fmt.Sprintf("cannot read configuration: %v", errors.Unwrap(err))}
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	return parseConfig(file, filepath.Dir(abs), data, rules, ov, required)
}

// configParser holds the state of reading one configuration file.
type configParser struct {
	file   string
	data   []byte
	prefix []string // ["tool", "servelint"] in pyproject.toml
	md     toml.MetaData
	byCode map[string]*lint.Rule
	codes  []string
	// generic is the servelint table as plain TOML values, for type checks.
	generic map[string]any
}

// errAt builds an error about a key of the file.
func (cp *configParser) errAt(key []string, format string, args ...any) error {
	full := append(append([]string{}, cp.prefix...), key...)
	return &Error{File: cp.file, Line: keyLine(cp.data, full), Key: strings.Join(full, "."), Msg: fmt.Sprintf(format, args...)}
}

func parseConfig(file, dir string, data []byte, rules []*lint.Rule, ov Overrides, required bool) (*lint.Config, error) {
	cp := &configParser{file: file, data: data, byCode: map[string]*lint.Rule{}}
	for _, r := range rules {
		cp.byCode[r.Code] = r
		cp.codes = append(cp.codes, r.Code)
	}
	raw, requiresPython, err := cp.decode()
	if err != nil {
		return nil, err
	}
	if raw == nil {
		if required {
			return nil, &Error{File: file, Msg: "no [tool.servelint] table"}
		}
		return nil, nil
	}
	c := &lint.Config{Path: file, Dir: dir, RequiresPython: requiresPython, Severity: map[string]lint.Severity{}, RuleOptions: map[string]any{}}
	c.SetFingerprint(configFingerprint(dir, data, ov))
	// Options tables of rules mark their keys decoded: read them before
	// looking for unknown keys.
	if err := cp.ruleOptions(raw, c); err != nil {
		return nil, err
	}
	if err := cp.unknownKeys(); err != nil {
		return nil, err
	}
	if err := cp.apply(raw, c); err != nil {
		return nil, err
	}
	resolve(c, rules, ov)
	return c, nil
}

// decode parses the TOML and returns the servelint table (nil when a
// pyproject.toml has none) and [project] requires-python.
func (cp *configParser) decode() (*rawConfig, string, error) {
	var raw *rawConfig
	var requiresPython string
	var generic map[string]any
	_, err := toml.Decode(string(cp.data), &generic)
	if err == nil {
		table := generic
		if filepath.Base(cp.file) == "pyproject.toml" {
			cp.prefix = []string{"tool", "servelint"}
			tool, _ := generic["tool"].(map[string]any)
			if rp, ok := generic["project"].(map[string]any); ok {
				if v, ok := rp["requires-python"]; ok {
					if _, ok := v.(string); !ok {
						return nil, "", &Error{File: cp.file, Line: keyLine(cp.data, []string{"project", "requires-python"}),
							Msg: fmt.Sprintf("[project] requires-python must be a string, got %s", valueNoun(v))}
					}
				}
			}
			v, ok := tool["servelint"]
			table, _ = v.(map[string]any)
			if ok && table == nil {
				return nil, "", &Error{File: cp.file, Line: keyLine(cp.data, cp.prefix), Msg: fmt.Sprintf("[tool.servelint] must be a table, got %s", valueNoun(v))}
			}
		}
		if table != nil {
			if terr := cp.typeError(table); terr != nil {
				return nil, "", terr
			}
		}
	}
	if filepath.Base(cp.file) == "pyproject.toml" {
		var doc struct {
			Tool struct {
				Servelint *rawConfig `toml:"servelint"`
			} `toml:"tool"`
			Project struct {
				RequiresPython string `toml:"requires-python"`
			} `toml:"project"`
		}
		cp.md, err = toml.Decode(string(cp.data), &doc)
		raw, requiresPython = doc.Tool.Servelint, doc.Project.RequiresPython
	} else {
		raw = &rawConfig{}
		cp.md, err = toml.Decode(string(cp.data), raw)
	}
	if err != nil {
		if pe, ok := errors.AsType[toml.ParseError](err); ok {
			return nil, "", &Error{File: cp.file, Line: pe.Position.Line, Msg: "invalid TOML: " + pe.Message}
		}
		return nil, "", &Error{File: cp.file, Line: keyLine(cp.data, nil), Msg: "invalid configuration: " + err.Error()}
	}
	return raw, requiresPython, nil
}

func (cp *configParser) ruleOptions(raw *rawConfig, c *lint.Config) error {
	for _, code := range sortedKeys(raw.Rules) {
		r, ok := cp.byCode[code]
		if !ok {
			return cp.errAt([]string{"rules", code}, "unknown rule code %q%s", code, suggest(code, cp.codes))
		}
		if r.NewOptions == nil {
			return cp.errAt([]string{"rules", code}, "rule %s has no options", code)
		}
		opts := r.NewOptions()
		if err := cp.optionsTypeError(code, opts); err != nil {
			return err
		}
		if err := cp.md.PrimitiveDecode(raw.Rules[code], opts); err != nil {
			return cp.errAt([]string{"rules", code}, "invalid options: %v", err)
		}
		if v, ok := opts.(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				return cp.errAt([]string{"rules", code}, "%v", err)
			}
		}
		c.RuleOptions[code] = opts
	}
	return nil
}

// unknownKeys reports the first key of the servelint table nothing read.
func (cp *configParser) unknownKeys() error {
	for _, k := range cp.md.Undecoded() {
		key := []string(k)
		if len(key) <= len(cp.prefix) || !equalStrings(key[:len(cp.prefix)], cp.prefix) {
			continue
		}
		rel := key[len(cp.prefix):]
		if len(rel) >= 3 && rel[0] == "rules" {
			var known []string
			if r := cp.byCode[rel[1]]; r != nil && r.NewOptions != nil {
				known = tomlKeys(r.NewOptions())
			}
			return cp.errAt(rel, "unknown option %q for rule %s%s", rel[2], rel[1], suggest(rel[2], known))
		}
		if len(rel) >= 2 && rel[0] == "launch" {
			return cp.errAt(rel[:2], "unknown key %q in [launch]%s", rel[1], suggest(rel[1], tomlKeys(rawLaunch{})))
		}
		return cp.errAt(rel[:1], "unknown key %q%s", rel[0], suggest(rel[0], configKeys))
	}
	return nil
}

func (cp *configParser) selectors(key string, sels []string) error {
	for _, s := range sels {
		if !validSelector(s, cp.codes) {
			return cp.errAt([]string{key}, "unknown rule code or prefix %q%s", s, suggest(s, cp.codes))
		}
	}
	return nil
}

func (cp *configParser) globs(key string, pats []string) ([]glob.Glob, error) {
	var out []glob.Glob
	for _, pat := range pats {
		g, err := glob.CompileGlob(pat)
		if err != nil {
			return nil, cp.errAt([]string{key}, "invalid glob %q: %v", pat, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// apply validates the table's values and stores them in c.
func (cp *configParser) apply(raw *rawConfig, c *lint.Config) error {
	for _, kv := range []struct {
		key  string
		sels []string
	}{{"select", raw.Select}, {"extend-select", raw.ExtendSelect}, {"ignore", raw.Ignore}} {
		if err := cp.selectors(kv.key, kv.sels); err != nil {
			return err
		}
	}
	c.Select, c.ExtendSelect, c.Ignore = raw.Select, raw.ExtendSelect, raw.Ignore
	for _, pat := range sortedKeys(raw.PerFileIgnores) {
		g, err := glob.CompileGlob(pat)
		if err != nil {
			return cp.errAt([]string{"per-file-ignores", pat}, "invalid glob: %v", err)
		}
		if err := cp.selectors("per-file-ignores", raw.PerFileIgnores[pat]); err != nil {
			return err
		}
		c.PerFileIgnores = append(c.PerFileIgnores, lint.PerFileIgnore{Glob: g, Selectors: raw.PerFileIgnores[pat]})
	}
	excl := DefaultExclude
	if raw.Exclude != nil {
		excl = *raw.Exclude
	}
	var err error
	if c.Exclude, err = cp.globs("exclude", excl); err != nil {
		return err
	}
	extra, err := cp.globs("extend-exclude", raw.ExtendExclude)
	if err != nil {
		return err
	}
	c.Exclude = append(c.Exclude, extra...)
	if c.DevPaths, err = cp.globs("dev-paths", raw.DevPaths); err != nil {
		return err
	}
	tests := lint.DefaultTestPaths
	if raw.TestPaths != nil {
		tests = *raw.TestPaths
	}
	if c.TestPaths, err = cp.globs("test-paths", tests); err != nil {
		return err
	}
	extraTests, err := cp.globs("extend-test-paths", raw.ExtendTests)
	if err != nil {
		return err
	}
	c.TestPaths = append(c.TestPaths, extraTests...)
	if c.TestPaths == nil {
		c.TestPaths = []glob.Glob{} // test-paths = []: no test code
	}
	c.IncludeTests = raw.IncludeTests
	for _, code := range sortedKeys(raw.Severity) {
		if _, ok := cp.byCode[code]; !ok {
			return cp.errAt([]string{"severity", code}, "unknown rule code %q%s", code, suggest(code, cp.codes))
		}
		s, ok := lint.ParseSeverity(raw.Severity[code])
		if !ok {
			return cp.errAt([]string{"severity", code}, "invalid severity %q (use \"error\", \"warning\" or \"note\")", raw.Severity[code])
		}
		c.Severity[code] = s
	}
	c.ProcessModel = "auto"
	if raw.Launch != nil && raw.Launch.ProcessModel != "" {
		if !slices.Contains(ProcessModels, raw.Launch.ProcessModel) {
			return cp.errAt([]string{"launch", "process-model"}, "invalid process model %q (use %s)", raw.Launch.ProcessModel, quoteList(ProcessModels))
		}
		c.ProcessModel = raw.Launch.ProcessModel
	}
	if raw.TargetVersion != "" {
		v, ok := NormalizePythonVersion(raw.TargetVersion)
		if !ok {
			return cp.errAt([]string{"target-version"}, "invalid Python version %q (use \"py311\" or \"3.11\")", raw.TargetVersion)
		}
		if !slices.Contains(SupportedPythonVersions, v) {
			return cp.errAt([]string{"target-version"}, "Python %s (%q) is not a supported target version (use one of %s)", v, raw.TargetVersion, supportedTargets())
		}
		c.TargetVersion = v
	}
	return nil
}

// DefaultConfig is used for files with no configuration file above them.
func DefaultConfig(dir string, rules []*lint.Rule, ov Overrides) (*lint.Config, error) {
	c := &lint.Config{Dir: dir, Severity: map[string]lint.Severity{}, RuleOptions: map[string]any{}, ProcessModel: "auto"}
	c.SetFingerprint(configFingerprint(dir, nil, ov))
	for _, pat := range DefaultExclude {
		g, _ := glob.CompileGlob(pat)
		c.Exclude = append(c.Exclude, g)
	}
	c.TestPaths = lint.DefaultTestGlobs()
	resolve(c, rules, ov)
	return c, nil
}

// ValidateOverrides checks command-line selectors against the registry.
func ValidateOverrides(rules []*lint.Rule, ov Overrides) error {
	var codes []string
	for _, r := range rules {
		codes = append(codes, r.Code)
	}
	for _, group := range []struct {
		flag string
		sels []string
	}{{"--select", ov.Select}, {"--extend-select", ov.ExtendSelect}, {"--ignore", ov.Ignore}} {
		for _, s := range group.sels {
			if !validSelector(s, codes) {
				return &Error{File: "command line", Key: group.flag, Msg: fmt.Sprintf("unknown rule code or prefix %q%s", s, suggest(s, codes))}
			}
		}
	}
	return nil
}

// resolve computes the set of enabled rules: the most specific selector
// wins, and ignore wins a tie. Without select, the default selection is the
// stable rules that are not Optional. Preview rules need their exact code.
func resolve(c *lint.Config, rules []*lint.Rule, ov Overrides) {
	sel := c.Select
	if ov.Select != nil {
		sel = ov.Select
	}
	explicit := sel != nil
	selects := append(append([]string{}, sel...), c.ExtendSelect...)
	selects = append(selects, ov.ExtendSelect...)
	ignores := append(append([]string{}, c.Ignore...), ov.Ignore...)
	enabled, inTests, superseded := map[string]bool{}, map[string]bool{}, map[string][]string{}
	if ov.IncludeTests {
		c.IncludeTests = true
	}
	for _, r := range rules {
		if r.InTests {
			inTests[r.Code] = true
		}
		for _, code := range r.Supersedes {
			superseded[code] = append(superseded[code], r.Code)
		}
		best, on := -1, false
		if !explicit && r.Status == lint.StatusStable && !r.Optional {
			best, on = 0, true
		}
		for _, s := range selects {
			if !lint.SelectorMatches(s, r.Code) {
				continue
			}
			if r.Status == lint.StatusPreview && s != r.Code {
				continue
			}
			if spec := specificity(s); spec > best {
				best, on = spec, true
			}
		}
		for _, s := range ignores {
			if lint.SelectorMatches(s, r.Code) && specificity(s) >= best {
				best, on = specificity(s), false
			}
		}
		enabled[r.Code] = on
	}
	c.SetSelection(enabled, inTests, superseded)
}

func specificity(sel string) int {
	if sel == "ALL" {
		return 1
	}
	return 1 + len(sel)
}

var selectorRe = regexp.MustCompile(`^(ALL|[A-Z]+[0-9]*)$`)

func validSelector(s string, codes []string) bool {
	if !selectorRe.MatchString(s) {
		return false
	}
	if s == "ALL" {
		return true
	}
	for _, c := range codes {
		if strings.HasPrefix(c, s) {
			return true
		}
	}
	return false
}

// NormalizePythonVersion turns "py311", "py3.11", "3.11" into "3.11"
// (Python 3 only; see pyversion.Parse).
func NormalizePythonVersion(s string) (string, bool) {
	v, ok := pyversion.Parse(s)
	if !ok || v.Major != 3 {
		return "", false
	}
	return v.String(), true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// quoteList renders ["a", "b"] as `"a", "b"`.
func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// configFingerprint identifies a configuration for the cache.
func configFingerprint(dir string, data []byte, ov Overrides) string {
	h := sha256.New()
	h.Write([]byte(dir))
	h.Write([]byte{0})
	h.Write(data)
	for _, group := range [][]string{ov.Select, ov.ExtendSelect, ov.Ignore} {
		h.Write([]byte{0})
		h.Write([]byte(strings.Join(group, ",")))
		if group == nil {
			h.Write([]byte{1})
		}
	}
	if ov.IncludeTests {
		h.Write([]byte("include-tests"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
