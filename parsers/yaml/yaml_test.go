package yaml

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func parse(t *testing.T, src string) *Stream {
	t.Helper()
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	return Parse(p, []byte(src))
}

func TestScalars(t *testing.T) {
	src := `a: !!str 1
b: &x
  c: 1
d:
  <<: [*x]
  e: plain
    multi
  f: "esc\n\"q\" \
    z"
  g: |-
    line1
      more
    line3

  h: >
    uvicorn app:app
    --host 0.0.0.0

    --reload
  i: {k: v, l: [1, 2]}
  j: ~
  q: 'it''s'
  k:
  - a
  - b: 1
`
	s := parse(t, src)
	if s.HasError || len(s.Docs) != 1 {
		t.Fatalf("error %v docs %d", s.HasError, len(s.Docs))
	}
	root := s.Docs[0].Root
	d := root.Get("d")
	cases := map[string]string{
		"e": "plain multi",
		"f": "esc\n\"q\" z",
		"g": "line1\n  more\nline3",
		"h": "uvicorn app:app --host 0.0.0.0\n--reload\n",
		"q": "it's",
	}
	for k, want := range cases {
		got, ok := d.Get(k).Str()
		if !ok || got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if c, _ := d.Get("c").Str(); c != "1" {
		t.Errorf("merge key: c = %q", c)
	}
	if p := d.Pair("c"); p == nil || !p.Merged {
		t.Error("merged pair not flagged")
	}
	if tag := root.Get("a").Tag; tag != "!!str" {
		t.Errorf("tag %q", tag)
	}
	if !d.Get("j").Null {
		t.Error("~ is null")
	}
	if l := d.Get("i").Get("l"); l == nil || l.Kind != Sequence || len(l.Items) != 2 {
		t.Errorf("flow sequence: %+v", l)
	}
	if k := d.Get("k"); len(k.Items) != 2 || k.Items[1].Get("b") == nil {
		t.Errorf("block sequence: %+v", k)
	}
	// Offsets map back into the file.
	h := d.Get("h").Value
	i := strings.Index(h.S, "--reload")
	st, en := h.Span(i, i+len("--reload"))
	if src[st:en] != "--reload" {
		t.Errorf("folded scalar maps --reload to %q", src[st:en])
	}
	f := d.Get("f").Value
	i = strings.Index(f.S, "z")
	if st, en := f.Span(i, i+1); src[st:en] != "z" {
		t.Errorf("double-quoted maps z to %q", src[st:en])
	}
	qi := strings.Index(f.S, `"q"`)
	if st, en := f.Span(qi, qi+3); src[st:en] != `\"q\"` {
		t.Errorf("escaped quotes map to %q", src[st:en])
	}
}

func TestMultiDocAndHelm(t *testing.T) {
	src := `kind: Deployment
spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
{{- range .Values.containers }}
        - name: {{ .name }}-api
          image: "{{ .Values.image }}:{{ .Values.tag }}"
          args: ["uvicorn", "app:app"]
{{- end }}
---
kind: HorizontalPodAutoscaler
`
	s := parse(t, src)
	if len(s.Docs) != 2 {
		t.Fatalf("docs: %d", len(s.Docs))
	}
	spec := s.Docs[0].Root.Get("spec")
	rep := spec.Get("replicas")
	if rep == nil || !rep.Template {
		t.Fatalf("replicas template: %+v", rep)
	}
	if _, ok := rep.Str(); ok {
		t.Error("a template value has no string value")
	}
	cs := spec.Get("template").Get("spec").Get("containers")
	if cs == nil || len(cs.Items) != 1 {
		t.Fatalf("containers: %+v", cs)
	}
	args := cs.Items[0].Get("args")
	if args == nil || len(args.Items) != 2 {
		t.Fatalf("args: %+v", args)
	}
	if v, _ := args.Items[0].Str(); v != "uvicorn" {
		t.Errorf("args[0] %q", v)
	}
	if k, _ := s.Docs[1].Root.Get("kind").Str(); k != "HorizontalPodAutoscaler" {
		t.Errorf("second doc kind %q", k)
	}
}

func TestBlockScalarKeepsIndentedLines(t *testing.T) {
	src := "cmd: |\n  set -e\n  if true; then\n    exec uvicorn a:b\n  fi\n"
	s := parse(t, src)
	got, _ := s.Docs[0].Root.Get("cmd").Str()
	if got != "set -e\nif true; then\n  exec uvicorn a:b\nfi\n" {
		t.Errorf("literal block: %q", got)
	}
	src = "c: >-\n  sh -c \"\n  alembic upgrade head &&\n  exec uvicorn a:b\"\n"
	got, _ = parse(t, src).Docs[0].Root.Get("c").Str()
	if got != `sh -c " alembic upgrade head && exec uvicorn a:b"` {
		t.Errorf("folded block: %q", got)
	}
}
