"""prodlint's rules, one module each, discovered with pkgutil (see prodlint.registry)."""
