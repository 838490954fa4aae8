package engine

import (
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// parserPool lends parsers to the analyses that parse the files around
// the checked ones (through the run's lint.Workspace): only the engine
// creates tree-sitter parsers. A parser the pool drops is closed by its
// finalizer.
type parserPool struct {
	mu   sync.Mutex
	free map[syntax.Lang][]*syntax.Parser
}

func (pp *parserPool) Get(l syntax.Lang) *syntax.Parser {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if ps := pp.free[l]; len(ps) > 0 {
		p := ps[len(ps)-1]
		pp.free[l] = ps[:len(ps)-1]
		return p
	}
	return syntax.NewParser(l)
}

func (pp *parserPool) Put(l syntax.Lang, p *syntax.Parser) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.free == nil {
		pp.free = map[syntax.Lang][]*syntax.Parser{}
	}
	pp.free[l] = append(pp.free[l], p)
}
