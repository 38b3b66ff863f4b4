/**
 * Finding the prodlint language server, through an ordered chain whose every step is logged:
 *   1. `PRODLINT_SERVER_CMD` (environment) or the `prodlint.server.command` setting: a shell command;
 *   2. `prodlint.path`: the first existing executable;
 *   3. `prodlint.interpreter`, then the Python extension's interpreter, where `import prodlint` works;
 *   4. `prodlint` on PATH;
 *   5. the server bundled in a platform-specific .vsix (bundled/), run by the Python extension's
 *      interpreter or `python3` on PATH, whichever is 3.10 or later.
 * In an untrusted workspace, executables inside the workspace and the Python extension's interpreter
 * (which the workspace can choose) are never run.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { activeInterpreter } from "./python";
import { executableSetting, expandPath, insideWorkspace } from "./settings";

export interface ServerCommand {
  command: string;
  args: string[];
  /** A user-written command line, run through the shell as written. */
  shell: boolean;
  /** Which step of the chain found it, for the log and the status item. */
  source: string;
  cwd?: string;
}

const IMPORT_CHECK = "import prodlint, sys; sys.stdout.write(getattr(prodlint, '__version__', '?'))";
const VERSION_CHECK = "import sys; sys.stdout.write('%d.%d' % sys.version_info[:2])";
const MIN_PYTHON = [3, 10];
const INSTALL_HINT =
  "Install the prodlint .vsix built for your platform (it carries the server and runs it with Python 3.10+), " +
  "or install prodlint from a clone of its repository with `pipx install .` (or `uv tool install .`), " +
  "or set `prodlint.path` to the prodlint executable.";

export class ServerNotFoundError extends Error {
  constructor(detail = "") {
    super(`prodlint: no language server found.${detail ? ` ${detail}` : ""} ${INSTALL_HINT}`);
  }
}

export async function findServer(log: vscode.LogOutputChannel, extensionPath: string): Promise<ServerCommand> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const trusted = vscode.workspace.isTrusted;
  log.info(`Looking for the prodlint server (workspace ${trusted ? "trusted" : "NOT trusted: workspace settings naming an executable are ignored"})`);
  const usable = (file: string, what: string): boolean => {
    if (!isExecutableFile(file)) {
      log.info(`  - ${what} ${file}: not an executable file`);
      return false;
    }
    if (!trusted && insideWorkspace(file)) {
      log.warn(`  - ${what} ${file}: inside the untrusted workspace, not run`);
      return false;
    }
    return true;
  };

  log.info("1. PRODLINT_SERVER_CMD / prodlint.server.command");
  const envCommand = process.env.PRODLINT_SERVER_CMD?.trim();
  if (envCommand) {
    log.info(`  + PRODLINT_SERVER_CMD=${envCommand}`);
    return { command: envCommand, args: [], shell: true, source: "PRODLINT_SERVER_CMD", cwd: folder?.uri.fsPath };
  }
  const settingCommand = executableSetting<string>("server.command")?.trim();
  if (settingCommand) {
    log.info(`  + prodlint.server.command=${settingCommand}`);
    return { command: settingCommand, args: [], shell: true, source: "prodlint.server.command", cwd: folder?.uri.fsPath };
  }
  log.info("  - neither is set");

  log.info("2. prodlint.path");
  const paths = executableSetting<string[]>("path") ?? [];
  if (paths.length === 0) log.info("  - not set");
  for (const p of paths.map((p) => expandPath(p, folder))) {
    if (usable(p, "prodlint.path")) {
      log.info(`  + ${p}`);
      return { command: p, args: ["serve"], shell: false, source: "prodlint.path" };
    }
  }

  log.info("3. prodlint.interpreter / Python extension interpreter");
  const interpreters = (executableSetting<string[]>("interpreter") ?? []).map((p) => expandPath(p, folder));
  if (interpreters.length === 0) log.info("  - prodlint.interpreter not set");
  // the Python extension is asked only when no configured interpreter can import prodlint
  async function* candidates(): AsyncGenerator<[string, string]> {
    for (const p of interpreters) yield [p, "prodlint.interpreter"];
    if (!trusted) {
      log.info("  - Python extension interpreter: skipped in an untrusted workspace");
      return;
    }
    const active = await activeInterpreter(folder?.uri, log);
    if (active) yield [active, "Python extension interpreter"];
  }
  for await (const [python, what] of candidates()) {
    if (!usable(python, what)) continue;
    // Run outside the workspace so `import prodlint` cannot pick up a folder of the project itself.
    const version = await importsProdlint(python, extensionPath);
    if (version === undefined) {
      log.info(`  - ${what} ${python}: \`import prodlint\` fails`);
      continue;
    }
    log.info(`  + ${what} ${python} (prodlint ${version})`);
    return { command: python, args: ["-m", "prodlint", "serve"], shell: false, source: what, cwd: extensionPath };
  }

  log.info("4. prodlint on PATH");
  for (const exe of onPath("prodlint")) {
    if (usable(exe, "PATH")) {
      log.info(`  + ${exe}`);
      return { command: exe, args: ["serve"], shell: false, source: "PATH" };
    }
  }
  log.info("  - not found");

  log.info("5. the server bundled in this extension");
  const bundled = await bundledServer(extensionPath, trusted, folder, log, usable);
  if (typeof bundled !== "string") return bundled;
  log.error(`No prodlint server found. ${bundled} ${INSTALL_HINT}`);
  throw new ServerNotFoundError(bundled);
}

