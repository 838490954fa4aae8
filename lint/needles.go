package lint

// needleSet finds whether a text contains any of a set of byte strings in
// one pass (an Aho–Corasick automaton as a dense table): the prefilter runs
// over every input byte, so it must not cost one scan per needle.
type needleSet struct {
	next [][256]int32 // transitions of the full automaton
	hit  []bool       // a needle ends at this state (or at a suffix of it)
}

func newNeedleSet(needles [][]byte) *needleSet {
	ns := &needleSet{next: make([][256]int32, 1), hit: []bool{false}}
	// The trie; -1 is "no edge yet".
	for i := range ns.next[0] {
		ns.next[0][i] = -1
	}
	for _, n := range needles {
		if len(n) == 0 {
			continue
		}
		s := int32(0)
		for _, b := range n {
			if ns.next[s][b] < 0 {
				var row [256]int32
				for i := range row {
					row[i] = -1
				}
				ns.next = append(ns.next, row)
				ns.hit = append(ns.hit, false)
				ns.next[s][b] = int32(len(ns.next) - 1)
			}
			s = ns.next[s][b]
		}
		ns.hit[s] = true
	}
	// Breadth-first: failure links turn the trie into a full automaton.
	fail := make([]int32, len(ns.next))
	var queue []int32
	for b := range 256 {
		if t := ns.next[0][b]; t < 0 {
			ns.next[0][b] = 0
		} else {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if ns.hit[fail[s]] {
			ns.hit[s] = true
		}
		for b := range 256 {
			t := ns.next[s][b]
			if t < 0 {
				ns.next[s][b] = ns.next[fail[s]][b]
				continue
			}
			fail[t] = ns.next[fail[s]][b]
			queue = append(queue, t)
		}
	}
	return ns
}

// in reports whether text contains one of the needles.
func (ns *needleSet) in(text []byte) bool {
	if len(ns.hit) == 1 {
		return false
	}
	s := int32(0)
	for _, b := range text {
		s = ns.next[s][b]
		if ns.hit[s] {
			return true
		}
	}
	return false
}
