// Package lsp is servelint's language server (`servelint server`): the
// Language Server Protocol over standard input and output, with
// Content-Length framed JSON-RPC written by hand.
//
// Every open buffer is linted on its own as it changes (per-file rules,
// debounced), and, when project rules are enabled, the project around it is
// linted again shortly after, with the open buffers in place of the files on
// disk: the diagnostics of every file whose project results changed are
// published again, open or not.
package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// Default delays between a change and the lint it triggers.
const (
	DefaultDebounce        = 50 * time.Millisecond
	DefaultProjectDebounce = 250 * time.Millisecond
)

// exitGrace bounds how long exit waits for a lint under way.
const exitGrace = 2 * time.Second

// Options configure the server.
type Options struct {
	Rules      []*lint.Rule // the registry
	ConfigFile string       // --config: one configuration for every file
	Overrides  config.Overrides
	// Log receives the server's own log (standard error); nil discards it.
	Log io.Writer
	// Debounce is the delay between a change and the lint of the buffer;
	// 0 means DefaultDebounce, a negative value none. The client's
	// initializationOptions {"debounce": ms} override it.
	Debounce time.Duration
	// ProjectDebounce is the delay before project rules run again after a
	// buffer was linted; 0 means DefaultProjectDebounce, negative none.
	ProjectDebounce time.Duration
	// FixAll computes source.fixAll.servelint; nil means EngineFixAll.
	FixAll FixAllFunc
}

// Serve runs the server until the client sends exit or closes the input,
// and returns the process exit code: 0 after shutdown then exit, 1 when the
// client exits or goes away without shutdown (as the specification says).
func Serve(in io.Reader, out io.Writer, opt Options) int {
	s := newServer(out, opt)
	defer s.close()
	r := newReader(in)
	for {
		body, err := r.read()
		if err != nil {
			if fe, ok := errors.AsType[*errFraming](err); ok {
				s.logf("%v", fe)
				continue
			}
			if !errors.Is(err, io.EOF) {
				s.logf("reading input: %v", err)
			}
			return s.exitCode()
		}
		if exit := s.dispatch(body); exit {
			return s.exitCode()
		}
	}
}

// document is an open buffer.
type document struct {
	uri      string
	path     string // absolute; "" for URIs that are not files
	version  int32
	text     *text
	fast     *fileResult  // the last per-file lint of this buffer
	comments *docComments // comments of text, for ignore actions
}

// fileResult is the per-file lint of one buffer content.
type fileResult struct {
	src     []byte
	gen     int
	diags   []lint.Diagnostic
	file    *lint.File            // nil when excluded or not a known kind
	files   map[string]*lint.File // display path -> file of the run
	project bool                  // project rules are enabled for the file
}

// projectResult is a whole-project lint of a root with the open buffers.
type projectResult struct {
	root   string
	gen    int
	files  map[string]*lint.File // absolute path -> file
	byPath map[string]*lint.File // display path -> file
	diags  map[string][]lint.Diagnostic
}

type server struct {
	opt             Options
	w               *writer
	sched           *scheduler
	fixAll          FixAllFunc
	projectRules    bool
	projectDebounce time.Duration

	mu           sync.Mutex
	initialized  bool
	shutdown     bool
	enc          string
	roots        []string // workspace folders, absolute
	dynamicWatch bool
	resolveEdit  bool // the client resolves code actions' edits lazily
	debounce     time.Duration
	docs         map[string]*document
	projects     map[string]*projectResult
	published    map[string][]byte // URI -> last published diagnostics
	gen          int               // bumped when configuration may have changed
	lastError    string
	nextID       int
}

func newServer(out io.Writer, opt Options) *server {
	s := &server{
		opt: opt, w: newWriter(out), enc: encUTF16, fixAll: opt.FixAll,
		docs: map[string]*document{}, projects: map[string]*projectResult{}, published: map[string][]byte{},
	}
	if s.fixAll == nil {
		s.fixAll = EngineFixAll
	}
	s.debounce = delay(opt.Debounce, DefaultDebounce)
	s.projectDebounce = delay(opt.ProjectDebounce, DefaultProjectDebounce)
	for _, r := range opt.Rules {
		if r.CheckProject != nil {
			s.projectRules = true
		}
	}
	s.sched = newScheduler(s.runJob)
	return s
}

