"""Open Badge Factory and Badgr adapters against local servers that answer as their API docs say."""
from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from werkzeug import Request, Response

from export.adapters import lookup_badge_id, send_with_adapter
from export.issuer import IssuerConfig
from export.send import send_request
from export.outbox import MemoryOutbox, deliver
from export.request import build_badge_request, request_body
from export_samples import CLIENT_SECRET, CREATED_AT, EMAIL, REQUEST_ID, closed_port

CLIENT_ID = "diva-client-42"


def _json(payload, status=200, headers=None):
    return Response(json.dumps(payload), status=status, headers=headers or {}, content_type="application/json")


class FakeApi:
    """An issuer API on the local server: a token endpoint and one endpoint that issues, both POST; what it
    was sent (`token_requests`, `sent`) and the tokens it gave (`valid`). It answers 401 with `unauthorised`
    to the `refused` tokens (expired), and a failing status with `failed`."""

    def __init__(self, server, token_path: str, issue_path: str, statuses=(), refused=(), unauthorised=None,
                 failed=None):
        self.valid: set[str] = set()
        self.refused = set(refused)
        self.unauthorised, self.failed = unauthorised, failed
        self.statuses = list(statuses)      # answers to give the next issue requests (201 goes on)
        self.token_requests: list[dict] = []
        self.sent: list[tuple[str, str, dict]] = []
        server.expect_request(token_path, method="POST").respond_with_handler(self.token)
        server.expect_request(re.compile(issue_path), method="POST").respond_with_handler(self.issue)

    def form(self, request: Request) -> dict:
        self.token_requests.append(request.form.to_dict())
        return self.token_requests[-1]

    def issue(self, request: Request):
        """401 without a valid token, the next failing status if one is due, else what the API answers."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if token not in self.valid or token in self.refused:
            return _json(self.unauthorised, 401)
        status = self.statuses.pop(0) if self.statuses else 201
        if status != 201:
            return _json(self.failed, status)
        return self.answer(request, token)


class FakeObf(FakeApi):
    """OBF: client_credentials token at /v1/client/oauth2/token, POST /v1/badge/{client}/{badge} -> 201 + Location."""

    def __init__(self, server, tokens=("tok-1",), rejected=(), issue_status=()):
        self.tokens = list(tokens)
        super().__init__(server, "/v1/client/oauth2/token", f"^/v1/badge/{CLIENT_ID}/[^/]+$", issue_status,
                         refused=rejected, unauthorised={"error": "invalid_token"}, failed={"error": "server error"})
        self.issued = self.sent

    def token(self, request: Request):
        if self.form(request) != {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}:
            return _json({"error": "invalid_client"}, 401)
        token = self.tokens.pop(0) if len(self.tokens) > 1 else self.tokens[0]
        self.valid.add(token)
        return _json({"access_token": token, "token_type": "bearer", "expires_in": 3600})

    def answer(self, request: Request, token: str):
        badge_id = request.path.rsplit("/", 1)[1]
        self.issued.append((token, badge_id, request.get_json()))
        return Response("", status=201, headers={"Location": f"/v1/event/{CLIENT_ID}/EVT{len(self.issued)}"})


class FakeBadgr(FakeApi):
    """Badgr v2: token at /o/token (client_credentials, refresh_token), POST /v2/badgeclasses/{id}/assertions."""

    def __init__(self, server, expired=("acc-1",), assertion_status=()):
        self.count = 0
        super().__init__(server, "/o/token", r"^/v2/badgeclasses/[^/]+/assertions$", assertion_status,
                         refused=expired, unauthorised={"detail": "Authentication credentials were not provided."},
                         failed={"status": {"success": False, "description": "busy"}})
        self.assertions = self.sent

    def token(self, request: Request):
        form = self.form(request)
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return _json({"error": "invalid_client"}, 401)
        if form["grant_type"] == "refresh_token" and not form.get("refresh_token", "").startswith("ref-"):
            return _json({"error": "invalid_grant"}, 400)
        self.count += 1
        access = f"acc-{self.count}"
        self.valid.add(access)
        return _json({"access_token": access, "refresh_token": f"ref-{self.count}", "token_type": "Bearer",
                      "expires_in": 86400, "scope": "rw:issuer"})

    def answer(self, request: Request, token: str):
        entity = request.path.split("/")[3]
        self.assertions.append((token, entity, request.get_json()))
        n = len(self.assertions)
        return _json({"status": {"success": True, "description": "ok"},
                      "result": [{"entityId": f"AS{n}", "badgeclass": entity,
                                  "openBadgeId": f"https://api.badgr.example/public/assertions/AS{n}"}]}, 201)


def config(server, kind, badge_map=None, **kw):
    return IssuerConfig(kind, server.url_for("/").rstrip("/"), client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                        badge_map=badge_map if badge_map is not None else {"O1:2": "B-O1-2", "C3": "B-C3"},
                        timeout_s=5, **kw)


@pytest.fixture
def request_dict(validated_input):
    return build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)


def test_badge_map_falls_back_to_the_competence():
    badge_map = {"O1:2": "exact", "O1": "any-level"}
    assert lookup_badge_id(badge_map, "O1", 2) == "exact"
    assert lookup_badge_id(badge_map, "O1", 3) == "any-level"
    assert lookup_badge_id(badge_map, "C3", 3) is None


# --- Open Badge Factory -----------------------------------------------------------------------

def test_obf_issues_each_credential(httpserver, request_dict):
    obf = FakeObf(httpserver)
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("sent", 201)
    assert [badge for _, badge, _ in obf.issued] == ["B-O1-2", "B-C3"]
    assert obf.token_requests == [{"grant_type": "client_credentials", "client_id": CLIENT_ID,
                                   "client_secret": CLIENT_SECRET}]
    payload = obf.issued[0][2]
    assert payload["recipient"] == [EMAIL]
    assert payload["issued_on"] == int(datetime.fromisoformat(CREATED_AT.replace("Z", "+00:00")).timestamp())
    assert payload["email_subject"] == request_dict["credentials"][0]["name"]
    assert payload["email_body"]
    assert payload["log_entry"]["requestId"] == REQUEST_ID
    assert f"/v1/event/{CLIENT_ID}/EVT2" in result.message
    assert CLIENT_SECRET not in result.message and "tok-1" not in result.message


def test_obf_fetches_a_new_token_once_on_401(httpserver, request_dict):
    obf = FakeObf(httpserver, tokens=("tok-old", "tok-new"), rejected={"tok-old"})
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email=EMAIL)
    assert result.status == "sent"
    assert len(obf.token_requests) == 2
    assert [token for token, _, _ in obf.issued] == ["tok-new", "tok-new"]


def test_obf_gives_up_after_one_refresh(httpserver, request_dict):
    obf = FakeObf(httpserver, tokens=("t1", "t2", "t3"), rejected={"t1", "t2", "t3"})
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("refused", 401)
    assert len(obf.token_requests) == 2 and obf.issued == []


def test_email_issuers_need_an_email(httpserver, request_dict):
    obf = FakeObf(httpserver)
    for kind, name in (("obf", "Open Badge Factory"), ("badgr", "Badgr")):
        result = send_with_adapter(config(httpserver, kind), request_dict, recipient_email="  ")
        assert result.status == "refused"
        assert name in result.message and "email" in result.message
    assert httpserver.log == [] and obf.issued == []


def test_the_email_must_be_the_one_hashed_in_the_request(httpserver, request_dict):
    FakeObf(httpserver)
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email="other@example.org")
    assert result.status == "refused" and "not the one" in result.message
    assert httpserver.log == []


def test_unmapped_competence_is_refused_before_issuing_anything(httpserver, request_dict):
    obf = FakeObf(httpserver)
    result = send_with_adapter(config(httpserver, "obf", {"O1": "B-O1"}), request_dict, recipient_email=EMAIL)
    assert result.status == "refused" and "C3:3" in result.message
    assert obf.issued == [] and httpserver.log == []


def test_bad_client_credentials_are_refused_clearly(httpserver, request_dict):
    FakeObf(httpserver)
    cfg = IssuerConfig("obf", httpserver.url_for("/").rstrip("/"), client_id="wrong", client_secret=CLIENT_SECRET,
                       badge_map={"O1": "a", "C3": "b"})
    result = send_with_adapter(cfg, request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("refused", 401)
    assert "client id" in result.message and "invalid_client" in result.message
    assert CLIENT_SECRET not in result.message


def test_unreachable_issuer_means_retry(request_dict):
    cfg = IssuerConfig("obf", f"http://127.0.0.1:{closed_port()}", client_id=CLIENT_ID,
                       client_secret=CLIENT_SECRET, badge_map={"O1": "a", "C3": "b"}, timeout_s=2)
    result = send_with_adapter(cfg, request_dict, recipient_email=EMAIL)
    assert result.status == "retry" and "Open Badge Factory" in result.message


def test_obf_server_error_before_any_issue_is_retried(httpserver, request_dict):
    obf = FakeObf(httpserver, issue_status=[503])
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("retry", 503)
    assert obf.issued == []


def test_failure_after_a_partial_issue_is_never_retried(httpserver, request_dict):
    obf = FakeObf(httpserver, issue_status=[201, 503])
    result = send_with_adapter(config(httpserver, "obf"), request_dict, recipient_email=EMAIL)
    assert result.status == "refused"
    assert "O1:2" in result.message and "issued twice" in result.message
    assert len(obf.issued) == 1


# --- Badgr / Canvas Credentials ------------------------------------------------------------------

def test_badgr_refreshes_on_401_and_sends_the_documented_shape(httpserver, request_dict):
    badgr = FakeBadgr(httpserver, expired={"acc-1"})
    result = send_with_adapter(config(httpserver, "badgr"), request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("sent", 201)
    assert result.claim_url == "https://api.badgr.example/public/assertions/AS1"
    first, second = badgr.token_requests
    assert first["grant_type"] == "client_credentials" and first["scope"] == "rw:issuer"
    assert second["grant_type"] == "refresh_token" and second["refresh_token"] == "ref-1"
    assert [(token, entity) for token, entity, _ in badgr.assertions] == [("acc-2", "B-O1-2"), ("acc-2", "B-C3")]
    payload = badgr.assertions[0][2]
    assert payload["recipient"] == {"identity": EMAIL, "type": "email", "hashed": True}
    assert payload["allowDuplicateAwards"] is False and payload["notify"] is True
    assert payload["narrative"]
    assert [e["narrative"] for e in payload["evidence"]][0].startswith("Le festival")
    for secret in (CLIENT_SECRET, "acc-1", "acc-2", "ref-1"):
        assert secret not in result.message


def test_badgr_refreshes_only_once(httpserver, request_dict):
    badgr = FakeBadgr(httpserver, expired={"acc-1", "acc-2", "acc-3"})
    result = send_with_adapter(config(httpserver, "badgr"), request_dict, recipient_email=EMAIL)
    assert (result.status, result.http_status) == ("refused", 401)
    assert len(badgr.token_requests) == 2 and badgr.assertions == []


def test_badgr_partial_failure_is_refused(httpserver, request_dict):
    badgr = FakeBadgr(httpserver, expired=(), assertion_status=[201, 500])
    result = send_with_adapter(config(httpserver, "badgr"), request_dict, recipient_email=EMAIL)
    assert result.status == "refused" and "O1:2" in result.message
    assert len(badgr.assertions) == 1


def test_send_request_and_deliver_dispatch_to_the_adapter(httpserver, request_dict):
    badgr = FakeBadgr(httpserver, expired=())
    body = request_body(request_dict)
    cfg = config(httpserver, "badgr")
    assert send_request(cfg, body, REQUEST_ID).status == "refused"       # no email: nothing sent
    assert badgr.assertions == []

    outbox = MemoryOutbox()
    outbox.outbox_put(REQUEST_ID, "player-7", "sess-1", body)
    [(item, result)] = deliver(outbox, cfg, now=0.0, recipient_emails={"player-7": EMAIL})
    assert (item.status, item.claim_url) == ("sent", "https://api.badgr.example/public/assertions/AS1")
    assert len(badgr.assertions) == 2
