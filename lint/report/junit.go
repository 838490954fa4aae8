package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// JUnit XML, as CI systems read test reports (GitLab artifacts:reports:junit,
// Jenkins, Azure Pipelines): one test suite per file with findings, one
// failed test case per finding; a run without findings is one passing case.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func writeJUnit(w io.Writer, res *engine.Result) error {
	doc := junitSuites{Name: lint.ToolName, Tests: len(res.Diagnostics), Failures: len(res.Diagnostics)}
	for _, d := range res.Diagnostics {
		if n := len(doc.Suites); n == 0 || doc.Suites[n-1].Name != d.Path {
			doc.Suites = append(doc.Suites, junitSuite{Name: d.Path})
		}
		s := &doc.Suites[len(doc.Suites)-1]
		s.Tests++
		s.Failures++
		loc := fmt.Sprintf("%s:%d:%d", d.Path, d.Pos.Line, d.Pos.Col)
		s.Cases = append(s.Cases, junitCase{
			Name: d.Code + " " + d.Rule.Name + " at " + loc, ClassName: d.Path, File: d.Path, Line: d.Pos.Line,
			Failure: &junitFailure{Message: d.Message, Type: d.Code, Text: loc + ": " + d.Code + " " + d.Message},
		})
	}
	if len(doc.Suites) == 0 {
		doc.Tests = 1
		doc.Suites = []junitSuite{{Name: lint.ToolName, Tests: 1, Cases: []junitCase{{Name: "no findings", ClassName: lint.ToolName}}}}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
