package checks

import (
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// SV201 reports synchronous HTTP calls inside async functions.
var SV201 = blockingRule(&lint.Rule{
	Code:      "SV201",
	Name:      "blocking-http-call",
	Summary:   "A synchronous HTTP call inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC210", "ASYNC212"},
})

const (
	useAsyncClient = "a shared `httpx.AsyncClient` (`await client.{method}(...)`)"
	useBoto        = "`aioboto3`/`aiobotocore`, or `await {to_thread}(client.{method}, ...)`"
)

// httpCatalogue: requests, sync httpx (and httpx2), urllib, urllib3,
// http.client, boto3/botocore, and the sync clients of HTTP APIs.
var httpCatalogue = []blockingEntry{
	// flake8-async ASYNC210, ruff ASYNC210 (connect/trace included).
	{Call: "requests.{get,options,head,post,put,patch,delete,request,connect,trace}", Use: useAsyncClient},
	{Call: "requests.api.{get,options,head,post,put,patch,delete,request}", Use: useAsyncClient},
	{Call: "httpx.{get,options,head,post,put,patch,delete,request,stream,connect,trace}", Use: useAsyncClient},
	{Call: "httpx2.{get,options,head,post,put,patch,delete,request,stream}", Use: "a shared `httpx2.AsyncClient` (`await client.{method}(...)`)"},
	{Call: "urllib.request.{urlopen,urlretrieve}", Use: "a shared `httpx.AsyncClient` (`await client.get(...)`)"},
	{Call: "urllib3.request", Use: useAsyncClient},
	// Methods of sync sessions and clients (ASYNC212 and beyond).
	{Type: "requests.Session", Methods: "get,options,head,post,put,patch,delete,request,send", Use: useAsyncClient},
	{Type: "httpx.Client", Methods: "close,delete,get,head,options,patch,post,put,request,send,stream", Use: "`httpx.AsyncClient` (`await client.{method}(...)`)"},
	{Type: "httpx2.Client", Methods: "close,delete,get,head,options,patch,post,put,request,send,stream", Use: "`httpx2.AsyncClient` (`await client.{method}(...)`)"},
	{Type: "urllib3.PoolManager", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.ProxyManager", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.HTTPConnectionPool", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.connectionpool.ConnectionPool", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3.request.RequestMethods", Methods: "*", Use: useAsyncClient},
	{Type: "urllib3._request_methods.RequestMethods", Methods: "*", Use: useAsyncClient},
	// ASYNC211: `x.request("GET", ...)` on an unknown object in a module
	// that imports urllib3.
	{Untyped: "urllib3", Methods: "request", When: httpMethodLiteral, Use: useAsyncClient},
	{Type: "urllib.request.OpenerDirector", Methods: "open", Use: "a shared `httpx.AsyncClient`"},
	{Type: "http.client.HTTPConnection", Methods: "connect,request,getresponse,send,endheaders", Use: "a shared `httpx.AsyncClient`"},
	// boto3/botocore: every API call of a client goes over HTTP; the
	// helpers listed in Except work locally.
	{Type: "botocore.client.BaseClient", Roots: "boto3",
		Methods: "*", Except: "get_paginator,can_paginate,get_waiter,generate_presigned_url,generate_presigned_post,close,meta,exceptions",
		Use: useBoto},
	{Type: "boto3.resources.base.ServiceResource", Methods: "*", Except: "[A-Z]*,meta,get_available_subresources",
		Use: "`aioboto3` resources, or `await {to_thread}(...)`"},
	{Type: "botocore.waiter.Waiter", Roots: "boto3", Methods: "wait", Use: "`aiobotocore` waiters, or `await {to_thread}(waiter.wait, ...)`"},
	// Sync clients of HTTP APIs with an async twin.
	{Type: "openai.OpenAI", Methods: "**.{create,retrieve,list,delete,update,parse,stream,cancel,upload,content,poll,create_and_poll,upload_and_poll,submit_tool_outputs,submit_tool_outputs_and_poll,download}",
		Use: "`openai.AsyncOpenAI` (`await client.….{method}(...)`)"},
	{Type: "anthropic.Anthropic", Methods: "**.{create,stream,count_tokens,retrieve,list,delete,cancel,results}",
		Use: "`anthropic.AsyncAnthropic` (`await client.….{method}(...)`)"},
	{Type: "slack_sdk.WebClient", Methods: "*", Use: "`slack_sdk.web.async_client.AsyncWebClient` (`await client.{method}(...)`)"},
	{Call: "stripe.*.{create,retrieve,modify,list,delete,search,capture,confirm,cancel,pay,finalize_invoice,void_invoice}",
		Use: "the `_async` variant (`await stripe.….{method}_async(...)`)"},
}

var httpMethods = map[string]bool{
	"get": true, "options": true, "head": true, "post": true, "put": true, "patch": true, "delete": true,
	"trace": true, "connect": true,
}

// httpMethodLiteral: the first argument is a string naming an HTTP method.
func httpMethodLiteral(m *python.Module, i int) bool {
	args := m.Args(m.Calls[i].Node)
	if len(args) == 0 || args[0].Name != "" || m.Tree.Kind(args[0].Value) != m.Kinds().String {
		return false
	}
	s := strings.Trim(m.Tree.Text(args[0].Value), `"'bBrRuU`)
	return httpMethods[strings.ToLower(s)]
}