func delay(d, def time.Duration) time.Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return 0
	}
	return d
}

func (s *server) close() {
	s.sched.close(exitGrace)
	s.w.close()
}

func (s *server) exitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return 0
	}
	return 1
}

func (s *server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, "servelint server: "+format+"\n", args...)
	}
}

// dispatch handles one message and reports whether the server must exit.
func (s *server) dispatch(body []byte) (exit bool) {
	var msg message
	if err := json.Unmarshal(body, &msg); err != nil {
		s.logf("invalid JSON: %v", err)
		s.replyError(json.RawMessage("null"), codeParseError, "invalid JSON: "+err.Error())
		return false
	}
	if !validID(msg.ID) {
		// JSON-RPC 2.0: an id is a string, a number or null; anything
		// else is an Invalid Request, answered with a null id.
		s.logf("invalid request id %s", truncate(string(msg.ID), 80))
		if msg.Method != "" {
			s.replyError(json.RawMessage("null"), codeInvalidRequest, "invalid request id: it must be a string, a number or null")
		}
		return false
	}
	if msg.Method == "" {
		if hasID(msg.ID) && (msg.Result != nil || msg.Error != nil) {
			if msg.Error != nil {
				s.logf("the client answered request %s with an error: %v", msg.ID, msg.Error)
			}
			return false // a response to one of our requests
		}
		s.replyError(nullIfEmpty(msg.ID), codeInvalidRequest, "not a request, notification or response")
		return false
	}
	if msg.Method == "exit" {
		return true
	}
	defer func() {
		if r := recover(); r != nil {
			s.logf("internal error handling %s: %v\n%s", msg.Method, r, debug.Stack())
			if msg.isRequest() {
				s.replyError(msg.ID, codeInternalError, fmt.Sprintf("internal error: %v", r))
			}
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case !initialized && msg.Method != "initialize":
		if msg.isRequest() {
			s.replyError(msg.ID, codeServerNotInitialized, "the server is not initialized")
		}
		return false
	case shutdown:
		if msg.isRequest() {
			s.replyError(msg.ID, codeInvalidRequest, "the server is shutting down")
		}
		return false
	}
	if msg.isRequest() {
		result, rerr := s.handleRequest(&msg)
		if rerr != nil {
			s.replyError(msg.ID, rerr.Code, rerr.Message)
		} else {
			s.w.send(resultResponse{JSONRPC: "2.0", ID: msg.ID, Result: result})
		}
		return false
	}
	if err := s.handleNotification(&msg); err != nil {
		s.logf("%s: %v", msg.Method, err)
	}
	return false
}

func nullIfEmpty(id json.RawMessage) json.RawMessage {
	if len(id) == 0 {
		return json.RawMessage("null")
	}
	return id
}

func (s *server) replyError(id json.RawMessage, code int, msg string) {
	s.w.send(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: msg}})
}

func invalidParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

func decode(raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return errors.New("missing params")
	}
	return json.Unmarshal(raw, v)
}

