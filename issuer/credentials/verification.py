"""Our verifier, wired to this platform: its own DIDs and status lists are read locally, never fetched."""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

from django.conf import settings

from issuer.credentials import keys
from issuer.credentials.models import StatusList
from issuer.structures.models import Structure


class UnknownIssuer(LookupError):
    pass


def resolve_did(did: str) -> dict:
    """The DID document of one of our structures (did:web under our base URL; the verifier reads did:key itself)."""
    did = did.split("#", 1)[0]
    if did.startswith("did:web:"):
        slug = did.rsplit(":", 1)[-1]
        structure = Structure.objects.filter(slug=slug).first()
        if structure is not None and keys.did_web(structure) == did:
            return keys.did_document(structure, did)
        if ":endorsers:" in did:   # an endorser's profile, whose key the platform holds (issuer.endorsements)
            from issuer.endorsements.models import Endorser
            from issuer.endorsements.documents import endorser_did, endorser_document

            endorser = Endorser.objects.filter(slug=slug).first()
            if endorser is not None and endorser_did(endorser) == did:
                return endorser_document(endorser)
    raise UnknownIssuer(f"{did} is not an issuer of this platform ({settings.DIVA_BASE_URL})")


def fetch_status(url: str) -> dict:
    """One of our signed status lists, read from the database."""
    prefix = settings.DIVA_BASE_URL + "/status/"
    endorsers = settings.DIVA_BASE_URL + "/endorsers/"
    if url.startswith(endorsers) and url.endswith("/status"):   # an endorser's own revocation list
        from issuer.endorsements.models import Endorser

        endorser = Endorser.objects.filter(slug=url[len(endorsers):-len("/status")]).first()
        if endorser is None or not endorser.status_signed:
            raise LookupError(f"status list {url} is not one of this platform's")
        return endorser.status_signed
    tail = url[len(prefix):] if url.startswith(prefix) else ""
    found = StatusList.objects.filter(pk=int(tail)).first() if tail.isdigit() else None
    if found is None or not found.signed:
        raise LookupError(f"status list {url} is not one of this platform's")
    return found.signed


def verify(credential: dict, now: datetime | None = None):
    """Signature, issuer key, dates and status of a credential, as one Report."""
    from issuer.signing import verifier

    return verifier.verify_credential(credential, resolve_did=resolve_did, fetch_status=fetch_status,
                                      now=now or datetime.now(timezone.utc))


def own_host() -> str:
    return urlsplit(settings.DIVA_BASE_URL).netloc
