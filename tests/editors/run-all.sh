#!/usr/bin/env bash
# Usage: run-all.sh "<server command>" [work-dir]
# Every editor harness against the server; one PASS/FAIL/SKIP line per check, then "N passed, N failed".
#   SKIP="vscode emacs install ..."  skips checks by their prefix
#   PRODLINT_EDITOR_TOOLS            tool cache (see setup.sh), PRODLINT_VSIX / PRODLINT_VSIX_BUNDLED
#                                    the .vsix files to test (the VS Code checks need them)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,6p' "$0"; exit 2; }
server="$1"; root="${2:-$(mktemp -d)}"; mkdir -p "$root/logs"
H="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"; export PRODLINT_EDITOR_TOOLS="$H"
python="${PYTHON:-python3}"
pass=0; fail=0
check() { # name, command...
  local name="$1"; shift
  local log="$root/logs/${name//[^A-Za-z0-9_.-]/_}.log"
  case " ${SKIP:-} " in *" ${name%%:*} "*) echo "SKIP  $name"; return;; esac
  local t0=$SECONDS
  if "$@" > "$log" 2>&1; then echo "PASS  $name ($((SECONDS - t0))s)"; pass=$((pass+1))
  else echo "FAIL  $name (log: $log)"; tail -15 "$log" | sed 's/^/      /'; fail=$((fail+1)); fi
}
nv11="$H/nvim011/bin/nvim"
nvim_rtp="$repo/editors/neovim"
check "pytest-lsp:client-profiles" env PRODLINT_SERVER_CMD="$server" \
  "$python" -m pytest -p no:cacheprovider -q -W error::pytest_lsp.checks.LspSpecificationWarning \
  --rootdir "$repo" "$here/test_client_profiles.py"
check "neovim:0.7-legacy"     env NVIM=nvim PRODLINT_NVIM_MODE=legacy "$here/neovim/run.sh" "$server" "$root/nvim07"
check "neovim:0.7-ui"         env NVIM=nvim PRODLINT_NVIM_MODE=legacy PRODLINT_NVIM_APPLY=ui "$here/neovim/run.sh" "$server" "$root/nvim07ui"
check "neovim:0.7-plugin"     env NVIM=nvim PRODLINT_NVIM_MODE=plugin PRODLINT_NVIM_RTP="$nvim_rtp" "$here/neovim/run.sh" "$server" "$root/nvim07p"
check "neovim:0.11-config"    env NVIM="$nv11" PRODLINT_NVIM_MODE=config "$here/neovim/run.sh" "$server" "$root/nvim11"
check "neovim:0.11-config-ui" env NVIM="$nv11" PRODLINT_NVIM_MODE=config PRODLINT_NVIM_APPLY=ui "$here/neovim/run.sh" "$server" "$root/nvim11ui"
check "neovim:0.11-plugin"    env NVIM="$nv11" PRODLINT_NVIM_MODE=plugin PRODLINT_NVIM_RTP="$nvim_rtp" "$here/neovim/run.sh" "$server" "$root/nvim11p"
check "neovim:plugin-tests"   "$repo/editors/neovim/tests/run.sh" "$server" nvim "$nv11"
check "emacs:28-eglot-1.9"    "$here/emacs/run.sh" "$server" "$root/emacs"
if [ -x "$H/emacs30/emacs30.sh" ]; then
  check "emacs:30-eglot-builtin" env EMACS="$H/emacs30/emacs30.sh" "$here/emacs/run.sh" "$server" "$root/emacs30"
fi
check "vscode:code-server"    env SHOTS="$root/vscode-shots" PRODLINT_VSIX="${PRODLINT_VSIX:-}" \
  "$here/vscode/run.sh" "$server" "$root/vscode"
check "vscode:bundled-server" env SHOTS="$root/vscode-bundled-shots" PRODLINT_VSIX="${PRODLINT_VSIX_BUNDLED:-}" \
  "$here/vscode/run.sh" bundled "$root/vscode-bundled"
check "install:wheel-sdist-pipx-uv" "$here/install/check.sh" "$root/install"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
