"""
## What it does
Flags an env file that holds secrets (`.env`, `.env.local`, `.env.*.local`, `.env.production`,
`.env.staging`) when no
`.gitignore` rule of the project covers it, with git's own semantics: nested `.gitignore` files,
negations (`!.env.production`) and the rules of the repository above the project. Templates
(`.env.example`, `.env.sample`, `.env.template`) and the shared defaults that frameworks commit
on purpose (`.env.development`, `.env.test`) are left alone, and
so is an env file with no secret in it (a Vite or Next.js `.env` of public `VITE_`/`NEXT_PUBLIC_`
settings is committed on purpose). The diagnostic sits on the env file's first line.

## Why is this bad?
The next `git add .` commits every secret in the file, and from then on they live in the
history of every clone and fork, even after the file is deleted. Pushing them to a public
repository hands them to the bots that scan GitHub for keys within minutes.

## Example
A project with `.env` holding `STRIPE_SECRET_KEY=sk_live_…` and a `.gitignore` of
```
node_modules/
```

Use instead:
```
node_modules/
.env*
!.env.example
```

## Fix safety
The fix appends `.env*` and `!.env.example` (and a `!` line for each other template the project
has) to the project's root `.gitignore`, creating it if needed. It is safe: it only stops git
from picking up new env files. A file that git already tracks stays tracked: run
`git rm --cached .env`, and rotate any secret that was ever committed. When the root rules are
already there and a negation re-includes the file, the fix is a suggestion only.

## References
- [gitignore documentation](https://git-scm.com/docs/gitignore)
- [GitHub: Removing sensitive data from a repository](https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository)
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator

from prodlint.api import (
    DOTENV, ENSURE_LINES, GITIGNORE, Applicability, Finding, Fix, ProjectContext, Rule, Scope, Severity, TextEdit,
)
from prodlint.gitignore import GitIgnore, compile_gitignore

RULE = Rule(
    code="SEC003",
    name="dotenv-not-ignored",
    category="1",
    scope=Scope.PROJECT,
    targets=frozenset({DOTENV, GITIGNORE}),
    severity=Severity.WARNING,
    fix="add `.env*` and `!.env.example` to .gitignore",
    runtime=False,
)

def check_project(project: ProjectContext) -> Iterator[Finding]:
    if not project.has("dotenv_file"):
        return  # every finding is a `dotenv_file`: the .gitignore files are not compiled for nothing
    specs = sorted(((f.value, compile_gitignore(f.get("lines", ())))
                    for f in project.facts("gitignore")), key=lambda pair: pair[0].count("/") if pair[0] else -1)
    root_lines = next((f.get("lines", ()) for f in project.facts("gitignore") if f.value == ""), ())
    templates = sorted({f.value for f in project.facts("dotenv_template")} - {".env.example"})
    for env in project.facts("dotenv_file"):
        if _ignored(env.value, specs, bool(env.get("ignored"))):
            continue
        name = posixpath.basename(env.value)
        message = (f"`{env.value}` holds secrets (`{env.get('secret')}` …) and no .gitignore rule covers it: "
                   f"the next `git add .` commits them")
        yield project.finding(env, message, [_fix(project, root_lines, templates, name)])


def _ignored(relpath: str, specs: list[tuple[str, GitIgnore]], fallback: bool) -> bool:
    """Git's verdict from the project's .gitignore files (the deepest with an opinion wins); the
    verdict computed when the file was read (rules above the project) when none has one."""
    verdict = None
    for directory, spec in specs:
        if directory and not relpath.startswith(directory + "/"):
            continue
        rel = relpath[len(directory) + 1:] if directory else relpath
        include = spec.check(rel)
        if include is not None:
            verdict = include
    return fallback if verdict is None else verdict


def _fix(project: ProjectContext, root_lines: tuple[str, ...], templates: list[str], name: str) -> Fix:
    wanted = [".env*", "!.env.example"] + [f"!{t}" for t in templates]
    have = {line.strip() for line in root_lines}
    if all(line in have for line in wanted):
        return Fix(f"Remove the .gitignore rule that re-includes {name}", Applicability.DISPLAY, ())
    edit = TextEdit(os.path.join(project.root, ".gitignore"), 0, 0, "\n".join(wanted) + "\n", ENSURE_LINES)
    return Fix("Add `.env*` and `!.env.example` to .gitignore", Applicability.SAFE, (edit,))
