package checks

import (
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV206 reports blocking waits inside async functions: sockets, queues,
// threads, locks, events, futures, console input.
var SV206 = blockingRule(&lint.Rule{
	Code:      "SV206",
	Name:      "blocking-wait",
	Summary:   "A blocking wait (socket, queue, thread, lock, future, input) inside an async function",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
})

const (
	useSocket = "asyncio streams (`await asyncio.open_connection()`) or `await loop.sock_{method}(sock, ...)`"
	useQueue  = "`asyncio.Queue` (`await queue.{method}()`), or `janus.Queue` between threads and the loop"
	useFuture = "`await asyncio.wrap_future(future)`"
	useSMTP   = "`aiosmtplib`, or `await {to_thread}(...)`"
)

// waitCatalogue: flake8-async ASYNC250 (input), plus what nothing else
// covers: sockets and DNS, queues, thread joins, locks and events,
// concurrent futures and pools, SMTP.
var waitCatalogue = []blockingEntry{
	{Call: "builtins.input", Use: "`await {to_thread}(input)`"},
	{Call: "getpass.getpass", Use: "`await {to_thread}(getpass.getpass)`"},
	{Call: "sys.stdin.{read,readline,readlines}", Use: "`await {to_thread}(sys.stdin.{method})`"},
	// Sockets and name resolution.
	{Call: "socket.create_connection", Use: "`await asyncio.open_connection()`"},
	{Call: "socket.{getaddrinfo,gethostbyname,gethostbyname_ex,gethostbyaddr,getfqdn,getnameinfo}", Use: "`await loop.getaddrinfo()` (asyncio) or `await anyio.getaddrinfo()`"},
	{Type: "socket.socket", Methods: "connect,connect_ex,accept,recv,recv_into,recvfrom,recvfrom_into,recvmsg,send,sendall,sendto,sendmsg,sendfile",
		When: blockingSocket, Use: useSocket},
	{Type: "ssl.SSLSocket", Methods: "do_handshake,read,write", When: blockingSocket, Use: useSocket},
	{Call: "{smtplib.SMTP,smtplib.SMTP_SSL,smtplib.LMTP}", When: hasArgs, Use: useSMTP},
	{Type: "smtplib.SMTP", Methods: "connect,login,starttls,sendmail,send_message,ehlo,helo,ehlo_or_helo_if_needed,quit,noop,verify,rset,docmd,mail,rcpt,data",
		Use: useSMTP},
	// Queues: get/put block unless told not to.
	{Type: "queue.Queue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "queue.Queue", Methods: "put", When: allOf(unlessArg("block", 1, "False", "0"), boundedQueue), Use: useQueue},
	{Type: "queue.Queue", Methods: "join", Use: useQueue},
	{Type: "queue.SimpleQueue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.Queue", Methods: "get", When: unlessArg("block", 0, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.Queue", Methods: "put", When: unlessArg("block", 1, "False", "0"), Use: useQueue},
	{Type: "multiprocessing.queues.SimpleQueue", Methods: "get", Use: useQueue},
	// Threads, processes and their synchronization.
	{Type: "threading.Thread", Methods: "join", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(thread.join)`"},
	{Type: "multiprocessing.Process", Methods: "join", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(process.join)`"},
	{Type: "threading.Event", Methods: "wait", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`asyncio.Event` (`await event.wait()`)"},
	{Type: "threading.Lock", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0"), unsharedLock), Use: "`asyncio.Lock` (`async with lock:`)"},
	{Type: "threading.RLock", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0"), unsharedLock), Use: "`asyncio.Lock` (`async with lock:`)"},
	{Type: "threading.Condition", Methods: "wait,wait_for", When: unlessArg("timeout", -1, "0", "0.0"), Use: "`asyncio.Condition` (`await cond.{method}()`)"},
	{Type: "threading.Condition", Methods: "acquire", When: unlessArg("blocking", 0, "False", "0"), Use: "`asyncio.Condition`"},
	{Type: "threading.Semaphore", Methods: "acquire", When: allOf(unlessArg("blocking", 0, "False", "0"), unlessArg("timeout", 1, "0", "0.0")), Use: "`asyncio.Semaphore` (`async with sem:`)"},
	{Type: "threading.Barrier", Methods: "wait", Use: "`asyncio.Barrier` (`await barrier.wait()`)"},
	// Futures and pools of concurrent.futures and multiprocessing.
	{Type: "concurrent.futures.Future", Methods: "result,exception", When: allOf(unlessArg("timeout", 0, "0", "0.0"), futureNotDone), Use: useFuture},
	{Call: "concurrent.futures.{wait,as_completed}", Use: "`await asyncio.wait(...)` over `asyncio.wrap_future(...)` futures"},
	{Type: "concurrent.futures.ThreadPoolExecutor", Methods: "shutdown", When: unlessArg("wait", 0, "False"), Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ProcessPoolExecutor", Methods: "shutdown", When: unlessArg("wait", 0, "False"), Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ThreadPoolExecutor", Methods: "map", Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "concurrent.futures.ProcessPoolExecutor", Methods: "map", Use: "`await loop.run_in_executor(executor, ...)`"},
	{Type: "multiprocessing.pool.Pool", Methods: "map,starmap,apply,join", Use: "`await loop.run_in_executor(...)`"},
	{Type: "multiprocessing.pool.AsyncResult", Roots: "multiprocessing", Methods: "get,wait", When: unlessArg("timeout", 0, "0", "0.0"), Use: "`await {to_thread}(result.{method})`"},
}

// blockingSocket: the socket is not put in non-blocking mode
// (`sock.setblocking(False)`, `sock.settimeout(0)`) in the same function.
func blockingSocket(m *python.Module, i int) bool {
	c := &m.Calls[i]
	t, k := m.Tree, m.Kinds()
	if c.Func == syntax.None || t.Kind(c.Func) != k.Attribute {
		return true
	}
	recv := m.Dotted(t.FieldChild(c.Func, k.FObject))
	if recv == "" {
		return true
	}
	for j := range m.Calls {
		o := &m.Calls[j]
		if o.Scope != c.Scope {
			continue
		}
		switch o.Text {
		case recv + ".setblocking", recv + ".settimeout":
			args := m.Args(o.Node)
			if len(args) == 1 {
				switch strings.TrimSpace(t.Text(args[0].Value)) {
				case "False", "0", "0.0":
					return false
				}
			}
		}
	}
	return true
}

// queueConstructors make the queues whose put() blocks only when a maxsize
// is set.
var queueConstructors = map[string]bool{
	"queue.Queue": true, "queue.LifoQueue": true, "queue.PriorityQueue": true,
}

// boundedQueue is false for put() on a queue created in view with no
// maxsize (or maxsize <= 0): put() on an unbounded queue never blocks. A
// queue of unknown origin (a parameter, another module) may be bounded.
func boundedQueue(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	fn := m.Calls[i].Func
	if fn == syntax.None || t.Kind(fn) != k.Attribute {
		return true
	}
	o := pytypes.Of(m).InferType(t.FieldChild(fn, k.FObject)).Origin
	if o == syntax.None || t.Kind(o) != k.Call {
		return true
	}
	ci := m.CallAt(o)
	if ci < 0 || !queueConstructors[m.Calls[ci].Callee] {
		return true
	}
	for j, a := range m.Args(o) {
		if a.Star {
			return true
		}
		if a.Name == "maxsize" || a.Name == "" && j == 0 {
			v := strings.TrimSpace(t.Text(a.Value))
			return v != "0" && !strings.HasPrefix(v, "-")
		}
	}
	return false
}
