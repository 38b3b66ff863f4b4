-- Headless checks of the plugin beyond the editor harness (tests/editors/neovim: attach + quick fix):
-- which files attach, the vim.lsp.start branch (0.8-0.10), settings reaching the server, and
-- :LspProdlintFixAll. Run by run.sh; env PRODLINT_SERVER_CMD, PRODLINT_TEST_MODE, PRODLINT_WS.
--   enable: 0.11 vim.lsp.enable("prodlint") with lsp/prodlint.lua (no setup())
--   setup:  require("prodlint").setup() (0.11: config/enable; 0.7: start_client)
--   start:  setup() with the 0.11 API hidden, i.e. the vim.lsp.start path of Neovim 0.8-0.10
--   lazy:   as lazy.nvim loads the README's spec: plugin/ files of the repository root only (none),
--           then `config` appends editors/neovim to the runtime path and enables the server
--           (0.11: vim.lsp.enable; older: setup()); plugin/prodlint.lua is never sourced
--   missing: cmd names a program that does not exist: one vim.notify, no client, checkhealth says so
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local MODE, WS = os.getenv("PRODLINT_TEST_MODE") or "setup", os.getenv("PRODLINT_WS")
local cmd = { "sh", "-c", "exec " .. os.getenv("PRODLINT_SERVER_CMD") }
local failures = 0
local function out(s) io.stdout:write(s .. "\n") end
local function check(cond, what)
  out((cond and "ok   " or "FAIL ") .. what)
  if not cond then failures = failures + 1 end
end
local function clients(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf, name = "prodlint" }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end
local function open(name, text)
  local path = WS .. "/" .. name
  vim.fn.writefile(vim.split(text, "\n"), path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end
local function attached(buf, ms)
  return vim.wait(ms, function() return #clients(buf) > 0 and clients(buf)[1].initialized ~= false end, 50)
end

local plugin_dir = vim.fn.fnamemodify(here, ":h")
local repo = vim.fn.fnamemodify(plugin_dir, ":h:h")
local has_enable = vim.lsp.config ~= nil and vim.lsp.enable ~= nil
local notes = {}
local real_notify = vim.notify
vim.notify = function(msg, level, opts)
  table.insert(notes, { msg = msg, level = level })
  return real_notify(msg, level, opts)
end
vim.cmd("filetype on")
local settings = { prodlint = { unsafeFixes = true } }
if MODE == "lazy" then
  -- lazy.nvim: `dir = <clone>`, it sources <clone>/plugin/** (none there) before config(plugin)
  local plugin = { dir = repo }
  vim.opt.runtimepath:append(plugin.dir)
  for _, f in ipairs(vim.fn.glob(plugin.dir .. "/plugin/**/*.lua", false, true)) do vim.cmd("source " .. f) end
  -- the README's config function, with the test's server command
  vim.opt.rtp:append(plugin.dir .. "/editors/neovim")
  if has_enable then
    vim.lsp.config("prodlint", { cmd = cmd, settings = settings })
    vim.lsp.enable("prodlint")
  else
    require("prodlint").setup({ cmd = cmd, settings = settings })
  end
else
  vim.opt.runtimepath:prepend(plugin_dir)
  vim.cmd("runtime! plugin/**/*.lua") -- a plain config: Neovim sources plugin/ at startup
  if MODE == "missing" then cmd = { "prodlint-not-installed-here", "serve" } end
  if MODE == "enable" or (MODE == "missing" and has_enable) then
    vim.lsp.config("prodlint", { cmd = cmd, settings = settings })
    vim.lsp.enable("prodlint")
  else
    if MODE == "start" then vim.lsp.config, vim.lsp.enable = nil, nil end
    require("prodlint").setup({ cmd = cmd, settings = settings })
  end
end
local v = vim.version()
out(("nvim %d.%d.%d, mode=%s"):format(v.major, v.minor, v.patch, MODE))

--- The text :checkhealth prodlint shows.
local function health_text()
  vim.cmd("silent checkhealth prodlint")
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  vim.cmd("silent! bwipeout!")
  return text
end

if MODE == "missing" then
  local js = open("app.js", 'const API = "http://localhost:3000";')
  local py = open("app.py", 'API = "http://localhost:3000"')
  vim.wait(1500, function() return false end, 50)
  local errors = vim.tbl_filter(function(n) return n.msg:find("prodlint%-not%-installed%-here") ~= nil end, notes)
  check(#errors == 1, "one notification for the missing server (got " .. #errors .. ")")
  check(errors[1] ~= nil and errors[1].level == vim.log.levels.ERROR, "at ERROR level")
  check(errors[1] ~= nil and errors[1].msg:find("pipx install .", 1, true) ~= nil, "naming an install that works: "
    .. tostring(errors[1] and errors[1].msg))
  check(#clients(js) == 0 and #clients(py) == 0, "no client started")
  local health = health_text()
  check(health:find("prodlint-not-installed-here` not found", 1, true) ~= nil, "checkhealth: server executable not found")
  check(health:find("its server `prodlint-not-installed-here` was not found", 1, true) ~= nil,
    "checkhealth: says why no client runs (not 'open a file')")
  out(failures == 0 and "PASS" or ("FAIL: " .. failures .. " check(s)"))
  vim.cmd(failures == 0 and "qall!" or "cquit 1")
  return
end

local js = open("app.js", 'const API = "http://localhost:3000";\nexport const load = () => fetch(API);')
check(attached(js, 15000), "app.js attaches")
local client = clients(js)[1]
if client then
  check(client.config.root_dir == WS, "root_dir from root_markers (package.json): " .. tostring(client.config.root_dir))
  vim.wait(1000, function() return vim.fn.exists(":LspProdlintFixAll") == 2 end, 20)
  check(vim.fn.exists(":LspProdlintFixAll") == 2, ":LspProdlintFixAll defined in the buffer")
  local diags = {}
  vim.wait(10000, function() diags = vim.diagnostic.get(js); return #diags > 0 end, 50)
  check(#diags > 0, "diagnostics published: " .. #diags)
  local caps = client.server_capabilities or {}
  local commands = caps.executeCommandProvider and caps.executeCommandProvider.commands or {}
  local kinds = type(caps.codeActionProvider) == "table" and caps.codeActionProvider.codeActionKinds or {}
  if vim.tbl_contains(commands, "prodlint.applyAutofix") or vim.tbl_contains(kinds, "source.fixAll.prodlint") then
    vim.cmd("LspProdlintFixAll")
    local text = table.concat(vim.api.nvim_buf_get_lines(js, 0, -1, false), "\n")
    check(not text:find("localhost", 1, true), ":LspProdlintFixAll applied the (unsafeFixes) fix: " .. text:gsub("\n", "\\n"))
  else
    out("skip :LspProdlintFixAll (the server offers no fix all)")
  end
end

local health = health_text()
check(health:find("running: prodlint %d") ~= nil, "checkhealth names the server and its version: "
  .. (health:match("client %d+ running:[^\n]*") or "(no client line)"))
check(vim.tbl_isempty(vim.tbl_filter(function(n) return n.level == vim.log.levels.ERROR end, notes)),
  "no error notifications")

local data = open("data.json", '{"url": "http://localhost:3000"}')
vim.wait(700)
check(#clients(data) == 0, "data.json does not attach (only package.json among JSON files)")
local pkg = open("package.json", '{"name": "app", "scripts": {"start": "node app.js"}}')
check(attached(pkg, 5000), "package.json attaches")

out(failures == 0 and "PASS" or ("FAIL: " .. failures .. " check(s)"))
vim.cmd(failures == 0 and "qall!" or "cquit 1")
