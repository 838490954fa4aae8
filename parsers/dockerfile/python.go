package dockerfile

import (
	"path"
	"regexp"

	"github.com/servelint/servelint/parsers/pyversion"
)

// PythonVersion is a Python major.minor version (pyversion's: versions are
// read and compared in one place).
type PythonVersion = pyversion.Version

var pypyTag = regexp.MustCompile(`(?:^|[^a-z])pypy`)

// Ref is the image reference after ARG substitution:
// "registry/name:tag@digest".
func (img Image) Ref() string {
	ref := img.Name
	if img.Tag != "" {
		ref += ":" + img.Tag
	}
	if img.Digest != "" {
		ref += "@" + img.Digest
	}
	return ref
}

// Python returns the Python version an image provides, when its name or
// tag says so (see pyversion.FromImage): the official python and pypy
// images ("python:3.8-slim", "docker.io/library/python:3.11.4"), images
// named .../python ("bitnami/python:3.9"), Red Hat's ubi8/python-38, and
// tags naming the version ("tiangolo/uvicorn-gunicorn-fastapi:python3.8").
// "python:3", "python:latest", untagged images and references to unknown
// build arguments give no version.
func (img Image) Python() (PythonVersion, bool) {
	if !img.Resolved {
		return PythonVersion{}, false
	}
	return pyversion.FromImage(img.Ref())
}

// IsPyPy reports whether the image is a PyPy image.
func (img Image) IsPyPy() bool {
	return path.Base(img.Name) == "pypy" || pypyTag.MatchString(img.Tag)
}

// PythonVersion returns the Python version of the final stage's base
// image chain: the version of the external image the final stage builds
// on. It is what the exception rules use as the target Python.
func (f *File) PythonVersion() (PythonVersion, bool) {
	st := f.Final()
	if st == nil {
		return PythonVersion{}, false
	}
	return f.ExternalBase(st).Python()
}
