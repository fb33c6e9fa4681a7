"""Read torch's legacy (non-zip) checkpoint format without torch and without running its pickle.

The file is a sequence of pickles: a magic number, the format version, system information, the
checkpoint object (tensors refer to storages by persistent id), the list of storage keys, then
each storage's raw bytes (an int64 element count and the elements). The unpickler resolves only
``collections.OrderedDict``, torch's tensor-rebuild functions and storage type names; any other
global (``os.system``, ``builtins.eval`` …) refuses the whole file.
"""

from __future__ import annotations

import collections
import io
import pickle
import struct
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from voices.errors import VoiceError

MAGIC_NUMBER = 0x1950A86A20F9469CFC6C
PROTOCOL_VERSION = 1001

_STORAGE_DTYPES = {
    "FloatStorage": np.float32,
    "DoubleStorage": np.float64,
    "HalfStorage": np.float16,
    "LongStorage": np.int64,
    "IntStorage": np.int32,
    "ShortStorage": np.int16,
    "CharStorage": np.int8,
    "ByteStorage": np.uint8,
    "BoolStorage": np.bool_,
}
#: A storage larger than this is refused (the encoder's largest is 1 M floats).
MAX_ELEMENTS = 1 << 26


@dataclass(frozen=True)
class _StorageType:
    dtype: type


@dataclass
class _Storage:
    key: str
    dtype: type
    numel: int
    data: np.ndarray | None = None


@dataclass(frozen=True)
class _TensorRef:
    storage: _Storage
    offset: int
    size: tuple[int, ...]
    stride: tuple[int, ...]


def _refuse(what: str) -> VoiceError:
    return VoiceError("voice_weights_refused", f"refused weights file: {what}", detail=what)


def _ints(value: object, what: str) -> tuple[int, ...]:
    if not isinstance(value, tuple) or not all(type(v) is int and v >= 0 for v in value):
        raise _refuse(f"bad tensor {what}: {value!r}")
    return value


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None, metadata=None):
    if not isinstance(storage, _Storage) or type(storage_offset) is not int or storage_offset < 0:
        raise _refuse("tensor without a storage")
    return _TensorRef(storage, storage_offset, _ints(size, "size"), _ints(stride, "stride"))


def _rebuild_tensor(storage, storage_offset, size, stride):
    return _rebuild_tensor_v2(storage, storage_offset, size, stride)


class _RestrictedUnpickler(pickle.Unpickler):
    """Resolves only the few names a torch state dict needs; storages stay placeholders."""

    def __init__(self, file: BinaryIO, storages: dict[str, _Storage]) -> None:
        super().__init__(file)
        self.storages = storages

    def find_class(self, module: str, name: str):
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor_v2
        if (module, name) == ("torch._utils", "_rebuild_tensor"):
            return _rebuild_tensor
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(_STORAGE_DTYPES[name])
        raise _refuse(f"global {module}.{name}")

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or len(pid) not in (5, 6) or pid[0] != "storage":
            raise _refuse(f"persistent id {pid!r:.80}")
        _, storage_type, key, _location, numel = pid[:5]
        if not isinstance(storage_type, _StorageType) or not isinstance(key, str) or type(numel) is not int:
            raise _refuse(f"persistent id {pid!r:.80}")
        if len(pid) == 6 and pid[5] is not None:
            raise _refuse("storage views")
        if not 0 <= numel <= MAX_ELEMENTS:
            raise _refuse(f"storage of {numel} elements")
        known = self.storages.get(key)
        if known is None:
            known = self.storages[key] = _Storage(key, storage_type.dtype, numel)
        elif known.dtype is not storage_type.dtype or known.numel != numel:
            raise _refuse(f"storage {key} declared twice differently")
        return known


def _materialise(obj: object) -> object:
    """Replace tensor references by numpy arrays, recursively through dicts, lists and tuples."""
    if isinstance(obj, _TensorRef):
        st = obj.storage
        itemsize = np.dtype(st.dtype).itemsize
        extent = obj.offset + sum((n - 1) * s for n, s in zip(obj.size, obj.stride)) + 1 if all(obj.size) else obj.offset
        if extent > st.numel:
            raise _refuse(f"tensor reaches past its storage {st.key}")
        if st.data is None:
            raise _refuse(f"storage {st.key} has no data")
        view = np.lib.stride_tricks.as_strided(
            st.data[obj.offset :], shape=obj.size, strides=tuple(s * itemsize for s in obj.stride), writeable=False
        )
        return np.array(view, copy=True)
    if isinstance(obj, dict):
        return type(obj)((k, _materialise(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_materialise(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_materialise(v) for v in obj)
    return obj


def read_legacy_checkpoint(data: bytes) -> object:
    """The checkpoint object of a legacy torch file, every tensor a numpy array.

    Raises ``VoiceError`` (``voice_weights_refused``) for anything but plain data and tensors.
    """
    f = io.BytesIO(data)
    storages: dict[str, _Storage] = {}

    def load() -> object:
        try:
            return _RestrictedUnpickler(f, storages).load()
        except VoiceError:
            raise
        except Exception as exc:  # truncated or malformed pickle: the file is not what it claims
            raise _refuse(f"malformed pickle: {exc!r:.120}") from exc

    if load() != MAGIC_NUMBER:
        raise _refuse("not a torch legacy file (magic number)")
    if load() != PROTOCOL_VERSION:
        raise _refuse("unknown torch file version")
    sys_info = load()
    if not isinstance(sys_info, dict) or sys_info.get("little_endian") is not True:
        raise _refuse("not a little-endian file")
    checkpoint = load()
    keys = load()
    if not isinstance(keys, list) or sorted(keys) != sorted(storages) or len(set(keys)) != len(keys):
        raise _refuse("storage list does not match the tensors")
    for key in keys:
        st = storages[key]
        head = f.read(8)
        if len(head) != 8 or struct.unpack("<q", head)[0] != st.numel:
            raise _refuse(f"storage {key} has a wrong size")
        nbytes = st.numel * np.dtype(st.dtype).itemsize
        raw = f.read(nbytes)
        if len(raw) != nbytes:
            raise _refuse(f"storage {key} is truncated")
        st.data = np.frombuffer(raw, dtype=np.dtype(st.dtype).newbyteorder("<"))
    return _materialise(checkpoint)
