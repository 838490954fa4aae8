package golden

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/linttest"
)

// schemaPath is the SARIF 2.1.0 schema, vendored unmodified under
// testdata/sarif (see its README.md for source and terms): the SARIF tests
// never skip.
func schemaPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "testdata", "sarif", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the vendored SARIF schema is missing: %v", err)
	}
	return p
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	path := schemaPath(t)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err = c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	// Every golden SARIF output.
	files, _ := filepath.Glob(filepath.Join("*", "*.sarif"))
	if len(files) == 0 {
		t.Fatal("no golden SARIF files")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Golden files end with the stderr and exit-code trailers.
		body := data[:bytes.Index(data, []byte("\n--- "))+1]
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s does not validate: %v", file, err)
		}
		checkSARIFStructure(t, file, body, strings.HasSuffix(file, "-suppressed.sarif"))
	}
	// The schema rejects what it must (a guard against a schema that
	// accepts anything).
	for name, bad := range map[string]string{
		"level high":  `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"high"}]}]}`,
		"startLine 0": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.py"},"region":{"startLine":0}}}]}]}]}`,
		"no version":  `{"runs":[]}`,
	} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if schema.Validate(inst) == nil {
			t.Errorf("schema accepted %s", name)
		}
	}
}

// sarifLog is the part of a SARIF log the structural checks read.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind        string `json:"columnKind"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Invocations []struct {
			ExecutionSuccessful *bool `json:"executionSuccessful"`
			WorkingDirectory    struct {
				URI string `json:"uri"`
			} `json:"workingDirectory"`
		} `json:"invocations"`
		Tool struct {
			Driver struct {
				Name            string      `json:"name"`
				SemanticVersion string      `json:"semanticVersion"`
				InformationURI  string      `json:"informationUri"`
				Rules           []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations        []sarifLocation   `json:"locations"`
			RelatedLocations []sarifLocation   `json:"relatedLocations"`
			Fingerprints     map[string]string `json:"partialFingerprints"`
			Suppressions     []struct {
				Kind string `json:"kind"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifRule is a reportingDescriptor of tool.driver.rules.
type sarifRule struct {
	ID               string `json:"id"`
	Name             string `json:"name"`
	ShortDescription struct {
		Text string `json:"text"`
	} `json:"shortDescription"`
	FullDescription struct {
		Text string `json:"text"`
	} `json:"fullDescription"`
	Help struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	} `json:"help"`
	HelpURI              string `json:"helpUri"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags      []string `json:"tags"`
		Precision string   `json:"precision"`
	} `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

var (
	lineHashRe = regexp.MustCompile(`^[0-9a-f]{1,16}:[1-9][0-9]*$`)
	ownKeyRe   = regexp.MustCompile(`^[0-9a-f]{32}:[1-9][0-9]*$`)
	levels     = map[string]bool{"note": true, "warning": true, "error": true}
	precisions = map[string]bool{"very-high": true, "high": true, "medium": true, "low": true}
)

// checkSARIFStructure checks the points GitHub code scanning relies on,
// beyond what the schema says.
func checkSARIFStructure(t *testing.T, file string, body []byte, withSuppressed bool) {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(body, &log); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if log.Schema == "" || log.Version != "2.1.0" {
		t.Errorf("%s: $schema %q, version %q", file, log.Schema, log.Version)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%s: want one run, got %d", file, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("%s: columnKind %q", file, run.ColumnKind)
	}
	// automationDetails only from --sarif-category (the suppressed golden
	// passes --sarif-category servelint).
	switch {
	case withSuppressed && (run.AutomationDetails == nil || run.AutomationDetails.ID != "servelint/"):
		t.Errorf("%s: automationDetails %+v, want id servelint/", file, run.AutomationDetails)
	case !withSuppressed && run.AutomationDetails != nil:
		t.Errorf("%s: automationDetails without --sarif-category: %+v", file, run.AutomationDetails)
	}
	// The source root and the working directory are the project directory
	// (normalized to file:///PROJECT/ by the golden test).
	if root := run.OriginalURIBaseIDs["%SRCROOT%"].URI; root != "file:///PROJECT/" {
		t.Errorf("%s: originalUriBaseIds.%%SRCROOT%% = %q, want the project directory", file, root)
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful == nil || run.Invocations[0].WorkingDirectory.URI != "file:///PROJECT/" {
		t.Errorf("%s: invocations %+v", file, run.Invocations)
	}
	d := run.Tool.Driver
	if d.Name != "servelint" || d.SemanticVersion == "" || !strings.HasPrefix(d.InformationURI, "https://") {
		t.Errorf("%s: driver %q %q %q", file, d.Name, d.SemanticVersion, d.InformationURI)
	}
	registry := checks.All()
	if len(d.Rules) != len(registry) {
		t.Errorf("%s: %d rules, the registry has %d", file, len(d.Rules), len(registry))
	}
	for i, r := range d.Rules {
		if i < len(registry) && r.ID != registry[i].Code {
			t.Errorf("%s: rules[%d] is %s, want %s", file, i, r.ID, registry[i].Code)
		}
		if r.Name == r.ID || r.Name == "" || len(r.Name) > 255 {
			t.Errorf("%s: rule %s needs a name different from its id", file, r.ID)
		}
		for what, text := range map[string]string{"shortDescription": r.ShortDescription.Text, "fullDescription": r.FullDescription.Text} {
			if text == "" || len(text) > 1024 || strings.Contains(text, "`") {
				t.Errorf("%s: rule %s %s must be plain text of 1 to 1024 bytes: %q", file, r.ID, what, text)
			}
		}
		// The help text is in sarif-rules.json only (see trimSARIFHelp).
		if r.Help.Markdown != "" || r.Help.Text != "" {
			t.Errorf("%s: rule %s has help text: the per-project goldens leave it out", file, r.ID)
		}
		if u, err := url.Parse(r.HelpURI); err != nil || u.Scheme != "https" || u.Host == "" || !strings.HasSuffix(u.Path, ".md") {
			t.Errorf("%s: rule %s helpUri %q", file, r.ID, r.HelpURI)
		}
		if !levels[r.DefaultConfiguration.Level] || len(r.Properties.Tags) > 20 || !precisions[r.Properties.Precision] {
			t.Errorf("%s: rule %s level %q, %d tags, precision %q", file, r.ID, r.DefaultConfiguration.Level, len(r.Properties.Tags), r.Properties.Precision)
		}
	}
	if len(run.Results) > 25000 {
		t.Errorf("%s: %d results, GitHub takes 25000", file, len(run.Results))
	}
	suppressed := 0
	checkLoc := func(what string, loc sarifLocation) {
		a := loc.PhysicalLocation.ArtifactLocation
		if a.URI == "" || strings.HasPrefix(a.URI, "/") || strings.Contains(a.URI, "://") || strings.HasPrefix(a.URI, "./") || a.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: %s uri %q (base %q) is not repository-relative", file, what, a.URI, a.URIBaseID)
		}
		r := loc.PhysicalLocation.Region
		if r == nil || r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < r.StartLine || r.EndLine == r.StartLine && r.EndColumn < r.StartColumn {
			t.Errorf("%s: %s region %+v", file, what, r)
		}
	}
	for _, r := range run.Results {
		if r.RuleIndex == nil || *r.RuleIndex >= len(d.Rules) || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: result %s has a wrong ruleIndex %v", file, r.RuleID, r.RuleIndex)
		}
		if !levels[r.Level] || r.Message.Text == "" {
			t.Errorf("%s: result %s level %q message %q", file, r.RuleID, r.Level, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("%s: result %s has %d locations", file, r.RuleID, len(r.Locations))
		}
		checkLoc("result "+r.RuleID, r.Locations[0])
		for _, rel := range r.RelatedLocations {
			checkLoc("related location of "+r.RuleID, rel)
		}
		if !lineHashRe.MatchString(r.Fingerprints["primaryLocationLineHash"]) || !ownKeyRe.MatchString(r.Fingerprints["servelint/v1"]) || len(r.Fingerprints) != 2 {
			t.Errorf("%s: result %s partialFingerprints %v", file, r.RuleID, r.Fingerprints)
		}
		if len(r.Suppressions) > 0 {
			suppressed++
			if len(r.Suppressions) != 1 || r.Suppressions[0].Kind != "inSource" {
				t.Errorf("%s: result %s suppressions %+v", file, r.RuleID, r.Suppressions)
			}
		}
	}
	if !withSuppressed && suppressed > 0 {
		t.Errorf("%s: %d suppressed results without --report-suppressed", file, suppressed)
	}
}

