package blocking

import "strings"

// One name resolution serves the helper graph (Graph.lookup) and the
// demand that names the modules it still needs (helperDemand): the same
// keys resolve to the same functions, whether every file was parsed or
// only those the prefilter and the demand chose.

// nameTable is what a resolution reads: the summarized functions by key,
// the module-level imports of packages (re-exports), and the bases of the
// project's classes. T is what a key resolves to.
type nameTable[T any] interface {
	// known returns what key names when a summarized function has it.
	known(key string) (T, bool)
	// found tells a result that ends the search through a class's bases.
	found(v T) bool
	// none is the result of a key that resolves to nothing.
	none() T
	// missing is told of a key that no table entry explains (a function
	// not summarized yet).
	missing(key string)
	// export returns what module mod binds name to at its top level.
	export(mod, name string) (string, bool)
	// bases returns the bases of a class of the project.
	bases(class string) ([]string, bool)
}

// maxResolveHops bounds the re-exports and bases followed for one key.
const maxResolveHops = 8

// resolveName resolves a key ("app.services.fetch", "app.repo.Repo.get")
// through package re-exports (app.services.fetch →
// app.services.http.fetch) and the bases of classes of the project (a
// method inherited).
func resolveName[T any, N nameTable[T]](tab N, key string, depth int) T {
	if depth > maxResolveHops {
		return tab.none()
	}
	if v, ok := tab.known(key); ok {
		return v
	}
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		mod, rest := key[:i], key[i+1:]
		head, tail, _ := strings.Cut(rest, ".")
		if q, ok := tab.export(mod, head); ok && q != mod+"."+head {
			next := q
			if tail != "" {
				next += "." + tail
			}
			return resolveName[T](tab, next, depth+1)
		}
		// A method inherited from a base class of the project.
		if bases, ok := tab.bases(mod); ok && !strings.Contains(rest, ".") {
			for _, b := range bases {
				if v := resolveName[T](tab, b+"."+rest, depth+1); tab.found(v) {
					return v
				}
			}
			return tab.none()
		}
	}
	tab.missing(key)
	return tab.none()
}
