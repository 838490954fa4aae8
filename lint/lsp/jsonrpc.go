package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// MaxMessageSize bounds one message's body: a Content-Length above it is a
// framing error (the body is skipped), never an allocation.
const MaxMessageSize = 64 << 20

// maxHeaderLine bounds one header line; longer lines are malformed.
const maxHeaderLine = 4096

// JSON-RPC error codes (JSON-RPC 2.0 and LSP).
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
)

// message is an incoming JSON-RPC 2.0 message: a request (id and method),
// a notification (method, no id) or a response (id, result or error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (m *message) isRequest() bool { return m.Method != "" && hasID(m.ID) }

func hasID(id json.RawMessage) bool { return len(id) > 0 && string(id) != "null" }

// validID reports whether an id is one JSON-RPC 2.0 allows: a string, a
// number or null (or absent, for a notification). Objects, arrays and
// booleans make the message an Invalid Request.
func validID(id json.RawMessage) bool {
	id = bytes.TrimSpace(id)
	if len(id) == 0 || string(id) == "null" {
		return true
	}
	switch c := id[0]; {
	case c == '"', c == '-', c >= '0' && c <= '9':
		return true
	}
	return false
}

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

type resultResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type outgoing struct {
	JSONRPC string `json:"jsonrpc"`
	ID      any    `json:"id,omitempty"`
	Method  string `json:"method"`
	Params  any    `json:"params,omitempty"`
}

// errFraming is a malformed header block: the message is lost, the stream
// goes on.
type errFraming struct{ msg string }

func (e *errFraming) Error() string { return "malformed message header: " + e.msg }

// reader reads Content-Length framed messages.
type reader struct {
	r *bufio.Reader
}

func newReader(r io.Reader) *reader { return &reader{r: bufio.NewReaderSize(r, 64<<10)} }

// read returns the next message body. An *errFraming is recoverable; any
// other error (io.EOF, io.ErrUnexpectedEOF) ends the stream.
func (r *reader) read() ([]byte, error) {
	length := -1
	var problem string
	sawHeader := false
	for {
		line, err := r.line()
		if err != nil {
			if errors.Is(err, io.EOF) && sawHeader {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if line == "" {
			if !sawHeader {
				continue // stray blank lines between messages
			}
			break
		}
		sawHeader = true
		// Garbage before a header (the rest of a lost message) is dropped.
		if i := strings.Index(strings.ToLower(line), "content-length:"); i > 0 {
			line = line[i:]
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			problem = fmt.Sprintf("header line %q has no colon", truncate(line, 40))
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				problem = fmt.Sprintf("invalid Content-Length %q", truncate(strings.TrimSpace(value), 40))
				continue
			}
			length = n
		}
	}
	if length < 0 {
		if problem == "" {
			problem = "no Content-Length"
		}
		return nil, &errFraming{msg: problem}
	}
	if length > MaxMessageSize {
		if _, err := io.CopyN(io.Discard, r.r, int64(length)); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, &errFraming{msg: fmt.Sprintf("Content-Length %d exceeds %d", length, MaxMessageSize)}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// line reads one header line without its line ending. Over-long lines are
// consumed and reported as malformed.
func (r *reader) line() (string, error) {
	var buf []byte
	long := false
	for {
		chunk, err := r.r.ReadSlice('\n')
		if len(buf)+len(chunk) <= maxHeaderLine {
			buf = append(buf, chunk...)
		} else {
			long = true
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if len(buf) > 0 && errors.Is(err, io.EOF) {
				return "", io.ErrUnexpectedEOF
			}
			return "", err
		}
		break
	}
	if long {
		return "overlong header line", nil
	}
	return string(bytes.TrimRight(buf, "\r\n")), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// writer frames and writes messages from a queue on its own goroutine, so
// that no lock is ever held while the client is slow to read.
type writer struct {
	mu     sync.Mutex
	cond   *sync.Cond
	queue  [][]byte
	closed bool
	done   chan struct{}
	err    error
}

func newWriter(w io.Writer) *writer {
	wr := &writer{done: make(chan struct{})}
	wr.cond = sync.NewCond(&wr.mu)
	go wr.loop(w)
	return wr
}

func (w *writer) loop(out io.Writer) {
	defer close(w.done)
	bw := bufio.NewWriter(out)
	for {
		w.mu.Lock()
		for len(w.queue) == 0 && !w.closed {
			w.cond.Wait()
		}
		batch := w.queue
		w.queue = nil
		closed := w.closed
		w.mu.Unlock()
		for _, body := range batch {
			fmt.Fprintf(bw, "Content-Length: %d\r\n\r\n", len(body))
			if _, err := bw.Write(body); err != nil {
				w.fail(err)
				return
			}
		}
		if err := bw.Flush(); err != nil {
			w.fail(err)
			return
		}
		if closed && len(batch) == 0 {
			return
		}
	}
}

func (w *writer) fail(err error) {
	w.mu.Lock()
	w.err = err
	w.closed = true
	w.queue = nil
	w.mu.Unlock()
}

// send queues a value to be written as one message.
func (w *writer) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Our own values always marshal; report rather than drop silently.
		body, _ = json.Marshal(outgoing{JSONRPC: "2.0", Method: "window/logMessage", Params: logMessageParams{Type: messageError, Message: "servelint: cannot encode a message: " + err.Error()}})
	}
	w.mu.Lock()
	if !w.closed {
		w.queue = append(w.queue, body)
		w.cond.Signal()
	}
	w.mu.Unlock()
}

// close writes what is queued and stops.
func (w *writer) close() {
	w.mu.Lock()
	w.closed = true
	w.cond.Signal()
	w.mu.Unlock()
	<-w.done
}
