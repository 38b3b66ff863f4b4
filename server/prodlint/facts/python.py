"""Framework facts of Python server code: Flask, FastAPI (and Starlette) and Django apps, blueprints
and routers with their prefixes, routes, error handlers, `app.run()`/`uvicorn.run()`, signal
handlers, SQLAlchemy/redis clients and loggers. Fact kinds are documented in `prodlint.facts`."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from prodlint.api import PYTHON, Fact, FileContext
from prodlint.appmodel import PY_FRAMEWORK_MODULES, py_db_clients, py_imports, py_logger, py_server_objects
from prodlint.facts._build import file_fact, sorted_fact
from prodlint.syntax import py_assignments, py_call_name, string_content

TARGETS = (PYTHON,)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

_METHODS = "route|get|post|put|patch|delete|head|options|api_route|websocket|add_url_rule|add_api_route|" \
           "register_blueprint|include_router|mount|errorhandler|register_error_handler|exception_handler|" \
           "add_exception_handler|run|signal|add_signal_handler|app_errorhandler"
QUERY = f"""
((call function: (attribute object: (_) @obj attribute: (identifier) @method) arguments: (argument_list) @args) @call
 (#match? @method "^({_METHODS})$"))
((call function: (identifier) @fn arguments: (argument_list) @args) @call
 (#match? @fn "^(path|re_path|url|signal|run)$"))
"""

_ROUTE_METHODS = {"route": "ALL", "get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
                  "head": "HEAD", "options": "OPTIONS", "api_route": "ALL", "add_url_rule": "ALL",
                  "add_api_route": "ALL", "websocket": "WS"}


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.tree is None or ctx.role.non_production:
        return
    imports = py_imports(ctx)
    frameworks = set()
    for module in sorted(set(imports.values())):
        yield file_fact(ctx, "import", module)
        top = module.split(".")[0]
        if top in PY_FRAMEWORK_MODULES:
            frameworks.add(PY_FRAMEWORK_MODULES[top])
    for fw in sorted(frameworks):
        yield ctx.fact("framework", None, fw, source="import", major=None)
    objects = _objects(ctx)
    for name, (fw, kind, value, prefix) in objects.items():
        if kind == "router":
            yield ctx.fact("router", value, fw, name=name, prefix=prefix)
        else:
            yield ctx.fact("app", value, fw, name=name)
    if "flask" in frameworks and b"render_template" in ctx.source:
        yield ctx.fact("renders_templates", None, "flask")
    for kind, name in py_db_clients(ctx):
        yield ctx.fact("client", None, kind, name=name, aio=_async_client(ctx, kind, name))
    logger = py_logger(ctx)
    if logger:
        yield ctx.fact("logger", None, logger)
    if os.path.basename(ctx.path) == "urls.py":
        value = py_assignments(ctx).get("urlpatterns")
        if value is not None:
            yield ctx.fact("app", value.parent, "django", name="urlpatterns")
    for _, caps in ctx.matches:
        call, args = caps["call"][0], caps["args"][0]
        if "fn" in caps:
            yield from _plain_call(ctx, call, ctx.text_of(caps["fn"][0]), _arguments(args), imports)
        else:
            yield from _member_call(ctx, call, ctx.text_of(caps["obj"][0]), ctx.text_of(caps["method"][0]),
                                    args, objects, imports)


def _arguments(args) -> list:
    """The arguments of an argument list, without comments."""
    return [a for a in args.named_children if a.type != "comment"]


def _objects(ctx: FileContext) -> dict[str, tuple[str, str, object, str]]:
    """name -> (framework, "app"|"router", value node, prefix) for Flask(...)/FastAPI(...)/Blueprint(...)/…"""
    return {name: (obj.framework, obj.kind, obj.value, _keyword_string(ctx, obj.value, ("url_prefix", "prefix")) or "")
            for name, obj in py_server_objects(ctx).items()}


def _plain_call(ctx: FileContext, call, fn: str, args, imports) -> Iterator[Fact]:
    module = imports.get(fn, "")
    if fn in ("path", "re_path", "url") and module.startswith("django") and args and args[0].type == "string":
        route = string_content(ctx, args[0])
        if len(args) > 1 and ctx.text_of(args[1]).startswith("include("):
            yield ctx.fact("mount", call, "/" + route.lstrip("^"), object="urlpatterns", target=ctx.text_of(args[1]),
                           module="")
        else:
            yield ctx.fact("route", call, "/" + route.lstrip("^").rstrip("$"), method="ALL", object="urlpatterns",
                           framework="django", prefix="", handler=ctx.span(args[1]) if len(args) > 1 else None)
    elif fn == "signal" and module == "signal.signal":
        yield from _signal(ctx, call, args)
    elif fn == "run" and module in ("uvicorn.run", "waitress.serve"):
        yield ctx.fact("listen", call, module.split(".")[0], object=fn, bound=False, arguments=len(args),
                       standalone=_standalone(call))


def _member_call(ctx: FileContext, call, obj: str, method: str, arg_list, objects, imports) -> Iterator[Fact]:
    """`arg_list` is the call's argument list node: its arguments are listed only for a call that
    gives a fact (most matches are `dict.get(…)` and the like)."""
    if method in ("signal", "add_signal_handler"):
        if method == "signal" and imports.get(obj) != "signal":
            return
        yield from _signal(ctx, call, _arguments(arg_list))
        return
    if obj == "uvicorn" and method == "run":
        yield ctx.fact("listen", call, "uvicorn", object=obj, bound=False, arguments=len(_arguments(arg_list)),
                       standalone=_standalone(call))
        return
    known = objects.get(obj)
    if known is None:
        known = _imported_receiver(obj, method, imports)
        if known is None:
            return
    args = _arguments(arg_list)
    fw, kind = known[0], known[1]
    if method == "run":
        if kind == "app":
            yield ctx.fact("listen", call, fw, object=obj, bound=False, arguments=len(args),
                       standalone=_standalone(call))
        return
    if method in ("register_blueprint", "include_router", "mount"):
        target = args[0] if args else None
        if method == "mount" and len(args) >= 2 and args[0].type == "string":
            prefix, target = string_content(ctx, args[0]), args[1]
        else:
            prefix = _keyword_string(ctx, call, ("url_prefix", "prefix")) or ""
        if target is not None:
            yield ctx.fact("mount", call, prefix, object=obj, target=ctx.text_of(target),
                           module=imports.get(ctx.text_of(target).split(".")[0], ""))
        return
    if method in ("errorhandler", "register_error_handler", "exception_handler", "add_exception_handler",
                  "app_errorhandler"):
        handled = ctx.text_of(args[0]) if args else ""
        yield ctx.fact("error_handler", call, fw, object=obj, handles=handled)
        return
    if method in _ROUTE_METHODS:
        path = None
        if args and args[0].type == "string":
            path = string_content(ctx, args[0])
        else:
            path = _keyword_string(ctx, call, ("rule", "path"))
        if path is None:
            return
        prefix = known[3] if kind == "router" else ""
        handler = call.parent.parent if call.parent is not None and call.parent.type == "decorator" else call
        yield sorted_fact(ctx, "route", call, path, (
            ("framework", fw), ("handler", ctx.span(handler)), ("method", _route_method(ctx, call, method)),
            ("object", obj), ("prefix", prefix)))


def _route_method(ctx: FileContext, call, method: str) -> str:
    """The HTTP method of a route: `@app.post` -> POST; `@app.route(..., methods=["POST"])` -> POST,
    several methods -> ALL, none -> GET (Flask's `route`/`add_url_rule` and FastAPI's `api_route`
    default to GET)."""
    if method not in ("route", "add_url_rule", "api_route"):
        return _ROUTE_METHODS[method]
    args = call.child_by_field_name("arguments")
    for kw in args.named_children if args is not None else ():
        if kw.type == "keyword_argument" and ctx.text_of(kw.child_by_field_name("name")) == "methods":
            value = kw.child_by_field_name("value")
            items = [c for c in value.named_children if c.type != "comment"] if value is not None else []
            if value is None or value.type not in ("list", "tuple", "set") or not items \
                    or any(c.type != "string" for c in items):
                return "ALL"
            methods = {string_content(ctx, c).upper() for c in items}
            return methods.pop() if len(methods) == 1 else "ALL"
    return "GET"


def _imported_receiver(obj: str, method: str, imports) -> tuple[str, str, None, str] | None:
    """A blueprint/router/app defined in another module of the project (`from app.errors import bp`):
    judged by its name and the method, since its creation is out of sight."""
    module = imports.get(obj)
    if module is None or module.split(".")[0] in PY_FRAMEWORK_MODULES:
        return None
    if method in ("errorhandler", "app_errorhandler", "register_error_handler"):
        return "flask", "router", None, ""
    if method in ("exception_handler", "add_exception_handler"):
        return "fastapi", "app", None, ""
    if method in _ROUTE_METHODS and re.match(r"^(app|api|bp|blueprint|router|\w+_bp|\w+_router|\w+_blueprint)$", obj):
        fw = "fastapi" if any(m.split(".")[0] == "fastapi" for m in imports.values()) else "flask"
        return fw, "router", None, ""
    return None


def _async_client(ctx: FileContext, kind: str, name: str) -> bool:
    """An asyncio client: `create_async_engine(...)`, a `redis.asyncio` client."""
    callee = py_call_name(ctx, py_assignments(ctx).get(name))
    if kind == "sqlalchemy":
        return callee.endswith("create_async_engine")
    return kind == "redis" and "asyncio" in py_imports(ctx).get(callee.split(".")[0], "") + callee


def _standalone(call) -> bool:
    return call.parent is not None and call.parent.type == "expression_statement"


def _signal(ctx: FileContext, call, args) -> Iterator[Fact]:
    if not args:
        return
    name = ctx.text_of(args[0]).rpartition(".")[2]
    if name.startswith("SIG"):
        yield ctx.fact("signal_handler", call, name)


def _keyword_string(ctx: FileContext, call, names) -> str | None:
    args = call.child_by_field_name("arguments")
    if args is None:
        return None
    for kw in args.named_children:
        if kw.type == "keyword_argument" and ctx.text_of(kw.child_by_field_name("name")) in names:
            value = kw.child_by_field_name("value")
            if value is not None and value.type == "string":
                return string_content(ctx, value)
    return None
