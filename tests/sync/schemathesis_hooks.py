"""Schemathesis hooks for the receiver's tests (SCHEMATHESIS_HOOKS=tests.sync.schemathesis_hooks): send the
binary upload media types as raw bytes, like application/octet-stream."""

from __future__ import annotations

import schemathesis

schemathesis.serializer.alias(["application/zip", "application/vnd.hiremate.bundle+age"], "application/octet-stream")
