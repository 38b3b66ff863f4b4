#!/usr/bin/env bash
# Editor acceptance tests: the real editors against the real server from this checkout.
#   bash editors/ci.sh                # everything below (run as root on Debian 12)
#   SKIP="vscode emacs" bash editors/ci.sh    # leave checks out by prefix: pytest-lsp neovim emacs
#                                             # vscode install (vscode also skips Chromium/Node/code-server)
# Steps (each one stops the run with a message saying what failed):
#   1. Debian packages that are missing (neovim, emacs-nox, elpa-eglot, chromium, ...), waiting up
#      to 10 minutes for another apt/dpkg to release its lock;
#   2. the project's Python test dependencies if they are not importable;
#   3. the tool cache: Neovim 0.11, Node 24, code-server, playwright-core, Emacs 30 (tests/editors/setup.sh);
#   4. the VS Code extension twice: prodlint.vsix (no server inside) and prodlint-linux-x64.vsix
#      (bundles prodlint and its dependencies);
#   5. the readiness report rendered by headless Chromium (tests/test_report.py, which plain pytest
#      skips on a machine without Chromium);
#   6. tests/editors/run-all.sh: pytest-lsp client profiles, Neovim 0.7/0.11 (harness, UI and plugin
#      modes, the plugin's own tests), Emacs 28 and 30 + eglot, VS Code (code-server + Chromium) with
#      a configured server and with the bundled one, and the installs (wheel, sdist, pipx, uv).
# Env: PRODLINT_EDITOR_TOOLS   tool cache (default ${XDG_CACHE_HOME:-~/.cache}/prodlint/editor-tools);
#                              (a cold cache: ~14 min on 2 cores; a warm one: ~8 min)
#      PRODLINT_E2E_DIR        logs and VS Code screenshots (default: a new temporary folder)
#      PRODLINT_EMACS30=0      skip Emacs 30.1 (unpacked from bookworm-backports into the tool cache)
# Prints one PASS/FAIL/SKIP line per check and "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
start=$SECONDS
say() { echo "# [$((SECONDS - start))s] $*"; }
die() { echo "editors/ci.sh: FAILED: $*" >&2; exit 1; }
editors="$(cd "$(dirname "$0")" && pwd)" || die "cannot find the editors/ folder"
repo="$(dirname "$editors")"
harness="$repo/tests/editors"
[ -x "$harness/run-all.sh" ] || die "$harness/run-all.sh is missing: is this a complete checkout?"
root="${PRODLINT_E2E_DIR:-$(mktemp -d)}"; mkdir -p "$root" || die "cannot create $root"
export PRODLINT_EDITOR_TOOLS="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"
mkdir -p "$PRODLINT_EDITOR_TOOLS" || die "cannot create the tool cache $PRODLINT_EDITOR_TOOLS"
skip=" ${SKIP:-} "
want() { [[ "$skip" != *" $1 "* ]]; }
say "tool cache: $PRODLINT_EDITOR_TOOLS; logs: $root"

