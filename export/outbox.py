"""Delivery of stored badge requests through an outbox owned by the caller (the game's store).

The outbox keeps the exact body bytes, so the signature and the Idempotency-Key are the same on
every retry: sending twice never makes two badges. Automatic retries wait (backoff); the counsellor's
"send now" tries every waiting request at once, and a refused request can be queued again once the
settings are fixed.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Callable, Mapping, Protocol, Sequence

from export.issuer import (MAX_RETRY_AFTER_S, REFUSED, RETRY, SENT, IssuerConfig, SendResult, check_config,
                           safe_text, scrub)
from export.send import send_request

PENDING = "pending"
STATUSES = (PENDING, SENT, REFUSED)
BACKOFF_BASE_S = 30.0
BACKOFF_MAX_S = 3600.0
# No wait is ever scheduled further ahead than this: a later next_attempt_at was set while the clock ran ahead.
LONGEST_WAIT_S = max(BACKOFF_MAX_S, MAX_RETRY_AFTER_S)


@dataclass
class OutboxItem:
    """One badge request waiting for (or done with) delivery."""

    request_id: str
    player_id: str
    session_id: str
    body: bytes
    status: str = PENDING
    attempts: int = 0
    next_attempt_at: float = 0.0
    last_error: str = ""
    claim_url: str = ""
    http_status: int | None = None


class Outbox(Protocol):
    def outbox_put(self, request_id: str, player_id: str, session_id: str, body: bytes) -> None:
        """Store a new pending request; a request_id already there is left as it is."""

    def outbox_update(self, request_id: str, *, status: str, attempts: int, next_attempt_at: float,
                      last_error: str, claim_url: str, http_status: int | None) -> None:
        """Record the outcome of one attempt."""

    def outbox_items(self, session_id: str | None = None) -> list[OutboxItem]:
        """Every item (of one session), in the order they were put."""


class MemoryOutbox:
    """An in-memory Outbox, for dry runs and tests; hands out copies, never its own items."""

    def __init__(self) -> None:
        self._items: dict[str, OutboxItem] = {}

    def outbox_put(self, request_id: str, player_id: str, session_id: str, body: bytes) -> None:
        if request_id not in self._items:
            self._items[request_id] = OutboxItem(request_id, player_id, session_id, bytes(body))

    def outbox_update(self, request_id: str, *, status: str, attempts: int, next_attempt_at: float,
                      last_error: str, claim_url: str, http_status: int | None) -> None:
        if status not in STATUSES:
            raise ValueError(f"outbox status must be one of {STATUSES}, got {status!r}")
        item = self._items[request_id]
        item.status, item.attempts, item.next_attempt_at = status, attempts, next_attempt_at
        item.last_error, item.claim_url, item.http_status = last_error, claim_url, http_status

    def outbox_items(self, session_id: str | None = None) -> list[OutboxItem]:
        return [dataclasses.replace(i) for i in self._items.values()
                if session_id is None or i.session_id == session_id]


def _moved_for_now(config: IssuerConfig, result: SendResult) -> bool:
    """A DIVA issuer that answered with a redirect (never followed): the address is wrong or taken over
    for now (a captive portal, a moved site), the request itself was not judged. It stays pending; the
    Idempotency-Key makes the later send safe. The OBF/Badgr adapters keep their refusals: one of those
    may come after a partial issue, which must never be retried."""
    return (config.kind == "diva" and result.status == REFUSED and result.http_status is not None
            and 300 <= result.http_status < 400)


def retry_delay(attempts_before: int, retry_after_s: float | None = None) -> float:
    """Seconds before the next try: 30 s doubling per earlier attempt, at most an hour, never
    sooner than the issuer's Retry-After."""
    backoff = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** min(max(attempts_before, 0), 32))
    return max(retry_after_s or 0.0, backoff)


def is_due(item: OutboxItem, now: float) -> bool:
    """A pending item whose wait is over, or whose wait was set by a clock that ran ahead (no backoff
    is ever longer than LONGEST_WAIT_S, so a later date cannot be right)."""
    return item.status == PENDING and (item.next_attempt_at <= now or item.next_attempt_at - now > LONGEST_WAIT_S)


def requeue_refused(outbox: Outbox, request_ids: Sequence[str] | None = None) -> list[OutboxItem]:
    """Make refused requests (all, or those named) wait again, to be sent with the settings as they are now;
    the reason they were refused stays readable until the next attempt."""
    wanted = None if request_ids is None else set(request_ids)
    queued = []
    for item in outbox.outbox_items():
        if item.status == REFUSED and (wanted is None or item.request_id in wanted):
            outbox.outbox_update(item.request_id, status=PENDING, attempts=0, next_attempt_at=0.0,
                                 last_error=item.last_error, claim_url="", http_status=item.http_status)
            queued.append(dataclasses.replace(item, status=PENDING, attempts=0, next_attempt_at=0.0, claim_url=""))
    return queued


Sender = Callable[..., SendResult]


def deliver(outbox: Outbox, config: IssuerConfig, *, now: float | None = None, sender: Sender = send_request,
            recipient_emails: Mapping[str, str] | None = None,
            every_pending: bool = False) -> list[tuple[OutboxItem, SendResult]]:
    """Send every due item once (with `every_pending`, every waiting item: the counsellor's "send now");
    returns each item as updated with what happened to it.

    `recipient_emails` (player id -> email) is only for the Open Badge Factory / Badgr adapters.
    A configuration that cannot send raises ValueError before any item is touched. One issuer's answer,
    however malformed, never keeps the others from being tried (every answer is cleaned before it is kept).
    """
    problem = check_config(config)
    if problem:
        raise ValueError(problem)
    now = time.time() if now is None else now
    waiting = [i for i in outbox.outbox_items()
               if i.status == PENDING and (every_pending or is_due(i, now))]
    done: list[tuple[OutboxItem, SendResult]] = []
    for item in sorted(waiting, key=lambda i: i.next_attempt_at):
        kwargs = {}
        if recipient_emails and config.kind != "diva":
            kwargs["recipient_email"] = recipient_emails.get(item.player_id, "")
        try:
            result = sender(config, item.body, item.request_id, **kwargs)
        except Exception as exc:  # a bug in one send must not strand the others
            result = SendResult(RETRY, None, f"unexpected error while sending ({type(exc).__name__}); will retry")
        result.message = safe_text(scrub(result.message, config.secrets()))
        attempts = item.attempts + 1
        if _moved_for_now(config, result):
            result.status = RETRY
            result.message += "; the request is kept and will be sent once the address answers again"
        if result.status == SENT:
            update = dict(status=SENT, next_attempt_at=now, last_error="", claim_url=result.claim_url)
        elif result.status == REFUSED:
            update = dict(status=REFUSED, next_attempt_at=now, last_error=result.message, claim_url="")
        else:
            update = dict(status=PENDING, next_attempt_at=now + retry_delay(item.attempts, result.retry_after_s),
                          last_error=result.message, claim_url="")
        # A store that cannot record an outcome (disk full) stops the round: an issuer without idempotency
        # (OBF, Badgr) would issue again what could not be recorded as sent.
        outbox.outbox_update(item.request_id, attempts=attempts, http_status=result.http_status, **update)
        done.append((dataclasses.replace(item, attempts=attempts, http_status=result.http_status, **update), result))
    return done
