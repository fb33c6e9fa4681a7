"""The meeting-vocabulary prompt: the meeting's own names and a glossary of ward administration.

Whisper base spells Vietnamese names and administrative terms badly; giving them as
``initial_prompt`` makes them likelier. The prompt is built from plain data (not store objects)
so this package stays independent of the app. Whisper keeps only the last 223 prompt tokens, so
the glossary comes first and the meeting's own names last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Spoken forms of the terms a ward meeting uses (abbreviations are read out in full).
GLOSSARY = (
    "Ủy ban nhân dân phường",
    "Hội đồng nhân dân",
    "Ủy ban Mặt trận Tổ quốc",
    "tổ dân phố",
    "ý kiến, kiến nghị",
    "giấy chứng nhận quyền sử dụng đất",
    "cải cách hành chính",
    "bộ phận một cửa",
    "an ninh trật tự",
    "khiếu nại, tố cáo",
    "công an phường",
    "cán bộ địa chính",
    "trả lời bằng văn bản",
)

#: Abbreviations written in meeting papers, and how they are spoken (the prompt shows speech).
SPOKEN = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "TDP": "tổ dân phố",
}

#: Prompt budget in tokens (Whisper's limit is 223; room is left for the task tokens).
MAX_PROMPT_TOKENS = 200


@dataclass(frozen=True)
class MeetingVocabulary:
    """What the app knows about a meeting before it starts."""

    title: str = ""
    """The conference's name, e.g. "Hội nghị tiếp xúc, đối thoại ... phường Thủy Lương"."""
    ward: str = ""
    """The ward, e.g. "phường Thủy Lương"."""
    agencies: tuple[str, ...] = ()
    """Bodies that may be named (e.g. "Phòng Tài nguyên và Môi trường thị xã")."""
    people: tuple[tuple[str, str], ...] = ()
    """The roster: ``(name, role)`` pairs."""
    agenda: tuple[str, ...] = ()
    """Agenda items or topics."""


def build_prompt(vocabulary: MeetingVocabulary | None = None, glossary: bool = True, count_tokens=None) -> str | None:
    """The ``initial_prompt`` for a meeting (``None`` when there is nothing to say).

    ``count_tokens(text) -> int`` (e.g. the model's tokenizer) trims glossary terms, then agenda
    items, until the prompt fits ``MAX_PROMPT_TOKENS``; without it the prompt is not trimmed.
    """
    terms = list(GLOSSARY) if glossary else []
    v = vocabulary or MeetingVocabulary()
    agenda = list(v.agenda)
    while True:
        prompt = _compose(terms, v, agenda)
        if not prompt or count_tokens is None or count_tokens(prompt) <= MAX_PROMPT_TOKENS:
            return prompt or None
        if terms:
            terms.pop()
        elif agenda:
            agenda.pop()
        else:
            return prompt


def _compose(terms: list[str], v: MeetingVocabulary, agenda: list[str]) -> str:
    parts = []
    if terms:
        parts.append(", ".join(terms) + ".")
    if v.title:
        parts.append(v.title.rstrip(".") + ".")
    elif v.ward:
        parts.append(f"Hội nghị {v.ward}.")
    if agenda:
        parts.append("Nội dung: " + "; ".join(agenda) + ".")
    if v.agencies:
        parts.append(", ".join(v.agencies) + ".")
    if v.people:
        parts.append(" ".join(f"{name}, {role}." if role else f"{name}." for name, role in v.people))
    return spoken(" ".join(parts))


def spoken(text: str) -> str:
    """``text`` with the administrative abbreviations written as they are spoken."""
    return re.sub(r"\b(" + "|".join(SPOKEN) + r")\b", lambda m: SPOKEN[m.group(1)], text)


def tokenizer_counter(transcriber) -> "callable":
    """A ``count_tokens`` for ``build_prompt`` from a loaded ``Transcriber``."""
    tok = transcriber.model.hf_tokenizer
    return lambda text: len(tok.encode(" " + text, add_special_tokens=False).ids)
