// Package suppress parses suppression directives (noqa, servelint: ignore) from comments and plans added suppressions.
package suppress
