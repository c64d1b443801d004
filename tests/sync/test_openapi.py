"""The receiver's OpenAPI document tells the truth: media types of every answer, binary upload bodies, error
bodies; and schemathesis, run against the live receiver, finds no 5xx and no answer that breaks the document.

Schemathesis (a test-only dependency) generates requests from the document itself, including invalid ones,
and checks every answer against it: status code documented, content type documented, body valid against its
schema, headers, no server error, auth enforced, invalid input refused. One check is left out:
positive_data_acceptance expects any schema-valid body to be accepted, but a bundle is "a canonical zip signed
by an enrolled station", which no JSON Schema can describe, so random binary bodies are rightly refused (400).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from sync.bundle import build_bundle
from sync.identity import load_identity
from tests.sync.conftest import Receiver, session_ids

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_MEDIA_TYPE, SEALED_MEDIA_TYPE = "application/zip", "application/vnd.hiremate.bundle+age"  # as documented
NDJSON_MEDIA_TYPE = "application/x-ndjson"
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,"
          "response_schema_conformance,negative_data_rejection,missing_required_header,unsupported_method,"
          "ignored_auth")


def _stored(station: Path, receiver: Receiver) -> str:
    sid = session_ids(station)[0]
    with Store.in_dir(station) as store:
        data = build_bundle(store, sid, load_identity(station))
    response = httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=10,
                          headers={"Content-Type": BUNDLE_MEDIA_TYPE})
    assert response.status_code == 201
    return sid


def test_the_document_names_the_real_media_types(station: Path, receiver: Receiver) -> None:
    sid = _stored(station, receiver)
    paths = receiver.get("/openapi.json").json()["paths"]
    upload = paths["/api/v1/bundles"]["post"]
    assert set(upload["requestBody"]["content"]) == {BUNDLE_MEDIA_TYPE, SEALED_MEDIA_TYPE}
    assert all(body["schema"]["format"] == "binary" for body in upload["requestBody"]["content"].values())
    assert {"400", "403", "408", "409", "413", "415", "422"} <= set(upload["responses"])
    for path, media_type in (("events", NDJSON_MEDIA_TYPE), ("bundle", BUNDLE_MEDIA_TYPE)):
        responses = paths[f"/api/v1/sessions/{{session_id}}/{path}"]["get"]["responses"]
        assert list(responses["200"]["content"]) == [media_type]
        assert all(list(responses[code]["content"]) == ["application/json"] for code in ("401", "404", "409"))
        answer = receiver.get(f"/api/v1/sessions/{sid}/{path}")
        assert answer.headers["content-type"].split(";")[0] == media_type
    refused = httpx.post(receiver.url + "/api/v1/bundles", content=b"{}", timeout=10,
                         headers={"Content-Type": "application/json"})
    assert refused.status_code == 415 and refused.json()["check"] == "media_type"


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_document(
    station: Path, receiver: Receiver, tmp_path: Path
) -> None:
    sid = _stored(station, receiver)
    config = tmp_path / "schemathesis.toml"
    config.write_text(f'[parameters]\n"path.session_id" = "{sid}"\n')
    command = [str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(config), "run",
               receiver.url + "/openapi.json", "--checks", CHECKS, "--max-examples", "25",
               "--seed", "11", "--request-timeout", "20", "-H", f"Authorization: Bearer {receiver.token}"]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.sync.schemathesis_hooks", "PYTHONPATH": str(ROOT),
           "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, env=env, cwd=tmp_path)  # hard limit
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    paths = receiver.get("/openapi.json").json()["paths"]
    operations = sum(len(methods) for methods in paths.values())  # every operation the document names is tested
    assert f"Tested: {operations}" in result.stdout and " passed" in result.stdout, result.stdout[-3000:]
    assert receiver.get("/api/v1/sessions").json()[0]["session_id"] == sid
