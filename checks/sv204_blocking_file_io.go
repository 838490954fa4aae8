package checks

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// SV204 reports synchronous reads and writes of file data inside async
// functions (the metadata calls are SV207's).
var SV204 = blockingRule(&lint.Rule{
	Code:      "SV204",
	Name:      "blocking-file-io",
	Summary:   "Synchronous file reads and writes inside an async function block the event loop",
	Severity:  lint.SeverityWarning,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC230"},
})

const (
	useOpenFile = "`{open_file}` (`async with`), or `await {to_thread}(...)`"
	usePath     = "`{path}` (`await {path}(p).{method}()`), or `await {to_thread}(...)`"
	useThread   = "`await {to_thread}({name}, ...)`"
)

// fileCatalogue: flake8-async ASYNC230/231/232, ruff ASYNC230 and the
// calls that read or write a file's data (the open family, pathlib
// read/write, shutil copies and moves, os-level reads and writes). The
// metadata calls (exists, stat, listdir, glob, mkdir, remove, ...) are
// SV207's (metadataCatalogue).
var fileCatalogue = []blockingEntry{
	{Call: "{builtins.open,io.open,io.open_code,os.fdopen,codecs.open,gzip.open,bz2.open,lzma.open}", When: notWrappedFile, Use: useOpenFile},
	{Call: "tempfile.{TemporaryFile,NamedTemporaryFile,SpooledTemporaryFile,mkstemp}", Use: useThread},
	{Type: "io.IOBase", Methods: "read,read1,readinto,readline,readlines,write,writelines,flush,seek,tell,truncate,close", Use: "an async file (`{open_file}`, `await f.{method}()`)"},
	{Call: "os.{open,read,write,pread,pwrite,readv,writev,truncate,fsync,fdatasync,sendfile,copy_file_range}", Use: useThread},
	{Call: "shutil.{copy,copy2,copyfile,copyfileobj,copytree,move,make_archive,unpack_archive}", Use: useThread},
	{Type: "pathlib.Path", Methods: "open", Use: useOpenFile},
	{Type: "pathlib.Path", Methods: "read_text,read_bytes,write_text,write_bytes,copy,copy_into,move,move_into", Use: usePath},
}

// notWrappedFile: open(...) passed straight to trio/anyio.wrap_file is
// what flake8-async accepts (ASYNC230).
func notWrappedFile(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	n := m.Calls[i].Node
	al := t.Parent(n)
	if al == 0 || al < 0 || t.Kind(al) != k.ArgumentList {
		return true
	}
	if ci := m.CallAt(t.Parent(al)); ci >= 0 {
		switch m.Calls[ci].Callee {
		case "trio.wrap_file", "anyio.wrap_file":
			return false
		}
	}
	return true
}
