"""A whole run over paths: walk, lint files (in parallel on large trees), index each project,
run the project rules. Used by the CLI; the language server keeps the same `ProjectIndex` alive
(`prodlint.lsp.workspace_index`) and calls the same engine.

A project is a package root (nearest package.json / pyproject.toml / requirements.txt), so a
monorepo's apps are judged separately. When the user asks for part of a project, the rest of
that project is still read for facts (the SIGTERM handler may be in a file not asked about), but
findings are reported only for the files asked about.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from prodlint.api import Finding
from prodlint.core import FINDING_ORDER
from prodlint.config import Config, find_config, nearest_config
from prodlint.engine import Engine, FileResult, combined_query, content_hash, project_root_for, role_for
from prodlint.index import IndexedFile, ProjectIndex
from prodlint.languages import GRAMMAR_LANGUAGES, language_for
from prodlint.parsing import Document
from prodlint.paths import relative
from prodlint.registry import all_rules
from prodlint.roles import forget_folder_listings
from prodlint.walk import Skipped, check_source, read_source, walk

log = logging.getLogger("prodlint")

PARALLEL_MIN_FILES = 64
PARALLEL_MIN_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Overrides:
    """Command-line (or editor) settings applied on top of every config file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    errors: list[str] = field(default_factory=list)
    projects: int = 0
    #: per file: 1-based (line, column) of finding offsets known from linting it (`output.locate`)
    positions: dict[str, dict[int, tuple[int, int]]] = field(default_factory=dict)
    #: files whose printed positions are their spans' points plus one (`FileResult.plain_text`)
    plain_text: set[str] = field(default_factory=set)


@lru_cache(maxsize=1024)
def _config_for_dir(directory: str, overrides: Overrides) -> Config:
    cfg = nearest_config(directory)
    if overrides != Overrides():
        cfg = cfg.with_overrides(list(overrides.select), list(overrides.ignore), list(overrides.extend_select),
                                 dict(overrides.severity))
    return cfg


def forget_configs() -> None:
    """Drop what was learnt about config files and folders (the editor saw one change)."""
    _config_for_dir.cache_clear()
    nearest_config.cache_clear()
    forget_folder_listings()


def config_for(path: str, overrides: Overrides = Overrides()) -> Config:
    return _config_for_dir(os.path.dirname(os.path.abspath(path)), overrides)


_engine: Engine | None = None


def shared_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


def lint_file(path: str, root: str, overrides: Overrides = Overrides(), with_findings: bool = True,
              source: bytes | None = None, boundary: str | None = None) -> FileResult:
    """Read, parse and lint one file; a bad file becomes a skip reason, never an exception."""
    return _lint_sized(path, root, overrides, with_findings, source, boundary)[0]


def _lint_sized(path: str, root: str, overrides: Overrides, with_findings: bool, source: bytes | None,
                boundary: str | None) -> tuple[FileResult, int]:
    """`lint_file`, with the size of what was linted (0 when skipped), taken from the bytes read."""
    language = language_for(path)
    cfg = config_for(path, overrides)
    data = read_source(path, cfg.max_file_size) if source is None else check_source(path, source, cfg.max_file_size)
    if isinstance(data, Skipped):
        return FileResult(path, language, root, skipped=data.reason), 0
    if language is None:
        return FileResult(path, None, root, skipped="not a file prodlint reads"), 0
    role = role_for(path, root, boundary)
    engine = shared_engine()
    if not engine.may_give_anything(language, relative(path, root).replace(os.sep, "/"), data, role):
        return _unparsed(path, language, root, data), len(data)
    try:
        doc = Document(path, language, data)
        return engine.lint_document(doc, root, cfg, with_findings=with_findings, role=role), len(data)
    except RecursionError:
        return FileResult(path, language, root, skipped="nested too deeply to lint"), 0


def _unparsed(path: str, language: str, root: str, data: bytes) -> FileResult:
    """The result of a file no check reads (`Engine.may_give_anything`): what linting it gives."""
    return FileResult(path, language, root, content_hash=content_hash(data))


Job = tuple[str, str, Overrides, bool, str]


def _lint_job(job: Job) -> tuple[FileResult, int]:
    path, root, overrides, with_findings, boundary = job
    try:
        return _lint_sized(path, root, overrides, with_findings, None, boundary)
    finally:
        _between_files()


