import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  DocumentSelector,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { onInterpreterChange } from "./python";
import { findServer, ServerCommand, ServerNotFoundError } from "./server";
import { RESTART_SETTINGS, SECTION, serverSettings } from "./settings";

const NAME = "prodlint";
/** The server's fix-all command; the extension owns the VS Code command of the same name. */
const APPLY_AUTOFIX = "prodlint.applyAutofix";
const FIX_ALL_KIND = "source.fixAll.prodlint";

const LANGUAGES = ["javascript", "javascriptreact", "typescript", "typescriptreact", "python", "dockerfile", "ignore", "dotenv"];
export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.map((language) => ({ scheme: "file", language })),
  { scheme: "file", language: "json", pattern: "**/package.json" },
  { scheme: "file", pattern: "**/.env*" },
  { scheme: "file", pattern: "**/Procfile" },
];

let manager: ServerManager | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // vscode-languageclient >= 10 writes through a LogOutputChannel API; a plain channel crashes it.
  const log = vscode.window.createOutputChannel(NAME, { log: true });
  context.subscriptions.push(log);
  log.info(`prodlint extension ${context.extension.packageJSON.version} on VS Code ${vscode.version}`);
  manager = new ServerManager(context, log);
  const m = manager;

  context.subscriptions.push(
    vscode.commands.registerCommand("prodlint.restart", () => m.restart("restart command")),
    vscode.commands.registerCommand("prodlint.showLogs", () => log.show()),
    vscode.commands.registerCommand(APPLY_AUTOFIX, () => m.applyAutofix()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((key) => e.affectsConfiguration(`${SECTION}.${key}`))) {
        void m.restart("settings changed");
      } else if (e.affectsConfiguration(SECTION)) {
        m.notifySettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => m.restart("workspace trusted")),
    vscode.workspace.onDidChangeWorkspaceFolders(() => m.notifySettings()),
  );
  const pythonListener = await onInterpreterChange(() => void m.restart("Python interpreter changed"));
  if (pythonListener) context.subscriptions.push(pythonListener);

  await m.restart("activation");
}

export function deactivate(): Promise<void> | undefined {
  return manager?.stop();
}

