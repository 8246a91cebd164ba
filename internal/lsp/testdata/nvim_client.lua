-- A session of Neovim's own LSP client with the server (see TestNeovim): open a template, record
-- the diagnostics, take the quick fix, record the diagnostics of the fixed text, stop. It writes
-- what it saw to $OUT, one line each. Each wait is for a message, bounded so that a missing one
-- fails the test instead of hanging it.
local ws, out = os.getenv("WS"), {}
local function say(s) table.insert(out, s) end
local function finish()
  local f = assert(io.open(os.getenv("OUT"), "w"))
  f:write(table.concat(out, "\n") .. "\n")
  f:close()
  vim.cmd("qa!")
end

local got
local config = {
  name = "privlint",
  cmd = { os.getenv("SERVER") },
  cmd_env = { PRIVLINT_LSP_SERVE = "1" },
  root_dir = ws,
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, c)
      got = result
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, c)
    end,
  },
}
vim.cmd("edit " .. ws .. "/GptTmpl.inf")
local bufnr = vim.api.nvim_get_current_buf()
local id
if vim.lsp.start then -- Neovim 0.8 and later: as the README starts it
  id = vim.lsp.start(config)
else
  id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, id)
end
if not vim.wait(20000, function() return got ~= nil end) then
  say("no diagnostics")
  return finish()
end
for _, d in ipairs(got.diagnostics) do
  local r = d.range
  say(string.format("%s %d:%d-%d:%d %d %s", d.code, r.start.line, r.start.character, r["end"].line, r["end"].character, d.severity, d.codeDescription.href))
end
say("shown " .. #vim.diagnostic.get(bufnr))

local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = 3, character = 62 }, ["end"] = { line = 3, character = 62 } },
  context = { diagnostics = got.diagnostics },
}
got = nil
for _, r in pairs(vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 20000) or {}) do
  for _, a in ipairs(r.result or {}) do
    say(a.kind .. ": " .. a.title)
    vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
  end
end
say(vim.api.nvim_buf_get_lines(bufnr, 3, 4, false)[1])
if vim.wait(20000, function() return got ~= nil end) then
  say("after the fix " .. #got.diagnostics)
end
vim.lsp.stop_client(id)
vim.wait(20000, function() return vim.lsp.get_client_by_id(id) == nil end)
finish()
