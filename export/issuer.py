"""Issuer configuration and the HTTP send of one badge request (DIVA protocol, see PROTOCOL.md).

Every answer becomes a SendResult: "sent", "retry" (kept in the outbox) or "refused" (shown to
the counsellor). Secrets never appear in a repr, a message or a log line. An issuer's answer is
untrusted: read at most MAX_ANSWER_BYTES, decoded safely, and cleaned before it is shown or stored.
"""
from __future__ import annotations

import ipaddress
import json
import math
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit

import requests

from export.signing import SIGNATURE_HEADER, sign

KINDS = ("diva", "obf", "badgr")
SENT, RETRY, REFUSED = "sent", "retry", "refused"
ENDPOINT = "/badge-requests"
MAX_RETRY_AFTER_S = 86_400.0
USER_AGENT = "DIVA-badge-export/1.1"
DEADLINE_TIMEOUTS = 3   # a whole send may last this many timeouts, however slowly the issuer trickles its answer
MAX_ANSWER_BYTES = 64 * 1024   # an issuer's answer is a few hundred bytes; the rest is never read
MAX_CLAIM_URL = 256            # longer claim URLs cannot make a QR code that reads across a room
# Control characters, bidirectional overrides and marks, lone surrogates and non-characters: an issuer's
# text holding one would be printed or drawn misleadingly, or fail to be stored.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff\ufeff\ufffe\uffff]+")
_URL_CHARS = re.compile(r"^[\x21-\x7e]+$")


@dataclass(frozen=True)
class IssuerConfig:
    """Where and how a structure sends its badge requests; set by the counsellor."""

    kind: str
    url: str
    structure_id: str = ""
    structure_name: str = ""
    secret: str = field(default="", repr=False)
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    badge_map: Mapping[str, str] = field(default_factory=dict, hash=False)
    timeout_s: float = 10.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"issuer kind must be one of {KINDS}, got {self.kind!r}")
        object.__setattr__(self, "badge_map", MappingProxyType(dict(self.badge_map)))

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.secret, self.client_secret) if s)


@dataclass
class SendResult:
    """What became of one send: "sent" | "retry" | "refused"."""

    status: str
    http_status: int | None = None
    message: str = ""
    claim_url: str = ""
    retry_after_s: float | None = None


def safe_text(text: str, limit: int = 300) -> str:
    """`text` fit to show or store: unsafe characters become a space, at most `limit` characters."""
    return " ".join(_UNSAFE.sub(" ", text).split())[:limit]


class Answer:
    """An issuer's HTTP answer, of which at most MAX_ANSWER_BYTES were read: all that callers see of it."""

    def __init__(self, status_code: int, headers: Mapping[str, str], reason: str, content: bytes, truncated: bool):
        self.status_code = status_code
        self.headers = headers
        self.reason = safe_text(reason or "", 80)
        self.content = content
        self.truncated = truncated

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self):
        """The answer's JSON; ValueError when it is not JSON or was too long to read whole."""
        if self.truncated:
            raise ValueError("answer too long")
        return json.loads(self.text)


def read_answer(response: requests.Response, limit: int = MAX_ANSWER_BYTES) -> Answer:
    """Read at most `limit` bytes of a streamed response, then close it."""
    chunks: list[bytes] = []
    size = 0
    truncated = False
    try:
        for chunk in response.iter_content(8192):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                truncated = True
                break
    finally:
        response.close()
    return Answer(response.status_code, response.headers, response.reason or "", b"".join(chunks)[:limit], truncated)


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_issuer_url(url: str) -> str | None:
    """Why `url` may not be used as an issuer address, or None when it may (https, or http on loopback)."""
    if not isinstance(url, str) or not url.strip():
        return "the issuer address is empty"
    try:
        parts = urlsplit(url.strip())
        parts.port  # raises on a bad port
    except ValueError:
        return "the issuer address is not a valid URL"
    if parts.scheme not in ("https", "http"):
        return "the issuer address must start with https://"
    if not parts.hostname:
        return "the issuer address has no host name"
    if parts.username is not None or parts.password is not None:
        return "the issuer address must not contain a user name or password"
    if parts.query or parts.fragment:
        return "the issuer address must not contain '?' or '#'"
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return "plain http is only allowed on this computer (localhost); use the issuer's https:// address"
    return None


def check_config(config: IssuerConfig) -> str | None:
    """Why `config` cannot send anything, or None when it is complete."""
    problem = check_issuer_url(config.url)
    if problem:
        return problem
    if config.kind == "diva" and not config.secret:
        return "the structure's secret for this issuer is not set"
    if config.kind in ("obf", "badgr") and not (config.client_id and config.client_secret):
        return "the issuer's client id and client secret are not set"
    if not (config.timeout_s > 0 and math.isfinite(config.timeout_s)):
        return "the issuer timeout must be a positive number of seconds"
    return None


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with every secret replaced, so that no message ever carries one."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[hidden]")
    return text


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped at one day."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    delta = (when - (now or datetime.now(timezone.utc))).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER_S)


