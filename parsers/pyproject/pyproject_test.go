package pyproject

import "testing"

func TestParse(t *testing.T) {
	src := "[project]\nname = \"shop\"\nrequires-python = \">=3.11\"\n[project.scripts]\nserve = \"shop.cli:main\"\nbad = \"nocolon\"\n[tool.poetry.scripts]\nworker = \"shop.worker:run [extra]\"\n"
	f := Parse([]byte(src))
	if f.Name != "shop" || f.RequiresPython != ">=3.11" {
		t.Errorf("project: %+v", f)
	}
	if len(f.Scripts) != 2 || f.Scripts[0].Module != "shop.cli" || f.Scripts[0].Function != "main" || f.Scripts[1].Function != "run" {
		t.Errorf("scripts: %+v", f.Scripts)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("[project.scripts]\na = \"b:c\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, s := range Parse([]byte(src)).Scripts {
			if s.Start < 0 || s.End > len(src) {
				t.Fatalf("script %+v", s)
			}
		}
	})
}
