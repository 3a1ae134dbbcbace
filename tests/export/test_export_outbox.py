"""Outbox delivery: retries with backoff, exactly one badge per request, refused stays refused."""
from __future__ import annotations

import pytest
from werkzeug import Response

from export.issuer import IssuerConfig, SendResult
from export.outbox import MemoryOutbox, deliver, is_due, requeue_refused, retry_delay
from export.request import build_badge_request, request_body
from export.signing import verify
from export_samples import REQUEST_ID, SECRET, request_input

T0 = 1_000_000.0
CONFIG = IssuerConfig("diva", "https://badges.example.org", secret=SECRET)


def stored(outbox: MemoryOutbox, request_id: str = REQUEST_ID, player: str = "player-7") -> bytes:
    body = request_body(build_badge_request(request_input(player_id=player), request_id=request_id))
    outbox.outbox_put(request_id, player, "sess-1", body)
    return body


class FakeSender:
    """Answers from a script, remembering what it was asked to send."""

    def __init__(self, *results: SendResult):
        self.results = list(results)
        self.calls: list[tuple] = []

    def __call__(self, config, body, request_id, **kwargs):
        self.calls.append((body, request_id, kwargs))
        return self.results.pop(0) if len(self.results) > 1 else self.results[0]


def test_retry_then_delivered_exactly_once(httpserver):
    answers = [Response('{"message": "maintenance"}', status=503, headers={"Retry-After": "120"}),
               Response('{"claimUrl": "https://badges.example.org/c/XY"}', status=201,
                        content_type="application/json")]
    httpserver.expect_request("/badge-requests", method="POST").respond_with_handler(lambda r: answers.pop(0))
    config = IssuerConfig("diva", httpserver.url_for("/").rstrip("/"), secret=SECRET, timeout_s=5)
    outbox = MemoryOutbox()
    body = stored(outbox)

    [(item, result)] = deliver(outbox, config, now=T0)
    assert result.status == "retry" and item.status == "pending"
    assert item.attempts == 1 and item.next_attempt_at == T0 + 120 and item.http_status == 503
    assert "maintenance" in item.last_error

    assert deliver(outbox, config, now=T0 + 60) == []          # not due yet
    assert len(httpserver.log) == 1

    [(item, result)] = deliver(outbox, config, now=T0 + 121)
    assert (item.status, item.attempts, item.claim_url, item.last_error) == (
        "sent", 2, "https://badges.example.org/c/XY", "")
    assert deliver(outbox, config, now=T0 + 100_000) == []      # sent is never re-sent
    assert len(httpserver.log) == 2
    (first, _), (second, _) = httpserver.log
    assert first.get_data() == second.get_data() == body
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == REQUEST_ID
    assert verify(second.get_data(), SECRET, second.headers["X-DIVA-Signature"])
    assert outbox.outbox_items()[0].status == "sent"


def test_backoff_doubles_and_is_capped():
    sender = FakeSender(SendResult("retry", 503, "down"))
    outbox = MemoryOutbox()
    stored(outbox)
    now, delays = T0, []
    for _ in range(10):
        [(item, _)] = deliver(outbox, CONFIG, now=now, sender=sender)
        delays.append(item.next_attempt_at - now)
        now = item.next_attempt_at
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]
    assert item.attempts == 10 and item.status == "pending"


def test_retry_after_beats_a_shorter_backoff():
    assert retry_delay(0, 7200) == 7200
    assert retry_delay(0, 5) == 30
    assert retry_delay(3) == 240
    assert retry_delay(10_000) == 3600
    sender = FakeSender(SendResult("retry", 429, "slow down", retry_after_s=900))
    outbox = MemoryOutbox()
    stored(outbox)
    [(item, _)] = deliver(outbox, CONFIG, now=T0, sender=sender)
    assert item.next_attempt_at == T0 + 900


def test_refused_stays_refused():
    sender = FakeSender(SendResult("refused", 400, "Unknown competence"))
    outbox = MemoryOutbox()
    stored(outbox)
    [(item, _)] = deliver(outbox, CONFIG, now=T0, sender=sender)
    assert (item.status, item.last_error, item.http_status) == ("refused", "Unknown competence", 400)
    assert deliver(outbox, CONFIG, now=T0 + 10**7, sender=sender) == []
    assert len(sender.calls) == 1


