"""The encoder as an ONNX graph for onnxruntime (installed with faster-whisper), written without
the ``onnx`` package: a few protobuf messages are encoded by hand.

Graph: mels (batch, frames, 40) → Transpose → 3 × (LSTM → Squeeze) → last hidden state →
MatMul + Add → Relu → LpNormalization. ONNX's LSTM orders its gates i, o, f, c (torch: i, f, g, o).
"""

from __future__ import annotations

import struct

import numpy as np

OPSET = 13
_FLOAT = 1


def _varint(n: int) -> bytes:
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


def _int(field: int, n: int) -> bytes:
    return _key(field, 0) + _varint(n)


def _bytes(field: int, data: bytes | str) -> bytes:
    data = data.encode() if isinstance(data, str) else data
    return _key(field, 2) + _varint(len(data)) + data


def _tensor(name: str, arr: np.ndarray) -> bytes:
    arr = np.ascontiguousarray(arr, dtype="<f4")
    dims = b"".join(_int(1, d) for d in arr.shape)
    return dims + _int(2, _FLOAT) + _bytes(8, name) + _bytes(9, arr.tobytes())


def _int64_tensor(name: str, values: list[int]) -> bytes:
    raw = struct.pack(f"<{len(values)}q", *values)
    return _int(1, len(values)) + _int(2, 7) + _bytes(8, name) + _bytes(9, raw)


def _attr_int(name: str, value: int) -> bytes:
    return _bytes(1, name) + _int(3, value) + _int(20, 2)


def _attr_ints(name: str, values: list[int]) -> bytes:
    return _bytes(1, name) + b"".join(_int(8, v) for v in values) + _int(20, 7)


def _node(op: str, inputs: list[str], outputs: list[str], attrs: tuple[bytes, ...] | list[bytes] = ()) -> bytes:
    body = b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs) + _bytes(4, op)
    return body + b"".join(_bytes(5, a) for a in attrs)


def _value_info(name: str, dims: list[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _int(1, d) if isinstance(d, int) else _bytes(2, d)) for d in dims)
    tensor_type = _int(1, _FLOAT) + _bytes(2, shape)
    return _bytes(1, name) + _bytes(2, _bytes(1, tensor_type))


def _onnx_gates(w: np.ndarray, h: int) -> np.ndarray:
    i, f, g, o = (w[k * h : (k + 1) * h] for k in range(4))
    return np.concatenate([i, o, f, g])


def encoder_model(weights: dict[str, np.ndarray], hidden: int = 256) -> bytes:
    """The serialised ONNX ModelProto of the encoder with ``weights`` baked in."""
    nodes, inits = [], []
    nodes.append(
        _node("Transpose", ["mels"], ["x0"], [_bytes(1, "perm") + b"".join(_int(8, v) for v in (1, 0, 2)) + _int(20, 7)])
    )
    inits.append(_int64_tensor("axis1", [1]))
    inits.append(_int64_tensor("axis0", [0]))
    x = "x0"
    for k in range(3):
        w = _onnx_gates(weights[f"lstm.weight_ih_l{k}"], hidden)[None]
        r = _onnx_gates(weights[f"lstm.weight_hh_l{k}"], hidden)[None]
        b = np.concatenate(
            [_onnx_gates(weights[f"lstm.bias_ih_l{k}"], hidden), _onnx_gates(weights[f"lstm.bias_hh_l{k}"], hidden)]
        )[None]
        inits += [_tensor(f"W{k}", w), _tensor(f"R{k}", r), _tensor(f"B{k}", b)]
        nodes.append(_node("LSTM", [x, f"W{k}", f"R{k}", f"B{k}"], [f"y{k}", f"h{k}"], [_attr_int("hidden_size", hidden)]))
        if k < 2:
            nodes.append(_node("Squeeze", [f"y{k}", "axis1"], [f"x{k + 1}"]))
            x = f"x{k + 1}"
    nodes.append(_node("Squeeze", ["h2", "axis0"], ["last"]))
    inits += [_tensor("linear_w", weights["linear.weight"].T), _tensor("linear_b", weights["linear.bias"])]
    nodes.append(_node("MatMul", ["last", "linear_w"], ["lin"]))
    nodes.append(_node("Add", ["lin", "linear_b"], ["lin_b"]))
    nodes.append(_node("Relu", ["lin_b"], ["relu"]))
    nodes.append(_node("LpNormalization", ["relu"], ["embeddings"], [_attr_int("axis", -1), _attr_int("p", 2)]))
    graph = (
        b"".join(_bytes(1, n) for n in nodes)
        + _bytes(2, "voice_encoder")
        + b"".join(_bytes(5, t) for t in inits)
        + _bytes(11, _value_info("mels", ["batch", "frames", 40]))
        + _bytes(12, _value_info("embeddings", ["batch", hidden]))
    )
    return _int(1, 7) + _bytes(7, graph) + _bytes(8, _bytes(1, "") + _int(2, OPSET))


class OnnxForward:
    """``forward(mels)`` with onnxruntime on one thread (the decoder keeps the other cores)."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(encoder_model(weights), options, providers=["CPUExecutionProvider"])

    def __call__(self, mels: np.ndarray) -> np.ndarray:
        return self._session.run(["embeddings"], {"mels": np.asarray(mels, dtype=np.float32)})[0]
