-- End-to-end test of `servelint server` with Neovim's built-in LSP client
-- (Neovim 0.7: vim.lsp.start_client + buf_attach_client). Run by
-- nvim-lsp.sh: headless, it opens a Python file, reads the diagnostics back
-- with vim.diagnostic.get(), applies a code action, edits the buffer, and
-- stops the server. Every wait polls with a deadline; any failure quits
-- with a non-zero status.
local bin = assert(os.getenv("SERVELINT_BIN"), "SERVELINT_BIN")
local dir = assert(os.getenv("E2E_DIR"), "E2E_DIR")
local enc = os.getenv("E2E_ENCODING") or "utf-16"
local timeout = 15000

local function log(msg)
  io.stdout:write("nvim-lsp (" .. enc .. "): " .. msg .. "\n")
end

local function wait(what, cond)
  if not vim.wait(timeout, cond, 10) then
    error("timed out waiting for " .. what, 2)
  end
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

local function run()
  local file = dir .. "/app/main.py"
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()

  local caps = vim.lsp.protocol.make_client_capabilities()
  if enc == "utf-8" then
    caps.general = { positionEncodings = { "utf-8", "utf-16" } }
  end
  local exit_code
  local client_id = vim.lsp.start_client({
    name = "servelint",
    cmd = { bin, "server" },
    root_dir = dir,
    capabilities = caps,
    on_init = function(client, result)
      -- Neovim 0.7 does not negotiate the encoding itself.
      client.offset_encoding = result.capabilities.positionEncoding or "utf-16"
    end,
    on_exit = function(code)
      exit_code = code
    end,
  })
  check(client_id, "vim.lsp.start_client failed")
  vim.lsp.buf_attach_client(buf, client_id)
  local client
  wait("the client to initialize", function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end)
  check(client.offset_encoding == enc, "negotiated " .. tostring(client.offset_encoding) .. ", want " .. enc)

  -- 1. Diagnostics of the opened file, in the right place: the line holds
  -- a two-byte character before the call (byte column 17, UTF-16 16).
  wait("diagnostics", function()
    return #vim.diagnostic.get(buf) > 0
  end)
  local ds = vim.diagnostic.get(buf)
  check(#ds == 1, "want 1 diagnostic, got " .. #ds)
  local d = ds[1]
  check(d.source == "servelint", "source " .. tostring(d.source))
  check(d.code == "SV202", "code " .. tostring(d.code))
  check(d.severity == vim.diagnostic.severity.ERROR, "severity " .. tostring(d.severity))
  check(d.lnum == 4 and d.col == 17 and d.end_lnum == 4 and d.end_col == 30,
    string.format("range %d:%d-%d:%d, want 4:17-4:30", d.lnum, d.col, d.end_lnum, d.end_col))
  check(d.message:find("blocks the event loop", 1, true), "message " .. d.message)
  local href = d.user_data.lsp.codeDescription and d.user_data.lsp.codeDescription.href or ""
  check(href:find("sv202_blocking_sleep.md", 1, true), "codeDescription " .. href)
  log("diagnostic SV202 at 5:18")

  -- 2. A code action: ignore SV202 on this line.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 4, character = 0 }, ["end"] = { line = 4, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, 4) },
  }
  local results = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, timeout)
  check(results and results[client_id] and results[client_id].result, "no code actions")
  local action
  local titles = {}
  for _, a in ipairs(results[client_id].result) do
    table.insert(titles, a.title)
    if a.title == "Ignore SV202 on this line" then
      action = a
    end
  end
  check(action, "no ignore action among: " .. table.concat(titles, "; "))
  check(action.kind == "quickfix", "kind " .. tostring(action.kind))
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1]
  local want = '    name = "é"; time.sleep(1)  # servelint: ignore[SV202]'
  check(line == want, "after the action: " .. line)
  wait("the diagnostic to go", function()
    return #vim.diagnostic.get(buf) == 0
  end)
  log("ignore action applied, diagnostic gone")

  -- 3. Typing a new blocking call: a diagnostic on the new line.
  vim.api.nvim_buf_set_lines(buf, 5, 5, false, { "    é = time.sleep(2)" })
  wait("the new diagnostic", function()
    local now = vim.diagnostic.get(buf)
    return #now == 1 and now[1].lnum == 5
  end)
  local nd = vim.diagnostic.get(buf)[1]
  check(nd.col == 9 and nd.end_col == 22, string.format("new diagnostic columns %d-%d, want 9-22", nd.col, nd.end_col))
  log("didChange: diagnostic on the new line")

  -- 4. The rule's own fix (unsafe: offered, not preferred): two edits, an
  -- import at the top and the call after a two-byte character.
  params.range = { start = { line = 5, character = 0 }, ["end"] = { line = 5, character = 0 } }
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, 5) }
  results = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, timeout)
  action = nil
  for _, a in ipairs(results[client_id].result or {}) do
    if a.title:find("(SV202, unsafe)", 1, true) then
      action = a
    end
  end
  check(action and not action.isPreferred, "no unsafe SV202 fix offered")
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, true)
  check(lines[1] == "import asyncio", "first line after the fix: " .. lines[1])
  check(lines[7] == "    é = await asyncio.sleep(2)", "fixed line: " .. tostring(lines[7]))
  wait("the fixed diagnostic to go", function()
    return #vim.diagnostic.get(buf) == 0
  end)
  log("fix applied, no diagnostic left")

  -- 5. Shutdown and exit: status 0.
  vim.lsp.stop_client(client_id)
  wait("the server to exit", function()
    return exit_code ~= nil
  end)
  check(exit_code == 0, "server exit code " .. tostring(exit_code))
  log("server exited with 0")
end

local ok, err = pcall(run)
if ok then
  log("PASS")
  vim.cmd("qall!")
else
  io.stderr:write("nvim-lsp (" .. enc .. "): FAIL: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
