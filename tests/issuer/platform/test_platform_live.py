"""The game's real sender (export.send.send_request) against the platform on a live server."""
import pytest

from export.issuer import REFUSED, SENT, IssuerConfig
from export.send import send_request
from export.request import request_body
from issuer.intake.models import BadgeRequest
from issuer.samples import sample_request


@pytest.fixture
def platform(live_server, settings, structure):
    settings.DIVA_BASE_URL = live_server.url
    s, secret = structure
    return live_server.url, secret


def _config(url, secret, structure_id="ml-lyon"):
    return IssuerConfig(kind="diva", url=url, structure_id=structure_id, structure_name="Mission locale de Lyon",
                        secret=secret, timeout_s=10)


def test_the_games_client_sends_replays_and_is_refused_as_the_protocol_says(platform, settings):
    url, secret = platform
    request = sample_request("ml-lyon")
    body = request_body(request)
    first = send_request(_config(url, secret), body, request["id"])
    assert (first.status, first.http_status) == (SENT, 201)
    assert first.claim_url.startswith(url + "/c/")
    again = send_request(_config(url, secret), body, request["id"])
    assert (again.status, again.http_status, again.claim_url) == (SENT, 200, first.claim_url)
    other = request_body(dict(request, lang="en"))
    conflict = send_request(_config(url, secret), other, request["id"])
    assert (conflict.status, conflict.http_status) == (REFUSED, 409)
    bad = send_request(_config(url, "wrong-secret"), body, request["id"])
    assert (bad.status, bad.http_status) == (REFUSED, 401) and "Signature invalide" in bad.message
    unknown_request = sample_request("inconnue")
    unknown = send_request(_config(url, secret, "inconnue"), request_body(unknown_request), unknown_request["id"])
    assert (unknown.status, unknown.http_status) == (REFUSED, 403) and "inconnue" in unknown.message
    garbage = send_request(_config(url, secret), b"\xff\xfe garbage", request["id"])
    assert (garbage.status, garbage.http_status) == (REFUSED, 400)
    settings.DIVA_MAX_REQUEST_BYTES = 1000
    big_request = sample_request("ml-lyon", player=3)
    big = send_request(_config(url, secret), request_body(big_request), big_request["id"])
    assert (big.status, big.http_status) == (REFUSED, 413)
    assert BadgeRequest.objects.count() == 1
