"""Facts of JavaScript/TypeScript server apps bound by a declaration (`const app = express()`, or
`this.app = express()` in a class):
where a middleware added right after the app's creation goes (LOG002's request logging), and
whether such an insertion can be written there."""

from __future__ import annotations

from collections.abc import Iterator

from prodlint.api import JAVASCRIPT, TSX, TYPESCRIPT, Fact, FileContext
from prodlint.appmodel import JS_FRAMEWORK_MODULES, js_imports, js_member_bindings, js_server_objects
from prodlint.syntax import statement_of, walk_types

TARGETS = (JAVASCRIPT, TYPESCRIPT, TSX)
RUNTIME = True  # describes the running app: not run on tests, scripts, examples (the engine skips them)

#: frameworks whose app object takes request-logging middleware right after its creation
FRAMEWORKS = frozenset({"express", "fastify", "koa", "hono", "restify"})
DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration", "export_statement"})
#: the modules of those frameworks
_APP_MODULES = frozenset(module for module, framework in JS_FRAMEWORK_MODULES.items() if framework in FRAMEWORKS)


def facts(ctx: FileContext) -> Iterator[Fact]:
    """`declared_app`, one per declarator whose name is an app this file creates."""
    if ctx.tree is None or ctx.role.non_production:
        return
    # an app of these frameworks is created from what the file imports of them
    if _APP_MODULES.isdisjoint(js_imports(ctx).values()):
        return
    objects = js_server_objects(ctx)
    apps = {name: framework for name, (framework, kind) in objects.items() if kind == "app" and framework in FRAMEWORKS}
    if not apps:
        return
    names = tuple(name.encode("utf-8") for name in apps)
    exact = all("\ufffd" not in name for name in apps) and not ctx.tree.root_node.has_error
    starts = ctx.source.startswith
    for decl in walk_types(ctx.tree.root_node, {"variable_declarator"}, ctx):
        if exact and not starts(names, decl.start_byte):
            continue  # a declarator starts with its name
        name_node, value = decl.child_by_field_name("name"), decl.child_by_field_name("value")
        if name_node is None or value is None or name_node.type != "identifier":
            continue
        name = ctx.text_of(name_node)
        framework = apps.get(name)
        if framework is None:
            continue
        yield ctx.fact("declared_app", value, framework, name=name, fixable=_insertable(decl, value, framework))
    if any(name.startswith("this.") for name in apps):  # `this.app = express()` in a class: no fix writes there
        for name, value in js_member_bindings(ctx).items():
            framework = apps.get(name)
            if framework is not None:
                yield ctx.fact("declared_app", value, framework, name=name, fixable=False)


def fastify_call(value):
    """The `Fastify(…)` call of a declared value (through `await` and parentheses)."""
    while value.type in ("await_expression", "parenthesized_expression") and value.named_children:
        value = value.named_children[0]
    return value


def _insertable(decl, value, framework: str) -> bool:
    """Whether a fix can write there: Fastify's options object (none, or an object literal), or a
    statement after the declaration."""
    if framework == "fastify":
        call = fastify_call(value)
        args = call.child_by_field_name("arguments") if call.type in ("call_expression", "new_expression") else None
        if args is None:
            return False
        named = [a for a in args.named_children if a.type != "comment"]
        return not named or named[0].type == "object"
    return statement_of(decl).type in DECLARATIONS
