"""Facts of Dockerfiles that run a server with no HEALTHCHECK (in the final stage or a stage it
builds on), for HLT002: the port the app listens on and the program the image has to probe it
with (node, python3, curl, wget, or none). HLT002's fix reads the same analysis of the file
(`server_image`) when it is asked for; facts hold no fix text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from prodlint.api import DOCKERFILE, Fact, FileContext
from prodlint.lineformats import DockerInstruction, dockerfile_instructions

TARGETS = (DOCKERFILE,)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

SERVER_COMMAND = re.compile(
    r"\b(node|nodemon|pm2-runtime|npm|yarn|pnpm|bun|deno|next|nest|gunicorn|uvicorn|hypercorn|daphne|waitress-serve|"
    r"flask|fastapi|manage\.py|python3?|java|dotnet|rails|puma|php-fpm|nginx|caddy|httpd)\b")
NON_SERVER = re.compile(r"\b(test|jest|vitest|pytest|migrate|lint|build|sh -c true|sleep|cron|celery|worker)\b")


@dataclass(frozen=True)
class ServerImage:
    """The final stage of a Dockerfile that runs a server with no HEALTHCHECK: `anchor` is its first
    CMD/ENTRYPOINT (where a HEALTHCHECK goes; else the stage's first instruction, and `runs` is
    False), `port` the port the app listens on, `prober` the program to probe with ("" for none)."""

    anchor: DockerInstruction
    runs: bool
    port: str
    prober: str


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`unchecked_server_image`: a Dockerfile that runs a server with no HEALTHCHECK."""
    if ctx.role.non_production:
        return
    image = server_image(ctx)
    if image is not None:
        yield ctx.fact("unchecked_server_image", ctx.line_span(image.anchor.line), "dockerfile", runs=image.runs,
                       port=image.port, prober=image.prober)


def server_image(ctx: FileContext) -> ServerImage | None:
    """The final stage when it runs a server (a server command or `EXPOSE`) with no HEALTHCHECK of
    its own or inherited; else None."""
    instructions = dockerfile_instructions(ctx)
    if not instructions:
        return None
    final = max(i.stage for i in instructions)
    stage = [i for i in instructions if i.stage == final]
    chain = _stage_chain(instructions, final)
    if any(i.keyword == "HEALTHCHECK" for i in chain):
        return None  # a HEALTHCHECK (or NONE) of a stage it builds on is inherited
    runs = [i for i in stage if i.keyword in ("CMD", "ENTRYPOINT")]
    exposes = [i for i in stage if i.keyword == "EXPOSE"]
    command = " ".join(_words(i.args) for i in runs)
    if not exposes and not SERVER_COMMAND.search(command):
        return None
    if NON_SERVER.search(command) and not exposes:
        return None
    base = _base_image(instructions, final)
    port = _port(chain, command, base)
    return ServerImage(runs[0] if runs else stage[0], bool(runs), port,
                       _prober(base, command, _installed(chain)))


def _words(args: str) -> str:
    """An exec-form `["uvicorn", "main:app", "--port", "8080"]` as the words it runs."""
    if args.lstrip().startswith("["):
        try:
            return " ".join(str(w) for w in json.loads(args))
        except (ValueError, RecursionError):  # not JSON, or nested too deeply to be an argv
            pass
    return args


def _stage_chain(instructions, final: int) -> list:
    """The final stage's instructions and those of the stages it is built `FROM` (by alias)."""
    by_alias: dict[str, int] = {}
    for i in instructions:
        if i.keyword == "FROM":
            m = re.search(r"\s+AS\s+(\S+)\s*$", i.args, re.I)
            if m:
                by_alias[m.group(1).lower()] = i.stage
    chain, stage, seen = [], final, set()
    while stage is not None and stage not in seen:
        seen.add(stage)
        instrs = [i for i in instructions if i.stage == stage]
        chain = instrs + chain
        frm = next((i for i in instrs if i.keyword == "FROM"), None)
        image = _image_of(frm.args).lower() if frm is not None else ""
        stage = by_alias.get(image)
    return chain


