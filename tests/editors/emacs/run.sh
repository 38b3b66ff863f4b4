#!/usr/bin/env bash
# Usage: run.sh "<server command>" <workspace-dir> [file]
#   env EMACS=/path/to/emacs (default emacs), PRODLINT_TIMEOUT (seconds per wait, default 20)
# Batch-mode Emacs + eglot + flymake. Exit 0 = pass, 1 = fail.
# Needs: apt-get install -y emacs-nox elpa-eglot   (Debian 12: Emacs 28.2, eglot 1.9)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,5p' "$0"; exit 2; }
server="$1"; ws="$(mkdir -p "$2" && cd "$2" && pwd)"; file="${3:-}"
if [ -z "$file" ]; then
  file="$ws/prodlint_e2e_emacs.js"
  printf 'const API = "http://localhost:3000";\nexport function load() {\n  return fetch(API + "/items");\n}\n' > "$file"
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# isolated HOME: --batch loads no init file, but keep ~/.emacs.d untouched anyway
export HOME="$tmp" PRODLINT_SERVER_CMD="$server" PRODLINT_FILE="$file"
emacs_bin="${EMACS:-emacs}"
echo "# $("$emacs_bin" --version 2>/dev/null | head -1)"
# stdin from /dev/null: a prompt (completing-read/y-or-n-p) fails fast instead of hanging
timeout "${PRODLINT_WALL_TIMEOUT:-120}" "$emacs_bin" --batch -l "$here/lsp-e2e.el" </dev/null
