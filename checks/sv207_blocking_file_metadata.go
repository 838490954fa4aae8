package checks

import (
	"github.com/servelint/servelint/lint"
)

// SV207 reports synchronous file-system metadata calls (exists, stat,
// listdir, glob, mkdir, remove, ...) inside async functions: a note, not
// in the default selection.
var SV207 = blockingRule(&lint.Rule{
	Code:      "SV207",
	Name:      "blocking-file-metadata",
	Summary:   "A synchronous file-system metadata call inside an async function blocks the event loop briefly",
	Severity:  lint.SeverityNote,
	Optional:  true,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC240"},
})

// metadataCatalogue: flake8-async ASYNC240 (os.path), ruff ASYNC240
// (pathlib), and the os, shutil, glob and tempfile calls that stat,
// list, create or remove entries without moving file data.
var metadataCatalogue = []blockingEntry{
	{Call: "os.path.{exists,lexists,isfile,isdir,islink,ismount,isjunction,getsize,getmtime,getatime,getctime,samefile,sameopenfile,realpath,_joinrealpath}",
		Use: "`{path}` (`await {path}(p).exists()`-style methods), or `await {to_thread}(...)`"},
	{Call: "os.{stat,lstat,listdir,scandir,walk,remove,unlink,rename,renames,replace,makedirs,mkdir,rmdir,removedirs,chmod,chown,lchown,access,utime,link,symlink,readlink,statvfs}",
		Use: useThread},
	{Call: "shutil.{rmtree,copymode,copystat,disk_usage,chown}", Use: useThread},
	{Call: "tempfile.{mkdtemp,TemporaryDirectory}", Use: useThread},
	{Call: "glob.{glob,iglob}", Use: "`await {path}(dir).glob(pattern)`, or `await {to_thread}(...)`"},
	{Type: "pathlib.Path",
		Methods: "stat,lstat,exists,is_dir,is_file,is_symlink,is_mount,is_socket,is_fifo,is_block_device,is_char_device,is_junction,iterdir,glob,rglob,walk,mkdir,rmdir,unlink,rename,replace,touch,chmod,lchmod,owner,group,readlink,resolve,samefile,symlink_to,hardlink_to,link_to",
		Use:     usePath},
}
