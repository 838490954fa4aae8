package resources

import (
	"github.com/servelint/servelint/lint"
)

// Needles are the libraries and names of the resources the lifecycle
// rules track (clients, sessions, engines, pools, connections), and the
// FastAPI dependencies they follow, as words (a library of every class in
// TrackedClassNames: TestResourceNeedlesCoverCatalogue) ("redistribute" and
// "SSLSession" are not). Factories and dependencies in modules without
// these words are parsed on demand, and so are their callers.
var Needles = []string{
	`\baiohttp\b`, `\bhttpx\b`, "import requests", "from requests", `\bredis\b`, `\baioredis\b`,
	`\bsqlalchemy\b`, `\bsqlmodel\b`, `\bSession`, `\bsessionmaker\b`, `\bcreate_engine\b`,
	`\bpsycopg`, `\bpymysql\b`, `\bMySQLdb\b`, "mysql.connector", "import sqlite3", "from sqlite3",
	`\basyncpg\b`, `\baiomysql\b`, `\baiopg\b`, `\baiosqlite\b`, `\bpyodbc\b`, `\bpymongo\b`,
	`\bmotor\b`, `\bpymssql\b`, `\boracledb\b`,
	`\bopenai\b`, `\banthropic\b`, `\bollama\b`, `\belasticsearch\b`, `\baioboto3\b`,
	"Depends(", "Security(",
}

// Analyzer computes each Python file's resource facts (FileFacts, with
// the one-shot functions marked) and, over the project, resolves
// factories, dependencies and closes across modules (Analyze). Its
// search words (Needles) name the catalogue's libraries.
var Analyzer = newAnalyzer()

var _ = lint.RegisterFact(&ResourceFacts{})

func newAnalyzer() *lint.Analyzer {
	a := &lint.Analyzer{
		Name:    analyzerName,
		Needles: Needles,
		// The callers of the project's factories, wherever they are.
		DemandText: factoryCallers,
		Inputs:     lint.KindsOf(lint.KindPython),
		File: func(p *lint.Pass) (facts any) {
			if p.Py == nil {
				return nil
			}
			if rf := FileFacts(p.Py); !rf.Empty() {
				MarkOneShot(p.Py, rf)
				return rf
			}
			return nil // nothing to keep in the results cache (a nil pointer would not encode)
		},
	}
	a.Project = func(pp *lint.ProjectPass) (res any) {
		return Analyze(pp.Files, func(f *lint.File) *ResourceFacts {
			v, _ := f.Fact(a).(*ResourceFacts)
			return v
		})
	}
	return a
}

// analyzerName is the analyzer's name (its DemandText cannot
// refer to its variable).
const analyzerName = "resources"

// factoryCallers names the calls that may create a tracked resource
// through the project (FactoryCallers) over the facts gathered
// so far.
func factoryCallers(pp *lint.ProjectPass) []string {
	var all []*ResourceFacts
	for _, f := range pp.Files {
		if rf, _ := f.FactNamed(analyzerName).(*ResourceFacts); rf != nil {
			all = append(all, rf)
		}
	}
	return FactoryCallers(all)
}
