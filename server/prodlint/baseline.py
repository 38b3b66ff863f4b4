"""The baseline: findings a team has accepted for now, so that adopting prodlint on an existing
app reports only what is new.

A finding's fingerprint is its rule code, its path (relative to the baseline file) and a salted
hash of its own text and its enclosing statement, whitespace and quote style normalised; line
numbers never enter it, so edits elsewhere in the file, reformatting elsewhere and insertions
above it leave it unchanged. Identical fingerprints in one file are told apart by an occurrence
index (their order in the file). A moved or renamed file keeps its baseline: entries are matched
on (code, path, hash) first, and what is left on (code, hash) alone, so the path is a secondary
key. The file holds no source text and no message, only hashes salted with a random value kept
in the file, so a secret in a baselined line cannot be read back or guessed from a table; entries
are sorted and carry no timestamp, so two branches that each add entries merge cleanly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prodlint.api import Finding
from prodlint.core import FINDING_ORDER

DEFAULT_FILE = ".prodlint-baseline.json"
VERSION = 1
MAX_STATEMENT = 400  # bytes: a bigger enclosing statement is replaced by the finding's own lines
_QUOTES = re.compile(rb"[\"'`]")
_SPACE = re.compile(rb"\s+")


class BaselineError(Exception):
    """An unreadable or malformed baseline file."""


@dataclass(frozen=True)
class Entry:
    code: str
    path: str  # relative to the baseline file's folder, "/" separators
    hash: str
    occurrence: int = 0


def normalise(text: bytes) -> bytes:
    """Whitespace removed and quotes unified: reformatting a statement keeps its fingerprint."""
    return _QUOTES.sub(b'"', _SPACE.sub(b"", text))


def _line_bounds(source: bytes, start: int, end: int) -> tuple[int, int]:
    lo = source.rfind(b"\n", 0, start) + 1
    hi = source.find(b"\n", end)
    return lo, len(source) if hi < 0 else hi


def context_of(finding: Finding, source: bytes, tree=None) -> bytes:
    """The finding's own text and its enclosing statement (the lines it is on, when the file has
    no syntax tree or the statement is large)."""
    start, end = max(0, min(finding.span.start, len(source))), max(0, min(finding.span.end, len(source)))
    own = source[start:end]
    lo, hi = _line_bounds(source, start, end)
    statement = source[lo:hi]
    if tree is not None:
        from prodlint.syntax import statement_of

        node = tree.root_node.descendant_for_byte_range(start, max(start, end))
        if node is not None:
            stmt = statement_of(node)
            if stmt.end_byte - stmt.start_byte <= MAX_STATEMENT:
                statement = source[stmt.start_byte:stmt.end_byte]
    return own + b"\x00" + statement


def fingerprint(finding: Finding, source: bytes, salt: str, tree=None) -> str:
    digest = hashlib.sha256()
    digest.update(salt.encode() + b"\x00" + finding.code.encode() + b"\x00")
    digest.update(normalise(context_of(finding, source, tree)))
    return digest.hexdigest()[:32]


def relative(path: str, base_dir: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), base_dir)
    return rel.replace(os.sep, "/")


class Baseline:
    """Accepted findings; `new_findings` drops those the baseline holds."""

    def __init__(self, path: str, salt: str | None = None, entries: Iterable[Entry] = ()) -> None:
        self.path = os.path.abspath(path)
        self.base_dir = os.path.dirname(self.path)
        self.salt = salt or secrets.token_hex(16)
        self.entries = sorted(set(entries), key=lambda e: (e.path, e.code, e.hash, e.occurrence))

    # -- files
    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline (create it with --update-baseline)") from None
        except (OSError, ValueError) as exc:
            raise BaselineError(f"{path}: not a readable baseline: {exc}") from None
        try:
            if data.get("version") != VERSION:
                raise BaselineError(f"{path}: baseline version {data.get('version')!r}, expected {VERSION}")
            entries = [Entry(str(e["code"]), str(e["path"]), str(e["hash"]), int(e.get("occurrence", 0)))
                       for e in data["findings"]]
            return cls(path, str(data["salt"]), entries)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise BaselineError(f"{path}: malformed baseline: {exc}") from None

    @classmethod
    def load_or_new(cls, path: str) -> Baseline:
        """The existing file (its salt is kept, so unchanged entries stay byte-identical) or a new one."""
        return cls.load(path) if os.path.exists(path) else cls(path)

    def save(self) -> None:
        data = {
            "version": VERSION,
            "salt": self.salt,
            "findings": [{"code": e.code, "path": e.path, "hash": e.hash, "occurrence": e.occurrence}
                         for e in self.entries],
        }
        text = json.dumps(data, indent=2, sort_keys=False) + "\n"
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, self.path)

    # -- fingerprints
    def entries_for(self, findings: Sequence[Finding], sources: SourceReader) -> list[tuple[Finding, Entry]]:
        """Each finding with its entry (occurrence numbered in file order)."""
        seen: Counter[tuple[str, str, str]] = Counter()
        out = []
        for f in sorted(findings, key=FINDING_ORDER):
            source, tree = sources(f.path)
            key = (f.code, relative(f.path, self.base_dir), fingerprint(f, source, self.salt, tree))
            out.append((f, Entry(*key, seen[key])))
            seen[key] += 1
        return out

    def replace_with(self, findings: Sequence[Finding], sources: SourceReader) -> None:
        self.entries = sorted({e for _, e in self.entries_for(findings, sources)},
                              key=lambda e: (e.path, e.code, e.hash, e.occurrence))

    def new_findings(self, findings: Sequence[Finding], sources: SourceReader) -> list[Finding]:
        """Findings not in the baseline: matched on (code, path, hash) first, then on (code,
        hash) with what is left (the file was moved or renamed)."""
        exact = Counter((e.code, e.path, e.hash) for e in self.entries)
        pairs = self.entries_for(findings, sources)
        unmatched: list[tuple[Finding, Entry]] = []
        for f, e in pairs:
            key = (e.code, e.path, e.hash)
            if exact[key] > 0:
                exact[key] -= 1
            else:
                unmatched.append((f, e))
        loose = Counter()
        for (code, _path, digest), n in exact.items():
            loose[(code, digest)] += n
        out = []
        for f, e in unmatched:
            key2 = (e.code, e.hash)
            if loose[key2] > 0:
                loose[key2] -= 1
            else:
                out.append(f)
        return sorted(out, key=FINDING_ORDER)


class SourceReader:
    """Reads (and parses, for the statement) each file once; a callable path -> (bytes, tree)."""

    def __init__(self, overlay: dict[str, bytes] | None = None) -> None:
        self.overlay = overlay or {}
        self._cache: dict[str, tuple[bytes, object]] = {}

    def __call__(self, path: str) -> tuple[bytes, object]:
        if path not in self._cache:
            self._cache[path] = self._read(path)
        return self._cache[path]

    def _read(self, path: str) -> tuple[bytes, object]:
        source = self.overlay.get(path)
        if source is None:
            from prodlint.regular_files import read_regular

            try:
                source = read_regular(path)
            except OSError:
                return b"", None
        from prodlint.languages import GRAMMAR_LANGUAGES, language_for

        language = language_for(path)
        if language not in GRAMMAR_LANGUAGES:
            return source, None
        try:
            from prodlint.parsing import parser_for

            return source, parser_for(language).parse(source)
        except Exception:  # a file that does not parse is fingerprinted by its lines
            return source, None


def find_default(root: str) -> str | None:
    """`.prodlint-baseline.json` in `root`, when there is one."""
    path = os.path.join(root, DEFAULT_FILE)
    return path if os.path.isfile(path) else None
