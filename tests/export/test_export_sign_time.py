"""Issue 24: signed on a laptop set to UTC, the minutes' visible signature and ``verify`` show Vietnam's hours."""

from __future__ import annotations

import io
import os
import re
import sys
import time
from datetime import UTC, datetime

import pytest
from export_certs import make_identity

from bienban_base import clock
from minutes_tui.cli import main
from minutes_tui.export.signing import Pkcs12Key, sign_pdf

pytestmark = pytest.mark.office  # the minutes rendered by LibreOffice, then signed


@pytest.fixture
def utc_laptop():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def _stamp_text(pdf) -> str:
    """The content of the signature widget's appearance (its text drawn in the ASCII fallback font)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(pdf, "rb") as f:
        reader = PdfFileReader(f)
        for field in reader.root["/AcroForm"]["/Fields"]:
            field = field.get_object()
            if field.get("/FT") == "/Sig":
                stream = field["/AP"]["/N"].get_object().data.decode("latin-1")
                return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), stream)  # PDF's octal escapes
    raise AssertionError("no signature field")


def test_signed_on_a_utc_laptop_the_stamp_and_verify_show_vietnam_time(rendered, tmp_path, utc_laptop, monkeypatch, capsys):
    monkeypatch.setattr("minutes_tui.export.stamp.STAMP_FONTS", ())  # ASCII text in the stream, readable here
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ward = make_identity(tmp_path / "ward")
    before = datetime.now(UTC)  # pyHanko dates the signature by the real clock, not the product's
    signed = sign_pdf(rendered["pdf"], tmp_path / "signed.pdf", Pkcs12Key(ward.p12, ward.password), "Nguyễn Văn Hùng")
    after = datetime.now(UTC)
    shown = {f"{clock.to_local(t):%d/%m/%Y %H:%M}" for t in (before, after)}  # the minute may turn meanwhile
    stamp = _stamp_text(signed)
    assert any(f"Date: {when}" in stamp for when in shown), stamp

    old, sys.stdin = sys.stdin, io.StringIO("")
    try:
        main(["verify", str(signed), "--trust", str(ward.cert_pem)])
    finally:
        sys.stdin = old
    out = capsys.readouterr().out
    assert any(when in out for when in shown), out