/**
 * The bundled server with the first Python >= 3.10 (the Python extension's interpreter, then
 * python3 on PATH) for which the bundle carries py-tree-sitter's core; else why not, as a sentence.
 */
async function bundledServer(
  extensionPath: string,
  trusted: boolean,
  folder: vscode.WorkspaceFolder | undefined,
  log: vscode.LogOutputChannel,
  usable: (file: string, what: string) => boolean,
): Promise<ServerCommand | string> {
  const root = path.join(extensionPath, "bundled");
  const script = path.join(root, "tool", "serve.py");
  if (!fs.existsSync(path.join(root, "libs", "manifest.json")) || !fs.existsSync(script)) {
    log.info("  - this .vsix carries no server (it was built without a platform target)");
    return "This extension package carries no server.";
  }
  const pythons: [string, string][] = [];
  if (trusted) {
    const active = await activeInterpreter(folder?.uri, log);
    if (active) pythons.push([active, "Python extension interpreter"]);
  }
  for (const name of process.platform === "win32" ? ["python", "py"] : ["python3", "python"]) {
    for (const exe of onPath(name)) pythons.push([exe, "PATH"]);
  }
  if (pythons.length === 0) log.info("  - no Python interpreter (Python extension or python3 on PATH)");
  for (const [python, what] of pythons) {
    if (!usable(python, what)) continue;
    const version = await pythonVersion(python, extensionPath);
    if (!version) {
      log.info(`  - ${what} ${python}: does not run`);
      continue;
    }
    const [major, minor] = version.split(".").map(Number);
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
      log.info(`  - ${what} ${python}: Python ${version} is older than 3.10`);
      continue;
    }
    if (!fs.existsSync(path.join(root, "libs", `cp${major}${minor}`))) {
      log.info(`  - ${what} ${python}: Python ${version} has no tree-sitter build in this package`);
      continue;
    }
    log.info(`  + ${what} ${python} (Python ${version})`);
    // -I: no PYTHONPATH, user site or current directory, so nothing outside the bundle is imported
    return { command: python, args: ["-I", script, "serve"], shell: false, source: `bundled, Python ${version} from ${what}`, cwd: extensionPath };
  }
  return "The bundled server needs Python 3.10 or later (the Python extension's interpreter or python3 on PATH) and none was found.";
}

/** `major.minor` of `python`, or undefined when it does not run. */
function pythonVersion(python: string, cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(python, ["-I", "-c", VERSION_CHECK], { cwd, timeout: 15000 }, (err, stdout) =>
      resolve(err ? undefined : stdout.trim()),
    );
  });
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== "win32") fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Every `name` on PATH, in order; relative PATH entries are skipped (they depend on the cwd). */
function onPath(name: string): string[] {
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d && path.isAbsolute(d));
  return dirs.flatMap((d) => exts.map((e) => path.join(d, name + e.toLowerCase()))).filter(isExecutableFile);
}

/** prodlint's version when `python` can import it, else undefined. */
function importsProdlint(python: string, cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(python, ["-c", IMPORT_CHECK], { cwd, timeout: 15000 }, (err, stdout) =>
      resolve(err ? undefined : stdout.trim()),
    );
  });
}
