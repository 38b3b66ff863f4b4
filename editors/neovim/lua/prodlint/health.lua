-- :checkhealth prodlint — is the server found, which version, which Python, is it attached?
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error
local info = health.info or health.report_info

local INSTALL = { "from a clone of prodlint: `pipx install .` (or `uv tool install .`)",
  "or point `cmd` at it: vim.lsp.config('prodlint', { cmd = { '/path/to/prodlint', 'serve' } })",
  "(Neovim 0.7-0.10: require('prodlint').setup({ cmd = { '/path/to/prodlint', 'serve' } }))" }

local function configured_cmd()
  return require("prodlint").configured_cmd()
end

--- First line of `argv`'s output, or nil and the error.
local function run(argv)
  local out = vim.fn.system(argv)
  if vim.v.shell_error ~= 0 then return nil, vim.trim(out) end
  return vim.trim(vim.split(out, "\n")[1] or "")
end

function M.check()
  start("prodlint")
  local v = vim.version()
  local version = ("%d.%d.%d"):format(v.major, v.minor, v.patch)
  if vim.fn.has("nvim-0.11") == 1 then
    ok("Neovim " .. version .. ": vim.lsp.enable('prodlint') uses lsp/prodlint.lua")
  elseif vim.fn.has("nvim-0.7") == 1 then
    ok("Neovim " .. version .. ": use require('prodlint').setup()")
  else
    err("Neovim " .. version .. " is too old: prodlint needs 0.7 or later")
  end

  local cmd = configured_cmd()
  if type(cmd) ~= "table" or #cmd == 0 then
    warn("server command is not a list (a function or RPC client?): not checked")
  else
    info("server command: " .. table.concat(cmd, " "))
    local exe = cmd[1]
    if vim.fn.executable(exe) == 1 then
      local path = vim.fn.exepath(exe)
      ok("server executable: " .. (path ~= "" and path or exe))
      local name = vim.fn.fnamemodify(exe, ":t")
      local argv = name:match("^prodlint") and { exe, "--version" }
        or (name:match("^python") and cmd[2] == "-m" and cmd[3] == "prodlint") and { exe, "-m", "prodlint", "--version" }
      if argv then
        local out, e = run(argv)
        if out then ok("server version: " .. out) else err("`" .. table.concat(argv, " ") .. "` failed: " .. (e or "")) end
      else
        info("custom server command: version not checked")
      end
    else
      err("server executable `" .. exe .. "` not found", INSTALL)
    end
  end

  local python = vim.fn.exepath("python3") ~= "" and "python3" or (vim.fn.exepath("python") ~= "" and "python" or nil)
  if python then
    local pyver = run({ python, "--version" }) or "?"
    local found = run({ python, "-c", "import prodlint, sys; sys.stdout.write(getattr(prodlint, '__version__', '?'))" })
    if found then
      ok(("%s (%s) imports prodlint %s"):format(vim.fn.exepath(python), pyver, found))
    else
      info(("%s (%s) cannot import prodlint (fine when prodlint is installed with pipx or uv tool)"):format(vim.fn.exepath(python), pyver))
    end
  else
    info("no python3 on PATH (fine when prodlint is installed with pipx or uv tool)")
  end

  local prodlint = require("prodlint")
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = "prodlint" })
    or vim.tbl_filter(function(c) return c.name == "prodlint" end, vim.lsp.get_active_clients())
  if #clients == 0 then
    local open = vim.tbl_filter(function(b)
      return vim.api.nvim_buf_is_loaded(b) and prodlint.supports(vim.api.nvim_buf_get_name(b))
    end, vim.api.nvim_list_bufs())
    if prodlint.missing_cmd then
      err(("no prodlint client running: its server `%s` was not found (see above)"):format(prodlint.missing_cmd), INSTALL)
    elseif #open > 0 then
      warn(("no prodlint client running although %s is open: did you call vim.lsp.enable('prodlint') "
        .. "(0.11+) or require('prodlint').setup()? Errors are in the LSP log below")
        :format(vim.fn.fnamemodify(vim.api.nvim_buf_get_name(open[1]), ":~:.")))
    else
      info("no prodlint client running (open a JavaScript, TypeScript or Python file)")
    end
  end
  for _, c in ipairs(clients) do
    -- serverInfo: 0.9+ keep it on the client; on 0.7/0.8 the plugin's on_init recorded it
    local si = c.server_info or prodlint.server_info[c.id] or {}
    local name = si.name or "(the server sent no serverInfo)"
    ok(("client %d running: %s %s, root %s"):format(c.id, name, si.version or "", c.config.root_dir or "?"))
  end
  info("LSP log: " .. vim.lsp.get_log_path())
end

return M