def _has_project_rules(overrides: Overrides) -> bool:
    return any(r.check_project is not None for r in all_rules())


def _covered(root: str, walked: Sequence[str]) -> bool:
    return any(os.path.isdir(w) and (root == w or root.startswith(w + os.sep)) for w in walked)


#: files (or results received) between two collections of the young generation during a run
_COLLECT_EVERY = 64
_since_collection = 0


def _between_files() -> None:
    """Collect the young generation every `_COLLECT_EVERY` files, between two files: the
    objects a file is linted with (nodes, matches, contexts) are gone by then, so a collection
    scans only what the files left behind (their results, and the few reference cycles linting
    makes) once. Run by whichever process lints (a pool worker, or the run's own process) and by
    the one receiving results."""
    global _since_collection
    _since_collection += 1
    if _since_collection >= _COLLECT_EVERY and not gc.get_threshold()[0]:
        _since_collection = 0
        gc.collect(0)


@contextmanager
def _batch_collection(keep_frozen: bool = False) -> Iterator[None]:
    """A run allocates millions of short-lived objects (nodes, matches, spans) and makes few
    reference cycles, while the results it keeps grow the heap that every collection re-scans:
    with the default thresholds the collector cost ~12 % of a cold scan's CPU, and automatic
    collections with a young generation of 20,000 still ~2.5 % (each one, triggered while a file
    is linted, scans that file's working objects). So automatic collection is off while a run
    lints (forked workers inherit that), and the young generation is collected between files
    (`_between_files`); the objects loaded for linting (rules, compiled queries) are frozen out
    of collection once loaded (`_execute`); the previous settings come back afterwards.
    `keep_frozen` (a process that ends after using the report: the CLI) freezes what the run
    keeps too, and leaves it so: else the first automatic collection after the run, set off by
    the allocations of the output, scans all of it (about a second after a run of 44,000
    findings)."""
    previous = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        if keep_frozen:
            gc.freeze()
        else:
            gc.unfreeze()
        gc.set_threshold(*previous)


def run(paths: Sequence[str], overrides: Overrides = Overrides(), *, jobs: int | None = None,
        verbose: bool = False, cache: Any = None, process_ends_after: bool = False) -> Report:
    """Lint `paths` (files or directories) and their projects. `cache` (`prodlint.cache.Cache`)
    answers for files it has seen and keeps the rest; project rules always run afresh. A caller
    whose process ends after using the report says so (`process_ends_after`): what the run
    keeps is then never scanned by the garbage collector (`_batch_collection`)."""
    with _batch_collection(keep_frozen=process_ends_after):
        return _run(paths, overrides, jobs, verbose, cache)


def _run(paths: Sequence[str], overrides: Overrides, jobs: int | None, verbose: bool, cache: Any) -> Report:
    report = Report()
    walked = [os.path.abspath(p) for p in paths]
    requested: list[str] = []
    for item in _walk_tops(walked, verbose, jobs):
        if isinstance(item, Skipped):
            report.skipped.append(item)
        else:
            requested.append(item)
    requested = list(dict.fromkeys(requested))
    for directory in dict.fromkeys(os.path.dirname(p) for p in requested):
        _config_for_dir(directory, overrides)  # a bad config file fails here, in the main process
    root_of = _RootsByFolder()
    roots = {path: root_of(path, _boundary(path, walked)) for path in requested}
    context_files: list[str] = []
    if _has_project_rules(overrides):
        seen = set(requested)
        for root in sorted(set(roots.values())):
            if _covered(root, walked):
                continue
            for item in walk(root, nearest_config(root)):
                if isinstance(item, str) and item not in seen and root_of(item, root) == root:
                    seen.add(item)
                    context_files.append(item)
                    roots[item] = root
    jobs_list = [(p, roots[p], overrides, True, _boundary(p, walked)) for p in requested] + \
                [(p, roots[p], overrides, False, roots[p]) for p in context_files]
    if cache is not None:
        results = cache.execute(jobs_list, lambda todo: _execute(todo, jobs))
    else:
        results = _execute(jobs_list, jobs)
    # Results arrive in order while pool workers go on; a project's rules run as soon as its last
    # file is in, so on a multi-project tree they overlap the linting of the next projects.
    left = Counter(job[1] for job in jobs_list)
    by_root: dict[str, list[FileResult]] = {}
    requested_set = set(requested)
    index = ProjectIndex(lambda path: config_for(path, overrides))
    for result, size in results:
        _between_files()
        root = result.project_root
        left[root] -= 1
        if result.skipped is not None:
            if result.path in requested_set:
                report.skipped.append(Skipped(result.path, result.skipped))
        else:
            by_root.setdefault(root, []).append(result)
            report.errors.extend(result.errors)
            if result.path in requested_set:
                report.files += 1  # an empty file is checked too
                report.bytes += size
            report.findings.extend(result.findings)
            if result.plain_text:
                report.plain_text.add(result.path)
            elif result.positions:
                report.positions[result.path] = result.positions
        if left[root] == 0 and root in by_root:
            _check_project(report, index, root, by_root.pop(root), requested_set)
    for root in sorted(by_root):  # a result filed under a root no job named (never expected)
        _check_project(report, index, root, by_root[root], requested_set)
    if cache is not None:
        cache.save()
    report.findings = sorted(dict.fromkeys(report.findings), key=FINDING_ORDER)
    for skip in report.skipped:
        if verbose:
            log.info("skipped %s: %s", skip.path, skip.reason)
    return report


