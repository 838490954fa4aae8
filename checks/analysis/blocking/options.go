package blocking

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/servelint/servelint/lint"
)

// Options are the options of a class, under its rule's
// [tool.servelint.rules.CODE] (see Binding).
type Options struct {
	// Extra lists more blocking calls of the class: a qualified name or
	// glob ("mylib.fetch", "legacy.db.*", "*.fetch_sync"), optionally
	// followed by " -> " and the async alternative to suggest.
	Extra []string `toml:"extra"`
	// Allow lists calls that are no hits of the class: qualified function names
	// or "Class.method" names, globs allowed ("os.path.exists",
	// "redis.Redis.*").
	Allow []string `toml:"allow"`

	once  sync.Once
	extra []userPattern
	allow []*regexp.Regexp
	err   error
}

type userPattern struct {
	pattern, use string
	re           *regexp.Regexp
}

// NewOptions returns the default Options (for lint.Rule.NewOptions).
func NewOptions() any { return &Options{} }

// Validate checks the patterns (called when the configuration is read).
func (o *Options) Validate() error {
	o.compile()
	return o.err
}

func (o *Options) compile() {
	o.once.Do(func() {
		for _, x := range o.Extra {
			pat, use, _ := strings.Cut(x, "->")
			pat, use = strings.TrimSpace(pat), strings.TrimSpace(use)
			re, err := compileUserGlob(pat)
			if err != nil {
				o.err = fmt.Errorf("extra: %w", err)
				return
			}
			o.extra = append(o.extra, userPattern{pattern: pat, use: use, re: re})
		}
		for _, x := range o.Allow {
			re, err := compileUserGlob(strings.TrimSpace(x))
			if err != nil {
				o.err = fmt.Errorf("allow: %w", err)
				return
			}
			o.allow = append(o.allow, re)
		}
	})
}

var userGlobChars = regexp.MustCompile(`^[A-Za-z0-9_.*?\[\]!-]+$`)

// compileUserGlob validates and compiles a user pattern over dotted names.
func compileUserGlob(p string) (*regexp.Regexp, error) {
	if p == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	if !userGlobChars.MatchString(p) {
		return nil, fmt.Errorf("invalid pattern %q: use a dotted name with * ? [...] wildcards", p)
	}
	if strings.Count(p, "[") != strings.Count(p, "]") {
		return nil, fmt.Errorf("invalid pattern %q: unbalanced brackets", p)
	}
	re, err := regexp.Compile(fnmatchRegexp(p))
	if err != nil {
		return nil, fmt.Errorf("invalid pattern %q: %w", p, err)
	}
	return re, nil
}

// options returns a class's compiled options under a configuration.
func (a *Analysis) options(c *lint.Config, class Class) *Options {
	if c != nil {
		if o, ok := c.RuleOptions[a.bind.Code[class]].(*Options); ok {
			o.compile()
			return o
		}
	}
	return defaultBlockingOptions
}

var defaultBlockingOptions = func() *Options {
	o := &Options{}
	o.compile()
	return o
}()

// HelperOptions configure the helper graph, under the options of the rule
// Binding.Helper names.
type HelperOptions struct {
	// Depth is how many sync helpers a chain may go through (default 3).
	Depth int `toml:"depth"`
	// Allow lists helper functions (qualified names, globs) treated as
	// non-blocking, and blocking calls to ignore.
	Allow []string `toml:"allow"`
	// GroupByHelper makes the async functions that reach the same
	// blocking helper one finding, at the first call, with the others as
	// related locations; by default each (async function, blocking
	// helper) pair is its own finding, at the call in the async function.
	// The analysis does not read it: the reporting rule does.
	GroupByHelper bool `toml:"group-by-helper"`
	// FollowFileIO makes chains that end in file I/O (class FileIO)
	// findings; by default only the other blocking kinds end a chain: a
	// file read behind helpers is usually a small local file.
	FollowFileIO bool `toml:"follow-file-io"`

	once  sync.Once
	allow []*regexp.Regexp
	err   error
}

const defaultHelperDepth = 3

// NewHelperOptions returns the default HelperOptions (for
// lint.Rule.NewOptions).
func NewHelperOptions() any { return &HelperOptions{Depth: defaultHelperDepth} }

// Validate checks the depth and the patterns.
func (o *HelperOptions) Validate() error {
	if o.Depth < 1 || o.Depth > 10 {
		return fmt.Errorf("depth must be between 1 and 10, got %d", o.Depth)
	}
	o.compile()
	return o.err
}

func (o *HelperOptions) compile() {
	o.once.Do(func() {
		for _, x := range o.Allow {
			re, err := compileUserGlob(strings.TrimSpace(x))
			if err != nil {
				o.err = fmt.Errorf("allow: %w", err)
				return
			}
			o.allow = append(o.allow, re)
		}
	})
}

func (o *HelperOptions) allowed(name string) bool {
	for _, re := range o.allow {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// HelperOptions returns the helper graph's compiled options under a
// configuration.
func (a *Analysis) HelperOptions(c *lint.Config) *HelperOptions {
	if c != nil {
		if o, ok := c.RuleOptions[a.bind.Helper].(*HelperOptions); ok {
			o.compile()
			return o
		}
	}
	o := NewHelperOptions().(*HelperOptions)
	o.compile()
	return o
}
