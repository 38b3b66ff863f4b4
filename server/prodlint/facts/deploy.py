"""Facts of deployment files: that the project ships a Dockerfile, a Procfile or a compose file
(the app runs as a long-lived server somewhere, so it needs health checks and graceful shutdown)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from prodlint.api import COMPOSE, DOCKERFILE, PROCFILE, Fact, FileContext

TARGETS = (DOCKERFILE, PROCFILE, COMPOSE)


def facts(ctx: FileContext) -> Iterator[Fact]:
    if ctx.role.non_production:
        return
    yield ctx.fact("deploy_file", None, ctx.language, name=os.path.basename(ctx.path))
