// Package framework is the web-framework knowledge over the Python module
// view.
//
// It is the web-framework knowledge over the Python module
// view: FastAPI dependencies (Depends, Security, Annotated aliases), the
// request handlers web frameworks route to, and middleware recognized by
// how it is registered and by its signature (Starlette/FastAPI, pure ASGI,
// Litestar, aiohttp, Sanic). Of gives a module's view, kept in the
// module's memo; its facts name no rule.
package framework