/** Owns the client; restarts are queued so that only one runs at a time. */
class ServerManager {
  client: LanguageClient | undefined;
  private restarting: Promise<void> | undefined;
  private restartAgain = false;
  private readonly status: vscode.LanguageStatusItem;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.status = vscode.languages.createLanguageStatusItem("prodlint.status", DOCUMENT_SELECTOR as vscode.DocumentSelector);
    this.status.name = "prodlint";
    this.status.text = "prodlint";
    this.status.command = { title: "Show logs", command: "prodlint.showLogs" };
    context.subscriptions.push(this.status);
  }

  restart(reason: string): Promise<void> {
    if (this.restarting) {
      this.log.info(`Restart (${reason}) queued behind the one in progress`);
      this.restartAgain = true;
      return this.restarting;
    }
    this.restarting = (async () => {
      do {
        this.restartAgain = false;
        this.log.info(`(Re)starting the server: ${reason}`);
        await this.stop();
        await this.start();
      } while (this.restartAgain);
    })().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.dispose(2000);
    } catch (e) {
      this.log.warn(`Stopping the server: ${errorText(e)}`);
    }
  }

  private async start(): Promise<void> {
    if (!serverSettings().enable) {
      this.log.info("prodlint.enable is false: server not started");
      this.setStatus("disabled", vscode.LanguageStatusSeverity.Information);
      return;
    }
    let server: ServerCommand;
    try {
      server = await findServer(this.log, this.context.extensionPath);
    } catch (e) {
      this.setStatus("server not found", vscode.LanguageStatusSeverity.Error);
      void this.showError(e instanceof ServerNotFoundError ? e.message : `prodlint: ${errorText(e)}`, true);
      return;
    }
    const serverOptions: ServerOptions = {
      command: server.command,
      args: server.args,
      transport: TransportKind.stdio,
      options: { cwd: server.cwd, shell: server.shell },
    };
    const client = new LanguageClient(NAME, "prodlint", serverOptions, this.clientOptions());
    withoutOwnCommands(client);
    this.client = client;
    this.log.info(`Starting: ${[server.command, ...server.args].join(" ")} (from ${server.source})`);
    try {
      await client.start();
      const info = client.initializeResult?.serverInfo;
      this.log.info(`Server running: ${info ? `${info.name} ${info.version ?? ""}`.trim() : "(no serverInfo)"}`);
      this.setStatus(info?.version ? `v${info.version}` : "running", vscode.LanguageStatusSeverity.Information, server.source);
    } catch (e) {
      this.setStatus("server failed to start", vscode.LanguageStatusSeverity.Error, server.source);
      void this.showError(`prodlint: the server failed to start (${errorText(e)}).`, false);
    }
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: serverSettings(vscode.workspace.workspaceFolders?.[0]),
      middleware: {
        // `prodlint.fixAll: false` hides the fix-all source action (so codeActionsOnSave skips it).
        provideCodeActions: async (document, range, context, token, next) => {
          const actions = await next(document, range, context, token);
          if (!actions || serverSettings(document.uri).fixAll) return actions;
          const fixAll = vscode.CodeActionKind.SourceFixAll.append("prodlint");
          return actions.filter((a) => !(a instanceof vscode.CodeAction && a.kind && fixAll.contains(a.kind)));
        },
        workspace: {
          // Answer for our section in the same shape as initializationOptions.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return params.items.map((item, i) =>
              item.section === SECTION
                ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                : result[i],
            );
          },
        },
      },
    };
  }

  /** Settings that need no restart reach the server as a didChangeConfiguration (it may also pull). */
  notifySettings(): void {
    if (this.client?.state !== State.Running) return;
    void this.client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { [SECTION]: serverSettings(vscode.workspace.workspaceFolders?.[0]) },
    });
  }

  /** Fix all: the server's `prodlint.applyAutofix` command, else its `source.fixAll.prodlint` action. */
  async applyAutofix(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const client = this.client;
    if (client?.state !== State.Running) {
      void this.showError("prodlint: the server is not running.", false);
      return;
    }
    const doc = editor.document;
    const commands = client.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (commands.includes(APPLY_AUTOFIX)) {
      const textDocument = { uri: doc.uri.toString(), version: doc.version };
      try {
        await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_AUTOFIX, arguments: [textDocument] });
      } catch (e) {
        void this.showError(`prodlint: fix all failed (${errorText(e)}).`, false);
      }
      return;
    }
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>(
        "vscode.executeCodeActionProvider", doc.uri, whole, FIX_ALL_KIND, 10,
      )) ?? [];
    for (const action of actions) {
      if (action.edit) await vscode.workspace.applyEdit(action.edit);
      if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
    if (actions.length === 0) this.log.info("Fix all: nothing to fix");
  }

  private setStatus(detail: string, severity: vscode.LanguageStatusSeverity, source?: string): void {
    this.status.detail = source ? `${detail} (${source})` : detail;
    this.status.severity = severity;
  }

  private async showError(message: string, offerSettings: boolean): Promise<void> {
    const actions = offerSettings ? ["Open settings", "Show logs"] : ["Show logs"];
    const picked = await vscode.window.showErrorMessage(message, ...actions);
    if (picked === "Show logs") this.log.show();
    if (picked === "Open settings") void vscode.commands.executeCommand("workbench.action.openSettings", "prodlint.path");
  }
}

/**
 * vscode-languageclient registers a VS Code command for every command the server advertises; one
 * the extension registers itself (fix all, which needs the active document) would then collide.
 */
function withoutOwnCommands(client: LanguageClient): void {
  const feature = client.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) =>
    register({
      ...data,
      registerOptions: { ...data.registerOptions, commands: data.registerOptions.commands.filter((c) => c !== APPLY_AUTOFIX) },
    });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
