-- :LspProdlintFixAll in every buffer the prodlint server attaches to (Neovim 0.8+: LspAttach;
-- on 0.7, setup() adds it through on_attach).
if vim.g.loaded_prodlint then return end
vim.g.loaded_prodlint = true
if vim.fn.exists("##LspAttach") == 0 then return end
vim.api.nvim_create_autocmd("LspAttach", {
  group = vim.api.nvim_create_augroup("prodlint_attach", { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == "prodlint" then
      require("prodlint").on_attach(args.buf, false)
    end
  end,
})
