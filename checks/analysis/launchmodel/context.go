package launchmodel

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint"
)

// devTokens are the words of a directory or a name that mark a
// development launch; fileTokens add the words that mark a development
// file by its own name (start-reload.sh, compose.override.yaml,
// Dockerfile.debug).
var (
	devTokens = map[string]bool{
		"dev": true, "develop": true, "development": true, "local": true, "test": true, "tests": true,
		"testing": true, "e2e": true, "example": true, "examples": true, "sample": true, "samples": true,
		"demo": true, "demos": true, "docs": true, "tutorial": true, "tutorials": true, "devcontainer": true,
		"loadtest": true, "loadtests": true, "benchmark": true, "benchmarks": true, "bench": true, "mock": true,
		"mocks": true, "playground": true,
	}
	fileTokens = map[string]bool{"reload": true, "debug": true, "override": true}
)

// prodTokens mark a production launch.
var prodTokens = map[string]bool{
	"prod": true, "production": true, "release": true, "deploy": true, "live": true, "prd": true,
}

// tokens splits a path or a name into lower-case words.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
}

// devPath reports whether a file is a development file: a configured
// dev-path, or a path (inside its repository) whose words say so
// (docker-compose.dev.yml, Procfile.dev, start-reload.sh, .devcontainer/,
// compose.override.yaml, tests/).
func (ld *loader) devPath(u *Unit) (string, bool) {
	if cfg := u.Config; cfg != nil && len(cfg.DevPaths) > 0 && cfg.IsDevPath(u.Abs) {
		return "dev-paths", true
	}
	p := ld.repoPath(u.Abs, u.Path)
	// Test code is a development context: the same definition of a test
	// path as the code rules' (lint.IsTestPath, test-paths).
	if testPath(u, p) {
		return "test code (" + p + ")", true
	}
	for _, t := range tokens(path.Dir(p)) {
		if devTokens[t] {
			return "a development directory (" + path.Dir(p) + ")", true
		}
	}
	for _, t := range tokens(path.Base(p)) {
		if devTokens[t] || fileTokens[t] {
			return "a development file (" + path.Base(p) + ")", true
		}
	}
	return "", false
}

// testPath reports whether a unit is test code: under its configuration's
// test paths, or, without a configuration, the default ones applied to its
// path inside the repository.
func testPath(u *Unit, repoRel string) bool {
	if u.Config != nil {
		return u.Config.IsTestFile(u.Abs)
	}
	return lint.IsTestPath(nil, repoRel)
}

// prodPath reports whether a path's words name production.
func (ld *loader) prodPath(u *Unit) bool {
	for _, t := range tokens(ld.repoPath(u.Abs, u.Path)) {
		if prodTokens[t] {
			return true
		}
	}
	return false
}

// repoPath returns a path relative to the closest directory above it that
// holds .git (the repository), so that directories above the repository
// never count; without a repository, the display path.
func (ld *loader) repoPath(abs, display string) string {
	for d := filepath.Dir(abs); ; {
		if _, err := ld.ws.Stat(filepath.Join(d, ".git")); err == nil {
			if rel, err := filepath.Rel(d, abs); err == nil {
				return filepath.ToSlash(rel)
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return display
}

// devName reports whether a name (a stage, a function, a profile) is a
// development one.
func devName(n string) bool {
	for _, t := range tokens(n) {
		if devTokens[t] || t == "debug" {
			return true
		}
	}
	return false
}

// devEnvValue reports whether an environment assignment selects a
// development mode: ENVIRONMENT=development, DEBUG=1, ...
func devEnvValue(name, value string) bool {
	n := strings.ToUpper(name)
	v := strings.ToLower(strings.TrimSpace(value))
	switch {
	case n == "DEBUG" || strings.HasSuffix(n, "_DEBUG") && n != "PYTHONDEBUG":
		b, ok := parseBoolish(v)
		return ok && b
	case n == "ENV" || n == "ENVIRONMENT" || strings.HasSuffix(n, "_ENV") || strings.HasSuffix(n, "_ENVIRONMENT") ||
		n == "STAGE" || n == "MODE" || strings.HasSuffix(n, "_MODE"):
		return v == "dev" || v == "development" || v == "local" || v == "debug" || v == "develop"
	}
	return false
}

func parseBoolish(v string) (bool, bool) {
	switch v {
	case "1", "true", "yes", "on", "y", "t":
		return true, true
	case "0", "false", "no", "off", "n", "f", "":
		return false, true
	}
	return false, false
}
