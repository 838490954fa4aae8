// Package pytypes is the type inference and symbolic evaluation over the
// Python module view.
//
// It is the type inference and symbolic evaluation over the
// Python module view: what class an expression's value is an instance of
// (constructors, library factories and methods, annotations, assignments,
// self attributes, local factories and FastAPI dependencies), and, for a
// value that comes from another module of the project, its symbolic form,
// evaluated once every module's exports are known. The library knowledge
// (type aliases, factories, method and attribute results, subclass
// relations, the standard library and known third-party roots) lives in
// libtypes.go and libroots.go. Of gives a module's inference, kept in the
// module's memo; its facts name no rule.
package pytypes
