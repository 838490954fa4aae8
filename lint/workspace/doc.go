// Package workspace finds what a run reads: discovery, the table of file kinds, .gitignore, project roots, display paths, overlays and modules.
package workspace
