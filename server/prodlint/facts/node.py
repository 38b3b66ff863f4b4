"""Framework facts of JavaScript/TypeScript server code: apps, routers and mounts, routes,
middlewares and error handlers, listen calls, `process.on` and signal handlers, DB/cache clients,
loggers and graceful-shutdown libraries. CommonJS, ESM and TypeScript alike. Fact kinds are
documented in `prodlint.facts`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, TSX, TYPESCRIPT, Fact, FileContext
from prodlint.appmodel import (
    JS_FRAMEWORK_MODULES, js_db_clients, js_imports, js_logger, js_member_bindings, js_object_framework,
    js_receiver_framework, js_server_objects,
)
from prodlint.facts._build import file_fact, sorted_fact
from prodlint.bytesearch import finder
from prodlint.syntax import call_statement, field_ids, string_content, unwrap_js, walk_types

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_METHODS = "listen|use|get|post|put|patch|delete|del|all|head|options|route|on|once|addListener|prependListener|" \
           "register|setErrorHandler|enableShutdownHooks|onError|close"
_PLAIN = "serve|createServer|createTerminus|createLightship|stoppable|createHttpTerminator|closeWithGrace|" \
         "gracefulShutdown|once|on|pEvent|pEventMultiple"
#: modules whose helpers wait for an emitter's event, the process's too: `await once(process,
#: "SIGTERM")` (node:events), `pEvent(process, "SIGTERM")` (p-event)
_EVENT_MODULES = frozenset({"events", "node:events", "p-event"})
_EVENT_WAITS = frozenset({"once", "on", "pEvent", "pEventMultiple"})


def _any_of(names: str) -> str:
    """Exact names as an `#any-of?` list: a string comparison, where `#match?` runs a regex."""
    return " ".join(f'"{n}"' for n in names.split("|"))


QUERY = f"""
((call_expression
   function: (member_expression object: (_) @obj property: (property_identifier) @method)
   arguments: (arguments) @args) @call
 (#any-of? @method {_any_of(_METHODS)}))
((call_expression function: (identifier) @fn arguments: (arguments) @args) @call
 (#any-of? @fn {_any_of(_PLAIN)}))
"""

#: frameworks of imports that make no receiver a server object (`js_receiver_framework`): none,
#: or Next.js (no app of it is an object, and `_js_app_frameworks` leaves it out); a file whose
#: imports are all of these is quiet like one without a framework
_NO_RECEIVERS = frozenset({None, "next"})
#: the methods that give a fact on any receiver (see `_member_call`)
def _ephemeral_port(ctx: FileContext, args: list) -> bool:
    """`server.listen(0, …)`: a port the system chooses, read back from `server.address()`. Such
    a server is a helper the process starts for itself (a local proxy, a callback for a command's
    sign-in), not the process that serves the app: no platform routes traffic or signals to it."""
    return bool(args) and args[0].type in ("number", "string") and ctx.text_of(args[0]).strip("'\"`") == "0"


_QUIET_METHODS = frozenset({"listen", "enableShutdownHooks", "on", "once", "addListener", "prependListener"})
HTTP_METHODS = {"get", "post", "put", "patch", "delete", "del", "all", "head", "options"}
SHUTDOWN_LIBRARIES = ("http-terminator", "@godaddy/terminus", "stoppable", "lightship", "close-with-grace",
                      "http-graceful-shutdown", "@moebius/http-graceful-shutdown", "fastify-graceful-shutdown",
                      "node-graceful-shutdown", "async-exit-hook", "exit-hook", "signal-exit", "death",
                      "@nestjs/terminus")
_SHUTDOWN_MODULES = frozenset(SHUTDOWN_LIBRARIES)
_HOLDS_ERROR_HANDLER = finder(b"rrorHandler")  # (from its capital: asked of every file)
#: a `framework` fact's data from an import, in sorted order (`file_fact`)
_FROM_IMPORT = (("major", None), ("source", "import"))
SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP", "SIGUSR2", "SIGQUIT")
_NEXT_ROUTE = re.compile(r"(^|/)(src/)?app/(?P<path>(.*/)?)route\.[cm]?[jt]sx?$")
_NEXT_PAGES_API = re.compile(r"(^|/)(src/)?pages/(?P<path>api/.*?)(/index)?\.[cm]?[jt]sx?$")
_NEXT_EXPORTS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    imports = js_imports(ctx)
    for module in sorted(set(imports.values())):  # every module imported is a value (under "", " m" or a name)
        yield file_fact(ctx, "import", module)
        fw = JS_FRAMEWORK_MODULES.get(module)
        if fw is not None:
            yield file_fact(ctx, "framework", fw, _FROM_IMPORT)
        if module in _SHUTDOWN_MODULES:
            yield file_fact(ctx, "shutdown_library", module)
    objects = js_server_objects(ctx)
    if objects:  # (most files create none)
        yield from _object_facts(ctx, objects)
    for kind, name in js_db_clients(ctx):
        yield ctx.fact("client", None, kind, name=name, aio=False)
    logger = js_logger(ctx)
    if logger:
        yield ctx.fact("logger", None, logger)
    yield from _next_routes(ctx)
    yield from _error_handler_functions(ctx)
    source = ctx.source
    if _HOLDS_ERROR_HANDLER(source) and (b"setupExpressErrorHandler" in source or b"Handlers.errorHandler" in source):
        yield ctx.fact("error_handler", None, "express", object="", handles="")  # Sentry's error middleware
    # Without a server object or framework import, a method call gives a fact only as a listen,
    # a process handler, NestJS shutdown hooks, or on a receiver named fastify/instance (a plugin)
    quiet = not objects and all(JS_FRAMEWORK_MODULES.get(m) in _NO_RECEIVERS for m in imports.values())
    find = ctx.source.find
    for _, caps in ctx.matches:
        call = caps["call"][0]
        if "fn" in caps:
            yield from _plain_call(ctx, call, ctx.text_of(caps["fn"][0]), caps["args"][0])
            continue
        method, obj = ctx.text_of(caps["method"][0]), caps["obj"][0]
        if quiet and method not in _QUIET_METHODS and find(b"fastify", obj.start_byte, obj.end_byte) < 0 \
                and find(b"instance", obj.start_byte, obj.end_byte) < 0:
            continue
        yield from _member_call(ctx, call, obj, method, caps["args"][0])


def _object_facts(ctx: FileContext, objects: dict[str, tuple[str, str]]) -> Iterator[Fact]:
    """`app` and `router` facts of the server objects the file declares."""
    decls_nodes = {}
    object_names = tuple(name.encode("utf-8") for name in objects)
    exact = all("\ufffd" not in name for name in objects) and not ctx.tree.root_node.has_error
    starts = ctx.source.startswith
    for decl in walk_types(ctx.tree.root_node, {"variable_declarator"}, ctx):
        if exact and not starts(object_names, decl.start_byte):
            continue  # a declarator starts with its name: not one of the objects
        name = decl.child_by_field_name("name")
        if name is not None and name.type == "identifier":
            decls_nodes.setdefault(ctx.text_of(name), decl)
    members = js_member_bindings(ctx) if any(name.startswith("this.") for name in objects) else {}
    for name, (fw, kind) in objects.items():
        if kind not in ("app", "router"):
            continue
        decl = decls_nodes.get(name)
        value = decl.child_by_field_name("value") if decl is not None else members.get(name)
        if value is not None and (decl is not None or value.parent.type == "assignment_expression"):
            # (a class field's app, `app = express()`, is no anchor: nothing can be written after it)
            extra = {"prefix": ""} if kind == "router" else {}
            yield ctx.fact(kind, value, fw, name=name, **extra)


def _plain_call(ctx: FileContext, call, fn: str, args) -> Iterator[Fact]:
    module = js_imports(ctx).get(fn, "")
    if fn == "serve" and module in ("@hono/node-server", "hono/node-server"):
        yield ctx.fact("listen", call, "hono", object="serve", bound=_is_bound(call), arguments=len(_named(args)),
                       standalone=call_statement(call)[0] is not None)
    elif fn == "createServer" and JS_FRAMEWORK_MODULES.get(module) == "http":
        pass  # the server object; its listen() is the fact
    elif module in SHUTDOWN_LIBRARIES or fn in ("createTerminus", "createLightship", "createHttpTerminator",
                                                 "closeWithGrace", "gracefulShutdown"):
        yield ctx.fact("shutdown_library", call, module or fn)
    elif fn in _EVENT_WAITS and module in _EVENT_MODULES:
        yield from _process_wait(ctx, call, _named(args))


def _process_wait(ctx: FileContext, call, args: list) -> Iterator[Fact]:
    """A wait for the process's events through an emitter helper (`await once(process,
    "SIGTERM")`, `pEvent(process, ["SIGINT", "SIGTERM"], { rejectionEvents: ["uncaughtException",
    "unhandledRejection"] })`): handlers of those events, as `process.once` is. Only a wait on
    `process` itself."""
    if not args or args[0].type != "identifier" or ctx.text_of(args[0]) != "process":
        return
    yield from _process_handler(ctx, call, args[1:])
    for option in args[2:]:
        if option.type != "object":
            continue
        for pair in option.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            value = pair.child_by_field_name("value") if key is not None else None
            if value is None or value.type != "array" or ctx.text_of(key).strip("'\"") != "rejectionEvents":
                continue  # p-event rejects the wait on these events: it handles them too
            for item in value.named_children:
                if item.type == "string":
                    yield ctx.fact("process_handler", call, string_content(ctx, item))


def _member_call(ctx: FileContext, call, obj, method: str, args) -> Iterator[Fact]:
    obj_text = ctx.text_of(obj)
    if obj_text == "process" and method in ("on", "once", "addListener", "prependListener"):
        yield from _process_handler(ctx, call, _named(args))
        return
    if method in ("once", "on") and js_imports(ctx).get(obj_text.partition(".")[0]) in _EVENT_MODULES:
        yield from _process_wait(ctx, call, _named(args))  # events.once(process, "SIGTERM")
        return
    if method == "enableShutdownHooks":
        yield ctx.fact("shutdown_library", call, "nestjs:enableShutdownHooks")
        return
    route_prefix = None
    if obj.type == "call_expression":  # app.route("/x").get(...)
        inner_fn = obj.child_by_field_name("function")
        if inner_fn is not None and inner_fn.type == "member_expression" \
                and ctx.text_of(inner_fn.child_by_field_name("property")) == "route":
            inner_args = obj.child_by_field_name("arguments")
            if inner_args is not None and inner_args.named_children and inner_args.named_children[0].type == "string":
                route_prefix = string_content(ctx, inner_args.named_children[0])
            obj_text = ctx.text_of(inner_fn.child_by_field_name("object"))
    owner = js_receiver_framework(ctx, obj) if route_prefix is None else js_object_framework(ctx, obj_text)
    if owner is None and method == "listen" and obj_text in ("app", "server", "httpServer"):
        owner = ("", "app")  # an app imported from another module
    if owner is None:
        return
    arg_nodes = _named(args)
    framework, kind = owner
    if method == "listen":
        if kind == "router" or _ephemeral_port(ctx, arg_nodes):
            return
        yield ctx.fact("listen", call, framework, object=obj_text, bound=_is_bound(call), arguments=len(arg_nodes),
                       standalone=call_statement(call)[0] is not None)
        return
    if method == "setErrorHandler" or (method == "onError" and framework == "hono"):
        yield ctx.fact("error_handler", call, framework, object=obj_text, handles="")
        return
    if method == "on" and arg_nodes and ctx.text_of(arg_nodes[0]).strip("'\"") == "error":
        yield ctx.fact("error_handler", call, framework, object=obj_text, handles="")  # koa app.on("error")
        return
    if method == "register":
        return
    if method == "use":
        yield from _use(ctx, call, obj_text, framework, arg_nodes)
        return
    if method in HTTP_METHODS:
        path = route_prefix
        if path is None:
            if not arg_nodes or arg_nodes[0].type not in ("string", "template_string"):
                return
            path = string_content(ctx, arg_nodes[0])
            handlers = arg_nodes[1:]
        else:
            handlers = arg_nodes
        if not handlers:
            return
        yield sorted_fact(ctx, "route", call, path, (
            ("framework", framework), ("handler", ctx.span(handlers[-1])), ("method", method.upper()),
            ("object", obj_text), ("prefix", "")))
    elif method == "route" and framework == "fastify" and arg_nodes and arg_nodes[0].type == "object":
        url = _object_string(ctx, arg_nodes[0], ("url", "path"))
        if url is not None:
            method_value = _object_string(ctx, arg_nodes[0], ("method",)) or "GET"
            yield ctx.fact("route", call, url, method=method_value.upper(), object=obj_text, framework=framework, prefix="",
                           handler=ctx.span(arg_nodes[0]))


def _use(ctx: FileContext, call, obj_text: str, framework: str, args) -> Iterator[Fact]:
    if not args:
        return
    prefix = None
    if args[0].type in ("string", "template_string"):
        prefix = string_content(ctx, args[0])
        args = args[1:]
    imports = js_imports(ctx)
    for arg in args:
        arg_u = unwrap_js(arg)
        text = ctx.text_of(arg_u)
        if _is_error_middleware(ctx, arg_u):
            yield ctx.fact("error_handler", call, framework, object=obj_text, handles="")
            continue
        if prefix is not None and arg_u.type in ("identifier", "member_expression", "call_expression"):
            head = text.split(".")[0].split("(")[0]
            yield ctx.fact("mount", call, prefix, object=obj_text, target=text, module=imports.get(head, ""))
        else:
            yield ctx.fact("middleware", call, text if len(text) < 80 else text[:77] + "…", object=obj_text,
                           framework=framework)


def _is_error_middleware(ctx: FileContext, node) -> bool:
    """A 4-parameter function, or a name that says it handles errors (`errorHandler`,
    `Sentry.Handlers.errorHandler()`), passed to `use`."""
    if node is None:
        return False
    if node.type in ("arrow_function", "function_expression", "function"):
        params = node.child_by_field_name("parameters")
        return params is not None and len([p for p in params.named_children if p.type != "comment"]) == 4
    return bool(re.search(r"error|Error", ctx.text_of(node)))


def _error_handler_functions(ctx: FileContext) -> Iterator[Fact]:
    """Functions declared with four parameters whose first is the error (`function errorHandler(err,
    req, res, next)`): Express error middleware wherever it is mounted."""
    (parameters,) = field_ids(ctx, "parameters")  # asked of every function of the file: by id
    for fn in walk_types(ctx.tree.root_node, {"function_declaration", "arrow_function", "function_expression"}, ctx):
        params = fn.child_by_field_id(parameters)
        if params is None or params.named_child_count < 4:
            continue
        names = [p for p in params.named_children if p.type != "comment"]
        if len(names) == 4 and re.match(r"^_?(err|error|e|ex|exception)\b", ctx.text_of(names[0])):
            yield ctx.fact("error_handler", fn, "express", object="", handles="")


def _process_handler(ctx: FileContext, call, args) -> Iterator[Fact]:
    if not args:
        return
    if args[0].type in ("string", "template_string"):
        events = [string_content(ctx, args[0])]
    else:  # ["SIGTERM", "SIGINT"].forEach((sig) => process.on(sig, ...)) and the like
        events = [s for s in SIGNALS if re.search(rf"['\"`]{s}['\"`]", ctx.text)]
    for event in events:
        yield ctx.fact("process_handler", call, event)
        if event.startswith("SIG"):
            yield ctx.fact("signal_handler", call, event)


def _named(args) -> list:
    """Arguments without comments."""
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _is_bound(call) -> bool:
    node = call
    while node.parent is not None and node.parent.type in ("await_expression", "parenthesized_expression"):
        node = node.parent
    return node.parent is not None and node.parent.type in ("variable_declarator", "assignment_expression")


def _object_string(ctx: FileContext, obj, keys) -> str | None:
    for pair in obj.named_children:
        if pair.type != "pair":
            continue
        key = ctx.text_of(pair.child_by_field_name("key")).strip("'\"")
        value = pair.child_by_field_name("value")
        if key in keys and value is not None and value.type == "string":
            return string_content(ctx, value)
    return None


def _next_routes(ctx: FileContext) -> Iterator[Fact]:
    """Next.js route handlers: `app/**/route.ts` exporting GET/POST/…, and `pages/api/**`."""
    relpath = ctx.relpath
    m = _NEXT_ROUTE.search(relpath) if "route." in relpath else None  # (what every match holds)
    if m:
        path = "/" + re.sub(r"\([^)/]*\)/", "", m.group("path")).rstrip("/")
        for node in ctx.tree.root_node.named_children:
            if node.type != "export_statement":
                continue
            decl = node.child_by_field_name("declaration")
            names = []
            if decl is not None and decl.type == "function_declaration":
                names = [ctx.text_of(decl.child_by_field_name("name"))]
            elif decl is not None and decl.type == "lexical_declaration":
                names = [ctx.text_of(d.child_by_field_name("name")) for d in decl.named_children
                         if d.type == "variable_declarator"]
            elif decl is None:
                names = [ctx.text_of(s.child_by_field_name("alias") or s.child_by_field_name("name"))
                         for s in walk_types(node, {"export_specifier"})]
            for name in names:
                if name in _NEXT_EXPORTS:
                    yield ctx.fact("route", node, path or "/", method=name, object="", framework="next", prefix="",
                                   handler=ctx.span(node))
        return
    m = _NEXT_PAGES_API.search(relpath) if "pages/api/" in relpath else None
    if m and "export default" in ctx.text:
        yield ctx.fact("route", None, "/" + m.group("path"), method="ALL", object="", framework="next", prefix="",
                       handler=None)
