"""Helpers of the endorsement tests: an approved request whose learner named someone to vouch."""
from __future__ import annotations

import re

from issuer.samples import sample_request
from platform_helpers import received

# a phone-sized browser (the endorser opens the invitation on a phone)
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

LINK = re.compile(r"https?://\S+/e/[A-Za-z0-9_-]{20,64}")


def approved_with_endorser(client, secret, *, lang="fr", email="karim@example.org", session="sess-e", player=0,
                           structure_id="ml-lyon"):
    """Post the sample request (its first badge names Karim B. with `email`), approve it; (request, credentials)."""
    from issuer.credentials.issuing import approve

    request = sample_request(structure_id, lang=lang, endorser_email=email, session_id=session, player=player)
    badge_request = received(client, secret, request)
    made = approve(badge_request, actor="test")
    return badge_request, made


def link_in(body: str) -> str:
    found = LINK.search(body)
    assert found, body
    return found.group(0)


def path_of(url: str) -> str:
    return "/e/" + url.rsplit("/e/", 1)[1]
