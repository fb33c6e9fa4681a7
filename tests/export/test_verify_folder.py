"""``bienban verify FOLDER``: a meeting folder stands for its signed PDFs; another folder is named as such (issue 26, item 18)."""

from __future__ import annotations

import shutil

import pytest
from export_certs import make_identity

from minutes_tui.cli import main
from minutes_tui.export.signing import Pkcs12Key, sign_pdf


def test_a_folder_without_signed_pdfs_is_named_as_a_folder(tmp_path, capsys):
    main(["sample", str(tmp_path / "meetings")])
    meeting = next((tmp_path / "meetings").iterdir())
    capsys.readouterr()
    assert main(["verify", str(meeting)]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp" not in err and "là một thư mục: hãy đưa tệp PDF đã ký" in err and "không có" in err
    other = tmp_path / "tai-lieu"
    other.mkdir()
    (other / "bien-ban-signed.pdf").write_bytes(b"%PDF-1.7\n")
    assert main(["verify", str(other)]) == 2
    assert f"\n  {other / 'bien-ban-signed.pdf'}" in capsys.readouterr().err  # what she can verify instead


@pytest.mark.office
def test_a_meeting_folder_verifies_its_signed_pdfs_against_its_recording(rendered, tmp_path, capsys):
    folder = tmp_path / "hop"
    shutil.copytree(rendered["folder"], folder)
    identity = make_identity(tmp_path / "identity")
    sign_pdf(
        rendered["pdf"], folder / "exports" / "bien-ban-signed.pdf", Pkcs12Key(identity.p12, identity.password), "Nguyễn Văn Hùng"
    )
    assert main(["verify", str(folder), "--trust", str(identity.cert_pem)]) == 0
    out = capsys.readouterr().out
    assert "Chữ ký số HỢP LỆ" in out and str(folder / "audio.wav") in out
