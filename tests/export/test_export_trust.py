"""Attacks on signed minutes: a forged signer, a re-pointed recording, a later edit, no trust root."""

from __future__ import annotations

import io
import sys

import pytest
from export_certs import make_identity
from export_sample import write_wav

from minutes_tui.cli import main
from minutes_tui.export.signing import Pkcs12Key, sign_pdf
from minutes_tui.export.verify import verify_pdf


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    """No configured ward roots unless a test puts some there."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    """The chairman's genuine identity (its certificate is the ward's root)."""
    return make_identity(tmp_path_factory.mktemp("ward"))


@pytest.fixture(scope="module")
def forger(tmp_path_factory):
    """Somebody's self-made certificate carrying the chairman's name."""
    return make_identity(tmp_path_factory.mktemp("forger"), common_name="Nguyễn Văn Hùng")


@pytest.fixture
def signed(rendered, ward, tmp_path):
    return sign_pdf(rendered["pdf"], tmp_path / "signed.pdf", Pkcs12Key(ward.p12, ward.password), "Nguyễn Văn Hùng")


def _cli(argv, capsys) -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        rc = main([str(a) for a in argv])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    return rc, out.out, out.err


def _repoint_info(signed, target, digest: str) -> None:
    """An incremental update after signing that writes another recording's hash into /Info."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(f, strict=False)
        info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else generic.DictionaryObject()
        info["/Keywords"] = generic.TextStringObject(f"audio-sha256 {digest}")
        if "/Info" in writer.trailer:
            writer.update_container(info)
        else:
            writer.set_info(info)
        with open(target, "wb") as out:
            writer.write(out)


def test_a_forged_signer_with_the_chairmans_name_fails(rendered, ward, forger, tmp_path, capsys):
    forged = sign_pdf(rendered["pdf"], tmp_path / "forged.pdf", Pkcs12Key(forger.p12, forger.password), "Nguyễn Văn Hùng")
    rc, out, _ = _cli(["verify", forged, "--audio", rendered["folder"] / "audio.wav", "--trust", ward.cert_pem], capsys)
    assert rc != 0
    assert "không xác minh được người ký" in out.lower()
    assert "--trust" not in out  # it was given: never suggest it again
    assert "HỢP LỆ" not in out and "KHỚP" not in out  # the forger's claims are not repeated as facts


def test_without_any_trust_root_the_signer_is_not_verified(signed, capsys):
    rc, out, _ = _cli(["verify", signed], capsys)
    assert rc != 0 and "không xác minh được người ký" in out.lower()


def test_a_configured_ward_root_folder_is_a_trust_root(signed, ward, tmp_path, capsys):
    roots = tmp_path / "config" / "bienban" / "trust-roots"
    roots.mkdir(parents=True)
    (roots / "ward.pem").write_bytes(ward.cert_pem.read_bytes())
    rc, out, _ = _cli(["verify", signed], capsys)
    assert rc == 0, out
    assert "Chứng thư của người ký được tin cậy." in out


def test_minutes_repointed_to_another_recording_fail(signed, rendered, ward, tmp_path, capsys):
    other = tmp_path / "other.wav"
    write_wav(other, 2.0, tone=3)
    from minutes_tui.export.from_meeting import audio_sha256

    attacked = tmp_path / "repointed.pdf"
    _repoint_info(signed, attacked, audio_sha256(other))
    rc, out, _ = _cli(["verify", attacked, "--audio", other, "--trust", ward.cert_pem], capsys)
    assert rc != 0, out
    assert "không bị sửa" not in out and "KHÔNG HỢP LỆ" in out
    assert "KHỚP: biên bản lập từ đúng bản ghi âm" not in out
    # the hash printed is the one in the signed revision: the genuine recording's
    genuine = audio_sha256(rendered["folder"] / "audio.wav")
    assert verify_pdf(attacked, trust_roots=[ward.cert_pem]).recorded_sha256 == genuine


