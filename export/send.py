"""Send one stored badge request through the configured issuer's protocol: the DIVA protocol
(export.issuer) or an adapter for Open Badge Factory and Badgr (export.adapters)."""
from __future__ import annotations

import json

import requests

from export.adapters import send_with_adapter
from export.issuer import REFUSED, IssuerConfig, SendResult, check_config, send_diva, with_secrets_scrubbed


def send_request(config: IssuerConfig, body: bytes, request_id: str, session: requests.Session | None = None,
                 *, recipient_email: str = "") -> SendResult:
    """Send one stored request body, exactly as stored (same bytes, same key on every retry).

    `recipient_email` is only used by the Open Badge Factory and Badgr adapters, which issue
    by email; the DIVA protocol never sends a plain email.
    """
    problem = check_config(config)
    if problem:
        return SendResult(REFUSED, None, problem)
    own = session is None
    session = session or requests.Session()
    try:
        if config.kind == "diva":
            result = send_diva(config, body, request_id, session)
        else:
            try:
                request = json.loads(body.decode("utf-8"))
            except ValueError:
                return SendResult(REFUSED, None, "the stored badge request is not valid JSON")
            result = send_with_adapter(config, request, recipient_email=recipient_email, session=session)
    finally:
        if own:
            session.close()
    return with_secrets_scrubbed(result, config)
