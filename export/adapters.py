"""Adapters for issuers that issue directly by email: Open Badge Factory and Badgr / Canvas Credentials v2.

They take the same badge request dict as the DIVA protocol, map each credential's competence and
level to one of the issuer's badges through `IssuerConfig.badge_map` ("O1:2", else "O1") and
return one SendResult for the whole request.

These APIs have no idempotency key. So that a retry never makes a second badge, a failure after
at least one badge of the request was issued is "refused" (for a person to finish), never "retry".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Mapping

import requests

from export.issuer import (DEADLINE_TIMEOUTS, REFUSED, SENT, USER_AGENT, Answer, IssuerConfig, SendResult,
                           acceptable_claim_url, check_config, classify_failure, issuer_message, post_answer, scrub,
                           transport_failure)
from export.request import competence_and_level, identity_matches

OBF_TOKEN_PATH = "/v1/client/oauth2/token"
BADGR_TOKEN_PATH = "/o/token"
BADGR_SCOPE = "rw:issuer"
_NAMES = {"obf": "Open Badge Factory", "badgr": "Badgr"}


def lookup_badge_id(badge_map: Mapping[str, str], competence_id: str, level: int) -> str | None:
    """The issuer's badge for a competence at a level: "O1:2" first, then "O1"."""
    return badge_map.get(f"{competence_id}:{level}") or badge_map.get(competence_id) or None


@dataclass
class _Token:
    access: str
    refresh: str = ""


class _Failure(Exception):
    def __init__(self, result: SendResult):
        super().__init__(result.message)
        self.result = result


class _Client:
    """One send's HTTP calls: a bearer token fetched once and refreshed once on 401."""

    def __init__(self, config: IssuerConfig, session: requests.Session,
                 fetch_token: Callable[["_Client", _Token | None], _Token]):
        self.config = config
        self.session = session
        self.base = config.url.strip().rstrip("/")
        self.name = _NAMES[config.kind]
        self._fetch_token = fetch_token
        self.token: _Token | None = None
        self.refreshed = False

    def post(self, path: str, **kwargs) -> Answer:
        """POST without following redirects, the answer read bounded; a network failure raises _Failure (retry)."""
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **kwargs.pop("headers", {})}
        try:
            return post_answer(self.session, self.config.timeout_s * DEADLINE_TIMEOUTS, self.base + path,
                               headers=headers, timeout=self.config.timeout_s, allow_redirects=False, **kwargs)
        except requests.exceptions.RequestException as exc:
            raise _Failure(transport_failure(exc, self.name)) from None

    def token_from(self, response: Answer) -> _Token:
        if not 200 <= response.status_code < 300:
            failure = classify_failure(response, self.name)
            if failure.status == REFUSED:
                failure.message = (f"{self.name} refused DIVA's client id / client secret "
                                   f"({response.status_code}): {issuer_message(response) or 'no explanation given'}")
            raise _Failure(failure)
        try:
            data = response.json()
            access = data["access_token"]
        except (ValueError, KeyError, TypeError):
            raise _Failure(SendResult(REFUSED, response.status_code,
                                      f"{self.name} answered the token request without an access token")) from None
        refresh = data.get("refresh_token") if isinstance(data.get("refresh_token"), str) else ""
        return _Token(str(access), refresh)

    def authorized_post(self, path: str, payload: dict) -> Answer:
        if self.token is None:
            self.token = self._fetch_token(self, None)
        response = self.post(path, json=payload, headers={"Authorization": f"Bearer {self.token.access}"})
        if response.status_code == 401 and not self.refreshed:
            self.refreshed = True
            self.token = self._fetch_token(self, self.token)
            response = self.post(path, json=payload, headers={"Authorization": f"Bearer {self.token.access}"})
        return response

    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.token.access, self.token.refresh) if s) if self.token else ()


def _obf_token(client: _Client, _old: _Token | None) -> _Token:
    config = client.config
    return client.token_from(client.post(OBF_TOKEN_PATH, data={
        "grant_type": "client_credentials", "client_id": config.client_id, "client_secret": config.client_secret}))


def _badgr_token(client: _Client, old: _Token | None) -> _Token:
    config = client.config
    if old is not None and old.refresh:
        response = client.post(BADGR_TOKEN_PATH, data={
            "grant_type": "refresh_token", "refresh_token": old.refresh,
            "client_id": config.client_id, "client_secret": config.client_secret})
        if response.status_code == 200:
            return client.token_from(response)
    return client.token_from(client.post(BADGR_TOKEN_PATH, data={
        "grant_type": "client_credentials", "client_id": config.client_id,
        "client_secret": config.client_secret, "scope": BADGR_SCOPE}))


def _epoch(iso: str) -> int:
    try:
        return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())
    except (ValueError, AttributeError):
        return int(datetime.now().timestamp())


