"""The CLI's result cache, as Ruff keeps one: what linting a file produced (findings, facts,
suppressions, skip reason), keyed by the file's content hash, its configuration, its role in
its project and the rule set's version, in `.prodlint_cache/` (which holds a `.gitignore` of
`*`, so git never sees it).

Project rules are not cached: they are recomputed on every run from the facts, cached or fresh,
of every file of the project, so a change in one file still reaches findings anchored in another.
The rule-set version hashes the source of prodlint and of its rule pack with the version number:
upgrading either, or editing a rule, starts a new cache. The language server never uses this
cache, and a folder that cannot be written means a run without a cache (logged), never an error.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from prodlint import __version__
from prodlint.core import REPLACE
from prodlint.regular_files import read_regular

log = logging.getLogger("prodlint")

FORMAT = 1  # bump when the pickled layout changes
MANIFESTS = ("package.json", "requirements.txt", "pyproject.toml", "setup.py", "setup.cfg")
Job = tuple  # (path, root, overrides, with_findings, boundary), as prodlint.project builds them
Computed = tuple[Any, int]  # (FileResult, size)


@lru_cache(maxsize=1)
def ruleset_version() -> str:
    """A hash of prodlint's and the rule pack's Python source, and of the version number."""
    import prodlint
    import prodlint_rules

    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for top in [*prodlint.__path__, *prodlint_rules.__path__]:  # rule folders added at run time too
        for directory, dirs, files in os.walk(top):  # dirs sorted in place: a stable order
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "lsp") and not d.endswith(".examples"))
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(directory, name)
                    digest.update(os.path.relpath(path, top).encode() + b"\0")
                    with open(path, "rb") as fh:
                        digest.update(hashlib.sha256(fh.read()).digest())
    return digest.hexdigest()[:20]


class Cache:
    """Per-file results of one cache folder, loaded once and saved after the run."""

    def __init__(self, directory: str, version: str | None = None) -> None:
        self.directory = os.path.abspath(directory)
        self.version = version or ruleset_version()
        self.file = os.path.join(self.directory, f"results-{self.version}.pickle")
        self.entries: dict[str, tuple[str, Any, int]] = {}  # job key -> (path, result, size)
        self.hits = self.misses = 0
        self._dirty = False
        self._used: set[str] = set()  # keys this run looked up
        self._run_paths: set[str] = set()
        self._manifest_hashes: dict[str, str] = {}
        self._load()

    # -- disk
    def _load(self) -> None:
        try:
            with open(self.file, "rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, dict) and data.get("format") == FORMAT:
                self.entries = data["entries"]
        except FileNotFoundError:
            return
        except Exception as exc:  # a truncated or foreign file: start again
            log.info("cache %s unreadable (%s); starting a new one", self.file, exc)

    def save(self) -> None:
        """Write the results; a folder that cannot be written is logged and left alone."""
        if not self._dirty:
            return
        stale = [k for k, (path, _, _) in self.entries.items() if path in self._run_paths and k not in self._used]
        for k in stale:  # an older version of a file this run read
            del self.entries[k]
        tmp = f"{self.file}.{os.getpid()}.tmp"
        try:
            _prepare(self.directory)
            for name in os.listdir(self.directory):  # results of older rule sets
                if name.startswith("results-") and name != os.path.basename(self.file):
                    os.remove(os.path.join(self.directory, name))
            with open(tmp, "wb") as fh:
                pickle.dump({"format": FORMAT, "entries": self.entries}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
            self._dirty = False
        except OSError as exc:
            log.warning("cache not written to %s: %s", self.directory, exc.strerror or exc)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:  # a result that cannot be stored
            log.warning("cache not written: %s", exc)
            _remove(tmp)

    # -- lookups
    def key(self, job: Job, content: bytes) -> str:
        from prodlint.engine import role_for
        from prodlint.project import config_for

        path, root, overrides, with_findings, boundary = job
        parts = (self.version, path, root, boundary, with_findings, repr(config_for(path, overrides)),
                 repr(role_for(path, root, boundary)), self._manifests(root), hashlib.sha256(content).hexdigest())
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _manifests(self, root: str) -> str:
        """A hash of the project's manifests: a fix may edit them at offsets read when linting."""
        known = self._manifest_hashes.get(root)
        if known is None:
            digest = hashlib.sha256()
            for name in MANIFESTS:
                try:
                    digest.update(name.encode() + b"\0" + read_regular(os.path.join(root, name)))
                except OSError:
                    continue
            known = self._manifest_hashes[root] = digest.hexdigest()
        return known

    def execute(self, jobs: Sequence[Job], compute: Callable[[list[Job]], Iterable[Computed]]) -> Iterator[Computed]:
        """Results of `jobs` in order, each as soon as it is known: cached ones as they were, the
        rest from `compute` (then kept). Consume it all before `save`."""
        self._manifest_hashes = {}  # read afresh each run: `--fix` may have edited them
        cached: list[Computed | None] = [None] * len(jobs)
        todo: list[tuple[int, Job, str | None]] = []
        for i, job in enumerate(jobs):
            key = self._key_of_file(job)
            self._run_paths.add(job[0])
            if key is not None:
                self._used.add(key)
            hit = self.entries.get(key) if key is not None else None
            if hit is not None:
                cached[i] = (hit[1], hit[2])
                self.hits += 1
            else:
                todo.append((i, job, key))
        self.misses += len(todo)
        computed_results = iter(compute([job for _, job, _ in todo])) if todo else iter(())
        keys = {i: key for i, _, key in todo}
        for i, job in enumerate(jobs):
            found = cached[i]
            if found is not None:
                yield found
                continue
            computed = next(computed_results)
            result, key = computed[0], keys[i]
            if key is not None and not result.errors and not _edits_elsewhere(result):
                self.entries[key] = (job[0], result, computed[1])
                self._dirty = True
            yield computed

    def _key_of_file(self, job: Job) -> str | None:
        from prodlint.project import config_for

        path = job[0]
        try:
            if os.path.getsize(path) > config_for(path, job[2]).max_file_size:
                return None
            content = read_regular(path)  # a FIFO is never opened (it would block)
        except OSError:
            return None
        return self.key(job, content)


def _edits_elsewhere(result: Any) -> bool:
    """Whether a fix of `result` replaces bytes of another file: its offsets were read from that
    file, which may change while this one does not, so such results are never cached."""
    return any(edit.path != result.path and edit.mode == REPLACE
               for finding in result.findings for fix in finding.fixes for edit in fix.edits)


def _prepare(directory: str) -> None:
    os.makedirs(directory, exist_ok=True)
    ignore = os.path.join(directory, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w", encoding="utf-8") as fh:
            fh.write("# written by prodlint: the cache is never committed\n*\n")


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def open_cache(directory: str) -> Cache | None:
    """The cache in `directory`, or None when it cannot be created or written (logged)."""
    try:
        _prepare(directory)
        probe = os.path.join(directory, f".probe-{os.getpid()}")
        with open(probe, "wb"):
            pass
        os.remove(probe)
    except OSError as exc:
        log.info("no cache: %s is not writable (%s)", directory, exc.strerror or exc)
        return None
    return Cache(directory)
