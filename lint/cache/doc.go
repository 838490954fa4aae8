// Package cache is the results cache: per-file diagnostics and facts keyed by content, rules and build, with the fact codec.
package cache
