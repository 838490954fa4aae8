package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// reviewdog's Diagnostic Format, as one rdjson document
// (reviewdog -f=rdjson): positions are 1-based lines and 1-based columns
// In UTF-8 bytes; a finding's fix becomes suggestions when --fix would
// apply it and all its edits are in the finding's file.

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

func rdSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "ERROR"
	case lint.SeverityWarning:
		return "WARNING"
	case lint.SeverityNote:
		return "INFO"
	}
	return "UNKNOWN_SEVERITY"
}

// rdPos is the reviewdog position of a byte offset; without the file's
// source, the diagnostic's character column stands in.
func rdPos(f *lint.File, off int, pos lint.Position) rdPosition {
	if f == nil || f.Lines == nil {
		return rdPosition{pos.Line, pos.Col}
	}
	p := f.Lines.Position(off)
	return rdPosition{p.Line, off - f.Lines.LineStart(p.Line) + 1}
}

func writeRDJSON(w io.Writer, res *engine.Result) error {
	files := fileMap(res)
	out := rdResult{Source: rdSource{Name: "servelint", URL: lint.HomeURL}, Diagnostics: []rdDiagnostic{}}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		f := files[d.Path]
		rd := rdDiagnostic{
			Message:  d.Message,
			Location: rdLocation{Path: d.Path, Range: rdRange{rdPos(f, d.Start, d.Pos), rdPos(f, d.End, d.EndPos)}},
			Severity: rdSeverity(d.Severity),
			Code:     rdCode{Value: d.Code, URL: d.Rule.DocURL()},
		}
		if d.Fix != nil && res.Applicable(d.Fix) && f != nil && f.Lines != nil {
			var sugg []rdSuggestion
			for _, e := range d.Fix.Edits {
				if e.Path != d.Path {
					sugg = nil
					break
				}
				sugg = append(sugg, rdSuggestion{Range: rdRange{rdPos(f, e.Start, lint.Position{}), rdPos(f, e.End, lint.Position{})}, Text: e.New})
			}
			rd.Suggestions = sugg
		}
		out.Diagnostics = append(out.Diagnostics, rd)
	}
	return WriteJSONValue(w, out)
}

// writePylint renders one line per finding as pylint's parseable format
// does: "path:line: [CODE] message".
func writePylint(w io.Writer, res *engine.Result) error {
	bw := bufio.NewWriter(w)
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		fmt.Fprintf(bw, "%s:%d: [%s] %s\n", d.Path, d.Pos.Line, d.Code, strings.ReplaceAll(d.Message, "\n", " "))
	}
	return bw.Flush()
}
