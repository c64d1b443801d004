"""Which receiver certificates the sync client trusts: a given CA / self-signed certificate, or the system store."""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from sync.errors import TlsError

__all__ = [
    "CertInfo",
    "cert_info",
    "client_verify",
    "load_ca_file",
    "parse_certificates",
    "read_file",
    "untrusted_reason",
]


@dataclass(frozen=True)
class CertInfo:
    """What an operator checks about a certificate: who, for which names, until when, and its fingerprint."""

    subject: str
    names: tuple[str, ...]
    not_after_utc: str
    sha256: str
    expired: bool

    def line(self) -> str:
        """One line for humans."""
        names = ", ".join(self.names) or "no subject alternative names"
        state = "EXPIRED" if self.expired else "valid until"
        return f"{self.subject} [{names}] {state} {self.not_after_utc}, SHA-256 {self.sha256}"


def cert_info(cert: x509.Certificate) -> CertInfo:
    """Subject, SAN names, expiry and SHA-256 fingerprint (colon-separated, as browsers show it)."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = tuple(str(v) for v in san.get_values_for_type(x509.DNSName)) + tuple(
            str(v) for v in san.get_values_for_type(x509.IPAddress))
    except x509.ExtensionNotFound:
        names = ()
    digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest().upper()
    not_after = cert.not_valid_after_utc
    return CertInfo(cert.subject.rfc4514_string(), names, not_after.isoformat(timespec="seconds"),
                    ":".join(digest[i : i + 2] for i in range(0, len(digest), 2)), not_after <= datetime.now(UTC))


def parse_certificates(data: bytes, where: str) -> list[x509.Certificate]:
    """Every PEM certificate in data; TlsError naming `where` if there is none or one is malformed."""
    if b"-----BEGIN CERTIFICATE-----" not in data:
        hint = " (this looks like a private key: give the certificate)" if b"PRIVATE KEY-----" in data else ""
        raise TlsError(f"{where}: no PEM certificate (-----BEGIN CERTIFICATE-----) in the file{hint}")
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise TlsError(f"{where}: malformed PEM certificate ({exc})") from None


def read_file(path: Path, where: str) -> bytes:
    """A file's bytes; TlsError naming the option and file when it is missing or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TlsError(f"{where} {path}: no such file") from None
    except IsADirectoryError:
        raise TlsError(f"{where} {path}: is a folder, not a file") from None
    except OSError as exc:
        raise TlsError(f"{where} {path}: cannot read ({exc.strerror or exc})") from None


def load_ca_file(path: Path, where: str = "--ca-file") -> str:
    """The PEM text of the certificate(s) to trust, checked to load into an SSL context."""
    data = read_file(path, where)
    parse_certificates(data, f"{where} {path}")
    text = data.decode("ascii", errors="replace")
    client_verify(text)
    return text


def client_verify(ca_pem: str | None) -> ssl.SSLContext | bool:
    """What httpx should verify with: only the given certificates, or True for the system trust store."""
    if not ca_pem:
        return True
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    try:
        context.load_verify_locations(cadata=ca_pem)
    except ssl.SSLError as exc:
        raise TlsError(f"CA certificate cannot be trusted by the TLS library ({exc.reason or exc})") from None
    return context


def untrusted_reason(exc: BaseException) -> str | None:
    """If a connection failed because the server's certificate did not verify, why (else None)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or str(seen)
        seen = seen.__cause__ or seen.__context__
    return None
