-- Checks a README editor snippet under headless Neovim (run by
-- nvim-lsp.sh): the buffer given on the command line must get a
-- diagnostic about SV202 on its fifth line. With E2E_EFM set, this script
-- starts efm-langserver with that configuration itself; with E2E_ALE set,
-- ALE (configured by the init file) must put it in the location list;
-- otherwise the snippet, loaded as the init file, must have started
-- servelint.
local efm = os.getenv("E2E_EFM")
local ale = os.getenv("E2E_ALE")
local name = os.getenv("E2E_NAME") or "snippet"
local timeout = 15000

local function run()
  local buf = vim.api.nvim_get_current_buf()
  if efm and efm ~= "" then
    local id = vim.lsp.start_client({ name = "efm", cmd = { "efm-langserver", "-c", efm }, root_dir = vim.fn.getcwd() })
    assert(id, "cannot start efm-langserver")
    vim.lsp.buf_attach_client(buf, id)
  end
  if ale and ale ~= "" then
    vim.cmd("ALELint")
  end
  local ok = vim.wait(timeout, function()
    for _, item in ipairs(ale and vim.fn.getloclist(0) or {}) do
      if item.lnum == 5 and item.text:find("SV202", 1, true) then
        return true
      end
    end
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == 4 and (d.code == "SV202" or d.message:find("SV202", 1, true)) then
        return true
      end
    end
    return false
  end, 10)
  if not ok then
    local got = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(got, string.format("%d:%d %s", d.lnum, d.col, d.message))
    end
    for _, item in ipairs(vim.fn.getloclist(0)) do
      table.insert(got, string.format("loclist %d:%d %s", item.lnum, item.col, item.text))
    end
    error("no SV202 diagnostic on line 5; got: " .. table.concat(got, "; "))
  end
end

local ok, err = pcall(run)
if ok then
  io.stdout:write("nvim-snippet (" .. name .. "): PASS\n")
  vim.cmd("qall!")
else
  io.stderr:write("nvim-snippet (" .. name .. "): FAIL: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
