"""Whisper's text decoder in PyTorch, loaded from and written back to CTranslate2's variables.

The same computation as CTranslate2's ``WhisperSpec`` decoder: token embeddings plus learned
positions, pre-norm blocks of causal self-attention, cross-attention over the encoder output and
a GELU feed-forward, a final layer norm, and the output projection tied to the embeddings. The
cross-attention keys and values of the encoder output are computed once per batch without
gradients: they stay as the base has them, which saves most of the training's work (the encoder
output is 1500 frames long, the text a few dozen tokens).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

PREFIX = "decoder"


def _param(array: np.ndarray) -> nn.Parameter:
    return nn.Parameter(torch.from_numpy(np.asarray(array, dtype=np.float32).copy()))


class Norm(nn.Module):
    """Layer norm with CTranslate2's names (gamma, beta)."""

    def __init__(self, v: dict[str, np.ndarray], name: str) -> None:
        super().__init__()
        self.gamma, self.beta = _param(v[f"{name}/gamma"]), _param(v[f"{name}/beta"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, (x.shape[-1],), self.gamma, self.beta, 1e-5)


class Linear(nn.Module):
    """A dense layer with CTranslate2's names (weight out×in, bias)."""

    def __init__(self, v: dict[str, np.ndarray], name: str) -> None:
        super().__init__()
        self.weight, self.bias = _param(v[f"{name}/weight"]), _param(v[f"{name}/bias"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.weight, self.bias)


def _heads(x: torch.Tensor, heads: int) -> torch.Tensor:
    b, t, d = x.shape
    return x.view(b, t, heads, d // heads).transpose(1, 2)


class Block(nn.Module):
    """One decoder layer."""

    def __init__(self, v: dict[str, np.ndarray], name: str, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.self_norm = Norm(v, f"{name}/self_attention/layer_norm")
        self.self_qkv = Linear(v, f"{name}/self_attention/linear_0")
        self.self_out = Linear(v, f"{name}/self_attention/linear_1")
        self.cross_norm = Norm(v, f"{name}/attention/layer_norm")
        self.cross_q = Linear(v, f"{name}/attention/linear_0")
        self.cross_kv = Linear(v, f"{name}/attention/linear_1")
        self.cross_kv.weight.requires_grad_(False)
        self.cross_kv.bias.requires_grad_(False)
        self.cross_out = Linear(v, f"{name}/attention/linear_2")
        self.ffn_norm = Norm(v, f"{name}/ffn/layer_norm")
        self.ffn_in = Linear(v, f"{name}/ffn/linear_0")
        self.ffn_out = Linear(v, f"{name}/ffn/linear_1")

    def memory(self, encoded: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values of the encoder output for this layer's cross-attention."""
        with torch.no_grad():
            k, v = self.cross_kv(encoded).chunk(2, dim=-1)
            return _heads(k, self.heads), _heads(v, self.heads)

    def forward(self, x: torch.Tensor, memory: tuple[torch.Tensor, torch.Tensor], pad: torch.Tensor | None) -> torch.Tensor:
        q, k, v = self.self_qkv(self.self_norm(x)).chunk(3, dim=-1)
        mask = None
        if pad is not None:  # causal and no looking at padding keys
            t = x.shape[1]
            causal = torch.ones(t, t, dtype=torch.bool, device=x.device).tril()
            mask = causal[None, None] & ~pad[:, None, None, :]
        attn = F.scaled_dot_product_attention(
            _heads(q, self.heads), _heads(k, self.heads), _heads(v, self.heads), attn_mask=mask, is_causal=mask is None
        )
        x = x + self.self_out(attn.transpose(1, 2).flatten(2))
        q = _heads(self.cross_q(self.cross_norm(x)), self.heads)
        attn = F.scaled_dot_product_attention(q, memory[0], memory[1])
        x = x + self.cross_out(attn.transpose(1, 2).flatten(2))
        return x + self.ffn_out(F.gelu(self.ffn_in(self.ffn_norm(x))))


class Decoder(nn.Module):
    """The whole text decoder; the token embeddings (and so the tied output projection) stay frozen."""

    def __init__(self, v: dict[str, np.ndarray]) -> None:
        super().__init__()
        heads = int(np.asarray(v[f"{PREFIX}/num_heads"]))
        self.layers = sum(1 for name in v if name.startswith(f"{PREFIX}/layer_") and name.endswith("/ffn/linear_0/weight"))
        self.embeddings = nn.Parameter(
            torch.from_numpy(np.asarray(v[f"{PREFIX}/embeddings/weight"], np.float32).copy()), requires_grad=False
        )
        self.positions = nn.Parameter(
            torch.from_numpy(np.asarray(v[f"{PREFIX}/position_encodings/encodings"], np.float32).copy()), requires_grad=False
        )
        self.blocks = nn.ModuleList(Block(v, f"{PREFIX}/layer_{i}", heads) for i in range(self.layers))
        self.norm = Norm(v, f"{PREFIX}/layer_norm")
        self.scale = 1.0 / math.sqrt(self.embeddings.shape[1])

    def memories(self, encoded: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """Every layer's cross-attention keys and values (no gradients)."""
        return [b.memory(encoded) for b in self.blocks]

    def forward(self, tokens: torch.Tensor, memories: list, pad: torch.Tensor | None = None) -> torch.Tensor:
        """Logits for every position of ``tokens`` (batch × length)."""
        x = F.embedding(tokens, self.embeddings) + self.positions[: tokens.shape[1]]
        for block, memory in zip(self.blocks, memories):
            x = block(x, memory, pad)
        return self.norm(x) @ self.embeddings.T

    def trained_variables(self) -> dict[str, np.ndarray]:
        """The variables training changes, as CTranslate2 names them, in float16."""
        out: dict[str, np.ndarray] = {}
        names = {
            "self_norm": "self_attention/layer_norm",
            "self_qkv": "self_attention/linear_0",
            "self_out": "self_attention/linear_1",
            "cross_norm": "attention/layer_norm",
            "cross_q": "attention/linear_0",
            "cross_out": "attention/linear_2",
            "ffn_norm": "ffn/layer_norm",
            "ffn_in": "ffn/linear_0",
            "ffn_out": "ffn/linear_1",
        }
        for i, block in enumerate(self.blocks):
            for attr, ct_name in names.items():
                module = getattr(block, attr)
                for pname, p in module.named_parameters(recurse=False):
                    out[f"{PREFIX}/layer_{i}/{ct_name}/{pname}"] = p.detach().numpy().astype(np.float16)
        for pname, p in self.norm.named_parameters(recurse=False):
            out[f"{PREFIX}/layer_norm/{pname}"] = p.detach().numpy().astype(np.float16)
        return out
