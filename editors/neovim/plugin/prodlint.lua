-- Loads the module, which defines :LspProdlintFixAll for every buffer a prodlint client attaches
-- to (LspAttach, 0.8+). The module does that itself when vim.lsp.enable("prodlint") or setup()
-- first requires it, so nothing breaks when a plugin manager never sources this file.
if vim.g.loaded_prodlint then return end
vim.g.loaded_prodlint = true
require("prodlint")
