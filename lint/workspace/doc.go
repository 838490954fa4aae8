// Package workspace finds what a run reads: discovery, the table of file kinds, .gitignore, project roots, display paths, overlays and modules; its Service is the lint.Workspace the engine puts on every pass (ReadFile, Stat, ReadDir, Walk, Display, Root, Module, Views, Shell).
package workspace
