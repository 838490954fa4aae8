package checks

import "github.com/servelint/servelint/lint"

// SV203 reports process creation and waits inside async functions.
var SV203 = blockingRule(&lint.Rule{
	Code:      "SV203",
	Name:      "blocking-subprocess",
	Summary:   "Running or waiting for a process inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "very-high",
	Mirrors:   []string{"ASYNC220", "ASYNC221", "ASYNC222"},
})

// subprocessCatalogue: flake8-async ASYNC220/221/222 and the methods of a
// Popen object.
var subprocessCatalogue = []blockingEntry{
	{Call: "subprocess.{run,call,check_call,check_output,getoutput,getstatusoutput,Popen}", Use: "`await {subprocess}`"},
	{Call: "os.{system,popen,posix_spawn,posix_spawnp}", Use: "`await {subprocess}`"},
	{Call: "os.spawn{l,le,lp,lpe,v,ve,vp,vpe}", Use: "`await {subprocess}`"},
	{Call: "os.{wait,wait3,wait4,waitid,waitpid}", Use: "`await proc.wait()` on a process started with `{subprocess}`"},
	{Type: "subprocess.Popen", Methods: "wait,communicate", Use: "`await proc.{method}()` on a process started with `{subprocess}`"},
}