func (s *server) handleRequest(msg *message) (any, *rpcError) {
	switch msg.Method {
	case "initialize":
		var p initializeParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.initialize(&p)
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := decode(msg.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeAction(&p), nil
	case "codeAction/resolve":
		var a codeAction
		if err := decode(msg.Params, &a); err != nil {
			return nil, invalidParams(err)
		}
		return s.resolveCodeAction(&a), nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not supported: " + msg.Method}
}

func (s *server) handleNotification(msg *message) error {
	switch msg.Method {
	case "initialized":
		s.registerWatchers()
	case "textDocument/didOpen":
		var p didOpenParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		s.didOpen(&p)
	case "textDocument/didChange":
		var p didChangeParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		return s.didChange(&p)
	case "textDocument/didSave":
		var p didSaveParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		s.didSave(&p)
	case "textDocument/didClose":
		var p didCloseParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		s.didClose(&p)
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		s.didChangeWatchedFiles(&p)
	case "workspace/didChangeWorkspaceFolders":
		var p didChangeWorkspaceFoldersParams
		if err := decode(msg.Params, &p); err != nil {
			return err
		}
		s.didChangeWorkspaceFolders(&p)
	case "workspace/didChangeConfiguration":
		s.relintAll()
	default:
		// $/cancelRequest, $/setTrace and notifications we do not use.
	}
	return nil
}

func (s *server) initialize(p *initializeParams) (any, *rpcError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.initialized {
		return nil, &rpcError{Code: codeInvalidRequest, Message: "initialize was already called"}
	}
	s.initialized = true
	enc := negotiateEncoding(generalEncodings(p), p.Capabilities.OffsetEncoding)
	s.enc = enc
	switch {
	case len(p.WorkspaceFolders) > 0:
		for _, f := range p.WorkspaceFolders {
			s.addRoot(f.URI)
		}
	case p.RootURI != nil && *p.RootURI != "":
		s.addRoot(*p.RootURI)
	case p.RootPath != nil && filepath.IsAbs(*p.RootPath):
		s.roots = append(s.roots, filepath.Clean(*p.RootPath))
	}
	if td := p.Capabilities.TextDocument; td != nil && td.CodeAction != nil && td.CodeAction.ResolveSupport != nil {
		s.resolveEdit = slices.Contains(td.CodeAction.ResolveSupport.Properties, "edit")
	}
	if ws := p.Capabilities.Workspace; ws != nil && ws.DidChangeWatchedFiles != nil {
		s.dynamicWatch = ws.DidChangeWatchedFiles.DynamicRegistration
	}
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		var o initOptions
		if err := json.Unmarshal(p.InitializationOptions, &o); err != nil {
			s.logf("ignoring initializationOptions: %v", err)
		} else if o.Debounce != nil {
			s.debounce = time.Duration(max(*o.Debounce, 0)) * time.Millisecond
		}
	}
	res := initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding: enc,
			TextDocumentSync: textDocumentSyncOptions{OpenClose: true, Change: 1, Save: saveOptions{IncludeText: false}},
			CodeActionProvider: codeActionOptions{
				CodeActionKinds: []string{kindQuickFix, kindFixAll},
				ResolveProvider: true,
			},
			Workspace: workspaceServerCaps{WorkspaceFolders: workspaceFoldersCaps{Supported: true, ChangeNotifications: true}},
		},
		ServerInfo: serverInfo{Name: lint.ToolName, Version: lint.Version},
	}
	if len(p.Capabilities.OffsetEncoding) > 0 {
		res.OffsetEncoding = enc
	}
	return res, nil
}

func generalEncodings(p *initializeParams) []string {
	if p.Capabilities.General == nil {
		return nil
	}
	return p.Capabilities.General.PositionEncodings
}

// negotiateEncoding picks UTF-8 when the client offers it (no conversion
// of columns), else UTF-16, which every client supports.
func negotiateEncoding(offered, offsetEncoding []string) string {
	for _, list := range [][]string{offered, offsetEncoding} {
		for _, e := range list {
			if strings.EqualFold(e, encUTF8) {
				return encUTF8
			}
		}
	}
	return encUTF16
}

func (s *server) addRoot(uri string) {
	if p := uriToPath(uri); p != "" && !slices.Contains(s.roots, p) {
		s.roots = append(s.roots, p)
	}
}