# --- 1. Debian packages (only the missing ones)
wait_for_apt() { # another apt/dpkg (unattended-upgrades, a parallel install) holds the lock: wait
  local waited=0
  while fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1; do
    [ $waited -ge 600 ] && die "apt/dpkg is still locked by another process after 10 minutes"
    [ $waited -eq 0 ] && say "waiting for another apt/dpkg process to finish"
    sleep 5; waited=$((waited + 5))
  done
}
pkgs=(neovim emacs-nox elpa-eglot curl python3-venv psmisc)
# code-server's postinstall compiles a native module (kerberos needs the GSSAPI headers)
want vscode && pkgs+=(chromium libkrb5-dev build-essential)
command -v npm >/dev/null || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} yourself (Debian 12 package names)"
  [ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root (or install them first)"
  command -v fuser >/dev/null && wait_for_apt
  apt-get -o DPkg::Lock::Timeout=600 update -qq > "$root/apt.log" 2>&1 \
    || { tail -20 "$root/apt.log" >&2; die "apt-get update failed (log: $root/apt.log)"; }
  command -v fuser >/dev/null && wait_for_apt
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
    "${missing[@]}" >> "$root/apt.log" 2>&1 \
    || { tail -20 "$root/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $root/apt.log)"; }
fi

# --- 2. the server from this checkout, and the test client
python=python3; command -v python3 >/dev/null || python=python
command -v "$python" >/dev/null || die "no python3 on PATH"
export PYTHONPATH="$repo/server:$repo/rules${PYTHONPATH:+:$PYTHONPATH}"
if ! "$python" -c "import prodlint.lsp.serve, pytest_lsp" 2>/dev/null; then
  say "pip install -e $repo[test]"
  "$python" -m pip install -q -e "$repo[test]" > "$root/pip.log" 2>&1 \
    || { tail -20 "$root/pip.log" >&2; die "pip install -e '$repo[test]' failed (log: $root/pip.log)"; }
fi
server="$python -m prodlint serve"
"$python" -m prodlint --version >/dev/null 2>&1 || die "\`$server\` cannot start: \`$python -m prodlint --version\` fails"

# --- 3. tools that Debian does not ship
tools=(nvim)
want vscode && tools+=(vscode)
want emacs && [ "${PRODLINT_EMACS30:-1}" != 0 ] && tools+=(emacs30)
say "tool cache: ${tools[*]} (a cold cache downloads code-server and the rest: ~6 min)"
bash "$harness/setup.sh" "${tools[@]}" > "$root/tools-setup.log" 2>&1 \
  || { tail -30 "$root/tools-setup.log" >&2; die "setting up ${tools[*]} failed (log: $root/tools-setup.log)"; }
grep -E "^(nvim 0.11|node:|EMACS=)" "$root/tools-setup.log" | sed 's/^/#   /'

# --- 4. the VS Code extension: without a server, and linux-x64 with the server bundled
if want vscode; then
  say "building the .vsix files (npm ci, type-check, esbuild, vsce; bundling the server for linux-x64)"
  (cd "$editors/vscode" && npm ci --no-audit --no-fund) > "$root/vsix-build.log" 2>&1 \
    || { tail -30 "$root/vsix-build.log" >&2; die "npm ci in editors/vscode failed (log: $root/vsix-build.log)"; }
  PYTHON="$python" bash "$editors/vscode/scripts/package.sh" >> "$root/vsix-build.log" 2>&1 \
    || { tail -30 "$root/vsix-build.log" >&2; die "packaging prodlint.vsix failed (log: $root/vsix-build.log)"; }
  PYTHON="$python" bash "$editors/vscode/scripts/package.sh" linux-x64 >> "$root/vsix-build.log" 2>&1 \
    || { tail -30 "$root/vsix-build.log" >&2; die "packaging prodlint-linux-x64.vsix failed (log: $root/vsix-build.log)"; }
  export PRODLINT_VSIX="$editors/vscode/prodlint.vsix" PRODLINT_VSIX_BUNDLED="$editors/vscode/prodlint-linux-x64.vsix"
  say "built $(du -h "$PRODLINT_VSIX" | cut -f1) prodlint.vsix and $(du -h "$PRODLINT_VSIX_BUNDLED" | cut -f1) prodlint-linux-x64.vsix"
fi

# --- 5. the readiness report in a real browser (step 1 installed Chromium; plain pytest skips it without)
if want vscode; then
  say "the readiness report in headless Chromium (tests/test_report.py)"
  (cd "$repo" && PRODLINT_REQUIRE_CHROMIUM=1 "$python" -m pytest -q -p no:cacheprovider tests/test_report.py -k chromium) \
    > "$root/report-chromium.log" 2>&1 \
    || { tail -30 "$root/report-chromium.log" >&2; die "the report did not render in headless Chromium (log: $root/report-chromium.log)"; }
fi

# --- 6. the checks
say "editor harnesses: tests/editors/run-all.sh \"$server\""
PYTHON="$python" "$harness/run-all.sh" "$server" "$root"
rc=$?
want vscode && say "VS Code screenshots: $root/vscode-shots, $root/vscode-bundled-shots"
say "done in $((SECONDS - start))s"
[ $rc -eq 0 ] || echo "editors/ci.sh: FAILED: at least one editor check failed (logs: $root/logs)" >&2
exit $rc
