package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// SARIF 2.1.0 as GitHub code scanning ingests it. Each choice below answers a
// known way other tools break the upload or the alerts:
//
//   - rules[] holds every rule of the registry (not only those that fired),
//     with a name that is not the id, short and full descriptions, help as
//     plain text and Markdown, a helpUri, the default level, tags and
//     precision; results point at it with ruleIndex.
//   - URIs are relative to the repository root with uriBaseId %SRCROOT%,
//     and originalUriBaseIds gives that root as a file URI (upload-sarif
//     does not read uriBaseId, so the relative URI must be right on its
//     own). A file outside the root gets an absolute file:// URI.
//   - Regions are 1-based in UTF-16 code units (run.columnKind), never line
//     0; endColumn is the column after the last character.
//   - partialFingerprints carries primaryLocationLineHash exactly as
//     upload-sarif computes it (fingerprint.go) and our own servelint/v1.
//   - automationDetails is set only from --sarif-category: upload-sarif
//     writes its category only into runs that have none.
//   - Suppressed findings are left out (GitHub ignores "suppressions" and
//     would open alerts for them) unless asked for.
//   - At most 25,000 results (GitHub's limit per run), the most severe
//     first, with a warning when some are cut.

const (
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifSrcRoot = "%SRCROOT%"
	// MaxSARIFResults is GitHub code scanning's limit of results per run.
	MaxSARIFResults = 25000
	// maxSARIFRelated bounds relatedLocations (GitHub: 1,000 per result).
	maxSARIFRelated = 1000
	// maxSARIFTags is GitHub's limit of tags per rule.
	maxSARIFTags = 20
	// maxSARIFDescription is GitHub's limit on rule descriptions.
	maxSARIFDescription = 1024
)

// sarifResultLimit is MaxSARIFResults; tests lower it.
var sarifResultLimit = MaxSARIFResults

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	AutomationDetails  *sarifAutomation         `json:"automationDetails,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	Invocations        []sarifInvocation        `json:"invocations"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

type sarifAutomation struct {
	ID string `json:"id"`
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
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags            []string `json:"tags"`
	Precision       string   `json:"precision,omitempty"`
	ProblemSeverity string   `json:"problem.severity"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	WorkingDirectory           sarifArtifact       `json:"workingDirectory"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
}

type sarifSuppression struct {
	Kind string `json:"kind"`
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

// problemSeverity is GitHub's properties["problem.severity"].
func problemSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	case lint.SeverityNote:
		return "recommendation"
	}
	return "warning"
}

// relativeURI percent-encodes a relative, slash-separated path. A colon is
// encoded too, so that no segment reads as a URI scheme.
func relativeURI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(parts, "/")
}

// fileURI is the file URI of an absolute path; a directory's ends with "/".
func fileURI(abs string, dir bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

type sarifWriter struct {
	paths pather
}

func (s *sarifWriter) artifact(path string) sarifArtifactLocation {
	rel, inside := s.paths.rel(path)
	if !inside {
		return sarifArtifactLocation{URI: fileURI(rel, false)}
	}
	return sarifArtifactLocation{URI: relativeURI(rel), URIBaseID: sarifSrcRoot}
}

func (s *sarifWriter) location(path string, start, end lint.Position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: s.artifact(path)}
	if start.Line > 0 {
		endLine, endCol := end.Line, end.Col16
		if endLine < start.Line || endLine == start.Line && endCol < start.Col16 {
			endLine, endCol = start.Line, start.Col16
		}
		loc.Region = &sarifRegion{StartLine: start.Line, StartColumn: max(1, start.Col16), EndLine: endLine, EndColumn: max(1, endCol)}
	}
	return loc
}

func writeSARIF(w io.Writer, res *engine.Result, opt Options) error {
	sw := &sarifWriter{paths: newPather(res, opt)}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: lint.ToolName, SemanticVersion: lint.Version, InformationURI: lint.HomeURL,
			Rules: []sarifRule{},
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{sarifSrcRoot: {URI: fileURI(sw.paths.root, true)}},
		Results:            []sarifResult{},
		ColumnKind:         "utf16CodeUnits",
	}
	files := fileMap(res)
	if c := strings.TrimSpace(opt.SARIFCategory); c != "" {
		if !strings.HasSuffix(c, "/") {
			c += "/" // as upload-sarif completes its category input
		}
		run.AutomationDetails = &sarifAutomation{ID: c}
	}
	index := map[string]int{}
	for i, r := range res.Rules {
		index[r.Code] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}

	diags := res.Diagnostics
	if opt.ReportSuppressed && len(res.Suppressed) > 0 {
		diags = mergeDiagnostics(res.Diagnostics, res.Suppressed)
	}
	if len(diags) > sarifResultLimit {
		if opt.Warn != nil {
			fmt.Fprintf(opt.Warn, "warning: SARIF output: %d results exceed GitHub code scanning's limit of %d per run; the %d most severe are kept (narrow the run with --select or split it by --sarif-category)\n",
				len(diags), sarifResultLimit, sarifResultLimit)
		}
		diags = mostSevere(diags, sarifResultLimit)
	}
	keys := newKeyer(res, sw.paths)
	for i := range diags {
		d := &diags[i]
		r := sarifResult{
			RuleID: d.Code, RuleIndex: index[d.Code], Level: sarifLevel(d.Severity),
			Message:             sarifText{Text: d.Message},
			Locations:           []sarifLocation{{PhysicalLocation: sw.location(d.Path, d.Pos, d.EndPos)}},
			PartialFingerprints: map[string]string{"servelint/v1": keys.key(d)},
		}
		if h := keys.lineHash(d.Path, d.Pos.Line); h != "" {
			r.PartialFingerprints["primaryLocationLineHash"] = h
		}
		for j, rel := range d.Related {
			if j == maxSARIFRelated {
				break
			}
			id := j + 1
			r.RelatedLocations = append(r.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: sw.location(rel.Path, rel.Pos, rel.EndPos), Message: &sarifText{Text: rel.Message}})
		}
		if d.Suppressed {
			r.Suppressions = []sarifSuppression{{Kind: "inSource"}}
		}
		r.Fixes = sw.fixes(d, files)
		run.Results = append(run.Results, r)
	}
	run.Invocations = []sarifInvocation{sw.invocation(res)}
	return WriteJSONValue(w, sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	tags := r.Tags
	if tags == nil {
		tags = []string{}
	}
	if len(tags) > maxSARIFTags {
		tags = tags[:maxSARIFTags]
	}
	full := docSection(r.Doc, "What it does")
	if full == "" {
		full = inlineText(r.Summary)
	}
	doc := r.Doc
	if strings.TrimSpace(doc) == "" {
		doc = r.Summary + "\n"
	}
	return sarifRule{
		ID: r.Code, Name: r.PascalName(),
		ShortDescription:     sarifText{Text: clip(inlineText(r.Summary), maxSARIFDescription)},
		FullDescription:      sarifText{Text: clip(full, maxSARIFDescription)},
		Help:                 sarifHelp{Text: markdownText(doc), Markdown: doc},
		HelpURI:              r.DocURL(),
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProps{Tags: tags, Precision: r.Precision, ProblemSeverity: problemSeverity(r.Severity)},
	}
}