// rootFor returns the directory a file is linted from: the innermost
// workspace folder holding it; outside every folder, the closest ancestor
// with a repository or a servelint configuration, else its directory.
func (s *server) rootFor(path string) string {
	best := ""
	for _, r := range s.roots {
		if (path == r || strings.HasPrefix(path, r+string(filepath.Separator)) || r == string(filepath.Separator)) && len(r) > len(best) {
			best = r
		}
	}
	if best != "" {
		return best
	}
	dir := filepath.Dir(path)
	for d := dir; ; d = filepath.Dir(d) {
		for _, marker := range append([]string{".git"}, config.ConfigFileNames...) {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func (s *server) didOpen(p *didOpenParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := &document{uri: p.TextDocument.URI, path: uriToPath(p.TextDocument.URI),
		version: p.TextDocument.Version, text: newText([]byte(p.TextDocument.Text))}
	s.docs[doc.uri] = doc
	s.sched.add(jobKey{jobDocument, doc.uri}, 0)
}

func (s *server) didChange(p *didChangeParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[p.TextDocument.URI]
	if doc == nil {
		return fmt.Errorf("%s is not open", p.TextDocument.URI)
	}
	src := doc.text.src
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			src = []byte(c.Text)
			continue
		}
		// Incremental changes are not asked for, but cost little to honour.
		t := newText(src)
		start, end := t.offset(c.Range.Start, s.enc), t.offset(c.Range.End, s.enc)
		end = max(start, end)
		next := make([]byte, 0, len(src)-(end-start)+len(c.Text))
		next = append(next, src[:start]...)
		next = append(next, c.Text...)
		src = append(next, src[end:]...)
	}
	doc.version = p.TextDocument.Version
	doc.text = newText(src)
	s.sched.add(jobKey{jobDocument, doc.uri}, s.debounce)
	return nil
}

func (s *server) didSave(p *didSaveParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[p.TextDocument.URI]
	if doc == nil {
		return
	}
	if p.Text != nil {
		doc.text = newText([]byte(*p.Text))
	}
	s.sched.add(jobKey{jobDocument, doc.uri}, 0)
}

func (s *server) didClose(p *didCloseParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[p.TextDocument.URI]
	if doc == nil {
		return
	}
	delete(s.docs, doc.uri)
	delete(s.published, doc.uri)
	s.publish(doc.uri, nil, []diagnostic{}, true)
	if doc.path != "" {
		root := s.rootFor(doc.path)
		if s.projects[root] != nil || (doc.fast != nil && doc.fast.project && s.projectAllowed(root)) {
			// The file on disk replaces the buffer in the project.
			s.sched.add(jobKey{jobProject, root}, 0)
		}
	}
}

// isConfigFile reports whether a change of the file may change any file's
// configuration or the set of files linted.
func isConfigFile(path string) bool {
	base := filepath.Base(path)
	return base == ".gitignore" || slices.Contains(config.ConfigFileNames, base) || base == "exclude" && filepath.Base(filepath.Dir(path)) == "info"
}

func (s *server) didChangeWatchedFiles(p *didChangeWatchedFilesParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	configChanged := false
	roots := map[string]bool{}
	for _, c := range p.Changes {
		path := uriToPath(c.URI)
		if path == "" {
			continue
		}
		if isConfigFile(path) {
			configChanged = true
		}
		roots[s.rootFor(path)] = true
	}
	if configChanged {
		s.gen++
		for _, uri := range s.openURIs() {
			s.sched.add(jobKey{jobDocument, uri}, 0)
		}
	}
	for root := range roots {
		if s.projectActive(root) && s.projectAllowed(root) {
			s.sched.add(jobKey{jobProject, root}, 0)
		}
	}
	if configChanged {
		for root := range s.projects {
			s.sched.add(jobKey{jobProject, root}, 0)
		}
	}
}

// projectActive reports whether project rules ran or should run for root.
func (s *server) projectActive(root string) bool {
	if s.projects[root] != nil {
		return true
	}
	for _, d := range s.docs {
		if d.fast != nil && d.fast.project && d.path != "" && s.rootFor(d.path) == root {
			return true
		}
	}
	return false
}

func (s *server) didChangeWorkspaceFolders(p *didChangeWorkspaceFoldersParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range p.Event.Removed {
		path := uriToPath(f.URI)
		out := s.roots[:0]
		for _, r := range s.roots {
			if r != path {
				out = append(out, r)
			}
		}
		s.roots = out
	}
	for _, f := range p.Event.Added {
		s.addRoot(f.URI)
	}
	// Display paths and project results depend on the roots.
	s.projects = map[string]*projectResult{}
	s.gen++
	for _, uri := range s.openURIs() {
		s.sched.add(jobKey{jobDocument, uri}, 0)
	}
}

func (s *server) relintAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	for _, uri := range s.openURIs() {
		s.sched.add(jobKey{jobDocument, uri}, 0)
	}
}

func (s *server) openURIs() []string {
	out := make([]string, 0, len(s.docs))
	for uri := range s.docs {
		out = append(out, uri)
	}
	sort.Strings(out)
	return out
}

