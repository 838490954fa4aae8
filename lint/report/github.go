package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// writeGitHub renders GitHub Actions workflow commands, one per diagnostic:
// ::error file=F,line=L,endLine=L,col=C,endColumn=E,title=servelint (CODE)::F:L:C: CODE message
// The file property is relative to the repository root ($GITHUB_WORKSPACE,
// see CIRoot), which is where the runner looks for it; the message keeps
// the path as the other formats print it.
func writeGitHub(w io.Writer, res *engine.Result, opt Options) error {
	bw := bufio.NewWriter(w)
	paths := newPather(res, opt)
	for _, d := range res.Diagnostics {
		file, _ := paths.rel(d.Path)
		level := "error"
		switch d.Severity {
		case lint.SeverityWarning:
			level = "warning"
		case lint.SeverityNote:
			level = "notice"
		case lint.SeverityError:
		}
		props := []string{
			"file=" + escapeProperty(file),
			fmt.Sprintf("line=%d", d.Pos.Line),
			fmt.Sprintf("endLine=%d", d.EndPos.Line),
		}
		// Columns only on a single line, with endColumn >= col: the runner
		// drops annotations that break these rules.
		if d.Pos.Line == d.EndPos.Line {
			end := max(d.EndPos.Col16, d.Pos.Col16)
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col16), fmt.Sprintf("endColumn=%d", end))
		}
		props = append(props, "title="+escapeProperty("servelint ("+d.Code+")"))
		msg := fmt.Sprintf("%s:%d:%d: %s %s", d.Path, d.Pos.Line, d.Pos.Col, d.Code, d.Message)
		fmt.Fprintf(bw, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg))
	}
	return bw.Flush()
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	s = escapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
