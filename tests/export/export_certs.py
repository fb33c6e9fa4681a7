"""Test signing material made on the spot: a self-signed certificate, a PKCS#12 file, a softhsm2 token."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SOFTHSM_LIB = Path("/usr/lib/softhsm/libsofthsm2.so")


@dataclass(frozen=True)
class TestIdentity:
    """A key and its self-signed certificate, in the files the tests need."""

    cert_pem: Path
    """The certificate (PEM), used as the trust root."""
    key_pem: Path
    """The private key (PKCS#8 PEM, unencrypted)."""
    p12: Path
    """Certificate and key in PKCS#12, protected by ``password``."""
    password: bytes
    """The PKCS#12 password."""


def make_identity(folder: Path, common_name: str = "Nguyễn Văn Hùng") -> TestIdentity:
    """A 2048-bit RSA key with a self-signed signing certificate valid from 2020 to 2049 (a fixed window:
    the tests read no wall clock, and pyHanko checks it against the real time whatever day they run)."""
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2049, 12, 31, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    password = b"mat-khau-thu"
    ident = TestIdentity(folder / "cert.pem", folder / "key.pem", folder / "signer.p12", password)
    ident.cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    ident.key_pem.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    ident.p12.write_bytes(
        pkcs12.serialize_key_and_certificates(b"signer", key, cert, None, serialization.BestAvailableEncryption(password))
    )
    return ident


def make_token(folder: Path, ident: TestIdentity, label: str = "bienban-test", pin: str = "123456") -> dict[str, str]:
    """A softhsm2 token in ``folder`` holding ``ident``'s key and certificate (label ``signer``).

    Returns the environment (``SOFTHSM2_CONF``) a process needs to see the token.
    """
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    run = lambda *args: subprocess.run(args, env=env, check=True, capture_output=True)  # noqa: E731
    run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "654321")
    run("softhsm2-util", "--import", str(ident.key_pem), "--token", label, "--label", "signer", "--id", "01", "--pin", pin)
    _store_certificate(label, pin, x509.load_pem_x509_certificate(ident.cert_pem.read_bytes()), conf)
    return {"SOFTHSM2_CONF": str(conf)}


_STORE_CERTIFICATE = """
import sys
import pkcs11
from pkcs11 import Attribute, CertificateType, ObjectClass

lib, label, pin, der, subject = sys.argv[1:]
token = pkcs11.lib(lib).get_token(token_label=label)
with token.open(user_pin=pin, rw=True) as session:
    session.create_object({
        Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
        Attribute.TOKEN: True, Attribute.LABEL: "signer", Attribute.ID: b"\\x01",
        Attribute.VALUE: open(der, "rb").read(), Attribute.SUBJECT: bytes.fromhex(subject),
    })
"""


def _store_certificate(label: str, pin: str, cert: x509.Certificate, conf: Path) -> None:
    """Put the certificate beside its key on the token (softhsm2-util imports keys only).

    In a child process: a PKCS#11 module reads its configuration once per process, so loading
    softhsm2 here would pin this test process to one token folder.
    """
    der = conf.with_name("cert.der")
    der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    args = [str(SOFTHSM_LIB), label, pin, str(der), cert.subject.public_bytes().hex()]
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run([sys.executable, "-c", _STORE_CERTIFICATE, *args], env=env, check=True, capture_output=True)
