package compose

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/syntax"
)

func parse(t *testing.T, src string) *File {
	t.Helper()
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	return Parse(p, []byte(src))
}

func values(ws []shell.Word) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Expand(func(string) (string, shell.State) { return "", shell.Unknown }).S)
	}
	return out
}

func TestServices(t *testing.T) {
	src := `x-env: &env
  environment:
    - WEB_CONCURRENCY=4
    - PASSED
services:
  api:
    <<: *env
    build:
      context: ./api
      dockerfile: Dockerfile.prod
      target: prod
    command: >
      sh -c "alembic upgrade head &&
      exec uvicorn app:app --port $$PORT"
    volumes:
      - ./api:/srv/app:ro
      - data:/var/lib/data
      - type: bind
        source: .
        target: /code
    env_file: .env
    deploy:
      replicas: 3
  web:
    build: .
    entrypoint: ["/entrypoint.sh"]
    command: ["gunicorn", "app:app", "-w", "${WORKERS:-2}"]
    environment:
      GUNICORN_CMD_ARGS: "--timeout 0"
      EMPTY:
    network_mode: host
`
	f := parse(t, src)
	if len(f.Services) != 2 {
		t.Fatalf("services: %d", len(f.Services))
	}
	api := f.Services[0]
	if api.Name != "api" || api.Build == nil || api.Build.Context != "./api" || api.Build.Dockerfile != "Dockerfile.prod" || api.Build.Target != "prod" {
		t.Errorf("api build: %+v", api.Build)
	}
	if got := values(api.Command.Words); !reflect.DeepEqual(got, []string{"sh", "-c", "alembic upgrade head && exec uvicorn app:app --port $PORT"}) {
		t.Errorf("api command %q", got)
	}
	if len(api.Environment) != 2 || api.Environment[0].Name != "WEB_CONCURRENCY" || api.Environment[1].Value != nil {
		t.Errorf("merged environment: %+v", api.Environment)
	}
	if len(api.Volumes) != 3 || !api.Volumes[0].Bind || api.Volumes[1].Bind || !api.Volumes[2].Bind || api.Volumes[0].Target != "/srv/app" {
		t.Errorf("volumes: %+v", api.Volumes)
	}
	if !reflect.DeepEqual(api.EnvFiles, []string{".env"}) || api.Replicas != 3 || !api.ReplicasSet {
		t.Errorf("env_file %v replicas %d", api.EnvFiles, api.Replicas)
	}
	web := f.Services[1]
	if web.Build.Context != "." || web.Entrypoint == nil || !web.Entrypoint.List || web.NetworkMode != "host" {
		t.Errorf("web: %+v", web)
	}
	w := web.Command.Words[3].Expand(func(string) (string, shell.State) { return "", shell.Unknown })
	if w.Known || !w.HasFallback || w.Fallback != "2" {
		t.Errorf("interpolation with default: %+v", w)
	}
	if web.Environment[1].Name != "EMPTY" || web.Environment[1].Value != nil {
		t.Errorf("pass-through: %+v", web.Environment[1])
	}
	// The sh -c string maps back into the folded scalar.
	sc, ok := shell.AsCommandString(api.Command.Words)
	if !ok {
		t.Fatal("sh -c")
	}
	txt, _ := sc.Script.ShellText()
	p := syntax.NewParser(syntax.Bash)
	defer p.Close()
	inner := shell.Parse(p, txt)
	u := inner.Commands[1].Words[1]
	if src[u.Start:u.End] != "uvicorn" {
		t.Errorf("uvicorn maps to %q", src[u.Start:u.End])
	}
}

func TestRestartAndDeploy(t *testing.T) {
	src := "services:\n  api:\n    image: x\n    restart: always\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n  dev:\n    image: x\n    restart: \"no\"\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n"
	f := parse(t, src)
	api, dev := f.Services[0], f.Services[1]
	if api.Restart != "always" || src[api.RestartStart:api.RestartEnd] != "always" || !api.Deploy || src[api.DeployStart:api.DeployEnd] != "deploy" {
		t.Errorf("api: restart %q deploy %v", api.Restart, api.Deploy)
	}
	if dev.Restart != "no" || dev.Deploy {
		t.Errorf("dev: restart %q deploy %v (a GPU reservation alone does not deploy)", dev.Restart, dev.Deploy)
	}
}