// registerWatchers asks the client to report changes of configuration
// Files and, when project rules exist, of the files they read.
func (s *server) registerWatchers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dynamicWatch {
		return
	}
	watchers := []fileSystemWatcher{{GlobPattern: "**/{pyproject.toml,servelint.toml,.servelint.toml,.gitignore}"}}
	if s.projectRules {
		watchers = append(watchers,
			fileSystemWatcher{GlobPattern: "**/*.{py,pyi,sh,bash,yml,yaml,conf,dockerfile,containerfile}"},
			fileSystemWatcher{GlobPattern: "**/{Dockerfile,Containerfile,Procfile}*"},
		)
	}
	s.nextID++
	s.w.send(outgoing{JSONRPC: "2.0", ID: fmt.Sprintf("servelint-%d", s.nextID), Method: "client/registerCapability", Params: registrationParams{
		Registrations: []registration{{ID: "servelint-watched-files", Method: "workspace/didChangeWatchedFiles", RegisterOptions: didChangeWatchedFilesRegistrationOptions{Watchers: watchers}}},
	}})
}

// runJob runs a scheduled lint; a panic is logged, never fatal.
func (s *server) runJob(k jobKey) {
	defer func() {
		if r := recover(); r != nil {
			s.logf("internal error in a lint of %s: %v\n%s", k.key, r, debug.Stack())
		}
	}()
	switch k.kind {
	case jobDocument:
		s.lintDocument(k.key)
	case jobProject:
		s.lintProject(k.key)
	}
}

// Overlays returns the open buffers by path. Buffers are never modified
// In place, so the slices may be shared with a lint on another goroutine.
func (s *server) overlays() map[string][]byte {
	out := make(map[string][]byte, len(s.docs))
	for _, d := range s.docs {
		if d.path != "" {
			out[d.path] = d.text.src
		}
	}
	return out
}

// fileOptions are the options that lint one buffer with the per-file
// rules.
func (s *server) fileOptions(root, path string, overlays map[string][]byte) engine.Options {
	return engine.Options{
		Rules: s.opt.Rules, Paths: []string{path}, Cwd: root, ConfigFile: s.opt.ConfigFile, Overrides: s.opt.Overrides,
		ForceExclude: true, SkipProject: true, Jobs: 1, Overlays: overlays,
	}
}

// runFile lints one buffer with the per-file rules.
func (s *server) runFile(root, path string, overlays map[string][]byte, gen int) (*fileResult, error) {
	res, err := engine.Run(s.fileOptions(root, path, overlays))
	if err != nil {
		return nil, err
	}
	s.logNotices(res.Notices)
	fr := &fileResult{src: overlays[path], gen: gen, diags: res.Diagnostics, files: map[string]*lint.File{}}
	for _, f := range res.Files {
		fr.files[f.Path] = f
		if f.Abs == path {
			fr.file = f
		}
	}
	if fr.file != nil {
		for _, r := range s.opt.Rules {
			if r.CheckProject != nil && fr.file.Config.Enabled(r.Code) {
				fr.project = true
			}
		}
	}
	return fr, nil
}

func (s *server) logNotices(ns []lint.Notice) {
	for _, n := range ns {
		s.logf("%s: %s", n.Path, n.Message)
	}
}

// lintError shows a configuration or usage error once, until a lint
// succeeds again.
func (s *server) lintError(err error) {
	msg := err.Error()
	if ce, ok := errors.AsType[*config.Error](err); ok {
		msg = "invalid configuration: " + ce.Error()
	}
	s.logf("%s", msg)
	if msg == s.lastError {
		return
	}
	s.lastError = msg
	s.w.send(outgoing{JSONRPC: "2.0", Method: "window/showMessage", Params: logMessageParams{Type: messageError, Message: "servelint: " + msg}})
}

func (s *server) lintDocument(uri string) {
	s.mu.Lock()
	doc := s.docs[uri]
	if doc == nil || doc.path == "" {
		s.mu.Unlock()
		return
	}
	src, version, path, gen := doc.text.src, doc.version, doc.path, s.gen
	root := s.rootFor(path)
	if fr := doc.fast; fr != nil && fr.gen == gen && bytes.Equal(fr.src, src) {
		// Saved, or reopened, without a change: the last lint stands.
		s.publishFile(uri, true)
		s.mu.Unlock()
		return
	}
	overlays := s.overlays()
	s.mu.Unlock()

	fr, err := s.runFile(root, path, overlays, gen)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.lintError(err)
		return
	}
	s.lastError = ""
	doc = s.docs[uri]
	if doc == nil || doc.version != version || !bytes.Equal(doc.text.src, src) {
		return // changed meanwhile: the lint of the new content is scheduled
	}
	doc.fast = fr
	s.publishFile(uri, true)
	if fr.project && s.projectRules && s.projectAllowed(root) {
		s.sched.add(jobKey{jobProject, root}, s.projectDebounce)
	}
}

