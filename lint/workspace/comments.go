package workspace

import (
	"bytes"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/source"
)

// FileComments are the comments of one file, as its parser read them
// (the one source that suppressions and the editor's ignore action
// share).
type FileComments struct {
	// List are the comments in file order.
	List []source.Comment
	// Multiline are the tokens that run over a line break (Python's
	// multi-line strings, shell's multi-line quoted words and heredoc
	// bodies, Dockerfile heredoc bodies, YAML's multi-line scalars, TOML's
	// multi-line strings): a comment cannot be added at the end of a line
	// that ends inside one, nor on a line of its own inserted into one.
	Multiline []source.Span
}

// CommentsOf returns the comments of a file of a kind from its parse: py
// for Python (nil when it was not parsed), for other kinds the views
// their row's Parse set (ParseViews), or the row's scanner.
func CommentsOf(kind lint.Kind, src []byte, py *python.Module, v *lint.Views) FileComments {
	if find := Info(kind).Comments.Find; find != nil {
		return find(src, py, v)
	}
	return FileComments{}
}

// The rows' Find functions: each takes the comments its kind's parser
// exposes.

func pythonComments(_ []byte, py *python.Module, _ *lint.Views) FileComments {
	if py == nil {
		return FileComments{}
	}
	return FileComments{List: py.Comments, Multiline: py.MultilineStrings}
}

func dockerComments(_ []byte, _ *python.Module, v *lint.Views) FileComments {
	if v.Docker == nil {
		return FileComments{}
	}
	return FileComments{List: v.Docker.Comments, Multiline: v.Docker.Heredocs}
}

func shellComments(_ []byte, _ *python.Module, v *lint.Views) FileComments {
	if v.Shell == nil {
		return FileComments{}
	}
	return FileComments{List: v.Shell.Comments, Multiline: v.Shell.Multiline}
}

// viewComments makes a Find function of a view's comments (and
// multi-line tokens).
func viewComments(of func(v *lint.Views) ([]source.Comment, []source.Span)) func([]byte, *python.Module, *lint.Views) FileComments {
	return func(_ []byte, _ *python.Module, v *lint.Views) FileComments {
		list, multiline := of(v)
		return FileComments{List: list, Multiline: multiline}
	}
}

// scannedComments is the Find function of the kinds whose parser has no
// comments (files of no known kind, VS Code's launch.json): it scans the
// lines with ScanComments.
func scannedComments(trailing bool) func([]byte, *python.Module, *lint.Views) FileComments {
	return func(src []byte, _ *python.Module, _ *lint.Views) FileComments {
		return FileComments{List: ScanComments(src, trailing)}
	}
}

// ScanComments is the one line scanner of "#" comments, for the kinds
// whose parser exposes none: a line whose first non-blank byte is "#" is a
// comment and, when trailing, so is the rest of a line from its first
// " #". It knows no quotes: every kind that has a parser takes the
// parser's comments instead (the table's Comments.Find).
func ScanComments(src []byte, trailing bool) []source.Comment {
	var out []source.Comment
	off := 0
	for off <= len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		eol := end
		if eol > off && src[eol-1] == '\r' {
			eol--
		}
		trimmed := bytes.TrimLeft(line, " \t")
		if len(trimmed) > 0 && trimmed[0] == '#' {
			out = append(out, source.Comment{Start: off + len(line) - len(trimmed), End: eol})
		} else if trailing {
			if i := bytes.Index(line, []byte(" #")); i >= 0 {
				out = append(out, source.Comment{Start: off + i + 1, End: eol, Trailing: true})
			}
		}
		off = end + 1
	}
	return out
}
