"""Resemblyzer's speaker encoder run with numpy: 3-layer LSTM → Linear → ReLU → L2 norm.

An utterance's embedding is the L2-normalised mean of its partial windows' embeddings. All
values are ≥ 0, so two different speakers still score about 0.5 cosine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

from voices import features

HIDDEN = 256
LAYERS = 3
#: The recurrence multiplies small matrices: a second BLAS thread costs more CPU than it saves
#: (measured: 10 s of speech 100 ms CPU on one thread, 160 ms on two).
_BLAS = ThreadpoolController()


@dataclass(frozen=True)
class Partials:
    """The partial-window embeddings of one stretch of audio."""

    embeddings: np.ndarray
    """(n, 256) float32, each L2-normalised."""
    starts: np.ndarray
    """Start of every window, seconds from the start of the input audio."""
    ends: np.ndarray
    """End of every window, seconds (the last window may end past the speech)."""
    speech_s: float
    """Seconds of speech the encoder heard (after silence removal)."""

    def mean(self, mask: np.ndarray | None = None) -> np.ndarray:
        """The L2-normalised mean of the (selected) partial embeddings."""
        e = self.embeddings if mask is None else self.embeddings[mask]
        return normalized(e.mean(axis=0))


def normalized(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to unit length (zero stays zero)."""
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n > 0 else v.astype(np.float32)


class VoiceEncoder:
    """The network, from a dict of Resemblyzer's tensors (``voices.model.load_weights``).

    ``backend``: ``onnxruntime`` (3–4 times less CPU, measured in docs/benchmarks.md), ``numpy``,
    or ``auto`` (onnxruntime when it imports, else numpy). Both give the same embeddings.
    """

    def __init__(self, weights: dict[str, np.ndarray], backend: str = "auto") -> None:
        self._onnx = None
        if backend in ("auto", "onnxruntime"):
            try:
                from voices.onnx_graph import OnnxForward

                self._onnx = OnnxForward(weights)
            except ImportError:
                if backend == "onnxruntime":
                    raise
        self.backend = "onnxruntime" if self._onnx is not None else "numpy"
        self._layers = []
        h = HIDDEN
        for k in range(LAYERS):
            w_ih = weights[f"lstm.weight_ih_l{k}"].astype(np.float32)
            w_hh = weights[f"lstm.weight_hh_l{k}"].astype(np.float32)
            b = (weights[f"lstm.bias_ih_l{k}"] + weights[f"lstm.bias_hh_l{k}"]).astype(np.float32)
            # Sigmoid gates (i, f, o) scaled by 1/2 so that one tanh serves all four gates:
            # sigmoid(x) = (tanh(x/2) + 1) / 2. Torch's gate order is i, f, g, o.
            scale = np.concatenate([np.full(h, 0.5), np.full(h, 0.5), np.ones(h), np.full(h, 0.5)]).astype(np.float32)
            self._layers.append(
                (np.ascontiguousarray((w_ih * scale[:, None]).T), np.ascontiguousarray((w_hh * scale[:, None]).T), b * scale)
            )
        self._linear_w = np.ascontiguousarray(weights["linear.weight"].astype(np.float32).T)
        self._linear_b = weights["linear.bias"].astype(np.float32)

    def forward(self, mels: np.ndarray) -> np.ndarray:
        """(batch, frames, 40) mel windows → (batch, 256) L2-normalised embeddings."""
        if self._onnx is not None:
            return self._onnx(mels)
        with _BLAS.limit(limits=1, user_api="blas"):
            return self._forward(np.asarray(mels, dtype=np.float32))

    def _forward(self, x: np.ndarray) -> np.ndarray:
        batch, frames, _ = x.shape
        h = HIDDEN
        for k, (w_ih, w_hh, b) in enumerate(self._layers):
            xp = (x.reshape(batch * frames, -1) @ w_ih + b).reshape(batch, frames, 4 * h)
            hid = np.zeros((batch, h), np.float32)
            cell = np.zeros((batch, h), np.float32)
            last = k == LAYERS - 1
            out = None if last else np.empty((batch, frames, h), np.float32)
            gates = np.empty((batch, 4 * h), np.float32)
            for t in range(frames):
                np.dot(hid, w_hh, out=gates)
                gates += xp[:, t]
                np.tanh(gates, out=gates)
                sig = gates[:, : 2 * h] * 0.5 + 0.5
                cell *= sig[:, h:]
                cell += sig[:, :h] * gates[:, 2 * h : 3 * h]
                hid = (gates[:, 3 * h :] * 0.5 + 0.5) * np.tanh(cell)
                if out is not None:
                    out[:, t] = hid
            if out is not None:
                x = out
        raw = np.maximum(hid @ self._linear_w + self._linear_b, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return (raw / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def partials(self, audio: np.ndarray, regions: list[tuple[int, int]] | None = None) -> Partials:
        """Partial-window embeddings of 16 kHz ``audio`` (speech ``regions`` in samples, else the VAD's)."""
        prepared = features.prepare(audio, regions)
        mels, starts = features.partial_mels(prepared.wav)
        emb = self.forward(mels)
        n = len(prepared.origin)
        last = max(n - 1, 0)
        s = np.array([prepared.origin[min(a, last)] for a in starts], dtype=np.float64) if n else np.zeros(len(starts))
        e = (
            np.array([prepared.origin[min(a + features.PARTIAL_FRAMES * features.HOP, n) - 1] for a in starts], dtype=np.float64)
            if n
            else np.zeros(len(starts))
        )
        return Partials(emb, s / features.SAMPLE_RATE, (e + 1) / features.SAMPLE_RATE, n / features.SAMPLE_RATE)

    def embed(self, audio: np.ndarray, regions: list[tuple[int, int]] | None = None) -> np.ndarray:
        """The utterance embedding (256 floats, unit length) of 16 kHz ``audio``."""
        return self.partials(audio, regions).mean()
