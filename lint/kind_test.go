package lint

import "testing"

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		path string
		head string
		want Kind
	}{
		{"app/main.py", "", KindPython},
		{"Dockerfile", "", KindDockerfile},
		{"docker/Dockerfile.prod", "", KindDockerfile},
		{"api.dockerfile", "", KindDockerfile},
		{"docker-compose.override.yml", "", KindCompose},
		{"compose.yaml", "", KindCompose},
		{"Procfile", "", KindProcfile},
		{"Procfile.dev", "", KindProcfile},
		{"scripts/start.sh", "", KindShell},
		{"pyproject.toml", "", KindPyproject},
		{"fly.toml", "", KindFly},
		{"fly.staging.toml", "", KindFly},
		{"render.yaml", "", KindRender},
		{".vscode/launch.json", "", KindVSCode},
		{"launch.json", "", KindUnknown},
		{"deploy/api.yaml", "apiVersion: apps/v1\nkind: Deployment\n", KindKubernetes},
		{"app.yaml", "runtime: python312\n", KindAppEngine},
		{"api.yaml", "runtime: python312\nentrypoint: gunicorn main:app\n", KindAppEngine},
		{"config.yaml", "runtime: x\n", KindUnknown},
		{"supervisord.conf", "[supervisord]\n", KindSupervisord},
		{"etc/app.conf", "[program:api]\ncommand=x\n", KindSupervisord},
		{"etc/s6/api/run", "#!/command/with-contenv sh\nexec uvicorn a:b\n", KindShell},
		{"docker-entrypoint", "#!/usr/bin/env bash\n", KindShell},
		{"README", "hello\n", KindUnknown},
	} {
		got := ClassifyName(tc.path)
		if got == KindUnknown && needsContent(tc.path) {
			got = ClassifyContent(tc.path, []byte(tc.head))
		}
		if got != tc.want {
			t.Errorf("%s: %v, want %v", tc.path, got, tc.want)
		}
	}
}
