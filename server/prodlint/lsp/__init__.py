"""The language server (pygls): the only part of prodlint that imports pygls."""