def test_outbox_put_is_idempotent_and_keeps_the_exact_bytes():
    outbox = MemoryOutbox()
    body = stored(outbox)
    outbox.outbox_put(REQUEST_ID, "player-7", "sess-1", b"something else")
    [item] = outbox.outbox_items()
    assert item.body == body
    sender = FakeSender(SendResult("sent", 201, "ok", "https://badges.example.org/c/1"))
    deliver(outbox, CONFIG, now=T0, sender=sender)
    assert sender.calls == [(body, REQUEST_ID, {})]


def test_items_by_session_and_copies():
    outbox = MemoryOutbox()
    outbox.outbox_put("urn:uuid:1", "p1", "s1", b"{}")
    outbox.outbox_put("urn:uuid:2", "p2", "s2", b"{}")
    assert [i.request_id for i in outbox.outbox_items("s2")] == ["urn:uuid:2"]
    outbox.outbox_items()[0].status = "sent"
    assert outbox.outbox_items()[0].status == "pending"
    with pytest.raises(ValueError):
        outbox.outbox_update("urn:uuid:1", status="lost", attempts=1, next_attempt_at=0, last_error="",
                             claim_url="", http_status=None)


def test_only_due_items_are_sent_in_order():
    outbox = MemoryOutbox()
    for n in range(3):
        outbox.outbox_put(f"urn:uuid:{n}", f"p{n}", "s", b"{}")
    outbox.outbox_update("urn:uuid:0", status="pending", attempts=1, next_attempt_at=T0 + 50, last_error="",
                         claim_url="", http_status=None)
    sender = FakeSender(SendResult("sent", 201, "ok"))
    results = deliver(outbox, CONFIG, now=T0, sender=sender)
    assert [item.request_id for item, _ in results] == ["urn:uuid:1", "urn:uuid:2"]
    assert [r for _, r, _ in sender.calls] == ["urn:uuid:1", "urn:uuid:2"]


def test_a_crashing_sender_keeps_the_item_for_later():
    def boom(config, body, request_id, **kwargs):
        raise RuntimeError(f"bug {SECRET}")

    outbox = MemoryOutbox()
    stored(outbox)
    [(item, result)] = deliver(outbox, CONFIG, now=T0, sender=boom)
    assert (item.status, result.status) == ("pending", "retry")
    assert SECRET not in item.last_error


def test_secret_never_reaches_the_outbox():
    sender = FakeSender(SendResult("refused", 401, f"wrong secret {SECRET}"))
    outbox = MemoryOutbox()
    stored(outbox)
    [(item, result)] = deliver(outbox, CONFIG, now=T0, sender=sender)
    assert SECRET not in item.last_error and SECRET not in result.message
    assert SECRET not in repr(outbox.outbox_items())


def test_a_config_that_cannot_send_touches_nothing():
    outbox = MemoryOutbox()
    stored(outbox)
    sender = FakeSender(SendResult("sent", 201, "ok"))
    with pytest.raises(ValueError, match="https"):
        deliver(outbox, IssuerConfig("diva", "http://badges.example.org", secret=SECRET), now=T0, sender=sender)
    with pytest.raises(ValueError, match="secret"):
        deliver(outbox, IssuerConfig("diva", "https://badges.example.org"), now=T0, sender=sender)
    assert sender.calls == [] and outbox.outbox_items()[0].attempts == 0


def test_recipient_emails_go_only_to_email_issuers():
    outbox = MemoryOutbox()
    stored(outbox)
    sender = FakeSender(SendResult("sent", 201, "ok"))
    deliver(outbox, CONFIG, now=T0, sender=sender, recipient_emails={"player-7": "lea@example.org"})
    assert sender.calls[0][2] == {}
    outbox2 = MemoryOutbox()
    stored(outbox2)
    obf = IssuerConfig("obf", "https://obf.example.org", client_id="c", client_secret="s")
    deliver(outbox2, obf, now=T0, sender=sender, recipient_emails={"player-7": "lea@example.org"})
    assert sender.calls[1][2] == {"recipient_email": "lea@example.org"}


