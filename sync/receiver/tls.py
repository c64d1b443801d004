"""The receiver's TLS files: checking a certificate and key pair before serving, and making a self-signed pair."""

from __future__ import annotations

import ipaddress
import os
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sync.errors import TlsError
from sync.trust import CertInfo, cert_info, parse_certificates, read_file

__all__ = ["CERT_FILE", "DEFAULT_DAYS", "KEY_FILE", "check_server_pair", "make_self_signed", "write_cert_pair"]

CERT_FILE = "receiver.cert.pem"
KEY_FILE = "receiver.key.pem"
DEFAULT_DAYS = 825


def _load_key(data: bytes, where: str) -> PrivateKeyTypes:
    if b"PRIVATE KEY-----" not in data:
        hint = " (this looks like a certificate: give the private key)" if b"CERTIFICATE-----" in data else ""
        raise TlsError(f"{where}: no PEM private key in the file{hint}")
    try:
        return serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise TlsError(f"{where}: the private key is encrypted; give an unencrypted key (mode 0600)") from None
    except ValueError as exc:
        raise TlsError(f"{where}: malformed private key ({exc})") from None


def check_server_pair(cert_path: Path, key_path: Path) -> CertInfo:
    """Check that both files are readable, well-formed, match and load into a TLS server context."""
    cert_where, key_where = f"--tls-cert {cert_path}", f"--tls-key {key_path}"
    certs = parse_certificates(read_file(cert_path, "--tls-cert"), cert_where)
    key_data = read_file(key_path, "--tls-key")
    key = _load_key(key_data, key_where)
    if os.name == "posix" and key_path.stat().st_mode & 0o004:
        raise TlsError(f"{key_where}: the private key is readable by every user; run chmod 600 {key_path}")
    public = key.public_key()
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if public.public_bytes(*raw) != certs[0].public_key().public_bytes(*raw):
        raise TlsError(f"{key_where}: this key does not match the certificate in {cert_path}")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(str(cert_path), str(key_path))
    except ssl.SSLError as exc:
        raise TlsError(f"{cert_where}: the TLS library refuses this certificate and key ({exc.reason or exc})") \
            from None
    return cert_info(certs[0])


def _san(hosts: list[str]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            if not host or any(ch.isspace() or ch in "/:@" for ch in host):
                raise TlsError(f"--host {host!r}: give a host name (receiver.lan) or an IP address") from None
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def make_self_signed(hosts: list[str], days: int = DEFAULT_DAYS) -> tuple[bytes, bytes]:
    """A self-signed ECDSA P-256 server certificate for the given host names / IPs, and its key (both PEM)."""
    if not hosts:
        raise TlsError("--host: give at least one host name or IP address the stations will use")
    if days < 1:
        raise TlsError(f"--days {days}: must be at least 1")
    san = _san(hosts)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "HireMate receiver")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=days))
        .add_extension(san, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise TlsError(f"{path}: already exists; remove it or choose another folder with -o") from None
    except OSError as exc:
        raise TlsError(f"{path}: cannot create ({exc.strerror or exc})") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)


def write_cert_pair(directory: Path, hosts: list[str], days: int = DEFAULT_DAYS) -> tuple[Path, Path, CertInfo]:
    """Write receiver.cert.pem (0644) and receiver.key.pem (0600) into directory; never overwrite."""
    cert_pem, key_pem = make_self_signed(hosts, days)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TlsError(f"-o {directory}: cannot create the folder ({exc.strerror or exc})") from None
    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    for path in (cert_path, key_path):
        if path.exists():
            raise TlsError(f"{path}: already exists; remove it or choose another folder with -o")
    _write_new(key_path, key_pem, 0o600)
    _write_new(cert_path, cert_pem, 0o644)
    return cert_path, key_path, cert_info(x509.load_pem_x509_certificate(cert_pem))
