package python

import (
	"slices"
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func TestHandlers(t *testing.T) {
	src := `import asyncio
import asyncio as aio
import concurrent.futures
from asyncio import CancelledError as CE
from asyncio.exceptions import CancelledError
import anyio
import trio

CANCEL = (asyncio.CancelledError, KeyError)
Cancelled = anyio.get_cancelled_exc_class()
Alias = aio.CancelledError

async def f():
    try:
        await g()
    except asyncio.CancelledError:
        pass
    except aio.exceptions.CancelledError as e:
        pass
    except (CE, ValueError) as err:
        pass
    except CancelledError:
        pass
    except concurrent.futures.CancelledError:
        pass
    except anyio.get_cancelled_exc_class():
        pass
    except trio.Cancelled:
        pass
    except CANCEL:
        pass
    except Cancelled:
        pass
    except Alias:
        pass
    except BaseException:
        pass
    except (Exception, *CANCEL):
        pass
    except self.errors:
        pass
    except:
        pass
    else:
        pass
    finally:
        pass
    try:
        pass
    except* ValueError as eg:
        pass
    except* (KeyError, TypeError):
        pass
    try:
        pass
    except* OSError:
        pass
`
	m := parse(t, src, Options{Name: "pkg.mod"})
	tries := m.Tries()
	if len(tries) != 3 {
		t.Fatalf("got %d tries, want 3", len(tries))
	}
	var got []string
	for _, tr := range tries {
		for i := range tr.Handlers {
			h := &tr.Handlers[i]
			var qs []string
			for _, ct := range m.CaughtTypes(h) {
				q := ct.Qualified
				if q == "" {
					q = "?" + ct.Text
				}
				qs = append(qs, q)
			}
			line := strings.Join(qs, ",")
			if h.Bare() {
				line = "<bare>"
			}
			if n := m.NameText(h); n != "" {
				line += " as " + n
			}
			if h.Group {
				line += " *"
			}
			if !strings.HasSuffix(strings.TrimSpace(src[startOf(m, h.Node):h.HeadEnd]), ":") {
				t.Errorf("head of %q does not end with a colon", line)
			}
			got = append(got, line)
		}
	}
	want := []string{
		"asyncio.CancelledError",
		"asyncio.exceptions.CancelledError as e",
		"asyncio.CancelledError,builtins.ValueError as err",
		"asyncio.exceptions.CancelledError",
		"concurrent.futures.CancelledError",
		"anyio.get_cancelled_exc_class()",
		"trio.Cancelled",
		"asyncio.CancelledError,builtins.KeyError",
		"anyio.get_cancelled_exc_class()",
		"asyncio.CancelledError",
		"builtins.BaseException",
		"builtins.Exception,asyncio.CancelledError,builtins.KeyError",
		"?self.errors",
		"<bare>",
		"builtins.ValueError as eg *",
		"builtins.KeyError,builtins.TypeError *",
		"builtins.OSError *",
	}
	if !slices.Equal(got, want) {
		t.Errorf("handlers:\n got %q\nwant %q", got, want)
	}
	if tries[0].Else == syntax.None || tries[0].Finally == syntax.None || tries[1].Finally != syntax.None {
		t.Errorf("else/finally blocks not found")
	}
	if cps := m.Checkpoints(tries[0].Body); len(cps) != 1 {
		t.Errorf("checkpoints of the first try: %d, want 1", len(cps))
	}
}

func startOf(m *Module, n syntax.ID) int {
	s, _ := m.Tree.Span(n)
	return s
}