class _RootsByFolder:
    """`project_root_for`, climbed once per folder of a run rather than once per file: the root
    depends only on the file's folder and the boundary, and a tree has ten files per folder."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str | None], str] = {}

    def __call__(self, path: str, boundary: str | None) -> str:
        key = (os.path.dirname(path), boundary)
        root = self._known.get(key)
        if root is None:
            root = self._known[key] = project_root_for(path, boundary)
        return root


def _check_project(report: Report, index: ProjectIndex, root: str, results: list[FileResult],
                   requested: set[str]) -> None:
    """Index a project's files and run its project rules; keep findings on requested files."""
    index.project(root).disk.update((r.path, IndexedFile(r.facts, r.suppressions, r.content_hash)) for r in results)
    report.projects += 1
    index.recompute(root, shared_engine(), report.errors)
    for path, found in index.project(root).findings.items():
        if path in requested:
            report.findings.extend(found)


def _walk_tops(tops: Sequence[str], verbose: bool, jobs: int | None) -> list[str | Skipped]:
    """What `walk` yields for each top, in order. A run that may lint in parallel walks in a
    forked process while this one loads the rules and compiles each language's query as the
    walk finds its first file: the two cost about the same on a large tree, and one after the
    other they were a third of the wall time of a two-worker run before its first file was
    linted. The queries compiled here are the ones the run compiles anyway (`_execute`: those of
    the languages walked), and forked workers inherit them. Any failure of the walking process
    (a bad config file, an unreadable folder it cannot say why about) makes this process walk
    itself, so errors surface as they do in a plain walk."""
    if _walks_alone(tops, jobs):
        return _walk_here(tops, verbose)
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    _widen(receiver)
    walker = ctx.Process(target=_walk_into, args=(sender, tops, verbose), daemon=True)
    try:
        walker.start()
    except OSError:  # no process to spare: walk here
        receiver.close()
        sender.close()
        return _walk_here(tops, verbose)
    sender.close()
    items: list[str | Skipped] = []
    compiled: set[str] = set()
    complete = False
    shared_engine()
    try:
        while True:
            batch = receiver.recv()
            if batch is None:
                complete = True
                break
            items.extend(batch)
            for item in batch:
                if isinstance(item, str):
                    language = language_for(item)
                    if language in GRAMMAR_LANGUAGES and language not in compiled:
                        compiled.add(language)
                        combined_query(language)
    except (EOFError, OSError):  # the walker failed before it said it was done
        pass
    finally:
        receiver.close()
        walker.join()
    if not complete or walker.exitcode != 0:
        return _walk_here(tops, verbose)
    return items


#: paths sent from the walking process at a time: few messages, and the first ones early
_WALK_BATCH = 256

#: bytes the pipe from the walking process holds (Linux; the limit an unprivileged process may ask
#: for by default): the paths of ~10,000 files
_WALK_PIPE_BYTES = 1 << 20


