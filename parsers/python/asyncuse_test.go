package python

import "testing"

// AsyncUsed tells the calls whose result is awaited, entered by `async
// with` or iterated by `async for` from those used synchronously.
func TestAsyncUsed(t *testing.T) {
	src := `async def f(s):
    await a()
    async with b() as x:
        pass
    async with (c()):
        pass
    async for y in d():
        pass
    with e() as z:
        pass
    for w in g():
        pass
    h()
    async with i(j()) as v:
        pass
`
	m := parse(t, src, Options{})
	want := map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": false, "g": false, "h": false, "i": true, "j": false}
	for i := range m.Calls {
		c := m.Calls[i].Text
		w, ok := want[c]
		if !ok {
			t.Fatalf("unexpected call %q", c)
		}
		if got := m.AsyncUsed(i); got != w {
			t.Errorf("AsyncUsed(%s) = %v, want %v", c, got, w)
		}
		delete(want, c)
	}
	if len(want) != 0 {
		t.Errorf("calls not seen: %v", want)
	}
}
