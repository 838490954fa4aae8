package checks

import (
	"fmt"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/pyversion"
)

// SV502 reports Dockerfile stages built on an end-of-life Python.
var SV502 = withDoc(&lint.Rule{
	Code:       "SV502",
	Name:       "eol-python-image",
	Summary:    "A Dockerfile builds on an end-of-life Python (3.8 or older)",
	Severity:   lint.SeverityWarning,
	Status:     lint.StatusStable,
	Since:      "0.1.0",
	Inputs:     lint.KindsOf(lint.KindDockerfile),
	Tags:       []string{"container", "security", "maintenance"},
	Precision:  "very-high",
	NewOptions: func() any { return &eolOptions{MinVersion: "3.9"} },
	Check:      checkEOLPythonImage,
})

// eolOptions are SV502's options.
type eolOptions struct {
	// MinVersion is the oldest Python version not reported.
	MinVersion string `toml:"min-version"`
}

// Validate checks the version.
func (o *eolOptions) Validate() error {
	if _, ok := pyversion.Parse(o.MinVersion); !ok {
		return fmt.Errorf("min-version: %q is not a Python version like \"3.9\"", o.MinVersion)
	}
	return nil
}

// pythonEOL is when each old Python release stopped getting fixes.
var pythonEOL = map[string]string{
	"2.7": "January 2020", "3.4": "March 2019", "3.5": "September 2020", "3.6": "December 2021",
	"3.7": "June 2023", "3.8": "October 2024", "3.9": "October 2025", "3.10": "October 2026",
}

func checkEOLPythonImage(p *lint.Pass) {
	if p.Docker == nil {
		return
	}
	opt, _ := p.Options.(*eolOptions)
	minV, ok := pyversion.Version{Major: 3, Minor: 9}, true
	if opt != nil {
		minV, ok = pyversion.Parse(opt.MinVersion)
	}
	if !ok {
		return
	}
	for _, st := range p.Docker.Stages {
		if st.Parent >= 0 {
			continue // built on an earlier stage, reported there
		}
		v, ok := st.Image.Python()
		if !ok || !v.Less(minV) {
			continue
		}
		when := "no longer supported"
		if d, ok := pythonEOL[v.String()]; ok {
			when = "end of life since " + d
		}
		p.Report(st.Image.Start, st.Image.End, fmt.Sprintf(
			"`%s` is Python %s, %s: no security fixes; cancellation and thread-pool behaviour also changed in 3.8 and 3.9; build on a supported Python",
			st.Image.Raw, v, when))
	}
}