def _widen(receiver: Any) -> None:
    """Let the walking process send ahead. This process reads the pipe only between compiling two
    queries (a call that holds the interpreter for up to 0.17 s); with the default 64 KB pipe the
    walk stopped at its third batch until the compiling was done, and then finished alone (0.1 s
    of a two-worker run's head on a tree of 5,000 files). Where the size cannot be set, the walk
    waits, as before."""
    try:
        import fcntl

        set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
        if set_size is not None:
            fcntl.fcntl(receiver.fileno(), set_size, _WALK_PIPE_BYTES)
    except (ImportError, OSError, ValueError):
        pass


def _walks_alone(tops: Sequence[str], jobs: int | None) -> bool:
    """Walk in this process: one job (the walk would only add a process's CPU to the run), no
    folder to walk, or no `fork`."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    return workers <= 1 or not any(os.path.isdir(top) for top in tops) or not _can_fork()


def _can_fork() -> bool:
    """Whether processes can be forked here. multiprocessing (~14 ms to import, with
    concurrent.futures) is imported only by runs that may use more than one process."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _walked(tops: Sequence[str], verbose: bool) -> Iterator[str | Skipped]:
    for top in tops:
        yield from walk(top, find_config(top).with_overrides(), verbose=verbose)


def _walk_here(tops: Sequence[str], verbose: bool) -> list[str | Skipped]:
    return list(_walked(tops, verbose))


def _walk_into(sender: Any, tops: Sequence[str], verbose: bool) -> None:
    """The walking process: `walk`'s items in batches, then None (nothing when it fails)."""
    try:
        batch: list[str | Skipped] = []
        for item in _walked(tops, verbose):
            batch.append(item)
            if len(batch) >= _WALK_BATCH:
                sender.send(batch)
                batch = []
        sender.send(batch)
        sender.send(None)
    except BaseException:  # the parent walks again and reports it
        os._exit(1)
    finally:
        sender.close()
    os._exit(0)


def _boundary(path: str, walked: Sequence[str]) -> str:
    for top in walked:
        if path == top or path.startswith(top + os.sep):
            return _folder_of(top)
    return os.path.dirname(path)


@lru_cache(maxsize=256)
def _folder_of(top: str) -> str:
    """A path the user named, as a folder (a file's own folder): asked for every file under it."""
    return top if os.path.isdir(top) else os.path.dirname(top)


def _total_bytes(jobs_list: list[Job]) -> int:
    total = 0
    for path, *_ in jobs_list:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def _execute(jobs_list: list[Job], jobs: int | None) -> Iterator[tuple[FileResult, int]]:
    """Each job's result, in job order, as soon as it and those before it are done."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    parallel = workers > 1 and (len(jobs_list) >= PARALLEL_MIN_FILES or _total_bytes(jobs_list) >= PARALLEL_MIN_BYTES)
    fork = parallel and _can_fork()
    if not parallel or fork:  # rules loaded and queries compiled once, here: forked workers inherit them
        shared_engine()
        for language in {language_for(job[0]) for job in jobs_list} & GRAMMAR_LANGUAGES:
            combined_query(language)
        gc.freeze()  # never collected again (and a forked worker's copy of it stays shared)
    if not parallel:
        yield from map(_lint_job, jobs_list)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork" if fork else None)
    chunk = max(1, min(64, len(jobs_list) // (workers * 8) or 1))
    # the workers are started by the thread that first submits (this one, with fork): tie them to
    # this process only when that thread is the main one, which lives as long as the process
    tie = threading.current_thread() is threading.main_thread()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm,
                             initargs=(os.getpid() if tie else 0,)) as pool:
        yield from pool.map(_lint_job, jobs_list, chunksize=chunk)


def _warm(parent: int = 0) -> None:
    """Start a pool worker: end it with `parent` (a pid, 0 for never), then load the rules
    before the first file (fork shares the parent's if loaded)."""
    if parent:
        end_with_parent(parent)
    shared_engine()


#: prctl(2) option: the signal a process gets when the thread that created it ends
_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Have the kernel kill this process when `parent` ends (Linux). A pool worker otherwise
    outlives a CLI that was killed (by a CI timeout, or `subprocess.run(timeout=...)`, which kills
    the process it started and not that process's children) and goes on with its file, holding a
    core: before the patterns of a hostile file were made linear that was twenty minutes. Where
    the call is not available, workers end as before, when they next ask the parent for work."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            return
    except (OSError, AttributeError, ImportError):
        return
    if os.getppid() != parent:  # the parent ended before the tie was made
        os._exit(1)
