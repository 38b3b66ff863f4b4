#!/usr/bin/env bash
# Usage: run.sh "<server command>" [nvim...]   (default: nvim on PATH)
# Runs plugin_test.lua in each mode the given Neovim supports; exit 1 if any fails.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server="$1"; shift
rc=0
for nvim in "${@:-nvim}"; do
  modes="setup lazy missing"
  if "$nvim" --headless -u NONE -c 'lua io.stdout:write(vim.lsp.config and "y" or "n")' -c q 2>/dev/null | grep -q y; then
    modes="enable setup start lazy missing"
  fi
  for mode in $modes; do
    ws="$(mktemp -d)"; tmp="$(mktemp -d)"
    echo '{"name": "ws"}' > "$ws/package.json"
    XDG_CONFIG_HOME="$tmp/c" XDG_DATA_HOME="$tmp/d" XDG_STATE_HOME="$tmp/s" XDG_CACHE_HOME="$tmp/x" \
      PRODLINT_SERVER_CMD="$server" PRODLINT_TEST_MODE="$mode" PRODLINT_WS="$ws" \
      timeout 90 "$nvim" --headless -u NONE -i NONE -n -c "luafile $here/plugin_test.lua" </dev/null || rc=1
    rm -rf "$ws" "$tmp"
  done
done
exit $rc
