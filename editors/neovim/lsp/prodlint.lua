-- prodlint language server, for Neovim 0.11+: vim.lsp.enable("prodlint")
-- Override any field with vim.lsp.config("prodlint", { ... }).
local prodlint = require("prodlint")
prodlint.watch_missing_server()

---@type vim.lsp.Config
return {
  cmd = { "prodlint", "serve" },
  filetypes = prodlint.filetypes,
  root_markers = prodlint.root_markers,
  -- only the files prodlint lints (package.json among json, .env among sh), rooted by root_markers
  root_dir = prodlint.root_dir,
  settings = { prodlint = prodlint.default_settings },
  before_init = prodlint.before_init,
  on_init = prodlint.on_init, -- serverInfo for :checkhealth
}
