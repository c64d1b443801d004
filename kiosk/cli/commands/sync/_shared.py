"""What the sync commands share: the trusted receiver certificates of a PEM, one line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.trust import CertInfo

__all__ = ["ca_infos"]


def ca_infos(pem: str | None) -> list[CertInfo]:
    """What a saved / given PEM holds, one CertInfo per certificate (none: the system trust store)."""
    if not pem:
        return []
    from sync.trust import cert_info, parse_certificates

    return [cert_info(cert) for cert in parse_certificates(pem.encode(), "saved CA certificate")]
