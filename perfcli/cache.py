"""The cache of unchanged files: a file checked before, with the same settings, costs nothing.

A file's result (``FileResult``, with the form models the submission rules need) is stored under
a key made of: the file's SHA-256, perfcli's version, the Python version, a hash of perfcli's own
source and data files (so an edited rule invalidates the cache while developing), a hash of the
settings that change a file's result (active codes, profile parameters, limits: every field of
``Settings``), and how the file is read (suffix, role, named or found in a folder).

The accounts (``--accounts``) are deliberately *not* part of the key, although cli.md lists an
"accounts hash": a per-file result never depends on them. The reconciliation (R) and the other
submission rules (X) always run after the batch, on every model, cached or not; the accounts
files themselves are cached like any other file, under their own content hash.

Trust. Entries are pickles, and unpickling runs code, so perfcli only unpickles what it wrote
itself: each entry is ``MAGIC | HMAC-SHA256 | zlib(pickle)``, the HMAC keyed by a per-user secret
kept *outside* the cache folder (``$PERFCLI_CACHE_KEY``, else ``~/.config/perfcli/cache.key``,
created once, mode 0600) over the magic, the entry's key and the body. A format header alone would
not do: the cache lives in the working folder (``.perfcli/cache``), where a folder of submitted
files, copied or unzipped, could bring its own ``.perfcli``; without the secret it cannot forge an
entry, nor pass one entry off as another. A corrupt, truncated, foreign or old-format entry fails
the check and is a miss; the file is then checked again and the entry rewritten. When no key can
be read or created, the cache is off (an optimisation must never stop a run).

Writes are atomic (temp file + rename) and concurrent runs are safe: two writers of one entry
write the same content, and a reader sees an old entry, a new one or none. The cache is bounded:
after a run that wrote entries, the least recently used are removed beyond ``max_bytes`` or
``max_entries``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import secrets
import sys
import tempfile
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from perfcli import __version__
from perfcli.engine import SPECIAL_CHECKERS, WORKBOOK_SUFFIXES, Candidate, FileResult, Settings

FORMAT = 1
MAGIC = b"PERFCLI-CACHE/1\n"  # 16 bytes; a new layout gets a new FORMAT and MAGIC
_MAC_LEN = 32
KEY_BYTES = 32
MAX_BYTES = 500 * 1024 * 1024
MAX_ENTRIES = 20_000
_STALE_TMP_SECONDS = 3600
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# perfcli cache (.perfcli/cache)\n"


def default_dir() -> Path:
    """``$PERFCLI_CACHE_DIR``, else ``.perfcli/cache`` in the current folder."""
    env = os.environ.get("PERFCLI_CACHE_DIR")
    return Path(env) if env else Path(".perfcli") / "cache"


def key_file() -> Path:
    """Where the per-user secret lives: ``$PERFCLI_CACHE_KEY``, else the user's config folder."""
    env = os.environ.get("PERFCLI_CACHE_KEY")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "perfcli" / "cache.key"


@dataclass(frozen=True, slots=True)
class Probe:
    """What the parent learnt about a file before checking it: its hash and the entry's key."""

    path: str
    key: str
    sha256: str
    size: int
    mtime_ns: int


