/** Reading prodlint settings, with workspace trust applied to the ones that name an executable. */
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";

export const SECTION = "prodlint";

/** Settings that choose what gets executed: only user settings count in an untrusted workspace. */
export const EXECUTABLE_SETTINGS = ["path", "interpreter", "server.command"] as const;
type ExecutableSetting = (typeof EXECUTABLE_SETTINGS)[number];

/** Settings that change how the server process is started: a change means a restart. */
export const RESTART_SETTINGS = [...EXECUTABLE_SETTINGS, "enable", "logLevel"];

/** What the server receives, as `initializationOptions` and for `workspace/configuration`. */
export interface ServerSettings {
  enable: boolean;
  run: "onType" | "onSave";
  select: string[];
  ignore: string[];
  severity: Record<string, "error" | "warning" | "info" | "hint">;
  unsafeFixes: boolean;
  fixAll: boolean;
  logLevel: "error" | "warning" | "info" | "debug";
}

export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    enable: c.get("enable", true),
    run: c.get("run", "onType"),
    select: c.get("select", []),
    ignore: c.get("ignore", []),
    severity: c.get("severity", {}),
    unsafeFixes: c.get("unsafeFixes", false),
    fixAll: c.get("fixAll", true),
    logLevel: c.get("logLevel", "info"),
  };
}

/**
 * The value of a setting that names an executable. In an untrusted workspace only the user's own
 * value is used, so a cloned repository's `.vscode/settings.json` cannot pick the binary. VS Code
 * already does this for `restrictedConfigurations`; checking here too keeps it true on any host.
 */
export function executableSetting<T>(key: ExecutableSetting, scope?: vscode.ConfigurationScope): T | undefined {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  if (vscode.workspace.isTrusted) return c.get<T>(key);
  const info = c.inspect<T>(key);
  return info?.globalValue ?? info?.defaultValue;
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` in a path setting. */
export function expandPath(value: string, folder?: vscode.WorkspaceFolder): string {
  let out = value
    .replace(/\$\{userHome\}/g, os.homedir())
    .replace(/\$\{env:([^}]+)\}/g, (_, name: string) => process.env[name] ?? "");
  if (folder) out = out.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) out = path.join(os.homedir(), out.slice(1));
  return out;
}

/** True when `file` lies inside one of the open workspace folders. */
export function insideWorkspace(file: string): boolean {
  const resolved = path.resolve(file);
  return (vscode.workspace.workspaceFolders ?? []).some((f) => {
    const rel = path.relative(f.uri.fsPath, resolved);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  });
}
