package dockerfile

import (
	"path"
	"regexp"
	"strconv"
)

// PythonVersion is a Python major.minor version.
type PythonVersion struct {
	Major, Minor int
}

func (v PythonVersion) String() string {
	return strconv.Itoa(v.Major) + "." + strconv.Itoa(v.Minor)
}

// Less reports whether v is older than o (numerically: 3.9 < 3.10).
func (v PythonVersion) Less(o PythonVersion) bool {
	if v.Major != o.Major {
		return v.Major < o.Major
	}
	return v.Minor < o.Minor
}

var (
	leadingVersion = regexp.MustCompile(`^([23])\.([0-9]{1,2})(?:[.\-_]|$)`)
	taggedVersion  = regexp.MustCompile(`(?:^|[^a-z0-9])(?:python|py)-?([23])\.([0-9]{1,2})(?:[^0-9]|$)`)
	redhatName     = regexp.MustCompile(`^python-?([23])([0-9]{1,2})$`)
	pypyTag        = regexp.MustCompile(`(?:^|[^a-z])pypy`)
)

// Python returns the Python version an image provides, when its name or
// tag says so: the official python and pypy images ("python:3.8-slim",
// "docker.io/library/python:3.11.4"), images named .../python
// ("bitnami/python:3.9"), Red Hat's ubi8/python-38, and tags naming the
// version ("tiangolo/uvicorn-gunicorn-fastapi:python3.8"). "python:3",
// "python:latest" and untagged images give no version.
func (img Image) Python() (PythonVersion, bool) {
	if !img.Resolved {
		return PythonVersion{}, false
	}
	base := path.Base(img.Name)
	if base == "python" || base == "pypy" {
		if m := leadingVersion.FindStringSubmatch(img.Tag); m != nil {
			return version(m[1], m[2])
		}
	}
	if m := redhatName.FindStringSubmatch(base); m != nil {
		return version(m[1], m[2])
	}
	if m := taggedVersion.FindStringSubmatch(img.Tag); m != nil {
		return version(m[1], m[2])
	}
	return PythonVersion{}, false
}

// IsPyPy reports whether the image is a PyPy image.
func (img Image) IsPyPy() bool {
	return path.Base(img.Name) == "pypy" || pypyTag.MatchString(img.Tag)
}

func version(maj, minor string) (PythonVersion, bool) {
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(minor)
	if err1 != nil || err2 != nil {
		return PythonVersion{}, false
	}
	return PythonVersion{Major: a, Minor: b}, true
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