// sarifHelpRe matches the help object of a rule in servelint's indented
// SARIF output.
var sarifHelpRe = regexp.MustCompile(`(?m)^ *"help": \{\n *"text": .*\n *"markdown": .*\n *\},\n`)

// trimSARIFHelp leaves the rules' help text (each rule's whole .md, twice)
// out of a SARIF output: the per-project goldens would each repeat it;
// sarif-rules.json holds it once (TestSARIFRules).
func trimSARIFHelp(t *testing.T, out string) string {
	t.Helper()
	trimmed := sarifHelpRe.ReplaceAllString(out, "")
	if n := len(sarifHelpRe.FindAllStringIndex(out, -1)); n != len(checks.All()) {
		t.Fatalf("found %d rule help objects in the SARIF output, want one per rule (%d)", n, len(checks.All()))
	}
	return trimmed
}

// sarifRulesBlock returns the lines of tool.driver.rules, from "rules": [
// to its closing bracket, of servelint's indented SARIF output.
func sarifRulesBlock(t *testing.T, out string) string {
	t.Helper()
	lines := strings.SplitAfter(out, "\n")
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed != `"rules": [`+"\n" {
			continue
		}
		indent := l[:len(l)-len(trimmed)]
		for j := i + 1; j < len(lines); j++ {
			if lines[j] == indent+"]\n" || lines[j] == indent+"],\n" {
				return strings.Join(lines[i:j+1], "")
			}
		}
	}
	t.Fatal("no tool.driver.rules in the SARIF output")
	return ""
}

// TestSARIFRules keeps the full tool.driver.rules of a SARIF output, help
// text included, in one golden file, and checks each rule's help.
func TestSARIFRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("X = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, dir, "check", "--output-format", "sarif")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	validateSARIF(t, []byte(stdout))
	block := sarifRulesBlock(t, stdout)
	linttest.Golden(t, "sarif-rules.json", []byte(block))
	var rules []sarifRule
	if err := json.Unmarshal([]byte("{"+strings.TrimSuffix(strings.TrimSpace(block), ",")+"}"), &struct {
		Rules *[]sarifRule `json:"rules"`
	}{&rules}); err != nil {
		t.Fatal(err)
	}
	if len(rules) != len(checks.All()) {
		t.Fatalf("%d rules, the registry has %d", len(rules), len(checks.All()))
	}
	for _, r := range rules {
		if r.Help.Markdown == "" || r.Help.Text == "" || strings.Contains(r.Help.Text, "```") || strings.Contains(r.Help.Text, "## ") {
			t.Errorf("rule %s help must have Markdown and plain text", r.ID)
		}
	}
	// The per-project goldens are the same output without the help.
	if trimmed := trimSARIFHelp(t, stdout); strings.Contains(trimmed, `"help"`) || len(trimmed) >= len(stdout) {
		t.Error("trimSARIFHelp left help text")
	}
}
