-- prodlint for Neovim: optional setup() over the `lsp/prodlint.lua` config, plus fix all.
--
--   Neovim 0.11+:  vim.lsp.enable("prodlint")            (no setup() needed)
--   Neovim 0.7+:   require("prodlint").setup({ ... })     (0.11: vim.lsp.config + enable;
--                                                           0.8-0.10: vim.lsp.start; 0.7: start_client)
local M = {}

M.name = "prodlint"
M.fix_all_command = "prodlint.applyAutofix"
M.fix_all_kind = "source.fixAll.prodlint"

M.filetypes = {
  "javascript", "javascriptreact", "typescript", "typescriptreact", "python",
  "json", -- package.json only
  "dockerfile", "gitignore",
  "sh", -- .env files only (Neovim detects `.env` as sh)
}
M.root_markers = { "prodlint.toml", ".prodlint.toml", "package.json", "pyproject.toml", ".git" }

--- Settings the server reads (initializationOptions and workspace/configuration section "prodlint").
--- Unset keys take the server's defaults: select/ignore/severity come from prodlint.toml.
M.default_settings = { enable = true, run = "onType", unsafeFixes = false, logLevel = "info" }

local defaults = {
  cmd = { "prodlint", "serve" },
  filetypes = M.filetypes,
  root_markers = M.root_markers,
  settings = { prodlint = M.default_settings },
  fix_all_on_save = false,
}

--- The files prodlint lints, by name (as the server decides by name, not by filetype).
function M.supports(path)
  local name = (path or ""):match("[^/\\]+$") or ""
  return name:match("%.[mc]?[jt]sx?$") ~= nil or name:match("%.py$") ~= nil or name == "package.json"
    or name:match("^Dockerfile") ~= nil or name:match("^Containerfile") ~= nil or name:match("%.[Dd]ockerfile$") ~= nil
    or name == ".gitignore" or name:match("^%.env") ~= nil or name == "Procfile"
end

local function find_root(path, markers)
  local start = vim.fn.fnamemodify(path, ":p:h")
  if vim.fs and vim.fs.find then
    local found = vim.fs.find(markers, { path = start, upward = true })[1]
    return found and vim.fs.dirname(found) or start
  end
  for _, marker in ipairs(markers) do -- Neovim 0.7
    local f = vim.fn.findfile(marker, start .. ";")
    if f ~= "" then return vim.fn.fnamemodify(f, ":p:h") end
    local d = vim.fn.finddir(marker, start .. ";")
    if d ~= "" then return vim.fn.fnamemodify(d, ":p:h:h") end
  end
  return start
end

--- A `root_dir` for vim.lsp.Config (0.11): attaches only to files prodlint lints.
function M.root_dir(bufnr, on_dir)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" or not M.supports(path) then return end
  if not M.server_found(M.configured_cmd()) then return end
  on_dir(find_root(path, M.root_markers))
end

--- Sends the settings as initializationOptions too (the server reads either).
function M.before_init(params, config)
  params.initializationOptions = config.settings and config.settings.prodlint or M.default_settings
end

local function get_client(bufnr)
  local list = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = M.name })
    or vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
  for _, c in ipairs(list) do
    if c.name == M.name then return c end
  end
end

local function request_sync(client, method, params, timeout, bufnr)
  if vim.fn.has("nvim-0.11") == 1 then return client:request_sync(method, params, timeout, bufnr) end
  return client.request_sync(method, params, timeout, bufnr)
end

local function notify(msg, level)
  vim.notify("prodlint: " .. msg, level or vim.log.levels.INFO)
end

--- serverInfo from each client's initialize result, by client id (Neovim 0.7 keeps no copy).
M.server_info = {}

--- Records serverInfo for :checkhealth; used as (or called from) the client's on_init.
function M.on_init(client, result)
  M.server_info[client.id] = result and result.serverInfo or nil
end

M.install_hint = "install it from a clone of prodlint with `pipx install .` (or `uv tool install .`), "
  .. "or point cmd at it: vim.lsp.config('prodlint', { cmd = { '/path/to/prodlint', 'serve' } }) "
  .. "(0.7-0.10: require('prodlint').setup({ cmd = ... }))"

local warned_missing = false
--- False (and one notification per Neovim instance) when `cmd`'s program is not executable, so a missing
--- server is said once in the editor rather than only in lsp.log.
function M.server_found(cmd)
  if type(cmd) ~= "table" or type(cmd[1]) ~= "string" or vim.fn.executable(cmd[1]) == 1 then return true end
  if not warned_missing then
    warned_missing = true
    local msg = ("server `%s` not found: %s"):format(cmd[1], M.install_hint)
    vim.schedule(function() notify(msg, vim.log.levels.ERROR) end)
  end
  M.missing_cmd = cmd[1]
  return false
end

--- Neovim 0.11's vim.lsp.enable skips a config whose cmd is not executable without a word (not even
--- in lsp.log): lsp/prodlint.lua calls this so the first buffer prodlint would lint says so, once.
function M.watch_missing_server()
  if M.watching_missing or not vim.api.nvim_create_autocmd then return end
  M.watching_missing = true
  local function check(bufnr)
    if vim.api.nvim_buf_is_valid(bufnr) and M.supports(vim.api.nvim_buf_get_name(bufnr)) then
      M.server_found(M.configured_cmd())
    end
  end
  vim.api.nvim_create_autocmd("FileType", {
    group = vim.api.nvim_create_augroup("prodlint_missing_server", { clear = true }),
    pattern = M.filetypes,
    callback = function(args) vim.schedule(function() check(args.buf) end) end,
  })
  local current = vim.api.nvim_get_current_buf() -- the buffer whose FileType loaded this config
  vim.schedule(function() check(current) end)
end