class Cache:
    """Per-file results on disk. Never raises for a cache problem: it is then a miss."""

    def __init__(
        self,
        root: str | os.PathLike[str] | None = None,
        *,
        max_bytes: int = MAX_BYTES,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.root = Path(root) if root is not None else default_dir()
        self.entries = self.root / "entries"
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0
        self.written = 0
        self._secret: bytes | None = None  # None once loaded: the cache is off
        self._loaded = False

    # --- the batch ---------------------------------------------------------------------------

    def lookup_all(
        self, candidates: Sequence[Candidate], settings: Settings
    ) -> tuple[dict[int, FileResult], dict[int, Probe]]:
        """Cached results by candidate index, and the probes of the others (to store later)."""
        hits: dict[int, FileResult] = {}
        probes: dict[int, Probe] = {}
        if self.secret is None:
            return hits, probes
        context = _context_digest(settings)
        for index, cand in enumerate(candidates):
            probe = self.probe(cand, settings, context)
            if probe is None:
                continue
            found = self.load(probe, cand.display)
            if found is not None:
                hits[index] = found
            else:
                probes[index] = probe
        return hits, probes

    def store_all(self, probes: Mapping[int, Probe], results: Mapping[int, Any]) -> None:
        """Store the fresh results of probed files, then keep the cache within its bounds."""
        for index, probe in probes.items():
            self.store(probe, results.get(index))
        if self.written:
            self.prune()

    # --- one entry ---------------------------------------------------------------------------

    def probe(
        self, cand: Candidate, settings: Settings, context: str | None = None
    ) -> Probe | None:
        """Hash a file that is worth caching; None for one that is not (or cannot be read)."""
        if self.secret is None or not _cacheable(cand):
            return None
        try:
            st = os.stat(cand.path)
            if st.st_size > settings.limits.max_file_bytes:  # refused unread anyway (E004)
                return None
            digest = hashlib.sha256()
            with open(cand.path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError:  # check_file reports it (E001)
            return None
        sha = digest.hexdigest()
        how = [context or _context_digest(settings), sha, Path(cand.path).suffix.lower(),
               cand.role, cand.explicit]  # fmt: skip
        key = hashlib.sha256(json.dumps(how).encode()).hexdigest()
        return Probe(cand.path, key, sha, st.st_size, st.st_mtime_ns)

    def load(self, probe: Probe, display: str) -> FileResult | None:
        """The stored result under ``probe``'s key, its paths set to ``display``; None on a miss."""
        secret = self.secret
        path = self._entry(probe.key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        result = _decode(data, probe.key, secret) if secret else None
        if result is None:
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        _relocate(result, display)
        self.hits += 1
        return result

    def store(self, probe: Probe, result: Any) -> bool:
        """Write one result; False when it is not cached (a crash, a perfcli bug, a changed file)."""
        secret = self.secret
        if not secret or not isinstance(result, FileResult) or result.internal_error:
            return False
        if not _unchanged(result, probe):
            return False
        try:
            body = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        except Exception:  # a model that does not pickle: not cached, still correct
            return False
        data = MAGIC + _mac(secret, probe.key, body) + body
        try:
            _write_atomic(self._entry(probe.key), data, self.root)
        except OSError:
            return False
        self.written += 1
        return True

    # --- housekeeping ------------------------------------------------------------------------

    def prune(self) -> int:
        """Remove the least recently used entries beyond the bounds (and stale temp files)."""
        now = time.time()
        found: list[tuple[float, int, Path]] = []
        try:
            shards = list(os.scandir(self.entries))
        except OSError:
            return 0
        for shard in shards:
            try:
                items = list(os.scandir(shard.path)) if shard.is_dir() else []
            except OSError:
                continue
            for item in items:
                try:
                    st = item.stat()
                except OSError:
                    continue
                if item.name.startswith("."):  # a temp file of a run that died
                    if now - st.st_mtime > _STALE_TMP_SECONDS:
                        Path(item.path).unlink(missing_ok=True)
                    continue
                found.append((st.st_mtime, st.st_size, Path(item.path)))
        total = sum(size for _t, size, _p in found)
        if len(found) <= self.max_entries and total <= self.max_bytes:
            return 0
        found.sort()  # oldest first; go down to 90 % so that a full cache is not pruned each run
        keep_bytes, keep_entries = self.max_bytes * 9 // 10, self.max_entries * 9 // 10
        removed = 0
        for _mtime, size, path in found:
            if len(found) - removed <= keep_entries and total <= keep_bytes:
                break
            try:
                path.unlink(missing_ok=True)
            except OSError:
                continue
            removed += 1
            total -= size
        return removed

    @property
    def secret(self) -> bytes | None:
        """The HMAC key (None: the cache is off)."""
        if not self._loaded:
            self._secret, self._loaded = _load_secret(key_file()), True
        return self._secret

    def _entry(self, key: str) -> Path:
        return self.entries / key[:2] / key[2:]


# --- keys --------------------------------------------------------------------------------------


def _cacheable(cand: Candidate) -> bool:
    """Files ``check_file`` reads (others are skipped at no cost); never Office lock files."""
    name = Path(cand.path).name
    if name.startswith("~$"):
        return False
    suffix = Path(cand.path).suffix.lower()
    return (
        suffix in WORKBOOK_SUFFIXES or cand.role in SPECIAL_CHECKERS or suffix in SPECIAL_CHECKERS
    )


def _context_digest(settings: Settings) -> str:
    """Everything but the file that decides a file's result."""
    parts = [FORMAT, __version__, list(sys.version_info[:2]), source_digest(),
             settings_digest(settings)]  # fmt: skip
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def settings_digest(settings: Settings) -> str:
    """A stable hash of every field of the settings (a field added later is covered too)."""
    parts = {f.name: _canonical(getattr(settings, f.name)) for f in fields(settings)}
    data = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _canonical(value: Any) -> Any:
    digest = getattr(value, "digest", None)
    if callable(digest):
        return digest()
    if isinstance(value, frozenset | set):
        return sorted(str(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


@cache
def source_digest() -> str:
    """A hash of perfcli's own files (code and label data), so that an edit invalidates."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


# --- entries -----------------------------------------------------------------------------------


def _mac(secret: bytes, key: str, body: bytes) -> bytes:
    return hmac.new(secret, MAGIC + key.encode() + b"\0" + body, hashlib.sha256).digest()


def _decode(data: bytes, key: str, secret: bytes) -> FileResult | None:
    """The result in an entry, or None when it is not one this user's perfcli wrote for ``key``."""
    head = len(MAGIC) + _MAC_LEN
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    mac, body = data[len(MAGIC) : head], data[head:]
    if not hmac.compare_digest(mac, _mac(secret, key, body)):
        return None
    try:  # authentic, so written by perfcli; still, a class renamed since is only a miss
        result = pickle.loads(zlib.decompress(body))
    except Exception:
        return None
    return result if isinstance(result, FileResult) else None


def _relocate(result: FileResult, display: str) -> None:
    """The same content under another name: the result and its findings name the current path."""
    old = result.path
    result.path = display
    for finding in result.findings:
        if finding.file == old:
            finding.file = display


def _unchanged(result: FileResult, probe: Probe) -> bool:
    """The file still is what was hashed: it may have been saved again while the batch ran."""
    if result.sha256 not in (None, probe.sha256):
        return False
    try:
        st = os.stat(probe.path)
    except OSError:
        return False
    return (st.st_size, st.st_mtime_ns) == (probe.size, probe.mtime_ns)


def _write_atomic(target: Path, data: bytes, root: Path) -> None:
    if not root.exists():
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, text in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", "*\n")):
            with contextlib.suppress(OSError):
                (root / name).write_text(text, encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_secret(path: Path) -> bytes | None:
    """Read the per-user key, creating it once (atomically: never half-written); None if none."""
    data: bytes | None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = _create_secret(path)
    except OSError:
        return None
    return data if data is not None and len(data) == KEY_BYTES else None


def _create_secret(path: Path) -> bytes | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(tmp, path)  # fails if another run created it first: use theirs
            except FileExistsError:
                pass
            except OSError:  # no hard links here: a rename (a lost race costs only misses)
                os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        return path.read_bytes()
    except OSError:
        return None
