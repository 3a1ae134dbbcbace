"""Sending one badge request to a DIVA-protocol issuer (a loopback pytest-httpserver)."""
from __future__ import annotations

import dataclasses
import json
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from export.issuer import IssuerConfig, SendResult, check_config, check_issuer_url, parse_retry_after
from export.send import send_request
from export.request import build_badge_request, request_body
from export.signing import verify
from export_samples import CLIENT_SECRET, REQUEST_ID, SECRET, closed_port, request_input

PATH = "/badge-requests"


@pytest.fixture
def body() -> bytes:
    return request_body(build_badge_request(request_input(), request_id=REQUEST_ID))


def config_for(server: HTTPServer, **kw) -> IssuerConfig:
    return IssuerConfig(**{"kind": "diva", "url": server.url_for("/").rstrip("/"), "secret": SECRET,
                           "timeout_s": 5.0, **kw})


def answer(server: HTTPServer, status: int, payload=None, headers=None, text: str | None = None):
    data = text if text is not None else (json.dumps(payload) if payload is not None else "")
    server.expect_request(PATH, method="POST").respond_with_response(
        Response(data, status=status, headers=headers or {},
                 content_type="application/json" if text is None else "text/plain"))


def assert_no_secret(result: SendResult) -> None:
    for secret in (SECRET, CLIENT_SECRET):
        assert secret not in result.message and secret not in repr(result)


# --- URL rules and configuration ---------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://badges.example.org", "https://badges.example.org/api/", "http://localhost:8000",
    "http://127.0.0.1:5000/x", "http://127.8.9.10", "http://[::1]:8080",
])
def test_allowed_issuer_urls(url):
    assert check_issuer_url(url) is None


@pytest.mark.parametrize("url", [
    "http://badges.example.org", "http://192.168.1.10:8000", "http://10.0.0.1", "http://localhost.evil.org",
    "ftp://badges.example.org", "badges.example.org", "", "https://", "https://user:pw@badges.example.org",
    "https://badges.example.org/?token=1", "http://[::2]:80", "https://host:99999",
])
def test_refused_issuer_urls(url):
    message = check_issuer_url(url)
    assert isinstance(message, str) and message
    assert "pw" not in message


def test_secrets_never_in_repr():
    config = IssuerConfig("obf", "https://obf.example.org", secret=SECRET, client_id="cid",
                          client_secret=CLIENT_SECRET, badge_map={"O1": "b1"})
    assert SECRET not in repr(config) and CLIENT_SECRET not in repr(config)
    assert SECRET not in str(config) and "cid" in repr(config)


def test_config_checks():
    assert check_config(IssuerConfig("diva", "https://i.example.org", secret=SECRET)) is None
    assert "secret" in check_config(IssuerConfig("diva", "https://i.example.org"))
    assert "client" in check_config(IssuerConfig("badgr", "https://i.example.org"))
    assert "http" in check_config(IssuerConfig("diva", "http://i.example.org", secret=SECRET))
    with pytest.raises(ValueError):
        IssuerConfig("moodle", "https://i.example.org")


def test_plain_http_elsewhere_is_refused_without_sending(body):
    result = send_request(IssuerConfig("diva", "http://badges.example.org", secret=SECRET), body, REQUEST_ID)
    assert result.status == "refused" and result.http_status is None
    assert "https" in result.message


# --- the DIVA protocol -------------------------------------------------------------------------