def test_the_genuine_minutes_pass_under_their_root(signed, rendered, ward, capsys):
    rc, out, _ = _cli(["verify", signed, "--audio", rendered["folder"] / "audio.wav", "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    assert "Chữ ký số HỢP LỆ" in out and "KHỚP: biên bản lập từ đúng bản ghi âm" in out


def test_a_later_revision_is_never_called_untouched(signed, ward, tmp_path, capsys):
    """A co-signature after the chairman's is allowed, but verify says a revision came after."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    cosigned = tmp_path / "cosigned.pdf"
    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        signer = signers.SimpleSigner.load_pkcs12(str(ward.p12), passphrase=ward.password)
        with open(cosigned, "wb") as out:
            signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ThuKy"), signer=signer, output=out)
    rc, out, _ = _cli(["verify", cosigned, "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    first = out.splitlines()[0]
    assert "tệp không bị sửa sau khi ký" not in first and "chỉ được thêm chữ ký số khác" in first


def test_sign_the_chairmans_own_pdf_then_verify_like_an_exported_one(rendered, ward, tmp_path, capsys):
    """He edits the DOCX in Word and saves his own PDF: only its text carries the recording's hash."""
    import docx

    from minutes_tui.export.pdf import convert_to_pdf

    own_docx = tmp_path / "chu-tich.docx"
    doc = docx.Document(rendered["docx"])
    doc.core_properties.keywords = ""
    doc.core_properties.comments = ""
    doc.save(own_docx)
    own = convert_to_pdf(own_docx, tmp_path / "chu-tich.pdf")
    from minutes_tui.export.from_meeting import audio_sha256
    from minutes_tui.export.revisions import digest_in_text, recorded_digest

    genuine = audio_sha256(rendered["folder"] / "audio.wav")
    assert digest_in_text(own.read_bytes()) == genuine == recorded_digest(own.read_bytes())  # found in the text alone
    old = sys.stdin
    sys.stdin = io.StringIO(ward.password.decode() + "\n")
    try:
        rc = main(["sign", str(own), "--sign-p12", str(ward.p12)])
    finally:
        sys.stdin = old
    out = capsys.readouterr()
    assert rc == 0, out.err
    signed = tmp_path / "chu-tich-signed.pdf"
    rc, out, _ = _cli(["verify", signed, "--meeting", rendered["folder"], "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    assert "KHỚP: biên bản lập từ đúng bản ghi âm" in out


def test_signing_a_pdf_that_names_no_recording_is_refused(ward, tmp_path, capsys):
    from pyhanko.pdf_utils.writer import PdfFileWriter

    from minutes_tui.export.errors import ExportError
    from minutes_tui.export.signing import sign_own_pdf

    blank = tmp_path / "blank.pdf"
    writer = PdfFileWriter()
    with open(blank, "wb") as f:
        writer.write(f)
    with pytest.raises(ExportError) as refused:
        sign_own_pdf(blank, Pkcs12Key(ward.p12, ward.password))
    assert refused.value.code == "sign_no_digest" and not (tmp_path / "blank-signed.pdf").exists()


def test_signing_and_verifying_never_reach_the_network(rendered, ward, tmp_path, monkeypatch, capsys):
    import socket

    tried = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise OSError("network disabled by the test")

    for name in ("getaddrinfo", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    signed = sign_pdf(rendered["pdf"], tmp_path / "s.pdf", Pkcs12Key(ward.p12, ward.password), "Nguyễn Văn Hùng")
    rc, out, _ = _cli(["verify", signed, "--meeting", rendered["folder"], "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    assert tried == []


def test_long_term_validation_data_added_after_signing_keeps_it_valid(signed, ward, tmp_path, capsys):
    """A DSS appended after signing (what LTV adds) is not a change; verify says a revision followed."""
    import shutil

    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    ltv = tmp_path / "ltv.pdf"
    shutil.copyfile(signed, ltv)
    cert = x509.Certificate.load(pem.unarmor(ward.cert_pem.read_bytes())[2])
    with open(ltv, "r+b") as f:
        contents = PdfFileReader(f).embedded_signatures[0].pkcs7_content
        DocumentSecurityStore.add_dss(f, contents, certs=[cert], force_write=True)
    rc, out, _ = _cli(["verify", ltv, "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    assert "chỉ được thêm" in out.splitlines()[0]


def test_a_document_timestamp_after_signing_keeps_it_valid(signed, ward, tmp_path, capsys):
    from asn1crypto import keys, pem, x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert = x509.Certificate.load(pem.unarmor(ward.cert_pem.read_bytes())[2])
    key = keys.PrivateKeyInfo.load(pem.unarmor(ward.key_pem.read_bytes())[2])
    stamped = tmp_path / "stamped.pdf"
    with open(signed, "rb") as f, open(stamped, "wb") as out:
        stamper = signers.PdfTimeStamper(DummyTimeStamper(cert, key))
        stamper.timestamp_pdf(IncrementalPdfFileWriter(f), "sha256", output=out)
    rc, out, _ = _cli(["verify", stamped, "--trust", ward.cert_pem], capsys)
    assert rc == 0, out
    assert "chỉ được thêm" in out.splitlines()[0]