local function configured_cmd()
  if vim.lsp.config and vim.lsp.enable then
    local ok, cfg = pcall(function() return vim.lsp.config[M.name] end)
    if ok and cfg and cfg.cmd then return cfg.cmd end
  end
  return M.config and M.config.cmd
end
M.configured_cmd = configured_cmd

--- Applies every safe fix in the buffer: the server's `prodlint.applyAutofix` command when it has
--- one, else its `source.fixAll.prodlint` code action. Synchronous, so it can run in BufWritePre.
function M.fix_all(bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  timeout_ms = timeout_ms or 3000
  local client = get_client(bufnr)
  if not client then return notify("no prodlint server attached to this buffer", vim.log.levels.WARN) end
  local caps = client.server_capabilities or {}
  local uri = vim.uri_from_bufnr(bufnr)
  local commands = caps.executeCommandProvider and caps.executeCommandProvider.commands or {}
  if vim.tbl_contains(commands, M.fix_all_command) then
    local version = (vim.lsp.util.buf_versions or {})[bufnr] or vim.api.nvim_buf_get_changedtick(bufnr)
    local resp = request_sync(client, "workspace/executeCommand",
      { command = M.fix_all_command, arguments = { { uri = uri, version = version } } }, timeout_ms, bufnr)
    if resp and resp.err then notify("fix all failed: " .. vim.inspect(resp.err), vim.log.levels.ERROR) end
    return
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { M.fix_all_kind } },
  }
  local resp = request_sync(client, "textDocument/codeAction", params, timeout_ms, bufnr)
  local resolvable = type(caps.codeActionProvider) == "table" and caps.codeActionProvider.resolveProvider
  for _, action in ipairs(resp and resp.result or {}) do
    if not action.edit and resolvable then
      local r = request_sync(client, "codeAction/resolve", action, timeout_ms, bufnr)
      action = r and r.result or action
    end
    if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16") end
    local command = type(action.command) == "table" and action.command or nil
    if command then
      request_sync(client, "workspace/executeCommand", { command = command.command, arguments = command.arguments },
        timeout_ms, bufnr)
    end
  end
end

--- Buffer-local `:LspProdlintFixAll` (and fix all on save if asked), for a buffer the server attached to.
function M.on_attach(bufnr, fix_all_on_save)
  vim.api.nvim_buf_create_user_command(bufnr, "LspProdlintFixAll", function() M.fix_all(bufnr) end,
    { desc = "prodlint: apply every safe fix in the buffer" })
  if fix_all_on_save then
    local group = vim.api.nvim_create_augroup("prodlint_fix_all_" .. bufnr, { clear = true })
    vim.api.nvim_create_autocmd("BufWritePre", { group = group, buffer = bufnr, callback = function() M.fix_all(bufnr) end })
  end
end

local function start_legacy(cfg)
  local clients = {} -- Neovim 0.7: one client per root, attached by hand
  local function attach(bufnr)
    local path = vim.api.nvim_buf_get_name(bufnr)
    if path == "" or not (cfg.root_dir or M.supports(path)) then return end
    if not M.server_found(cfg.cmd) then return end
    local root = type(cfg.root_dir) == "string" and cfg.root_dir or find_root(path, cfg.root_markers)
    local conf = {
      name = M.name, cmd = cfg.cmd, root_dir = root, settings = cfg.settings,
      init_options = cfg.settings.prodlint,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_init = function(client, result)
        M.on_init(client, result)
        if cfg.on_init then cfg.on_init(client, result) end
      end,
      on_attach = function(client, b)
        M.on_attach(b, cfg.fix_all_on_save)
        if cfg.on_attach then cfg.on_attach(client, b) end
      end,
    }
    if vim.lsp.start then
      vim.lsp.start(conf, { bufnr = bufnr })
      return
    end
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(conf)
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(bufnr, id) end
  end
  local group = vim.api.nvim_create_augroup("prodlint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group, pattern = cfg.filetypes,
    callback = function(args) attach(args.buf) end,
  })
  for _, b in ipairs(vim.api.nvim_list_bufs()) do -- buffers opened before setup()
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(cfg.filetypes, vim.bo[b].filetype) then attach(b) end
  end
end

M.config = vim.deepcopy(defaults)

-- :LspProdlintFixAll in every buffer a prodlint client attaches to (0.8+). Created when this module
-- is first required — by lsp/prodlint.lua (vim.lsp.enable) or setup() — so it does not depend on
-- plugin/ being sourced (lazy.nvim sources plugin/ only from the runtime path it saw before
-- `config` ran). Neovim 0.7 has no LspAttach: setup() passes on_attach instead.
if vim.fn.exists("##LspAttach") == 1 then
  vim.api.nvim_create_autocmd("LspAttach", {
    group = vim.api.nvim_create_augroup("prodlint_attach", { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == M.name then M.on_attach(args.buf, M.config.fix_all_on_save) end
    end,
  })
end

--- Optional. opts: cmd, filetypes, root_markers, root_dir (string), settings = { prodlint = {...} },
--- on_attach, fix_all_on_save (bool). On 0.11+ other vim.lsp.Config fields pass through.
function M.setup(opts)
  opts = opts or {}
  local cfg = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts)
  M.config = cfg
  if vim.lsp.config and vim.lsp.enable then
    local overrides = vim.tbl_deep_extend("force", {}, opts)
    overrides.fix_all_on_save = nil
    if cfg.fix_all_on_save then
      local user_on_attach = opts.on_attach
      overrides.on_attach = function(client, b)
        M.on_attach(b, true)
        if user_on_attach then user_on_attach(client, b) end
      end
    end
    vim.lsp.config(M.name, overrides)
    vim.lsp.enable(M.name)
    return
  end
  start_legacy(cfg)
end

return M