def test_201_with_claim_url_and_signed_headers(httpserver, body):
    answer(httpserver, 201, {"claimUrl": "https://badges.example.org/c/Ab12"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.http_status, result.claim_url) == ("sent", 201, "https://badges.example.org/c/Ab12")
    (request, _), = httpserver.log
    assert request.get_data() == body
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"] == REQUEST_ID
    assert verify(request.get_data(), SECRET, request.headers["X-DIVA-Signature"])
    assert not verify(request.get_data(), "another secret", request.headers["X-DIVA-Signature"])
    assert SECRET not in str(request.headers) and SECRET.encode() not in request.get_data()


def test_200_without_claim_url(httpserver, body):
    answer(httpserver, 200, {"status": "duplicate"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.http_status, result.claim_url) == ("sent", 200, "")


def test_claim_url_must_be_https(httpserver, body):
    answer(httpserver, 201, {"claimUrl": "http://badges.example.org/c/1"})
    assert send_request(config_for(httpserver), body, REQUEST_ID).claim_url == ""


def test_malformed_json_on_2xx_is_still_sent(httpserver, body):
    answer(httpserver, 201, text="{not json")
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.claim_url) == ("sent", "")
    assert "not JSON" in result.message


@pytest.mark.parametrize("status", [500, 502, 503, 408, 429])
def test_server_trouble_means_retry(httpserver, body, status):
    answer(httpserver, status, {"message": "later"}, headers={"Retry-After": "120"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.http_status, result.retry_after_s) == ("retry", status, 120.0)


def test_retry_after_as_http_date(httpserver, body):
    when = datetime.now(timezone.utc) + timedelta(seconds=300)
    answer(httpserver, 503, headers={"Retry-After": format_datetime(when, usegmt=True)})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "retry"
    assert 290 <= result.retry_after_s <= 301


def test_parse_retry_after():
    now = datetime(2025, 3, 14, 10, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("Fri, 14 Mar 2025 10:01:00 GMT", now) == 60.0
    assert parse_retry_after("Fri, 14 Mar 2025 09:00:00 GMT", now) == 0.0
    assert parse_retry_after("999999999") == 86_400.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_400_is_refused_with_the_issuers_message(httpserver, body):
    answer(httpserver, 400, {"message": "Unknown competence O9"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.http_status) == ("refused", 400)
    assert "Unknown competence O9" in result.message


def test_4xx_error_field_and_plain_text(httpserver, body):
    answer(httpserver, 422, {"error": "learner too young"})
    assert "learner too young" in send_request(config_for(httpserver), body, REQUEST_ID).message
    httpserver.clear()
    answer(httpserver, 409, text="conflict: " + "x" * 1000)
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "refused" and "conflict: xxx" in result.message
    assert "x" * 301 not in result.message


def test_issuer_echoing_the_secret_is_scrubbed(httpserver, body):
    answer(httpserver, 401, {"message": f"bad secret {SECRET}"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "refused"
    assert_no_secret(result)


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirect_to_http_is_refused_and_never_followed(httpserver, body, status):
    with HTTPServer(port=0) as target:
        target.expect_request(PATH).respond_with_json({"claimUrl": "https://x.example/c"}, status=201)
        httpserver.expect_request(PATH).respond_with_response(
            Response("", status=status, headers={"Location": target.url_for(PATH)}))
        result = send_request(config_for(httpserver), body, REQUEST_ID)
        assert target.log == []
    assert (result.status, result.http_status) == ("refused", status)
    assert "redirect" in result.message and target.url_for(PATH) in result.message


def test_connection_refused_means_retry(body):
    config = IssuerConfig("diva", f"http://127.0.0.1:{closed_port()}", secret=SECRET, timeout_s=2)
    result = send_request(config, body, REQUEST_ID)
    assert (result.status, result.http_status) == ("retry", None)
    assert "could not reach" in result.message
    assert_no_secret(result)


def test_timeout_means_retry(httpserver, body):
    def slow(request):
        time.sleep(0.8)
        return Response("{}", status=201)

    httpserver.expect_request(PATH).respond_with_handler(slow)
    started = time.monotonic()
    result = send_request(config_for(httpserver, timeout_s=0.25), body, REQUEST_ID)
    assert time.monotonic() - started < 0.75
    assert result.status == "retry" and "in time" in result.message


def test_tls_failure_means_retry_with_a_clear_message(httpserver, body):
    httpserver.expect_request(PATH).respond_with_json({}, status=201)
    url = httpserver.url_for("/").rstrip("/").replace("http://", "https://")
    result = send_request(IssuerConfig("diva", url, secret=SECRET, timeout_s=3), body, REQUEST_ID)
    assert result.status == "retry"
    assert "TLS" in result.message


def test_same_request_twice_carries_same_key_and_body(httpserver, body):
    answer(httpserver, 201, {"claimUrl": "https://badges.example.org/c/1"})
    config = config_for(httpserver)
    send_request(config, body, REQUEST_ID)
    send_request(config, body, REQUEST_ID)
    (first, _), (second, _) = httpserver.log
    assert first.get_data() == second.get_data() == body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == REQUEST_ID
    assert first.headers["X-DIVA-Signature"] == second.headers["X-DIVA-Signature"]


def test_base_url_with_a_path_and_trailing_slash(httpserver, body):
    httpserver.expect_request("/api/v1" + PATH, method="POST").respond_with_json({}, status=201)
    config = IssuerConfig("diva", httpserver.url_for("/api/v1/"), secret=SECRET)
    assert send_request(config, body, REQUEST_ID).status == "sent"


def test_send_result_is_plain_data():
    assert dataclasses.asdict(SendResult("sent", 201, "ok", "https://x")) == {
        "status": "sent", "http_status": 201, "message": "ok", "claim_url": "https://x", "retry_after_s": None}


# --- an issuer's answer is untrusted -----------------------------------------------------------

def test_a_lone_surrogate_in_an_answer_is_shown_and_stored_safely(httpserver, body):
    answer(httpserver, 422, text='{"message": "refus\\ud800 \\u202eexe.txt\\u0000"}')
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "refused"
    result.message.encode("utf-8")
    assert "\u202e" not in result.message and "\x00" not in result.message and "refus" in result.message


def test_an_endless_answer_is_not_read_whole(httpserver, body):
    def endless():
        while True:
            yield b"x" * 65536
    httpserver.expect_request(PATH, method="POST").respond_with_response(
        Response(endless(), status=500, content_type="text/plain"))
    result = send_request(config_for(httpserver, timeout_s=2.0), body, REQUEST_ID)
    # read up to the cap and judged on its status, not abandoned at the deadline
    assert (result.status, result.http_status) == ("retry", 500) and len(result.message) < 400


def test_a_huge_accepted_answer_counts_as_sent_without_a_claim(httpserver, body):
    payload = json.dumps({"claimUrl": "https://badges.example.org/c/1", "pad": "x" * 200_000})
    answer(httpserver, 201, text=payload)
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.claim_url) == ("sent", "")


def test_a_claim_url_too_long_for_a_qr_code_is_not_kept(httpserver, body):
    answer(httpserver, 201, {"id": REQUEST_ID, "claimUrl": "https://badges.example.org/c/" + "a" * 5000})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "sent" and result.claim_url == "" and "claim" in result.message


def test_a_claim_url_with_unsafe_characters_is_not_kept(httpserver, body):
    answer(httpserver, 201, {"claimUrl": "https://badges.example.org/c/\u202e1"})
    assert send_request(config_for(httpserver), body, REQUEST_ID).claim_url == ""


def test_an_answer_about_another_request_is_not_a_confirmation(httpserver, body):
    answer(httpserver, 201, {"id": "urn:uuid:00000000-0000-4000-8000-000000000000",
                             "claimUrl": "https://badges.example.org/c/other"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert result.status == "retry" and result.claim_url == ""


def test_an_answer_naming_this_request_is_a_confirmation(httpserver, body):
    answer(httpserver, 201, {"id": REQUEST_ID, "status": "pending", "claimUrl": "https://badges.example.org/c/7Hq2"})
    result = send_request(config_for(httpserver), body, REQUEST_ID)
    assert (result.status, result.claim_url) == ("sent", "https://badges.example.org/c/7Hq2")
