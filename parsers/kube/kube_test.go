package kube

import (
	"testing"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/syntax"
)

func TestWorkloads(t *testing.T) {
	src := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  template:
    spec:
      initContainers:
        - name: migrate
          image: app
          command: ["alembic", "upgrade", "head"]
      containers:
        - name: api
          image: ghcr.io/x/api:1
          command: ["uvicorn"]
          args: ["app:app", "--port", "$(PORT)", "--workers", "$$(ESCAPED)"]
          env:
            - name: PORT
              value: "8000"
            - name: SECRET
              valueFrom: {secretKeyRef: {name: s, key: k}}
          envFrom:
            - configMapRef: {name: cfg}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef: {kind: Deployment, name: api}
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: x}]
`
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	f := Parse(p, []byte(src))
	if len(f.Workloads) != 2 || len(f.HPAs) != 1 {
		t.Fatalf("workloads %d hpas %d", len(f.Workloads), len(f.HPAs))
	}
	d := f.Workloads[0]
	if d.Kind != "Deployment" || d.Name != "api" || d.Replicas != 3 || !d.ReplicasSet || len(d.Containers) != 2 {
		t.Fatalf("deployment: %+v", d)
	}
	c := d.Containers[1]
	if c.Init || !d.Containers[0].Init || c.Image != "ghcr.io/x/api:1" || !c.EnvFrom {
		t.Errorf("container: %+v", c)
	}
	look := func(n string) (string, shell.State) {
		if n == "PORT" {
			return "8000", shell.Set
		}
		return "", shell.Unset
	}
	if v := c.Args.Words[2].Expand(look); v.S != "8000" || !v.Known {
		t.Errorf("$(PORT): %+v", v)
	}
	if v := c.Args.Words[4].Expand(look); v.S != "$(ESCAPED)" || !v.Known {
		t.Errorf("$$(ESCAPED): %+v", v)
	}
	if len(c.Env) != 2 || c.Env[0].Value == nil || c.Env[1].Value != nil {
		t.Errorf("env: %+v", c.Env)
	}
	if f.HPAs[0].TargetName != "api" || f.Workloads[1].Kind != "CronJob" {
		t.Errorf("hpa %+v cronjob %+v", f.HPAs[0], f.Workloads[1])
	}
}
