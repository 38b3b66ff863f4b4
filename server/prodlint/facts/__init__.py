"""Shared facts: what each file contributes to its project (frameworks, routes, listeners,
signal handlers, dependencies, env reads …). Each module: TARGETS, optional QUERY, facts(ctx)."""
