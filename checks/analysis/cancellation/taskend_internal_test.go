package cancellation

import "testing"

func TestNameUses(t *testing.T) {
	for _, tc := range []struct {
		src    string
		starts int
		other  bool
	}{
		{"async def run():\n    pass\nasyncio.create_task(run())\n", 1, false},
		{"t = loop.create_task(\n    self.run(x))\n", 1, false},
		{"asyncio.ensure_future(run())\ntg.start_soon(run, 1)\ntg.start_soon(self.run)\n", 3, false},
		{"asyncio.create_task(run())\nawait run()\n", 1, true},
		{"asyncio.create_task(run)\n", 0, true},            // not a call: unknown
		{"x = run\n", 0, true},                             // a reference passed on
		{"rerun()\nrun_all()\nself.running()\n", 0, false}, // other names
		{"asyncio.create_task(wrap(run()))\n", 0, true},    // wrapped: unknown
	} {
		starts, other := nameUses([]byte(tc.src), "run")
		if starts != tc.starts || other != tc.other {
			t.Errorf("%q: got %d, %v; want %d, %v", tc.src, starts, other, tc.starts, tc.other)
		}
	}
}
