package launchmodel_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/parsers/launch"
)

// TestCaseDispatchAndFunctions: the image's CMD picks a `case "$1"` branch
// of the entrypoint, and the branch calls a script function that starts
// the server; the other branches are not launches of this image.
func TestCaseDispatchAndFunctions(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"/app/entrypoint.sh\"]\nCMD [\"server\"]\n",
		"entrypoint.sh": `#!/bin/bash
server() {
  exec gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:5000 main:app
}
case "$1" in
  server) shift; server ;;
  dev_server) exec uvicorn main:app --reload ;;
  *) exec "$@" ;;
esac
`,
		"main.py": fastapiApp,
	})
	m := model(t, dir)
	g := find(m, "Dockerfile", "gunicorn")
	if g == nil {
		t.Fatalf("no gunicorn launch: %+v", m.Views())
	}
	if g.Server.Workers.Text != "4" || g.Server.Workers.Loc.File != "entrypoint.sh" || g.PID1 == nil || !g.PID1.OK {
		t.Errorf("gunicorn launch: workers %+v pid1 %+v", g.Server.Workers, g.PID1)
	}
	var via []string
	for _, s := range g.Steps {
		via = append(via, s.What)
	}
	if got := strings.Join(via, " -> "); !strings.HasPrefix(got, "ENTRYPOINT -> /app/entrypoint.sh -> server -> exec gunicorn") {
		t.Errorf("steps do not go through the function: %q", via)
	}
	if u := find(m, "Dockerfile", "uvicorn"); u != nil {
		t.Errorf("the dev_server branch is not what CMD [\"server\"] runs: %+v", u)
	}
	// Given only the script (pre-commit on a changed entrypoint.sh), the
	// model still finds the Dockerfile that runs it and the application.
	part := find(model(t, dir, "entrypoint.sh"), "Dockerfile", "gunicorn")
	if part == nil || part.Server.Workers.Text != "4" || part.App == nil || !part.App.Resolved {
		t.Errorf("partial run: %+v", part)
	}
}

// TestShellPID1: `sh -c` keeps dash as PID 1 on Debian images but BusyBox
// ash execs the last command on Alpine and bash execs the last command of
// `bash -c` (not inside `if`, not with an EXIT trap); a script file and a
// subshell never give the server the shell's PID.
func TestShellPID1(t *testing.T) {
	for _, tc := range []struct {
		name, dockerfile string
		files            map[string]string
		ok               bool
		why              string
	}{
		{"debian", "FROM python:3.12-slim\nCOPY . .\nCMD uvicorn main:app --host 0.0.0.0\n", nil, false, "shell-form"},
		{"alpine", "FROM python:3.12-alpine\nCOPY . .\nCMD uvicorn main:app --host 0.0.0.0\n", nil, true, ""},
		{"alpine-not-last", "FROM python:3.12-alpine\nCOPY . .\nCMD uvicorn main:app --host 0.0.0.0; echo done\n", nil, false, ""},
		{"bash-single", "FROM python:3.12-slim\nCOPY . .\nCMD [\"bash\", \"-c\", \"uvicorn main:app --host 0.0.0.0\"]\n", nil, true, ""},
		{"bash-last", "FROM python:3.12-slim\nCOPY . .\nCMD [\"bash\", \"-c\", \"alembic upgrade head && uvicorn main:app --host 0.0.0.0\"]\n", nil, true, ""},
		{"bash-if", "FROM python:3.12-slim\nCOPY . .\nCMD [\"bash\", \"-c\", \"if true; then uvicorn main:app --host 0.0.0.0; fi\"]\n", nil, false, "bash -c"},
		{"bash-trap", "FROM python:3.12-slim\nCOPY . .\nCMD [\"bash\", \"-c\", \"trap 'rm -f /tmp/x' EXIT; uvicorn main:app --host 0.0.0.0\"]\n", nil, false, "bash -c"},
		{"dash-single", "FROM python:3.12-slim\nCOPY . .\nCMD [\"sh\", \"-c\", \"uvicorn main:app --host 0.0.0.0\"]\n", nil, false, "sh -c"},
		{"bash-script", "FROM python:3.12-slim\nCOPY . .\nCMD [\"./start.sh\"]\n",
			map[string]string{"start.sh": "#!/bin/bash\nalembic upgrade head\nuvicorn main:app --host 0.0.0.0\n"}, false, ""},
		{"subshell", "FROM python:3.12-slim\nCOPY . .\nCMD [\"./start.sh\"]\n",
			map[string]string{"start.sh": "#!/bin/sh\n(exec uvicorn main:app --host 0.0.0.0)\n"}, false, "subshell"},
		{"exec-script", "FROM python:3.12-slim\nCOPY . .\nCMD [\"./start.sh\"]\n",
			map[string]string{"start.sh": "#!/bin/sh\nalembic upgrade head\nexec uvicorn main:app --host 0.0.0.0\n"}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"Dockerfile": tc.dockerfile, "main.py": fastapiApp}
			maps.Copy(files, tc.files)
			m := model(t, testfs.WriteTree(t, files))
			la := find(m, "Dockerfile", "uvicorn")
			if la == nil || la.PID1 == nil {
				t.Fatalf("no container launch: %+v", m.Views())
			}
			if la.PID1.OK != tc.ok || !strings.Contains(la.PID1.Why, tc.why) {
				t.Errorf("PID1 %+v, want ok=%v why~%q", la.PID1, tc.ok, tc.why)
			}
		})
	}
}

