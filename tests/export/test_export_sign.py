"""PAdES signing with a generated certificate (PKCS#12 file and a real softhsm2 token), then verify."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from export_certs import SOFTHSM_LIB, make_identity, make_token
from export_sample import write_wav

from minutes_tui.cli import main
from minutes_tui.export.errors import ExportError
from minutes_tui.export.signing import FIELD_NAME, Pkcs12Key, sign_pdf
from minutes_tui.export.verify import verify_pdf

pytestmark = pytest.mark.office  # LibreOffice renders the minutes; poppler reads them back


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    return make_identity(tmp_path_factory.mktemp("identity"))


@pytest.fixture
def signed(rendered, identity, tmp_path):
    """The rendered minutes signed with the PKCS#12 identity."""
    return sign_pdf(rendered["pdf"], tmp_path / "signed.pdf", Pkcs12Key(identity.p12, identity.password), "Nguyễn Văn Hùng")


def _cli(argv, capsys, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        rc = main([str(a) for a in argv])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_export_signs_with_p12_and_verify_finds_it_valid(meeting_dir, identity, capsys):
    rc, out, err = _cli(["export", meeting_dir, "--sign-p12", identity.p12], capsys, identity.password.decode() + "\n")
    assert rc == 0, err
    exports = meeting_dir / "exports"
    assert {p.name for p in exports.iterdir()} >= {"bien-ban.docx", "bien-ban.pdf", "bien-ban-signed.pdf"}
    assert identity.password.decode() not in "".join(
        p.read_bytes().decode("latin-1") for p in meeting_dir.rglob("*") if p.is_file()
    )
    rc, out, err = _cli(
        ["verify", exports / "bien-ban-signed.pdf", "--meeting", meeting_dir, "--trust", identity.cert_pem], capsys
    )
    assert rc == 0, out + err
    assert "Chữ ký số HỢP LỆ" in out and "Nguyễn Văn Hùng" in out
    assert "Chứng thư của người ký được tin cậy." in out
    assert "KHỚP: biên bản lập từ đúng bản ghi âm" in out


def test_one_byte_changed_makes_the_signature_invalid(signed, capsys):
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream", len(data) // 4) + 40  # inside a page's compressed content, structure intact
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))
    verdict = verify_pdf(signed)
    assert verdict.signatures and not verdict.signature_valid
    rc, out, _ = _cli(["verify", signed], capsys)
    assert rc == 1 and "KHÔNG HỢP LỆ" in out


def test_a_different_recording_is_reported_as_a_mismatch(signed, rendered, identity, tmp_path, capsys):
    other = tmp_path / "other.wav"
    write_wav(other, 2.0, tone=3)
    trust = ["--trust", identity.cert_pem]
    rc, out, _ = _cli(["verify", signed, "--audio", other, *trust], capsys)
    assert rc == 1
    assert "Chữ ký số HỢP LỆ" in out and "KHÔNG KHỚP" in out
    rc, out, _ = _cli(["verify", signed, "--audio", rendered["folder"] / "audio.wav", *trust], capsys)
    assert rc == 0 and "KHỚP: biên bản lập từ đúng bản ghi âm" in out


def _signature_field(pdf) -> tuple[int, int, tuple[float, ...]]:
    """The visible signature field: its page index, the page count, its rectangle."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(pdf, "rb") as f:
        reader = PdfFileReader(f)
        fields = [a.get_object() for a in reader.root["/AcroForm"]["/Fields"]]
        field = next(x for x in fields if x["/T"] == FIELD_NAME)
        pages = reader.root["/Pages"]["/Count"]
        page_ref = field.raw_get("/P")
        index = next(i for i in range(pages) if reader.find_page_for_modification(i)[0].idnum == page_ref.idnum)
        return index, pages, tuple(float(v) for v in field["/Rect"])


def test_visible_field_sits_in_the_chair_block(signed):
    page_index, _, (x1, y1, x2, y2) = _signature_field(signed)
    left_of_chair_column = (30 + 63) * 72 / 25.4
    assert x1 >= left_of_chair_column and x2 <= (210 - 15) * 72 / 25.4
    assert y2 - y1 >= 40 and x2 - x1 >= 150  # room for the stamp
    words = subprocess.run(["pdftotext", "-bbox", "-f", str(page_index + 1), "-l", str(page_index + 1), str(signed), "-"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', words).group(1))
    boxes = {
        w: (float(a), float(b)) for a, b, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', words)
    }
    title_top = height - boxes["TỌA"][1]
    name_top = height - boxes["Hùng"][1]
    assert name_top < y1 < y2 < title_top  # under the title and its note, above the chair's name


_SIGN_WITH_TOKEN = """
import json, sys
from pathlib import Path
from minutes_tui.export.errors import ExportError
from minutes_tui.export.signing import TokenKey, sign_pdf


