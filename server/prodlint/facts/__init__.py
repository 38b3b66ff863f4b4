"""Shared facts: what each file contributes to its project (frameworks, apps, routes and mounts,
listeners, signal handlers, dependencies, env reads, clients, loggers, deployment files …).

Each extractor module holds TARGETS, an optional QUERY and `facts(ctx)`. Every kind it emits is
declared once in `kinds.py` (value, data fields with their types, span, emitters) and listed in
docs/facts.md, generated from it; rules read facts through the views of `ProjectContext`
(`views.py`) and emit none of their own.

Files whose role is non-production (tests, fixtures, examples, docs, scripts) contribute no code
facts: a SIGTERM handler in a test does not make the server graceful. An extractor that says so
(`RUNTIME = True`, as a rule's `runtime`) is not run on them, and its QUERY is left out of the
smaller query those files get (`prodlint.engine.combined_query`). Every fact is
`Fact(kind, path, span, value, data)`; `span` is None when the fact is about the whole file.
"""