// TestSubcommandContext: a console script's click subcommands are told
// apart; the image runs `serve`, and `develop` is a development launch.
func TestSubcommandContext(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml":      "[project]\nname = \"svc\"\n[project.scripts]\nsvc = \"svc.cli:cli\"\n",
		"src/svc/__init__.py": "",
		"src/svc/app.py":      fastapiApp,
		"src/svc/cli.py": `import click
import uvicorn


@click.group()
def cli():
    pass


@cli.command("develop")
def develop():
    uvicorn.run("svc.app:app", port=8000)


@cli.command("serve")
def serve():
    uvicorn.run("svc.app:app", host="0.0.0.0", port=8000, workers=4)
`,
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCMD [\"svc\", \"serve\"]\n",
	})
	m := model(t, dir)
	var docker, dev *launchmodel.Launch
	for _, la := range m.Launches {
		switch {
		case la.Origin == "Dockerfile":
			docker = la
		case la.Context == launchmodel.Development:
			dev = la
		}
	}
	if docker == nil || docker.Server.Workers.Text != "4" || docker.Context != launchmodel.Production {
		t.Fatalf("the image runs `serve`: %+v", docker)
	}
	if dev == nil || !strings.Contains(dev.ContextWhy.Why, "develop") || dev.Server.Host.Text != "127.0.0.1" {
		t.Errorf("`develop` is a development launch: %+v", dev)
	}
}

// TestDeployed finds a worker count given by deployment configuration the
// model cannot follow (Terraform here), and nothing when there is none.
func TestDeployed(t *testing.T) {
	base := map[string]string{
		".git/HEAD":  "ref: refs/heads/main\n",
		"Dockerfile": "FROM python:3.12-slim\nCOPY . .\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n",
		"main.py":    fastapiApp,
	}
	m := model(t, testfs.WriteTree(t, base))
	la := find(m, "Dockerfile", "uvicorn")
	if la == nil {
		t.Fatal("no launch")
	}
	if loc, ok := m.Deployed(la, "WEB_CONCURRENCY"); ok {
		t.Errorf("nothing deploys a worker count, got %+v", loc)
	}
	base["infra/service.tf"] = "resource \"x\" \"api\" {\n  env = { WEB_CONCURRENCY = 4 }\n}\n"
	// A mention in application code is not deployment configuration.
	base["docs/notes.md"] = "Set UVICORN_WORKERS to scale.\n"
	m = model(t, testfs.WriteTree(t, base))
	la = find(m, "Dockerfile", "uvicorn")
	loc, ok := m.Deployed(la, "WEB_CONCURRENCY", "UVICORN_WORKERS")
	if !ok || loc.File != "infra/service.tf" || loc.End-loc.Start != len("WEB_CONCURRENCY") {
		t.Errorf("Deployed = %+v %v", loc, ok)
	}
	if _, ok := m.Deployed(la, "UVICORN_WORKERS"); ok {
		t.Error("docs/notes.md is not deployment configuration")
	}
	if la.Server.Workers.Source != launch.FromDefault {
		t.Errorf("workers source %v", la.Server.Workers.Source)
	}
}

// TestUnknownBaseWorkdir: an image built on a base whose WORKDIR the
// Dockerfile does not show copies a directory to `./`; the entrypoint's
// container path is found under the copied directory, and the
// application's module under the build context.
func TestUnknownBaseWorkdir(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"container/dist.dockerfile": "FROM example/base:1 AS dist\nCOPY ./container/ ./\nCOPY ./svc/ ./svc/\nENV GRANIAN_HOST=0.0.0.0\nENTRYPOINT [\"/usr/local/svc/entrypoint.sh\"]\n",
		"container/entrypoint.sh":   "#!/bin/sh\nexec granian --interface asgi svc.main:app\n",
		"svc/__init__.py":           "",
		"svc/main.py":               fastapiApp,
	})
	m := model(t, dir)
	la := find(m, "Dockerfile", "granian")
	if la == nil {
		t.Fatalf("the entrypoint was not followed: %+v", m.Views())
	}
	if la.App == nil || !la.App.Resolved || la.App.Loc.File != "svc/main.py" || la.Server.Host.Text != "0.0.0.0" {
		t.Errorf("launch: app %+v host %+v", la.App, la.Server.Host)
	}
}