def _image_of(args: str) -> str:
    words = [w for w in args.split() if not w.startswith("--")]
    return words[0] if words else ""


def _base_image(instructions, final: int) -> str:
    """The image the final stage starts from, through stage aliases."""
    chain = _stage_chain(instructions, final)
    frm = next((i for i in chain if i.keyword == "FROM"), None)
    return _image_of(frm.args) if frm is not None else ""


_PORT_FLAG = re.compile(r"(?:--port[= ]|\s-p\s+|--bind[= ]\S*?:|\s-b\s+\S*?:|--listen[= ]\S*?:)(\d{2,5})\b")


def _port(chain, command: str, base: str) -> str:
    """The port the app listens on: the command's `--port`/`-p`/`--bind host:port`, else
    `ENV PORT`, else the first `EXPOSE`d port, else the framework's default."""
    m = _PORT_FLAG.search(" " + command)
    if m:
        return m.group(1)
    for i in reversed(chain):
        if i.keyword == "ENV":
            env = re.search(r"(?:^|\s)PORT(?:=|\s+)[\"']?(\d{2,5})\b", i.args)
            if env:
                return env.group(1)
    for expose in (i for i in chain if i.keyword == "EXPOSE"):
        m = re.search(r"\b(\d{2,5})\b", expose.args)
        if m:
            return m.group(1)
        m = re.search(r"\$\{?(\w+)", expose.args)
        if m:
            return "${" + m.group(1) + "}"
    if re.search(r"\bmanage\.py\b|\bflask\b", command):
        return "5000" if "flask" in command else "8000"
    return "8000" if _is_python(base, command) else "3000"


def _is_python(base: str, command: str) -> bool:
    return bool(re.search(r"python|gunicorn|uvicorn|hypercorn|daphne|manage\.py|flask|fastapi", base + " " + command))


#: `apt-get install …`: in a step of a shell command (between `&`, `;` and `|`), a package
#: manager and after it `install`, the packages following the step's last `install`
_PACKAGE_MANAGER = re.compile(r"\b(apt-get|apt|apk|yum|dnf|microdnf)\b")
_INSTALL_WORD = re.compile(r"\binstall\b")
_COMMAND_STEP = re.compile(r"[&;|]")


def _install_lists(command: str) -> Iterator[str]:
    r"""What the regex `\b(MANAGER)\b[^&;|]*\binstall\b([^&;|]*)` gives as its second group, match by
    match, with each step read once: that regex read the rest of the step again from each manager
    word when no `install` followed (5 s for 50 KB of `yum `)."""
    for step in _COMMAND_STEP.split(command):
        manager = _PACKAGE_MANAGER.search(step)
        if manager is None:
            continue
        last = None
        for last in _INSTALL_WORD.finditer(step, manager.end()):
            pass
        if last is not None:
            yield step[last.end():]


def _installed(chain) -> set[str]:
    """Programs the image's RUN lines install with the system package manager."""
    found: set[str] = set()
    for i in chain:
        if i.keyword != "RUN":
            continue
        for packages in _install_lists(i.args):
            for word in packages.split():
                word = word.split("=")[0]
                if word in ("curl", "wget"):
                    found.add(word)
                elif word in ("nodejs", "node"):
                    found.add("node")
                elif re.match(r"^python3(\.\d+)?$", word):
                    found.add("python3")
    return found


def _prober(base: str, command: str, installed: set[str]) -> str:
    """A program the image has to probe with: node in Node images, python3 in Python images (the
    official ones and those that install it; never `python`, which many images lack), busybox
    wget on Alpine, else curl or wget when a RUN line installs it; "" when there is none."""
    image = base.lower()
    has_node = bool(re.search(r"(^|/)(node|bun)([:@]|$)|nodejs", image)) or "node" in installed
    has_python = bool(re.search(r"(^|/)python([:@]|$)|python3", image)) or "python3" in installed
    if has_node and not _is_python("", command):
        return "node"
    if has_python:
        return "python3"
    if has_node:
        return "node"
    if "curl" in installed:
        return "curl"
    if "wget" in installed or "alpine" in image or "busybox" in image:
        return "wget"
    return ""
