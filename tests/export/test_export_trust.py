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


# --- further attacks (audit of issue 13): what else an attacker may append after the chairman signed


def _incremental(signed, target, change) -> None:
    """Append one incremental update made by ``change(writer)`` to a copy of ``signed``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(f, strict=False)
        change(writer)
        with open(target, "wb") as out:
            writer.write(out)


def _free_text(writer, text: str = "Đã sửa: xem bản ghi khác"):
    """A FreeText annotation on the first page: shown on the page like printed text."""
    from pyhanko.pdf_utils import generic

    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (50, 50, 400, 90)]),
            generic.NameObject("/Contents"): generic.TextStringObject(text),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            generic.NameObject("/P"): page_ref,
        }
    )
    ref = writer.add_object(annot)
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else generic.ArrayObject()
    annots.append(ref)
    page[generic.NameObject("/Annots")] = annots
    writer.update_container(page)


def test_an_annotation_added_after_signing_fails(signed, ward, tmp_path, capsys):
    attacked = tmp_path / "annotated.pdf"
    _incremental(signed, attacked, _free_text)
    rc, out, _ = _cli(["verify", attacked, "--trust", ward.cert_pem], capsys)
    assert rc == 1, out
    assert "không bị sửa" not in out and "KHÔNG HỢP LỆ" in out


def test_xmp_keywords_repointed_after_signing_fail(signed, rendered, ward, tmp_path, capsys):
    """A new XMP stream naming another recording: the hash still comes from the signed revision."""
    from pyhanko.pdf_utils import generic

    from minutes_tui.export.from_meeting import audio_sha256

    other = tmp_path / "other.wav"
    write_wav(other, 2.0, tone=5)
    forged = audio_sha256(other)
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        f'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Keywords>audio-sha256 {forged}</pdf:Keywords>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()

    def change(writer):
        writer._update_meta = lambda: None  # pyHanko would write its own XMP over ours
        stream = generic.StreamObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Metadata"),
                generic.NameObject("/Subtype"): generic.NameObject("/XML"),
            },
            stream_data=xmp,
        )
        writer.root[generic.NameObject("/Metadata")] = writer.add_object(stream)
        writer.update_root()

    attacked = tmp_path / "xmp.pdf"
    _incremental(signed, attacked, change)
    assert forged.encode() in attacked.read_bytes()  # the forged XMP is in the file
    rc, out, _ = _cli(["verify", attacked, "--audio", other, "--trust", ward.cert_pem], capsys)
    assert rc == 1, out
    assert "không bị sửa" not in out and "KHỚP: biên bản lập từ đúng bản ghi âm" not in out
    assert "thông tin mô tả của tệp" in out  # said for what it is: the metadata changed after signing
    assert verify_pdf(attacked, trust_roots=[ward.cert_pem]).recorded_sha256 == audio_sha256(rendered["folder"] / "audio.wav")


def test_a_second_signature_by_an_untrusted_signer_fails(signed, forger, ward, tmp_path, capsys):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    cosigned = tmp_path / "forger-cosigned.pdf"
    with open(signed, "rb") as f, open(cosigned, "wb") as out:
        signer = signers.SimpleSigner.load_pkcs12(str(forger.p12), passphrase=forger.password)
        signers.sign_pdf(IncrementalPdfFileWriter(f), signers.PdfSignatureMetadata(field_name="X"), signer=signer, output=out)
    rc, out, _ = _cli(["verify", cosigned, "--trust", ward.cert_pem], capsys)
    assert rc == 1 and "không xác minh được người ký" in out.lower(), out


def test_a_trusted_co_signature_that_also_adds_an_annotation_fails(signed, ward, tmp_path, capsys):
    """A later signature may be added; content slipped into the same revision may not."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    cosigned = tmp_path / "cosigned-annotated.pdf"
    with open(signed, "rb") as f, open(cosigned, "wb") as out:
        writer = IncrementalPdfFileWriter(f)
        _free_text(writer)
        signer = signers.SimpleSigner.load_pkcs12(str(ward.p12), passphrase=ward.password)
        signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ThuKy"), signer=signer, output=out)
    rc, out, _ = _cli(["verify", cosigned, "--trust", ward.cert_pem], capsys)
    assert rc == 1, out
    chairman, secretary = out.splitlines()[:2]
    assert chairman.startswith("Chữ ký 1/2: Chữ ký số KHÔNG HỢP LỆ") and "bị sửa sau khi ký" in chairman
    assert secretary.startswith("Chữ ký 2/2: Chữ ký số HỢP LỆ")  # true of the co-signature alone, and said of it


@pytest.mark.parametrize("tail", [b"PK\x03\x04 a zip or a script riding on the signed file", b"\n1 0 obj\n(x)\nendobj\n%%EOF\n"])
def test_bytes_appended_after_the_signed_file_fail(signed, ward, tmp_path, capsys, tail):
    """pyHanko finds no revision in an appended tail, so nothing checks it: verify refuses it."""
    attacked = tmp_path / "appended.pdf"
    attacked.write_bytes(signed.read_bytes() + tail)
    rc, out, err = _cli(["verify", attacked, "--trust", ward.cert_pem], capsys)
    assert rc != 0, out
    assert "không bị sửa" not in out and ("nối vào cuối tệp" in out or "không phải PDF đọc được" in err), (out, err)


def test_line_ends_after_the_signed_file_keep_it_valid(signed, ward, tmp_path, capsys):
    padded = tmp_path / "padded.pdf"
    padded.write_bytes(signed.read_bytes() + b"\r\n\n")
    rc, out, _ = _cli(["verify", padded, "--trust", ward.cert_pem], capsys)
    assert rc == 0, out


def test_the_recordings_hash_is_read_from_the_revisions_xmp(tmp_path):
    """A PDF whose only statement of the recording is its XMP metadata (as Word writes keywords)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    from minutes_tui.export.revisions import recorded_digest

    digest = "ab" * 32
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Keywords>audio-sha256 {digest}</pdf:Keywords></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    writer = PdfFileWriter()
    writer._update_meta = lambda: None  # pyHanko would write its own XMP over ours
    meta = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/Metadata")}, stream_data=xmp)
    writer.root[generic.NameObject("/Metadata")] = writer.add_object(meta)
    out = io.BytesIO()
    writer.write(out)
    assert recorded_digest(out.getvalue()) == digest


def test_a_trust_file_that_is_not_a_certificate_stops_verify(signed, tmp_path, capsys):
    bogus = tmp_path / "root.pem"
    bogus.write_text("không phải chứng thư", encoding="utf-8")
    rc, out, err = _cli(["verify", signed, "--trust", bogus], capsys)
    assert rc == 2 and "không phải chứng thư số" in err and "Traceback" not in err
    assert "HỢP LỆ" not in out
