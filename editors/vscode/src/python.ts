/** The Python extension's active interpreter, if that extension is installed. */
import { PythonExtension } from "@vscode/python-extension";
import * as vscode from "vscode";

const PYTHON_EXTENSION_ID = "ms-python.python";

export async function activeInterpreter(resource: vscode.Uri | undefined, log: vscode.LogOutputChannel): Promise<string | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) {
    log.info(`  - Python extension (${PYTHON_EXTENSION_ID}) not installed: skipped`);
    return undefined;
  }
  try {
    const api = await PythonExtension.api();
    const env = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
    const executable = env?.executable.uri?.fsPath;
    if (!executable) log.info("  - Python extension has no active interpreter: skipped");
    return executable;
  } catch (e) {
    log.warn(`  - Python extension API failed: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Calls `listener` when the user picks another interpreter in the Python extension. */
export async function onInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
  try {
    const api = await PythonExtension.api();
    return api.environments.onDidChangeActiveEnvironmentPath(listener);
  } catch {
    return undefined;
  }
}
