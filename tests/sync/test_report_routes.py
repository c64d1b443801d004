"""The receiver serves the recruiter report and the comparison (HTML or PDF) behind its read tokens."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from eventlog import Store
from sync.bundle import build_bundle
from sync.identity import load_identity
from tests.reports.station import station_with_candidates
from tests.sync.conftest import Receiver

pytestmark = pytest.mark.slow


@pytest.fixture
def held(tmp_path: Path, receiver_factory: object) -> tuple[Receiver, dict[str, str]]:
    """A receiver holding three candidates' sessions uploaded by a real station (declined ones are never exported)."""
    station = tmp_path / "branch"
    ids = station_with_candidates(station)
    receiver: Receiver = receiver_factory(enroll=[station])  # type: ignore[operator]
    with Store.in_dir(station) as store:
        for who in ("P-7K3Q", "P-5RTC", "P-2MNB"):
            data = build_bundle(store, ids[who], load_identity(station))
            response = httpx.post(receiver.url + "/api/v1/bundles", content=data, timeout=30,
                                  headers={"Content-Type": "application/zip"})
            assert response.status_code == 201, response.text
    return receiver, ids


def test_report_needs_a_token_and_comes_as_html_or_pdf(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    path = f"/api/v1/sessions/{ids['P-7K3Q']}/report"
    refused = receiver.get(path, token=None)
    assert refused.status_code == 401 and refused.json()["check"] == "token"
    html = receiver.get(path + "?role=sales_associate")
    assert html.status_code == 200 and html.headers["content-type"] == "text/html; charset=utf-8"
    assert "Candidate assessment report · Sales associate" in html.text and 'data-chart="bart-pumps"' in html.text
    pdf = receiver.get(path + "?format=pdf&paper=letter")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and b"/MediaBox [0 0 612.00 792.00]" in pdf.content
    assert receiver.get(f"/api/v1/sessions/{ids['P-9XW2']}/report").status_code == 404  # never exported


def test_comparison_needs_a_token_and_two_to_four_held_sessions(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, ids = held
    pair = f"{ids['P-7K3Q']},{ids['P-5RTC']}"
    assert receiver.get(f"/api/v1/compare?ids={pair}", token=None).status_code == 401
    page = receiver.get(f"/api/v1/compare?ids={pair}&role=operations_analyst")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Candidate comparison · Operations analyst" in page.text and "P-5RTC" in page.text
    pdf = receiver.get(f"/api/v1/compare?ids={pair}&format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    one = receiver.get(f"/api/v1/compare?ids={ids['P-7K3Q']}")
    assert one.status_code == 422 and one.json()["check"] == "report" and "2 to 4" in one.json()["detail"]
    missing = receiver.get(f"/api/v1/compare?ids={ids['P-7K3Q']},nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


@pytest.mark.parametrize(("query", "status", "text"), [
    ("?role=astronaut", 422, "unknown role 'astronaut'"),
    ("?role=../../etc/passwd", 422, "unknown role"),
    ("?format=docx", 422, "format"),
    ("?paper=a3", 422, "paper"),
    ("?lang=xx", 422, "unknown language 'xx'"),
    ("?lang=session", 422, "unknown language 'session'"),
])
def test_bad_report_requests_are_refused_by_name(held: tuple[Receiver, dict[str, str]], query: str, status: int,
                                                 text: str) -> None:
    receiver, ids = held
    response = receiver.get(f"/api/v1/sessions/{ids['P-7K3Q']}/report{query}")
    assert response.status_code == status and text in response.text
    assert receiver.get("/api/v1/sessions/nope/report").status_code == 404


def test_report_and_comparison_come_in_the_asked_language(held: tuple[Receiver, dict[str, str]]) -> None:
    """?lang= writes the page in a shipped language (Arabic right to left); English without it; each request its
    own language, however the receiver's threads interleave them (i18n.reporting_in is a context variable)."""
    receiver, ids = held
    path = f"/api/v1/sessions/{ids['P-7K3Q']}/report"
    spanish = receiver.get(path + "?lang=es&role=sales_associate")
    assert spanish.status_code == 200 and '<html lang="es">' in spanish.text
    assert "Informe de evaluación del candidato · Sales associate" in spanish.text
    assert "Candidate assessment report" not in spanish.text and "Evidence behind every figure" not in spanish.text
    arabic = receiver.get(path + "?lang=ar")
    assert '<html lang="ar" dir="rtl">' in arabic.text and "<h1>تقرير تقييم المرشح</h1>" in arabic.text
    english = receiver.get(path)
    assert '<html lang="en">' in english.text and "<h1>Candidate assessment report</h1>" in english.text
    assert "in English (en)" in english.text  # the language the candidate saw, from the session's events
    pair = f"{ids['P-7K3Q']},{ids['P-5RTC']}"
    german = receiver.get(f"/api/v1/compare?ids={pair}&lang=de&format=pdf")
    assert german.headers["content-type"] == "application/pdf" and b"/Lang (de)" in german.content
    assert "Kandidatenvergleich" in receiver.get(f"/api/v1/compare?ids={pair}&lang=de").text


def test_openapi_documents_the_report_media_types(held: tuple[Receiver, dict[str, str]]) -> None:
    receiver, _ = held
    spec = httpx.get(receiver.url + "/openapi.json", timeout=10).json()
    for path in ("/api/v1/sessions/{session_id}/report", "/api/v1/compare"):
        op = spec["paths"][path]["get"]
        assert set(op["responses"]["200"]["content"]) == {"text/html", "application/pdf"}
        assert {"401", "404", "422"} <= set(op["responses"])
        assert op["security"] == [{"readToken": []}] or op.get("security")
        assert {p["name"] for p in op["parameters"]} >= {"format", "role", "paper", "lang"}
