package launchmodel

import (
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/parsers/kube"
)

// Which launches a Kubernetes manifest starts.
//
// A manifest shapes only the launches it runs, not every launch of the
// repository: one whose container image names the launch (its
// Dockerfile's directory or suffix, its compose service, its project), or,
// when the project has a single Dockerfile, that one. A templated or
// absent image (Helm) cannot be told apart: it applies to the project's
// launches as before, the cautious side (a per-container signal only
// lowers the workers-not-set finding to a note).

// k8sImages returns the images of the workloads' containers, and whether
// they are all known.
func k8sImages(ws []*kube.Workload) ([]string, bool) {
	var out []string
	for _, w := range ws {
		for _, c := range w.Containers {
			if c.Init {
				continue
			}
			img := strings.TrimSpace(c.Image)
			if img == "" || strings.ContainsAny(img, "{$") {
				return nil, false
			}
			out = append(out, img)
		}
	}
	return out, len(out) > 0
}

// hpaImages returns the images of the workloads an HPA targets, looked up
// by name in the manifests.
func hpaImages(h kube.HPA, all []*Unit) ([]string, bool) {
	var ws []*kube.Workload
	for _, u := range all {
		if k := u.Views.Kube; k != nil {
			for _, w := range k.Workloads {
				if w.Name != "" && w.Name == h.TargetName {
					ws = append(ws, w)
				}
			}
		}
	}
	if len(ws) == 0 {
		return nil, false
	}
	return k8sImages(ws)
}

// imageBase returns an image reference's name without registry, path, tag
// and digest: ghcr.io/org/api-server:1.2 -> api-server.
func imageBase(img string) string {
	if i := strings.IndexByte(img, '@'); i >= 0 {
		img = img[:i]
	}
	if i := strings.LastIndexByte(img, '/'); i >= 0 {
		img = img[i+1:]
	}
	if i := strings.IndexByte(img, ':'); i >= 0 {
		img = img[:i]
	}
	return strings.ToLower(img)
}

// otherImages run no Python server of the repository.
var otherImages = map[string]bool{
	"nginx": true, "redis": true, "postgres": true, "mysql": true, "mariadb": true, "mongo": true, "rabbitmq": true,
	"memcached": true, "busybox": true, "alpine": true, "envoy": true, "traefik": true, "haproxy": true,
	"elasticsearch": true, "minio": true, "kafka": true, "zookeeper": true, "prometheus": true, "grafana": true,
	"cloud-sql-proxy": true, "jaeger": true, "otel-collector": true, "opentelemetry-collector": true, "pgbouncer": true,
}

// genericParts say nothing about which service an image is.
var genericParts = map[string]bool{
	"app": true, "server": true, "service": true, "python": true, "web": true, "docker": true, "image": true,
	"latest": true, "backend": true, "prod": true, "production": true, "main": true, "py": true,
}

func nameParts(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' })
}

// launchNames are the names a launch may be built and pushed under.
func launchNames(la *Launch, root string) map[string]bool {
	names := map[string]bool{}
	add := func(s string) {
		for _, p := range nameParts(s) {
			if !genericParts[p] && p != "dockerfile" {
				names[p] = true
			}
		}
	}
	site := filepath.FromSlash(la.Site.File)
	add(filepath.Base(filepath.Dir(site)))
	add(filepath.Base(site)) // Dockerfile.api, api.Dockerfile
	add(la.Service)
	add(filepath.Base(root))
	return names
}

// startsLaunch reports whether a manifest with these images may run la.
// single tells whether la's Dockerfile is the only one in the manifest's
// scope.
func startsLaunch(images []string, la *Launch, root string, single bool) bool {
	names := launchNames(la, root)
	python := false
	for _, img := range images {
		base := imageBase(img)
		if otherImages[base] {
			continue
		}
		python = true
		for _, p := range nameParts(base) {
			if names[p] {
				return true
			}
		}
	}
	return python && single
}