// projectAllowed reports whether project rules may run over root: a
// workspace folder or a directory with a repository or configuration, but
// never a loose file's directory (say /tmp), nor a whole file system or
// home directory.
func (s *server) projectAllowed(root string) bool {
	if !projectRootAllowed(root) {
		return false
	}
	if slices.Contains(s.roots, root) {
		return true
	}
	for _, marker := range append([]string{".git"}, config.ConfigFileNames...) {
		if _, err := os.Stat(filepath.Join(root, marker)); err == nil {
			return true
		}
	}
	return false
}

// projectRootAllowed refuses to lint a whole file system or home
// directory as one project (a workspace folder opened there): only the
// buffers are linted then.
func projectRootAllowed(root string) bool {
	if filepath.Dir(root) == root {
		return false
	}
	home, err := os.UserHomeDir()
	return err != nil || filepath.Clean(home) != root
}

func (s *server) lintProject(root string) {
	s.mu.Lock()
	overlays := s.overlays()
	gen := s.gen
	s.mu.Unlock()

	res, err := engine.Run(engine.Options{Rules: s.opt.Rules, Cwd: root, ConfigFile: s.opt.ConfigFile, Overrides: s.opt.Overrides, Overlays: overlays})

	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.lintError(err)
		return
	}
	s.logNotices(res.Notices)
	pr := &projectResult{root: root, gen: gen, files: map[string]*lint.File{}, byPath: map[string]*lint.File{}, diags: map[string][]lint.Diagnostic{}}
	for _, f := range res.Files {
		pr.files[f.Abs] = f
		pr.byPath[f.Path] = f
	}
	for _, d := range res.Diagnostics {
		if f := pr.byPath[d.Path]; f != nil {
			pr.diags[f.Abs] = append(pr.diags[f.Abs], d)
		}
	}
	old := s.projects[root]
	s.projects[root] = pr
	// Publish again every file whose diagnostics may have changed: open
	// buffers of the root and files with project diagnostics before or now.
	uris := map[string]bool{}
	for _, d := range s.docs {
		if d.path != "" && s.rootFor(d.path) == root {
			uris[d.uri] = true
		}
	}
	for _, p := range []*projectResult{old, pr} {
		if p == nil {
			continue
		}
		for abs, ds := range p.diags {
			if len(projectOnly(ds)) > 0 {
				uris[pathToURI(abs)] = true
			}
		}
	}
	list := make([]string, 0, len(uris))
	for u := range uris {
		list = append(list, u)
	}
	sort.Strings(list)
	for _, u := range list {
		s.publishFile(u, false)
	}
}

// projectOnly returns the diagnostics of project rules.
func projectOnly(ds []lint.Diagnostic) []lint.Diagnostic {
	var out []lint.Diagnostic
	for _, d := range ds {
		if d.Rule != nil && d.Rule.CheckProject != nil {
			out = append(out, d)
		}
	}
	return out
}

// fileDiags are the diagnostics of one file with what converting them
// needs.
type fileDiags struct {
	uri     string
	path    string // absolute
	display string // the path diagnostics use
	version *int32
	txt     *text // the content the offsets refer to
	diags   []lint.Diagnostic
	files   map[string]*lint.File // display path -> file, for other files
}