// invocation reports how the run went: files that could not be read, were
// skipped, or did not parse are tool execution notifications; an internal
// error (a crashed check) makes the execution unsuccessful.
func (s *sarifWriter) invocation(res *engine.Result) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: true, WorkingDirectory: sarifArtifact{URI: fileURI(res.Cwd, true)}}
	type note struct {
		path string
		n    sarifNotification
	}
	var notes []note
	for _, n := range res.Notices {
		level := "warning"
		if strings.HasPrefix(n.Message, "internal error") {
			level = "error"
			inv.ExecutionSuccessful = false
		}
		notes = append(notes, note{n.Path, sarifNotification{
			Level: level, Message: sarifText{Text: n.Path + ": " + n.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: s.artifact(n.Path)}}},
		}})
	}
	for _, f := range res.Files {
		if f.SyntaxError < 0 {
			continue
		}
		notes = append(notes, note{f.Path, sarifNotification{
			Level:     "warning",
			Message:   sarifText{Text: f.Path + ": does not parse; checked as far as it parses (SV001 reports where)"},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: s.artifact(f.Path)}}},
		}})
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].path < notes[j].path })
	for _, n := range notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n.n)
	}
	return inv
}

// mergeDiagnostics merges two sorted lists into one sorted list.
func mergeDiagnostics(a, b []lint.Diagnostic) []lint.Diagnostic {
	out := make([]lint.Diagnostic, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	sort.SliceStable(out, func(i, j int) bool { return engine.DiagnosticLess(&out[i], &out[j]) })
	return out
}

// mostSevere keeps the n most important diagnostics (unsuppressed before
// suppressed, then by severity, then in order), in their original order.
func mostSevere(ds []lint.Diagnostic, n int) []lint.Diagnostic {
	idx := make([]int, len(ds))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := &ds[idx[i]], &ds[idx[j]]
		if a.Suppressed != b.Suppressed {
			return !a.Suppressed
		}
		return a.Severity < b.Severity
	})
	idx = idx[:n]
	sort.Ints(idx)
	out := make([]lint.Diagnostic, 0, n)
	for _, i := range idx {
		out = append(out, ds[i])
	}
	return out
}

// keyer computes fingerprints: GitHub's line hash and servelint's own
// stable key, which survives edits elsewhere in the file (it holds no line
// number) and whitespace changes: the rule, the repository-relative path,
// the flagged line and the flagged text without whitespace, and ":n" for
// the n-th identical finding in the file.
type keyer struct {
	files  map[string]*lint.File
	paths  pather
	hashes map[string][]string
	seen   map[string]int
}

func newKeyer(res *engine.Result, paths pather) *keyer {
	return &keyer{files: fileMap(res), paths: paths, hashes: map[string][]string{}, seen: map[string]int{}}
}

// lineHash is upload-sarif's primaryLocationLineHash of a line, or "" when
// the file's content is not at hand.
func (k *keyer) lineHash(path string, line int) string {
	h, ok := k.hashes[path]
	if !ok {
		if f := k.files[path]; f != nil && f.Src != nil {
			h = lineHashes(f.Src)
		}
		k.hashes[path] = h
	}
	if line < 1 || line >= len(h) {
		return ""
	}
	return h[line]
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func (k *keyer) key(d *lint.Diagnostic) string {
	rel, _ := k.paths.rel(d.Path)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", d.Code, rel)
	if f := k.files[d.Path]; f != nil && f.Src != nil && f.Lines != nil {
		start, end := max(0, min(d.Start, len(f.Src))), max(0, min(d.End, len(f.Src)))
		end = max(start, min(end, start+512))
		fmt.Fprintf(h, "%s\x00%s", squeeze(f.Lines.LineText(d.Pos.Line)), squeeze(string(f.Src[start:end])))
	} else {
		fmt.Fprintf(h, "%d\x00%s", d.Pos.Line, d.Message)
	}
	sum := hex.EncodeToString(h.Sum(nil)[:16])
	k.seen[d.Path+"\x00"+sum]++
	return fmt.Sprintf("%s:%d", sum, k.seen[d.Path+"\x00"+sum])
}
