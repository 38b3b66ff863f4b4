#!/usr/bin/env bash
# Usage: run.sh "<server command>" <workspace-dir> [file]
#   env NVIM=/path/to/nvim (default: nvim on PATH), PRODLINT_NVIM_MODE=auto|legacy|config|plugin,
#   PRODLINT_NVIM_RTP=<editors/neovim dir> (mode=plugin), PRODLINT_NVIM_APPLY=util|ui, PRODLINT_TIMEOUT_MS
# Exit 0 = pass, 1 = fail. Writes a fixture JS file into the workspace unless [file] is given.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,5p' "$0"; exit 2; }
server="$1"; ws="$(mkdir -p "$2" && cd "$2" && pwd)"; file="${3:-}"
nvim_bin="${NVIM:-nvim}"
if [ -z "$file" ]; then
  file="$ws/prodlint_e2e_nvim.js"
  printf 'const API = "http://localhost:3000";\nexport function load() {\n  return fetch(API + "/items");\n}\n' > "$file"
fi
tmp="$(mktemp -d)" || exit 1; trap 'rm -rf "$tmp"' EXIT
# isolate from any user config/state; -u NONE loads no init.lua, -i NONE no shada, -n no swap
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
export PRODLINT_SERVER_CMD="$server" PRODLINT_WS="$ws" PRODLINT_FILE="$file"
echo "# $("$nvim_bin" --version | head -1)"
timeout "${PRODLINT_WALL_TIMEOUT:-90}" "$nvim_bin" --headless -u NONE -i NONE -n \
  -c "luafile $here/lsp_e2e.lua" </dev/null
rc=$?
if [ $rc -ne 0 ]; then
  echo "--- nvim exited $rc; LSP log tail:" >&2
  tail -n 30 "$tmp"/state/nvim/lsp.log "$tmp"/cache/nvim/lsp.log 2>/dev/null >&2 || true
  exit 1
fi