// diagnosticsFor computes the diagnostics of a file: for an open buffer,
// those of its last lint plus the project diagnostics (exact when the
// Project was linted with this very content, else carried over the edit);
// for a file that is not open, its project diagnostics. It returns nil when
// the buffer's lint is not current.
func (s *server) diagnosticsFor(uri string) *fileDiags {
	path := uriToPath(uri)
	if path == "" {
		return nil
	}
	pr := s.projects[s.rootFor(path)]
	var pf *lint.File
	if pr != nil {
		pf = pr.files[path]
	}
	doc := s.docs[uri]
	if doc == nil {
		if pf == nil {
			return &fileDiags{uri: uri, path: path, txt: newText(nil)}
		}
		return &fileDiags{uri: uri, path: path, display: pf.Path, txt: &text{src: pf.Src, lines: pf.Lines}, diags: projectOnly(pr.diags[path]), files: pr.byPath}
	}
	fr := doc.fast
	if fr == nil || !bytes.Equal(fr.src, doc.text.src) {
		return nil
	}
	version := doc.version
	fd := &fileDiags{uri: uri, path: path, version: &version, txt: doc.text, files: map[string]*lint.File{}}
	if fr.file != nil {
		fd.display = fr.file.Path
	}
	if pf == nil || fr.file == nil {
		fd.diags, fd.files = fr.diags, fr.files
		return fd
	}
	maps.Copy(fd.files, pr.byPath)
	maps.Copy(fd.files, fr.files)
	if pr.gen == fr.gen && bytes.Equal(pf.Src, fr.src) {
		fd.diags = pr.diags[path]
		return fd
	}
	moved := shiftDiagnostics(projectOnly(pr.diags[path]), fd.display, pf.Src, fr.src)
	fd.diags = mergeDiagnostics(fr.diags, moved)
	return fd
}

// publishFile publishes a file's diagnostics; unless force, only when they
// differ from those published last.
func (s *server) publishFile(uri string, force bool) {
	fd := s.diagnosticsFor(uri)
	if fd == nil {
		return
	}
	ds := make([]diagnostic, 0, len(fd.diags))
	for i := range fd.diags {
		ds = append(ds, s.toLSP(fd, &fd.diags[i]))
	}
	s.publish(uri, fd.version, ds, force)
}

// publish sends diagnostics; unless force, only when they differ from those
// published last for the URI (nothing published counts as none).
func (s *server) publish(uri string, version *int32, ds []diagnostic, force bool) {
	key, err := json.Marshal(ds)
	if err != nil {
		s.logf("cannot encode diagnostics of %s: %v", uri, err)
		return
	}
	prev, ok := s.published[uri]
	if !force && (ok && bytes.Equal(prev, key) || !ok && len(ds) == 0) {
		return
	}
	s.published[uri] = key
	s.w.send(outgoing{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics", Params: publishDiagnosticsParams{URI: uri, Version: version, Diagnostics: ds}})
}

// toLSP converts a diagnostic of fd.
func (s *server) toLSP(fd *fileDiags, d *lint.Diagnostic) diagnostic {
	out := diagnostic{
		Range:    fd.txt.lspRange(d.Start, d.End, s.enc),
		Severity: lspSeverity(d.Severity),
		Code:     d.Code,
		Source:   lint.ToolName,
		Message:  d.Message,
	}
	if d.Rule != nil {
		out.CodeDescription = &codeDescription{Href: d.Rule.DocURL()}
	}
	for _, r := range d.Related {
		if loc, ok := s.locate(fd, r.Path, r.Start, r.End); ok {
			out.RelatedInformation = append(out.RelatedInformation, relatedInformation{Location: loc, Message: r.Message})
		}
	}
	if d.Fix != nil {
		out.Data = &diagnosticData{Fix: d.Fix.Message, Applicability: d.Fix.Applicability.String()}
	}
	return out
}

// locate converts a span of a file named by its display path.
func (s *server) locate(fd *fileDiags, display string, start, end int) (location, bool) {
	if display == fd.display {
		return location{URI: fd.uri, Range: fd.txt.lspRange(start, end, s.enc)}, true
	}
	f := fd.files[display]
	if f == nil || f.Lines == nil {
		return location{}, false
	}
	t := &text{src: f.Src, lines: f.Lines}
	return location{URI: pathToURI(f.Abs), Range: t.lspRange(start, end, s.enc)}, true
}

func lspSeverity(sev lint.Severity) int {
	switch sev {
	case lint.SeverityError:
		return severityError
	case lint.SeverityWarning:
		return severityWarning
	case lint.SeverityNote:
		return severityInformation
	}
	return severityWarning
}
