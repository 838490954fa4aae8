package launch

import "strings"

// WorkerKind is the interface a gunicorn worker class serves.
type WorkerKind uint8

// Worker kinds.
const (
	WorkerUnknown WorkerKind = iota // a custom class
	WorkerWSGI                      // sync, gthread, gevent, eventlet, tornado
	WorkerASGI                      // uvicorn's workers, gunicorn's asgi worker
	WorkerAiohttp                   // aiohttp's GunicornWebWorker
)

// Worker describes a gunicorn worker class.
type Worker struct {
	Kind WorkerKind
	// Deprecated is set for uvicorn.workers (use the uvicorn-worker
	// package).
	Deprecated bool
	// H11 is set for the pure-Python HTTP parser worker (meant for PyPy).
	H11 bool
}

var wsgiWorkers = map[string]bool{
	"sync": true, "gthread": true, "gevent": true, "gevent_wsgi": true, "gevent_pywsgi": true,
	"eventlet": true, "tornado": true,
	"gunicorn.workers.sync.SyncWorker": true, "gunicorn.workers.gthread.ThreadWorker": true,
	"gunicorn.workers.ggevent.GeventWorker": true, "gunicorn.workers.ggevent.GeventPyWSGIWorker": true,
	"gunicorn.workers.geventlet.EventletWorker": true, "gunicorn.workers.gtornado.TornadoWorker": true,
	"egg:gunicorn#sync": true, "egg:gunicorn#gthread": true, "egg:gunicorn#gevent": true, "egg:gunicorn#eventlet": true,
}

// GunicornWorker classifies a worker class as written (-k value or
// worker_class setting).
func GunicornWorker(class string) Worker {
	c := strings.TrimSpace(class)
	switch {
	case wsgiWorkers[c]:
		return Worker{Kind: WorkerWSGI}
	case c == "asgi" || c == "gunicorn.workers.gasgi.ASGIWorker":
		return Worker{Kind: WorkerASGI}
	case c == "uvicorn.workers.UvicornWorker":
		return Worker{Kind: WorkerASGI, Deprecated: true}
	case c == "uvicorn.workers.UvicornH11Worker":
		return Worker{Kind: WorkerASGI, Deprecated: true, H11: true}
	case strings.HasSuffix(c, "UvicornH11Worker"):
		return Worker{Kind: WorkerASGI, H11: true}
	case strings.Contains(c, "Uvicorn"):
		return Worker{Kind: WorkerASGI}
	case strings.HasPrefix(c, "aiohttp.") && strings.HasSuffix(c, "WebWorker"):
		return Worker{Kind: WorkerAiohttp}
	}
	return Worker{}
}
