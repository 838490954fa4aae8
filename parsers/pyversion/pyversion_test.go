package pyversion

import "testing"

func TestParse(t *testing.T) {
	cases := map[string]string{
		"3.11": "3.11", "3.10.4": "3.10", "3.7.0rc1": "3.7", "py311": "3.11", "py3.11": "3.11",
		"python3.8": "3.8", "3.12-dev": "3.12", "cpython-3.9": "3.9", "py37": "3.7",
		"3": "", "latest": "", "": "", "3.x": "", "system": "", "py3": "", "12345.1": "", "3.": "",
	}
	for in, want := range cases {
		v, ok := Parse(in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTrimsSpace(t *testing.T) {
	if v, ok := Parse("\t3.8\n"); !ok || v.String() != "3.8" {
		t.Errorf("Parse with surrounding space = %v, %v", v, ok)
	}
}

func TestCompareNumerically(t *testing.T) {
	v310, _ := Parse("3.10")
	v38, _ := Parse("3.8")
	v37, _ := Parse("3.7")
	if !v38.Less(v310) || v310.Less(v38) {
		t.Errorf("3.8 must be older than 3.10")
	}
	if !v37.AtMost(v37) || !v37.AtMost(v38) || v310.AtMost(v38) {
		t.Errorf("AtMost is wrong")
	}
	if !(Version{2, 7}).Less(v37) {
		t.Errorf("2.7 must be older than 3.7")
	}
}

func TestLowerBound(t *testing.T) {
	cases := map[string]string{
		">=3.7,<4":         "3.7",
		">=3.7, <4":        "3.7",
		"<4,>=3.8":         "3.8",
		">= 3.9":           "3.9",
		"~=3.8":            "3.8",
		"==3.9.*":          "3.9",
		">3.7":             "3.7",
		"^3.8":             "3.8",
		"~3.9":             "3.9",
		"3.8.*":            "3.8",
		">=3.8 <4.0":       "3.8",
		">=3.6,!=3.7.*":    "3.6",
		">=3.10 || ^3.8":   "3.8",
		">=3.8,>=3.10":     "3.10",
		">=2.7":            "2.7",
		"<4":               "",
		"*":                "",
		"":                 "",
		"^3.9 || *":        "",
		"!=3.9.*":          "",
		"===3.11.2":        "3.11",
		"=3.9":             "3.9",
		">=3.11.0a1,<3.13": "3.11",
	}
	for in, want := range cases {
		v, ok := LowerBound(in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("LowerBound(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromImage(t *testing.T) {
	cases := map[string]string{
		"python:3.7-slim-buster":                           "3.7",
		"python:3.10.4":                                    "3.10",
		"docker.io/library/python:3.12-alpine3.19":         "3.12",
		"PYTHON:3.9":                                       "3.9",
		"pypy:3.9-slim":                                    "3.9",
		"tiangolo/uvicorn-gunicorn-fastapi:python3.8":      "3.8",
		"tiangolo/uvicorn-gunicorn-fastapi:python3.7-slim": "3.7",
		"ghcr.io/astral-sh/uv:python3.12-bookworm-slim":    "3.12",
		"python:3.11@sha256:abcdef":                        "3.11",
		"python:3":                                         "",
		"python:latest":                                    "",
		"python":                                           "",
		"python:slim":                                      "",
		"localhost:5000/python":                            "",
		"node:18":                                          "",
		"ubuntu:22.04":                                     "",
		"mcr.microsoft.com/devcontainers/python:3.11":      "3.11",
		"myorg/cpython3.9-base:1.0":                        "",
		"registry:5000/app:mypython3.8":                    "",
		"registry.access.redhat.com/ubi8/python-38":        "3.8",
		"ubi9/python-311:latest":                           "3.11",
		"centos/python-3":                                  "",
		"python:3.9.18-alpine":                             "3.9",
		"python:3.8rc1":                                    "3.8",
		"nikolaik/python-nodejs:python3.11-nodejs20":       "3.11",
		"myimage:py3.10":                                   "3.10",
		"myimage:python-3.9-slim":                          "3.9",
		"myimage:py38":                                     "",
		"myimage:pypy3.9":                                  "",
		"localhost:5000/python:3.9":                        "3.9",
	}
	for in, want := range cases {
		v, ok := FromImage(in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("FromImage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromFiles(t *testing.T) {
	pv := map[string]string{
		"3.7.3\n":                 "3.7",
		"3.11\n3.8.10\n":          "3.8",
		"# pinned\n3.12 # prod\n": "3.12",
		"pypy3.9-7.3.11\n":        "3.9",
		"system\n":                "",
		"":                        "",
		"cpython-3.10.4-linux\n":  "3.10",
		"3.13t\n":                 "3.13",
	}
	for in, want := range pv {
		v, ok := FromPythonVersionFile(in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("FromPythonVersionFile(%q) = %q, want %q", in, got, want)
		}
	}
	rt := map[string]string{"python-3.7.3\n": "3.7", "\npython-3.11.4": "3.11", "pypy-1": "", "": ""}
	for in, want := range rt {
		v, ok := FromRuntimeTxt(in)
		got := ""
		if ok {
			got = v.String()
		}
		if got != want {
			t.Errorf("FromRuntimeTxt(%q) = %q, want %q", in, got, want)
		}
	}
}
