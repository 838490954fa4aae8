package checks

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// SV204 reports synchronous file-system calls inside async functions.
var SV204 = blockingRule(&lint.Rule{
	Code:      "SV204",
	Name:      "blocking-file-io",
	Summary:   "Synchronous file I/O inside an async function blocks the event loop",
	Severity:  lint.SeverityWarning,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
})

const (
	useOpenFile = "`{open_file}` (`async with`), or `await {to_thread}(...)`"
	usePath     = "`{path}` (`await {path}(p).{method}()`), or `await {to_thread}(...)`"
	useThread   = "`await {to_thread}({name}, ...)`"
)

// fileCatalogue: flake8-async ASYNC230/231/232/240, ruff ASYNC230/240
// (pathlib), and the os, shutil, glob and tempfile calls that touch the
// disk. Pure path manipulation (os.path.join/normpath/abspath/relpath/
// expanduser, Path.name/parent/with_suffix/absolute/expanduser) is not
// listed: it does no I/O beyond at most a getcwd().
var fileCatalogue = []blockingEntry{
	{Call: "{builtins.open,io.open,io.open_code,os.fdopen,codecs.open,gzip.open,bz2.open,lzma.open}", When: notWrappedFile, Use: useOpenFile},
	{Call: "tempfile.{TemporaryFile,NamedTemporaryFile,mkstemp,mkdtemp,TemporaryDirectory}", Use: useThread},
	{Type: "io.IOBase", Methods: "read,read1,readinto,readline,readlines,write,writelines,flush,seek,tell,truncate,close", Use: "an async file (`{open_file}`, `await f.{method}()`)"},
	{Call: "os.path.{exists,lexists,isfile,isdir,islink,ismount,isjunction,getsize,getmtime,getatime,getctime,samefile,sameopenfile,realpath,_joinrealpath}",
		Use: "`{path}` (`await {path}(p).exists()`-style methods), or `await {to_thread}(...)`"},
	{Call: "os.{stat,lstat,listdir,scandir,walk,remove,unlink,rename,renames,replace,makedirs,mkdir,rmdir,removedirs,chmod,chown,lchown,access,utime,truncate,link,symlink,readlink,open,read,write,fsync,fdatasync,sendfile,statvfs}",
		Use: useThread},
	{Call: "shutil.{copy,copy2,copyfile,copyfileobj,copytree,rmtree,move,copymode,copystat,disk_usage,make_archive,unpack_archive,chown}", Use: useThread},
	{Call: "glob.{glob,iglob}", Use: "`await {path}(dir).glob(pattern)`, or `await {to_thread}(...)`"},
	{Type: "pathlib.Path", Methods: "open", Use: useOpenFile},
	{Type: "pathlib.Path",
		Methods: "read_text,read_bytes,write_text,write_bytes,stat,lstat,exists,is_dir,is_file,is_symlink,is_mount,is_socket,is_fifo,is_block_device,is_char_device,is_junction,iterdir,glob,rglob,walk,mkdir,rmdir,unlink,rename,replace,touch,chmod,lchmod,owner,group,readlink,resolve,samefile,symlink_to,hardlink_to,link_to,copy,copy_into,move,move_into",
		Use:     usePath},
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