def issuer_message(response: Answer, limit: int = 300) -> str:
    """The issuer's own explanation: a JSON message/error field, else the start of the text."""
    text = ""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "error_description", "error", "detail"):
            value = data.get(key)
            if isinstance(value, dict):
                value = value.get("message") or value.get("description")
            if isinstance(value, str) and value.strip():
                text = value
                break
    if not text:
        text = response.text or ""
    return safe_text(text, limit)


def transport_failure(exc: Exception, what: str = "the issuer") -> SendResult:
    """A request that got no HTTP answer: always worth retrying later."""
    if isinstance(exc, requests.exceptions.SSLError):
        message = (f"secure connection (TLS) to {what} failed: its certificate could not be verified "
                   "or it does not speak https; will retry")
    elif isinstance(exc, requests.exceptions.Timeout):
        message = f"{what} did not answer in time; will retry"
    elif isinstance(exc, requests.exceptions.ConnectionError):
        message = f"could not reach {what} (no network, or the server is down); will retry"
    else:
        message = f"network error talking to {what} ({type(exc).__name__}); will retry"
    return SendResult(RETRY, None, message)


def classify_failure(response: Answer, what: str = "the issuer") -> SendResult:
    """A non-2xx answer: 408/429/5xx are retried later, a redirect or another 4xx is refused."""
    status = response.status_code
    if 300 <= status < 400:
        location = safe_text(response.headers.get("Location", ""), 200)
        return SendResult(REFUSED, status,
                          f"{what} answered with a redirect ({status}) to {location or 'nowhere'}; redirects are "
                          "never followed: configure the issuer's final https:// address")
    if status in (408, 429) or status >= 500:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        detail = issuer_message(response, 120)
        return SendResult(RETRY, status, f"{what} is busy or failing ({status}); will retry"
                          + (f": {detail}" if detail else ""), retry_after_s=retry_after)
    detail = issuer_message(response) or response.reason or "no explanation given"
    return SendResult(REFUSED, status, f"{what} refused the request ({status}): {detail}")


def acceptable_claim_url(value: object) -> str:
    """A claim URL worth showing as a QR (https, or loopback http in tests; printable ASCII, short
    enough for a QR code read across a room), else ""."""
    if (isinstance(value, str) and len(value) <= MAX_CLAIM_URL and _URL_CHARS.match(value)
            and check_issuer_url(value.split("#", 1)[0].split("?", 1)[0]) is None):
        return value
    return ""


def with_secrets_scrubbed(result: SendResult, config: IssuerConfig, *extra: str) -> SendResult:
    result.message = scrub(result.message, config.secrets() + tuple(e for e in extra if e))
    return result


def post_answer(session: requests.Session, deadline_s: float, url: str, **kwargs) -> Answer:
    """session.post read as a bounded Answer, given up after `deadline_s` in all: a read timeout alone
    starts again with every byte received, so an issuer answering one byte at a time would hold the
    delivery for ever."""
    outcome: dict = {}

    def post() -> None:
        try:
            outcome["response"] = read_answer(session.post(url, stream=True, **kwargs))
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=post, name="diva-issuer-post", daemon=True)
    worker.start()
    worker.join(deadline_s)
    if worker.is_alive():
        session.close()  # the worker ends at the issuer's next byte, or at its read timeout
        raise requests.exceptions.Timeout(f"no complete answer within {deadline_s:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["response"]


def send_diva(config: IssuerConfig, body: bytes, request_id: str, session: requests.Session) -> SendResult:
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
        "Idempotency-Key": request_id,
        SIGNATURE_HEADER: sign(body, config.secret),
    }
    try:
        response = post_answer(session, config.timeout_s * DEADLINE_TIMEOUTS, config.url.strip().rstrip("/") + ENDPOINT,
                               data=body, headers=headers, timeout=config.timeout_s, allow_redirects=False)
    except requests.exceptions.RequestException as exc:
        return transport_failure(exc)
    if not 200 <= response.status_code < 300:
        return classify_failure(response)
    try:
        data = response.json()
    except ValueError:
        return SendResult(SENT, response.status_code, "sent; the issuer's answer was not JSON, so no claim URL")
    if not isinstance(data, dict):
        return SendResult(SENT, response.status_code, "sent; the issuer's answer held no claim URL")
    answered_for = data.get("id")
    if answered_for is not None and answered_for != request_id:
        # Not a confirmation of this request: it stays in the outbox (the Idempotency-Key makes a resend safe).
        return SendResult(RETRY, response.status_code,
                          f"the issuer's answer is about another request ({safe_text(str(answered_for), 80)}); will retry")
    raw_claim = data.get("claimUrl")
    claim = acceptable_claim_url(raw_claim)
    if raw_claim and not claim:
        return SendResult(SENT, response.status_code, "sent; the issuer's claim URL was unusable (not a short https "
                                                      "address), so no claim QR code")
    return SendResult(SENT, response.status_code, "sent", claim)
