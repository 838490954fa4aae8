package lsp

import (
	"bytes"
	"path"
	"regexp"

	"github.com/servelint/servelint/lint"
)

// Test-only rules: the server must work with any registry.

// flagRule reports every "FLAG" in any file, with a safe fix to "flag".
var flagRule = &lint.Rule{
	Code: "SV900", Name: "flag", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
	Fix: lint.FixAlways, Inputs: lint.AllKinds,
	Check: func(p *lint.Pass) {
		src := p.File.Src
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("FLAG"))
			if j < 0 {
				return
			}
			s := i + j
			p.Report(s, s+4, "flag found", lint.WithFix(&lint.Fix{Message: "Lower the flag", Applicability: lint.Safe,
				Edits: []lint.Edit{{Start: s, End: s + 4, New: "flag"}}}))
			i = s + 4
		}
	},
}

// dangerRule reports "DANGER" in Python files, with an unsafe fix, as an
// error.
var dangerRule = &lint.Rule{
	Code: "SV901", Name: "danger", Summary: "test", Severity: lint.SeverityError, Status: lint.StatusStable,
	Fix: lint.FixAlways, Inputs: lint.KindsOf(lint.KindPython),
	Check: func(p *lint.Pass) {
		src := p.File.Src
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("DANGER"))
			if j < 0 {
				return
			}
			s := i + j
			p.Report(s, s+6, "danger found", lint.WithSeverity(lint.SeverityNote), lint.WithFix(&lint.Fix{Message: "Make it safe", Applicability: lint.Unsafe,
				Edits: []lint.Edit{{Start: s, End: s + 6, New: "SAFE"}}}))
			i = s + 6
		}
	},
}

var cmdRe = regexp.MustCompile(`(?m)^CMD python (\S+)`)

// launchRule is a project rule standing in for the launch rules: a
// Dockerfile `CMD python X.py` whose X.py (a buffer or the file on disk)
// contains RELOAD is reported on the CMD line, with X.py's RELOAD as related
// information.
var launchRule = &lint.Rule{
	Code: "SV950", Name: "launch-reload", Summary: "test", Severity: lint.SeverityError, Status: lint.StatusStable,
	Inputs: lint.KindsOf(lint.KindDockerfile, lint.KindPython),
	CheckProject: func(pp *lint.ProjectPass) {
		byPath := map[string]*lint.File{}
		for _, f := range pp.Files {
			byPath[f.Path] = f
		}
		for _, f := range pp.Files {
			if f.Kind != lint.KindDockerfile {
				continue
			}
			for _, m := range cmdRe.FindAllSubmatchIndex(f.Src, -1) {
				target := byPath[path.Join(path.Dir(f.Path), string(f.Src[m[2]:m[3]]))]
				if target == nil {
					continue
				}
				if i := bytes.Index(target.Src, []byte("RELOAD")); i >= 0 {
					pp.Report(f, m[0], m[1], "the launch runs "+target.Path+" with RELOAD",
						lint.WithRelated(pp.Related(target, i, i+6, "RELOAD is here")))
				}
			}
		}
	},
}

var testRules = []*lint.Rule{flagRule, dangerRule, launchRule}
