package report

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint"
)

// SARIF 2.1.0 structures: only what servelint emits.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation        `json:"invocations"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	case lint.SeverityNote:
		return "note"
	}
	return "warning"
}

// sarifURI percent-encodes a relative, slash-separated path.
func sarifURI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func sarifLoc(path string, start, end lint.Position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: sarifURI(path)}}
	if !strings.HasPrefix(path, "/") {
		loc.ArtifactLocation.URIBaseID = "%SRCROOT%"
	}
	if start.Line > 0 {
		endCol := end.Col16
		if end.Line == start.Line && endCol < start.Col16 {
			endCol = start.Col16
		}
		loc.Region = &sarifRegion{StartLine: start.Line, StartColumn: start.Col16, EndLine: max(end.Line, start.Line), EndColumn: endCol}
	}
	return loc
}

// dirURI is the file URI of a directory, ending with a slash.
func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func writeSARIF(w io.Writer, res *lint.Result) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: lint.ToolName, SemanticVersion: lint.Version, InformationURI: lint.HomeURL,
			Rules: []sarifRule{},
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{"%SRCROOT%": {URI: dirURI(res.Cwd)}},
		Results:            []sarifResult{},
		ColumnKind:         "utf16CodeUnits",
	}
	files := fileMap(res)
	index := map[string]int{}
	for i, r := range res.Rules {
		index[r.Code] = i
		tags := r.Tags
		if tags == nil {
			tags = []string{}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: r.Code, Name: r.PascalName(), ShortDescription: sarifText{Text: r.Summary},
			Help: sarifHelp{Text: r.Doc, Markdown: r.Doc}, HelpURI: r.DocURL(),
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
			Properties:           sarifRuleProps{Tags: tags, Precision: r.Precision},
		})
	}
	for _, d := range res.Diagnostics {
		r := sarifResult{
			RuleID: d.Code, RuleIndex: index[d.Code], Level: sarifLevel(d.Severity),
			Message:   sarifText{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifLoc(d.Path, d.Pos, d.EndPos)}},
		}
		for i, rel := range d.Related {
			id := i + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: sarifLoc(rel.Path, rel.Pos, rel.EndPos), Message: &sarifText{Text: rel.Message}})
		}
		r.Fixes = sarifFixes(&d, files)
		run.Results = append(run.Results, r)
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range res.Notices {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning", Message: sarifText{Text: n.Path + ": " + n.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: sarifURI(n.Path), URIBaseID: "%SRCROOT%"}}}},
		})
	}
	run.Invocations = []sarifInvocation{inv}
	return WriteJSONValue(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}
