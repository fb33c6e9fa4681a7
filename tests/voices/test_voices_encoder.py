"""The numpy encoder: preprocessing as Resemblyzer's, the LSTM against a plain one, and the real
weights against a stored reference embedding."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from voices import features, model
from voices.encoder import VoiceEncoder

HERE = Path(__file__).parent


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _plain_forward(w: dict[str, np.ndarray], mels: np.ndarray) -> np.ndarray:
    """Torch's LSTM written out: gates i, f, g, o; zero initial state; biases ih + hh."""
    x = mels.astype(np.float64)
    for k in range(3):
        wi, wh = w[f"lstm.weight_ih_l{k}"], w[f"lstm.weight_hh_l{k}"]
        b = w[f"lstm.bias_ih_l{k}"] + w[f"lstm.bias_hh_l{k}"]
        h = np.zeros((x.shape[0], 256))
        c = np.zeros_like(h)
        outs = []
        for t in range(x.shape[1]):
            g = x[:, t] @ wi.T + h @ wh.T + b
            i, f, gg, o = _sigmoid(g[:, :256]), _sigmoid(g[:, 256:512]), np.tanh(g[:, 512:768]), _sigmoid(g[:, 768:])
            c = f * c + i * gg
            h = o * np.tanh(c)
            outs.append(h)
        x = np.stack(outs, axis=1)
    raw = np.maximum(h @ w["linear.weight"].T + w["linear.bias"], 0)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def test_numpy_lstm_matches_the_plain_formulas():
    rng = np.random.default_rng(3)
    w = {name: (rng.standard_normal(shape) * 0.2).astype(np.float32) for name, shape in model.SHAPES.items()}
    mels = rng.random((2, 20, 40)).astype(np.float32)
    np.testing.assert_allclose(VoiceEncoder(w, "numpy").forward(mels), _plain_forward(w, mels), atol=2e-5)


def test_onnx_graph_matches_numpy():
    rng = np.random.default_rng(4)
    w = {name: (rng.standard_normal(shape) * 0.2).astype(np.float32) for name, shape in model.SHAPES.items()}
    mels = (rng.random((3, 30, 40)) * 4).astype(np.float32)
    onnx = VoiceEncoder(w, "onnxruntime")
    assert onnx.backend == "onnxruntime"
    np.testing.assert_allclose(onnx.forward(mels), VoiceEncoder(w, "numpy").forward(mels), atol=2e-5)


def test_mel_filters_are_slaney():
    fb = features.mel_filters()
    assert fb.shape == (40, 201)
    freqs = np.fft.rfftfreq(400, 1 / 16000)
    # Below 1 kHz the Slaney scale is linear: the centres are evenly spaced.
    peaks = freqs[fb.argmax(axis=1)]
    assert np.all(np.diff(peaks) > 0) and peaks[-1] <= 8000
    lin = peaks[peaks < 900]
    assert np.ptp(np.diff(lin)) <= 40  # one FFT bin (40 Hz) of rounding
    # Slaney normalisation: each triangle's area (in Hz) is 1.
    areas = fb.sum(axis=1) * 40.0
    assert np.allclose(areas[2:-1], 1.0, atol=0.12)


def test_spectrogram_frames_hann_and_power():
    wav = np.zeros(16000, np.float32)
    assert features.mel_spectrogram(wav).shape == (101, 40)  # centred: 1 + n // hop
    w = features._window()
    assert w[0] == 0 and abs(w[200] - 1) < 1e-6 and abs(w[100] - 0.5) < 1e-6  # periodic Hann
    tone = np.sin(2 * np.pi * 1000 * np.arange(16000) / 16000).astype(np.float32)
    ratio = features.mel_spectrogram(2 * tone)[50].sum() / features.mel_spectrogram(tone)[50].sum()
    assert abs(ratio - 4) < 1e-3  # power, no log


def test_partial_windows_follow_resemblyzer():
    assert features.PARTIAL_STEP == 77
    assert features.partial_starts(8000) == [0]  # shorter than one window: one window anyway
    assert features.partial_starts(16000 * 10)[:3] == [0, 77, 154]
    # The last window is kept only when 75 % of it holds audio.
    n = (77 + 120) * 160
    assert features.partial_starts(n) == [0, 77]
    assert features.partial_starts((77 + 119) * 160) == [0]


def test_volume_is_raised_never_lowered():
    quiet = np.full(1000, 0.001, np.float32)
    loud = np.full(1000, 0.5, np.float32)
    assert 20 * np.log10(np.sqrt(np.mean(features.normalize_volume(quiet) ** 2))) == pytest.approx(-30, abs=0.01)
    assert features.normalize_volume(loud) is loud


@pytest.mark.parametrize("backend", ["numpy", "onnxruntime"])
def test_real_encoder_matches_the_stored_reference(backend, eval_dir):
    from bienban_base.audio import load_audio

    ref = json.loads((HERE / "voices_reference_embedding.json").read_text())
    partials = model.load_encoder(backend=backend).partials(load_audio(eval_dir / ref["clip"]))
    assert len(partials.embeddings) == ref["partials"]
    got = partials.mean()
    want = np.array(ref["embedding"], np.float32)
    assert float(got @ want) > 0.9999
    np.testing.assert_allclose(got, want, atol=2e-4)


def test_real_weights_file_is_the_known_one():
    assert model.source_path().is_file()
    import hashlib

    assert hashlib.sha256(model.source_path().read_bytes()).hexdigest() == model.SOURCE_SHA256


def test_mel_and_partial_windows_match_librosa_and_resemblyzer():
    """Stored once from librosa 0.10.2 (what Resemblyzer 0.1.4 calls) and from Resemblyzer's own
    ``compute_partial_slices`` run without torch, in a throwaway environment."""
    ref = np.load(HERE / "voices_librosa_reference.npz")
    mel = features.mel_spectrogram(ref["wav"])
    assert mel.shape == ref["mel"].shape
    assert np.abs(mel - ref["mel"]).max() <= 1e-5 * np.abs(ref["mel"]).max()
    for n, starts in zip(ref["lengths"], ref["starts"]):
        assert features.partial_starts(int(n)) == [int(s) for s in starts if s >= 0]
