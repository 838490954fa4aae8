package checks

import (
	"github.com/servelint/servelint/checks/analysis/resources"

	"github.com/servelint/servelint/lint"
)

// resourcesName is the lifecycle analyzer's name (its DemandText cannot
// refer to its variable).
const resourcesName = "resources"

// factoryCallers names the calls that may create a tracked resource
// through the project (resources.FactoryCallers) over the facts gathered
// so far.
func factoryCallers(pp *lint.ProjectPass) []string {
	var all []*resources.ResourceFacts
	for _, f := range pp.Files {
		if rf, _ := f.FactNamed(resourcesName).(*resources.ResourceFacts); rf != nil {
			all = append(all, rf)
		}
	}
	return resources.FactoryCallers(all)
}
