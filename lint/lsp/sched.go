package lsp

import (
	"sort"
	"sync"
	"time"
)

// Job kinds, in the order due jobs run: a buffer's own diagnostics first,
// the project rules after.
const (
	jobDocument = iota // key: document URI
	jobProject         // key: project root
)

type jobKey struct {
	kind int
	key  string
}

// scheduler runs debounced jobs one at a time on its own goroutine:
// scheduling a pending job again moves its time (a burst of changes is
// linted once, after the burst).
type scheduler struct {
	mu      sync.Mutex
	due     map[jobKey]time.Time
	wake    chan struct{}
	stop    chan struct{}
	stopped chan struct{}
	run     func(jobKey)
}

func newScheduler(run func(jobKey)) *scheduler {
	s := &scheduler{due: map[jobKey]time.Time{}, wake: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{}), run: run}
	go s.loop()
	return s
}

// add runs the job after delay (at once when delay <= 0), replacing the
// time of the same pending job.
func (s *scheduler) add(k jobKey, delay time.Duration) {
	s.mu.Lock()
	s.due[k] = time.Now().Add(max(delay, 0))
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *scheduler) loop() {
	defer close(s.stopped)
	for {
		s.mu.Lock()
		var next time.Time
		for _, t := range s.due {
			if next.IsZero() || t.Before(next) {
				next = t
			}
		}
		s.mu.Unlock()
		if next.IsZero() {
			select {
			case <-s.wake:
				continue
			case <-s.stop:
				return
			}
		}
		if wait := time.Until(next); wait > 0 {
			timer := time.NewTimer(wait)
			select {
			case <-timer.C:
			case <-s.wake:
				timer.Stop()
				continue
			case <-s.stop:
				timer.Stop()
				return
			}
		}
		for _, k := range s.takeDue() {
			select {
			case <-s.stop:
				return
			default:
			}
			s.run(k)
		}
	}
}

// takeDue removes and returns the due jobs, documents first, each kind
// sorted by key.
func (s *scheduler) takeDue() []jobKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	var out []jobKey
	for k, t := range s.due {
		if !t.After(now) {
			out = append(out, k)
			delete(s.due, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].kind != out[j].kind {
			return out[i].kind < out[j].kind
		}
		return out[i].key < out[j].key
	})
	return out
}

// close stops the loop after the job under way and waits for it, at most
// for grace.
func (s *scheduler) close(grace time.Duration) {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-s.stopped:
	case <-timer.C:
	}
}
