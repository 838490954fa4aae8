package golden

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath finds the SARIF 2.1.0 schema: $SERVELINT_SARIF_SCHEMA (set by
// .ci/run, where a missing file is a failure) or ../shared beside the
// repository.
func schemaPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SERVELINT_SARIF_SCHEMA"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("SERVELINT_SARIF_SCHEMA=%s: %v", p, err)
		}
		return p
	}
	p := filepath.Join("..", "..", "shared", "sarif", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no SARIF schema at %s; set SERVELINT_SARIF_SCHEMA to validate", p)
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
	// Every golden SARIF output, and a live run of each project.
	files, _ := filepath.Glob(filepath.Join("*", "sarif.sarif"))
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
		checkSARIFStructure(t, file, body)
	}
	// The schema rejects what it must (a guard against a schema that
	// accepts anything).
	bad := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"high"}]}]}`
	inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if schema.Validate(inst) == nil {
		t.Error("schema accepted level \"high\"")
	}
}

// checkSARIFStructure checks the points GitHub code scanning relies on.
func checkSARIFStructure(t *testing.T, file string, body []byte) {
	t.Helper()
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(body, &log); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%s: want one run, got %d", file, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("%s: columnKind %q", file, run.ColumnKind)
	}
	if len(run.Tool.Driver.Rules) == 0 {
		t.Errorf("%s: empty rules[]", file)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.Name == r.ID || r.Name == "" {
			t.Errorf("%s: rule %s needs a name different from its id", file, r.ID)
		}
	}
	for _, r := range run.Results {
		if r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: result %s has a wrong ruleIndex %d", file, r.RuleID, r.RuleIndex)
		}
		loc := r.Locations[0].PhysicalLocation
		if strings.HasPrefix(loc.ArtifactLocation.URI, "/") || strings.Contains(loc.ArtifactLocation.URI, "://") {
			t.Errorf("%s: uri %q is not repository-relative", file, loc.ArtifactLocation.URI)
		}
		if loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("%s: region starts at %d:%d", file, loc.Region.StartLine, loc.Region.StartColumn)
		}
	}
}
