"""Helpers shared by the DIVA Badges tests: send a request as the game does, verify what comes back."""
from __future__ import annotations

from export.request import request_body
from export.signing import sign


def post_request(client, request: dict, secret: str, *, body: bytes | None = None, key: str | None = None,
                 signature: str | None = None):
    """POST /badge-requests with the protocol's headers, from the test client."""
    body = request_body(request) if body is None else body
    headers = {"HTTP_IDEMPOTENCY_KEY": key or request["id"],
               "HTTP_X_DIVA_SIGNATURE": signature if signature is not None else sign(body, secret)}
    return client.post("/badge-requests", body, content_type="application/json", **headers)


def received(client, structure_secret, request: dict):
    """Post a request and return its BadgeRequest row."""
    from issuer.intake.models import BadgeRequest

    response = post_request(client, request, structure_secret)
    assert response.status_code == 201, response.content
    return BadgeRequest.objects.get(request_id=request["id"])


def public_key_resolver(resolve_did):
    """resolve_public_key for dataintegrity.verify, from a function that gives a DID document."""
    from issuer.signing.keys import public_key_from_multibase

    def resolve(method_id: str):
        document = resolve_did(method_id.split("#", 1)[0])
        for method in document["verificationMethod"]:
            if method["id"] == method_id:
                return public_key_from_multibase(method["publicKeyMultibase"])
        raise LookupError(method_id)

    return resolve


def status_bit(status_list_credential: dict, index: int) -> bool:
    from issuer.signing.statuslist import decode_bitstring, is_set

    return is_set(decode_bitstring(status_list_credential["credentialSubject"]["encodedList"]), index)
