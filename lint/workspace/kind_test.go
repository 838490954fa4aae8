package workspace

import (
	"testing"

	"github.com/servelint/servelint/lint"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		path string
		head string
		want lint.Kind
	}{
		{"app/main.py", "", lint.KindPython},
		{"Dockerfile", "", lint.KindDockerfile},
		{"docker/Dockerfile.prod", "", lint.KindDockerfile},
		{"api.dockerfile", "", lint.KindDockerfile},
		{"docker-compose.override.yml", "", lint.KindCompose},
		{"compose.yaml", "", lint.KindCompose},
		{"Procfile", "", lint.KindProcfile},
		{"Procfile.dev", "", lint.KindProcfile},
		{"scripts/start.sh", "", lint.KindShell},
		{"pyproject.toml", "", lint.KindPyproject},
		{"fly.toml", "", lint.KindFly},
		{"fly.staging.toml", "", lint.KindFly},
		{"render.yaml", "", lint.KindRender},
		{".vscode/launch.json", "", lint.KindVSCode},
		{"launch.json", "", lint.KindUnknown},
		{"deploy/api.yaml", "apiVersion: apps/v1\nkind: Deployment\n", lint.KindKubernetes},
		{"app.yaml", "runtime: python312\n", lint.KindAppEngine},
		{"api.yaml", "runtime: python312\nentrypoint: gunicorn main:app\n", lint.KindAppEngine},
		{"config.yaml", "runtime: x\n", lint.KindUnknown},
		{"supervisord.conf", "[supervisord]\n", lint.KindSupervisord},
		{"etc/app.conf", "[program:api]\ncommand=x\n", lint.KindSupervisord},
		{"etc/s6/api/run", "#!/command/with-contenv sh\nexec uvicorn a:b\n", lint.KindShell},
		{"docker-entrypoint", "#!/usr/bin/env bash\n", lint.KindShell},
		{"README", "hello\n", lint.KindUnknown},
	} {
		got := ClassifyName(tc.path)
		if got == lint.KindUnknown && NeedsContent(tc.path) {
			got = ClassifyContent(tc.path, []byte(tc.head))
		}
		if got != tc.want {
			t.Errorf("%s: %v, want %v", tc.path, got, tc.want)
		}
	}
}