lib, pdf, out = sys.argv[1:]
codes = []
for label, pin, target in (("bienban-test", "123456", out), ("bienban-test", "000000", out + ".2"),
                           ("no-such-token", "123456", out + ".3"), ("bienban-test", "123456", out)):
    try:
        sign_pdf(Path(pdf), Path(target), TokenKey(Path(lib), label, pin))
        codes.append("ok")
    except ExportError as exc:
        codes.append(exc.code)
print(json.dumps(codes))
"""


def test_pkcs11_token_signs_and_verifies(rendered, identity, tmp_path):
    # signing runs in a child process: softhsm2 reads SOFTHSM2_CONF once per process
    env = {**os.environ, **make_token(tmp_path / "hsm", identity)}
    out = tmp_path / "token-signed.pdf"
    done = subprocess.run([sys.executable, "-c", _SIGN_WITH_TOKEN, str(SOFTHSM_LIB), str(rendered["pdf"]), str(out)],
                          env=env, capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(done.stdout) == ["ok", "sign_token_pin", "sign_token_missing", "export_signed_exists"]
    verdict = verify_pdf(out, trust_roots=[identity.cert_pem])
    assert verdict.signature_valid and verdict.signatures[0].trusted
    assert not list(tmp_path.glob("token-signed.pdf.*"))


def test_a_signed_file_is_never_overwritten(signed, rendered, identity, capsys):
    before = signed.read_bytes()
    with pytest.raises(ExportError) as refused:
        sign_pdf(rendered["pdf"], signed, Pkcs12Key(identity.p12, identity.password))
    assert refused.value.code == "export_signed_exists"
    folder = rendered["folder"]
    target = folder / "exports" / "bien-ban-signed.pdf"
    shutil.copyfile(signed, target)
    rc, _, err = _cli(["export", folder, "--force", "--sign-p12", identity.p12], capsys, "x\n")
    assert rc == 2 and "không bao giờ bị ghi đè" in err
    assert signed.read_bytes() == before and target.read_bytes() == before
    target.unlink()


def test_wrong_password_is_a_vietnamese_message(rendered, identity, tmp_path, capsys):
    rc, _, err = _cli(["export", rendered["folder"], "--docx", tmp_path / "a.docx", "--pdf", tmp_path / "a.pdf",
                       "--signed", tmp_path / "a-signed.pdf", "--sign-p12", identity.p12], capsys, "sai\n")  # fmt: skip
    assert rc == 2 and "sai mật khẩu" in err and "Traceback" not in err
    assert not (tmp_path / "a-signed.pdf").exists()


def test_verify_rejects_a_file_that_is_not_a_pdf(tmp_path, capsys):
    bad = tmp_path / "bien-ban.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really a pdf\n")
    rc, _, err = _cli(["verify", bad], capsys)
    assert rc == 2 and "không phải PDF đọc được" in err and "Traceback" not in err
    rc, _, err = _cli(["verify", tmp_path / "missing.pdf"], capsys)
    assert rc == 2 and "Không tìm thấy tệp" in err


def test_an_unsigned_pdf_does_not_pass(rendered, capsys):
    rc, out, _ = _cli(["verify", rendered["pdf"], "--meeting", rendered["folder"]], capsys)
    # an unsigned file's hash is anyone's claim: it is never reported as a match
    assert rc == 1 and "Tệp không có chữ ký số." in out and "KHỚP" not in out


def test_a_later_signature_keeps_the_first_valid_but_an_appended_edit_does_not(signed, identity, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    cosigned = tmp_path / "cosigned.pdf"
    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        signer = signers.SimpleSigner.load_pkcs12(str(identity.p12), passphrase=identity.password)
        with open(cosigned, "wb") as out:
            signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ThuKy"), signer=signer, output=out)
    verdict = verify_pdf(cosigned, trust_roots=[identity.cert_pem])
    assert len(verdict.signatures) == 2 and verdict.signature_valid

    edited = tmp_path / "edited.pdf"
    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Rotate"] = generic.NumberObject(90)  # a change to the signed content, appended as a new revision
        writer.update_container(page)
        with open(edited, "wb") as out:
            writer.write(out)
    verdict = verify_pdf(edited)
    assert verdict.signatures and verdict.signatures[0].intact and not verdict.signature_valid


def test_without_poppler_the_field_goes_to_the_last_page(rendered, identity, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdftotext: the block cannot be located
    out = sign_pdf(rendered["pdf"], tmp_path / "signed.pdf", Pkcs12Key(identity.p12, identity.password))
    assert verify_pdf(out, trust_roots=[identity.cert_pem]).signature_valid
    page, pages, _ = _signature_field(out)
    assert page == pages - 1