def test_due_means_pending_and_whose_time_has_come():
    outbox = MemoryOutbox()
    for n, status in enumerate(("pending", "sent", "refused", "pending")):
        outbox.outbox_put(f"urn:uuid:{n}", "p", "s", b"{}")
        outbox.outbox_update(f"urn:uuid:{n}", status=status, attempts=1, next_attempt_at=T0 + 10 * n,
                             last_error="", claim_url="", http_status=None)
    assert [i.request_id for i in outbox.outbox_items() if is_due(i, T0 + 100)] == ["urn:uuid:0", "urn:uuid:3"]
    assert [i.request_id for i in outbox.outbox_items() if is_due(i, T0 + 29)] == ["urn:uuid:0"]


def test_a_wait_set_while_the_clock_ran_years_ahead_does_not_hold_the_request():
    outbox = MemoryOutbox()
    outbox.outbox_put("urn:uuid:1", "p", "s", b"{}")
    ten_years = 10 * 365 * 86400
    outbox.outbox_update("urn:uuid:1", status="pending", attempts=3, next_attempt_at=T0 + ten_years + 240,
                         last_error="down", claim_url="", http_status=None)
    sender = FakeSender(SendResult("sent", 201, "sent", "https://i.example.org/c/1"))
    done = deliver(outbox, CONFIG, now=T0, sender=sender)
    assert [item.status for item, _ in done] == ["sent"]
    # an ordinary backoff still waits
    outbox.outbox_put("urn:uuid:2", "p", "s", b"{}")
    outbox.outbox_update("urn:uuid:2", status="pending", attempts=3, next_attempt_at=T0 + 240,
                         last_error="down", claim_url="", http_status=None)
    assert deliver(outbox, CONFIG, now=T0, sender=sender) == []


def test_send_now_tries_every_waiting_request_whatever_its_backoff():
    outbox = MemoryOutbox()
    for n in range(3):
        outbox.outbox_put(f"urn:uuid:{n}", "p", "s", b"{}")
        outbox.outbox_update(f"urn:uuid:{n}", status="pending", attempts=5, next_attempt_at=T0 + 3000,
                             last_error="down", claim_url="", http_status=None)
    sender = FakeSender(SendResult("sent", 201, "sent", ""))
    assert deliver(outbox, CONFIG, now=T0, sender=sender) == []
    done = deliver(outbox, CONFIG, now=T0, sender=sender, every_pending=True)
    assert sorted(item.request_id for item, _ in done) == ["urn:uuid:0", "urn:uuid:1", "urn:uuid:2"]
    assert {i.status for i in outbox.outbox_items()} == {"sent"}


def test_a_refused_request_can_be_sent_again_once_the_settings_are_fixed():
    outbox = MemoryOutbox()
    outbox.outbox_put("urn:uuid:1", "p", "s", b"{}")
    outbox.outbox_put("urn:uuid:2", "p", "s", b"{}")
    deliver(outbox, CONFIG, now=T0, sender=FakeSender(SendResult("refused", 401, "bad signature")))
    assert {i.status for i in outbox.outbox_items()} == {"refused"}
    assert deliver(outbox, CONFIG, now=T0 + 1, sender=FakeSender(SendResult("sent", 201, "sent"))) == []
    queued = requeue_refused(outbox, ["urn:uuid:2"])
    assert [i.request_id for i in queued] == ["urn:uuid:2"]
    item = {i.request_id: i for i in outbox.outbox_items()}["urn:uuid:2"]
    assert (item.status, item.attempts, item.last_error) == ("pending", 0, "bad signature")
    done = deliver(outbox, CONFIG, now=T0 + 2, sender=FakeSender(SendResult("sent", 201, "sent")))
    assert [(i.request_id, i.status) for i, _ in done] == [("urn:uuid:2", "sent")]
    assert [i.request_id for i in requeue_refused(outbox)] == ["urn:uuid:1"]


def test_unsafe_characters_in_a_message_are_never_kept():
    outbox = MemoryOutbox()
    outbox.outbox_put("urn:uuid:1", "p", "s", b"{}")
    deliver(outbox, CONFIG, now=T0, sender=FakeSender(SendResult("refused", 422, "bad \ud800 \u202egnp.exe\x00")))
    message = outbox.outbox_items()[0].last_error
    message.encode("utf-8")  # a lone surrogate would make this (and the SQLite store) fail
    assert "\u202e" not in message and "\x00" not in message and "gnp.exe" in message
