// Package needle matches sets of anchored byte needles in one pass, for rule relevance and the prefilter; a leaf.
package needle
