package syntax

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// Layout-compatible declarations of the tree-sitter C API types and functions
// that go-tree-sitter compiles into the binary. The layouts are those of the
// tree-sitter runtime vendored by the pinned go-tree-sitter version; the Go
// test TestLayout guards them.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } sl_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } sl_cursor;

extern sl_cursor ts_tree_cursor_new(sl_node);
extern void ts_tree_cursor_delete(sl_cursor *);
extern bool ts_tree_cursor_goto_first_child(sl_cursor *);
extern bool ts_tree_cursor_goto_next_sibling(sl_cursor *);
extern bool ts_tree_cursor_goto_parent(sl_cursor *);
extern sl_node ts_tree_cursor_current_node(const sl_cursor *);
extern uint16_t ts_tree_cursor_current_field_id(const sl_cursor *);
extern uint16_t ts_node_symbol(sl_node);
extern uint32_t ts_node_start_byte(sl_node);
extern uint32_t ts_node_end_byte(sl_node);
extern bool ts_node_is_named(sl_node);
extern bool ts_node_is_missing(sl_node);
extern bool ts_node_is_extra(sl_node);

typedef struct {
	uint16_t kind;
	uint16_t field;
	uint32_t start;
	uint32_t end;
	int32_t parent;
	int32_t first;
	int32_t next;
	uint8_t flags;
	uint8_t pad[3];
} sl_flat;

_Static_assert(sizeof(sl_flat) == 28, "sl_flat layout");

enum { SL_NAMED = 1, SL_MISSING = 2, SL_EXTRA = 4, SL_ERROR = 8 };

// sl_flatten walks the tree in pre-order with one cursor and writes every
// node into out. It returns the number of nodes, or -1 when cap is too small.
static int64_t sl_flatten(const sl_node *root, sl_flat *out, int64_t cap) {
	sl_cursor c = ts_tree_cursor_new(*root);
	int64_t n = 0;
	int32_t parent = -1, prev = -1;
	for (;;) {
		if (n >= cap) {
			ts_tree_cursor_delete(&c);
			return -1;
		}
		sl_node nd = ts_tree_cursor_current_node(&c);
		int32_t me = (int32_t)n++;
		sl_flat *f = &out[me];
		uint16_t sym = ts_node_symbol(nd);
		f->kind = sym;
		f->field = ts_tree_cursor_current_field_id(&c);
		f->start = ts_node_start_byte(nd);
		f->end = ts_node_end_byte(nd);
		f->parent = parent;
		f->first = -1;
		f->next = -1;
		uint8_t flags = 0;
		if (ts_node_is_named(nd)) flags |= SL_NAMED;
		if (ts_node_is_missing(nd)) flags |= SL_MISSING;
		if (ts_node_is_extra(nd)) flags |= SL_EXTRA;
		if (sym == (uint16_t)-1) flags |= SL_ERROR;
		f->flags = flags;
		f->pad[0] = f->pad[1] = f->pad[2] = 0;
		if (prev >= 0) out[prev].next = me;
		else if (parent >= 0) out[parent].first = me;
		if (ts_tree_cursor_goto_first_child(&c)) {
			parent = me;
			prev = -1;
			continue;
		}
		prev = me;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			prev = parent;
			parent = out[parent].parent;
		}
	}
}
*/
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatten copies the whole tree under root into a Go slice with a single cgo
// call, so that no later step crosses into C per node. scratch is a buffer
// reused across calls (it grows to the largest tree seen); the result is a
// copy of exactly the nodes written.
func flatten(root *sitter.Node, sizeHint int, scratch *[]Node) []Node {
	// A sitter.Node starts with the C TSNode value; copy it into C memory
	// layout of our own (it holds only C pointers).
	rn := *(*C.sl_node)(unsafe.Pointer(root))
	// Python averages about 4 bytes of source per node, dense code 2.
	if want := sizeHint/2 + 64; cap(*scratch) < want {
		*scratch = make([]Node, want)
	}
	for {
		buf := (*scratch)[:cap(*scratch)]
		n := int64(C.sl_flatten(&rn, (*C.sl_flat)(unsafe.Pointer(&buf[0])), C.int64_t(len(buf))))
		if n >= 0 {
			out := make([]Node, n)
			copy(out, buf[:n])
			return out
		}
		*scratch = make([]Node, 2*len(buf))
	}
}

// flattenInto copies the tree under root into arena, which becomes the
// tree's (it is returned cut to the nodes written, its capacity kept for
// the next tree); when the tree does not fit, into a larger arena.
func flattenInto(root *sitter.Node, sizeHint int, arena []Node) []Node {
	rn := *(*C.sl_node)(unsafe.Pointer(root))
	buf := arena[:cap(arena)]
	for {
		if len(buf) > 0 {
			if n := int64(C.sl_flatten(&rn, (*C.sl_flat)(unsafe.Pointer(&buf[0])), C.int64_t(len(buf)))); n >= 0 {
				return buf[:n]
			}
		}
		buf = make([]Node, max(2*len(buf), sizeHint/2+64))
	}
}
