"""Write small files in torch's legacy checkpoint format without torch (for the loader's tests).

Stand-in ``torch`` and ``torch._utils`` modules are put in ``sys.modules`` only while pickling,
so the pickles name ``torch.FloatStorage`` and ``torch._utils._rebuild_tensor_v2`` as torch does.
"""

from __future__ import annotations

import collections
import io
import pickle
import struct
import sys
import types
from contextlib import contextmanager

import numpy as np

MAGIC = 0x1950A86A20F9469CFC6C


class _Storage:
    def __init__(self, key: str, data: np.ndarray) -> None:
        self.key, self.data = key, np.ascontiguousarray(data, dtype=np.float32).ravel()


class _Tensor:
    def __init__(self, rebuild, storage: _Storage, shape: tuple[int, ...]) -> None:
        self.rebuild, self.storage, self.shape = rebuild, storage, shape

    def __reduce__(self):
        stride, acc = [], 1
        for n in reversed(self.shape):
            stride.insert(0, acc)
            acc *= n
        return self.rebuild, (self.storage, 0, self.shape, tuple(stride), False, collections.OrderedDict())


@contextmanager
def _fake_torch():
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    class FloatStorage:
        pass

    def _rebuild_tensor_v2(*args):
        raise AssertionError("never called while writing")

    FloatStorage.__module__, FloatStorage.__qualname__ = "torch", "FloatStorage"
    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
    torch.FloatStorage, utils._rebuild_tensor_v2, torch._utils = FloatStorage, _rebuild_tensor_v2, utils
    saved = {k: sys.modules.get(k) for k in ("torch", "torch._utils")}
    sys.modules.update({"torch": torch, "torch._utils": utils})
    try:
        yield torch
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v


def legacy_bytes(
    state: dict[str, np.ndarray], extra: object = None, sys_info: object = None, shapes: dict[str, tuple[int, ...]] | None = None
) -> bytes:
    """A legacy torch file holding ``{"model_state": OrderedDict(state), ...}`` (``extra`` added as is;
    ``shapes`` overrides the shape a tensor claims)."""
    with _fake_torch() as torch:
        storages = {}
        tensors = collections.OrderedDict()
        for i, (name, arr) in enumerate(state.items()):
            st = storages[str(1000 + i)] = _Storage(str(1000 + i), arr)
            tensors[name] = _Tensor(torch._utils._rebuild_tensor_v2, st, (shapes or {}).get(name, tuple(arr.shape)))

        class Pickler(pickle.Pickler):
            def persistent_id(self, obj):
                if isinstance(obj, _Storage):
                    return ("storage", torch.FloatStorage, obj.key, "cpu", obj.data.size, None)
                return None

        f = io.BytesIO()
        for head in (MAGIC, 1001, sys_info if sys_info is not None else {"protocol_version": 1001, "little_endian": True}):
            pickle.dump(head, f, protocol=2)
        checkpoint = {"step": 1, "model_state": tensors}
        if extra is not None:
            checkpoint["extra"] = extra
        Pickler(f, protocol=2).dump(checkpoint)
        keys = sorted(storages)
        pickle.dump(keys, f, protocol=2)
        for k in keys:
            f.write(struct.pack("<q", storages[k].data.size))
            f.write(storages[k].data.astype("<f4").tobytes())
        return f.getvalue()
