"""The verdict of ``verify`` as Vietnamese sentences, each one true of the file checked."""

from __future__ import annotations

from bienban_base import clock
from minutes_tui import texts
from minutes_tui.export.trust import ward_roots_dir
from minutes_tui.export.verify import SignatureCheck, Verdict


def _signature_lines(sig: SignatureCheck, verdict: Verdict) -> list[str]:
    when = clock.to_local(sig.signed_at).strftime("%d/%m/%Y %H:%M") if sig.signed_at else "?"
    if not sig.intact:
        return [texts.VERIFY_SIGNATURE_BROKEN]
    if not sig.untouched:
        if sig.appended:
            what = texts.VERIFY_APPENDED
        else:
            what = texts.VERIFY_CHANGED_METADATA if sig.metadata_changed else texts.VERIFY_CHANGED_CONTENT
        return [texts.VERIFY_SIGNATURE_INVALID.format(detail=what)]
    if not sig.trusted:
        if verdict.roots == 0:
            reason = texts.VERIFY_NO_ROOTS.format(folder=ward_roots_dir())
        else:
            reason = texts.VERIFY_NOT_CHAINED
        return [texts.VERIFY_SIGNER_UNVERIFIED.format(signer=sig.signer, reason=reason)]
    first = texts.VERIFY_SIGNATURE_VALID_LATER if sig.later_revisions else texts.VERIFY_SIGNATURE_VALID
    return [first.format(signer=sig.signer, when=when), texts.VERIFY_TRUSTED]


def verdict_lines(verdict: Verdict) -> list[str]:
    """What ``verify`` prints, in order."""
    lines: list[str] = []
    if not verdict.signatures and not verdict.problems:
        lines.append(texts.VERIFY_NO_SIGNATURE)
    lines += [texts.VERIFY_SIGNATURE_INVALID.format(detail=texts.VERIFY_DAMAGED) for _ in verdict.problems]
    count = len(verdict.signatures)
    for n, sig in enumerate(verdict.signatures, 1):
        own = _signature_lines(sig, verdict)
        if count > 1:  # which signature each verdict is about: one may hold while another does not
            own[0] = texts.VERIFY_SIGNATURE_NUMBER.format(n=n, count=count) + own[0]
        lines += own
    if verdict.recorded_sha256:
        lines.append(texts.VERIFY_AUDIO_RECORDED.format(digest=verdict.recorded_sha256))
    matches = verdict.audio_matches
    if verdict.audio_path is not None and matches is None:
        lines.append(texts.VERIFY_AUDIO_UNKNOWN)
    elif matches is True and verdict.signature_valid:
        lines.append(texts.VERIFY_AUDIO_MATCH.format(path=verdict.audio_path))
    elif matches is True:  # the same hash, but stated by a signature that does not hold
        lines.append(texts.VERIFY_AUDIO_SAME_UNPROVEN.format(path=verdict.audio_path))
    elif matches is False:
        lines.append(texts.VERIFY_AUDIO_MISMATCH.format(
            expected=verdict.recorded_sha256, path=verdict.audio_path, actual=verdict.audio_sha256))  # fmt: skip
    return lines