def _obf_issue(client: _Client, request: dict, credential: dict, badge_id: str, email: str) -> tuple[int, str, str]:
    competence, level = competence_and_level(credential)
    payload = {
        "recipient": [email],
        "issued_on": _epoch(request.get("createdAt", "")),
        "email_subject": credential.get("name", ""),
        "email_body": credential.get("description", ""),
        "log_entry": {"source": "DIVA", "requestId": request["id"], "credentialId": credential["id"],
                      "competence": competence, "level": level},
    }
    response = client.authorized_post(f"/v1/badge/{client.config.client_id}/{badge_id}", payload)
    if not 200 <= response.status_code < 300:
        raise _Failure(classify_failure(response, client.name))
    return response.status_code, response.headers.get("Location", ""), ""


def _badgr_issue(client: _Client, request: dict, credential: dict, badge_id: str, email: str) -> tuple[int, str, str]:
    subject = credential["credentialSubject"]
    payload = {
        "recipient": {"identity": email, "type": "email", "hashed": True},
        "narrative": subject.get("narrative") or credential.get("description", ""),
        "evidence": [{"narrative": f"{e.get('name', '')}: {e.get('narrative', '')}"}
                     for e in credential.get("evidence", [])],
        "notify": True,
        "allowDuplicateAwards": False,
    }
    response = client.authorized_post(f"/v2/badgeclasses/{badge_id}/assertions", payload)
    if not 200 <= response.status_code < 300:
        raise _Failure(classify_failure(response, client.name))
    claim = ""
    try:
        result = response.json().get("result") or []
        claim = acceptable_claim_url(result[0].get("openBadgeId")) if result else ""
    except (ValueError, AttributeError, TypeError):
        pass
    return response.status_code, response.headers.get("Location", ""), claim


_ADAPTERS = {"obf": (_obf_token, _obf_issue), "badgr": (_badgr_token, _badgr_issue)}


def send_with_adapter(config: IssuerConfig, request: dict, *, recipient_email: str = "",
                      session: requests.Session | None = None) -> SendResult:
    """Issue every credential of `request` through Open Badge Factory or Badgr; one SendResult."""
    if config.kind not in _ADAPTERS:
        raise ValueError(f"no adapter for issuer kind {config.kind!r}")
    name = _NAMES[config.kind]
    problem = check_config(config)
    if problem:
        return SendResult(REFUSED, None, problem)
    email = recipient_email.strip()
    if not email:
        return SendResult(REFUSED, None, f"{name} issues badges by email: the learner's email address is "
                                         "needed (or use the QR code or file export instead)")
    identifier = request.get("learner", {}).get("identifier")
    if identifier and not identity_matches(identifier, email):
        return SendResult(REFUSED, None, "the email address given is not the one this badge request was made for")

    plan, missing = [], []
    for credential in request.get("credentials", []):
        try:
            competence, level = competence_and_level(credential)
        except (KeyError, IndexError, StopIteration, ValueError):
            return SendResult(REFUSED, None, f"credential {credential.get('id')} has no RECTEC competence and level")
        badge_id = lookup_badge_id(config.badge_map, competence, level)
        if badge_id:
            plan.append((credential, badge_id, f"{competence}:{level}"))
        else:
            missing.append(f"{competence}:{level}")
    if missing:
        return SendResult(REFUSED, None, f"no {name} badge is set for {', '.join(missing)} "
                                         "(badge_map needs 'COMPETENCE:LEVEL' or 'COMPETENCE')")
    if not plan:
        return SendResult(REFUSED, None, "the badge request holds no credential")

    fetch_token, issue = _ADAPTERS[config.kind]
    own = session is None
    client = _Client(config, session or requests.Session(), fetch_token)
    done: list[str] = []
    locations: list[str] = []
    claim_url = ""
    status = None
    try:
        for credential, badge_id, key in plan:
            status, location, claim = issue(client, request, credential, badge_id, email)
            done.append(key)
            locations.append(location)
            claim_url = claim_url or claim
    except _Failure as failure:
        result = failure.result
        if done:
            result = SendResult(REFUSED, result.http_status,
                                f"{name} issued {', '.join(done)} but not the rest: {result.message}. "
                                "Not retried automatically, so that no badge is issued twice: "
                                "finish this request on the issuer's site")
        result.message = _scrub_tokens(result.message, client)
        return result
    finally:
        if own:
            client.session.close()
    shown = ", ".join(x for x in locations if x)
    message = f"{name} issued {len(done)} badge(s): {', '.join(done)}" + (f" ({shown})" if shown else "")
    return SendResult(SENT, status, _scrub_tokens(message, client), claim_url)


def _scrub_tokens(text: str, client: _Client) -> str:
    return scrub(text, client.secrets() + client.config.secrets())