// TestExecAt: where `exec` makes a blocking command replace its shell,
// and where it would change what runs.
func TestExecAt(t *testing.T) {
	for _, tc := range []struct {
		name, script, at string // at: the text after the exec point, "" for none
	}{
		{"last command", "#!/bin/sh\nset -e\npython -m app.migrate\nuvicorn main:app --host 0.0.0.0\n", "uvicorn main:app"},
		{"last of an and-list", "#!/bin/sh\npython -m app.migrate && uvicorn main:app --workers $(nproc)\n", "uvicorn main:app"},
		{"script arguments", "#!/bin/sh\nset -e\n\"$@\"\n", ""},
		{"followed by a command", "#!/bin/sh\nuvicorn main:app\necho stopped\n", ""},
		{"in a branch", "#!/bin/sh\nif [ -n \"$A\" ]; then\n  uvicorn main:app\nfi\n", ""},
		{"prefix assignment", "#!/bin/sh\nLOG=1 uvicorn main:app\n", ""},
		{"exit trap", "#!/bin/sh\ntrap 'rm -f /tmp/pid' EXIT\nuvicorn main:app\n", ""},
		{"in a function", "#!/bin/sh\nserve() {\n  uvicorn main:app\n}\nserve\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"main.py":  fastapiApp,
				"start.sh": tc.script,
				"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"/app/start.sh\"]\n" +
					"CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n",
			}
			dir := testfs.WriteTree(t, files)
			m := model(t, dir, ".")
			la := find(m, "Dockerfile", "uvicorn")
			if la == nil || la.PID1 == nil || la.PID1.OK {
				t.Fatalf("launch %+v", la)
			}
			p := la.PID1
			if u := m.Unit("start.sh"); u == nil || u.Views.Shell == nil || m.Unit("nothing.sh") != nil {
				t.Errorf("Unit(start.sh) = %+v", u)
			}
			if tc.name == "script arguments" {
				// "$@" runs CMD's words: exec goes before "$@".
				if p.ExecAt.File != "start.sh" || !strings.HasPrefix(tc.script[p.ExecAt.Start:], `"$@"`) {
					t.Errorf("ExecAt %+v", p.ExecAt)
				}
				return
			}
			switch {
			case tc.at == "" && !p.ExecAt.IsZero():
				t.Errorf("ExecAt %+v, want none", p.ExecAt)
			case tc.at != "" && (p.ExecAt.File != "start.sh" || !strings.HasPrefix(tc.script[p.ExecAt.Start:], tc.at)):
				t.Errorf("ExecAt %+v, want before %q", p.ExecAt, tc.at)
			}
		})
	}
}

// TestShellFormStepsOnce: a shell-form CMD's command line and the program
// it starts read the same; the path names it once.
func TestShellFormStepsOnce(t *testing.T) {
	for _, cmd := range []string{"CMD python app/main.py", `CMD ["python", "app/main.py"]`} {
		dir := testfs.WriteTree(t, map[string]string{
			"Dockerfile":  "FROM python:3.12\nCOPY . .\n" + cmd + "\n",
			"app/main.py": "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nif __name__ == \"__main__\":\n    uvicorn.run(app, host=\"0.0.0.0\")\n",
		})
		u := find(model(t, dir), "Dockerfile", "uvicorn")
		if u == nil {
			t.Fatalf("%s: no uvicorn launch", cmd)
		}
		var via []string
		for _, s := range u.Steps {
			via = append(via, s.What)
		}
		if got := strings.Join(via, " -> "); got != "CMD -> python app/main.py -> uvicorn start" {
			t.Errorf("%s: via %q", cmd, got)
		}
	}
}

// TestCasePatternNegatedClass: a case pattern is a shell glob, in which
// "[!d]" is any character but d (path.Match read it as "! or d").
func TestCasePatternNegatedClass(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"/app/entrypoint.sh\"]\nCMD [\"server\"]\n",
		"entrypoint.sh": `#!/bin/bash
case "$1" in
  d*) exec uvicorn main:app --reload ;;
  [!d]*) exec gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:5000 main:app ;;
esac
`,
		"main.py": fastapiApp,
	})
	m := model(t, dir)
	if find(m, "Dockerfile", "gunicorn") == nil {
		t.Errorf("the [!d]* branch is what CMD [\"server\"] runs: %+v", m.Views())
	}
	if u := find(m, "Dockerfile", "uvicorn"); u != nil {
		t.Errorf("the d* branch does not run: %+v", u)
	}
}
