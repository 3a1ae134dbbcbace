"""Our own credential verifier (the platform's /verify page): schema, proof, issuer key, dates, status, endorsements.

DIDs and status lists come from injected functions: the platform reads its own database, tests pass dicts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import dataintegrity, keys, statuslist

CLOCK_SKEW = timedelta(minutes=5)  # as the Digital Bazaar verifiers allow
SCHEMA_TYPES = ("OpenBadgeCredential", "AchievementCredential")
KEY_TYPES = ("Multikey", "Ed25519VerificationKey2020")


@dataclass
class Check:
    name: str
    ok: bool
    message_fr: str
    message_en: str


@dataclass
class Report:
    credential_id: str | None
    issuer: str | None
    checks: list[Check] = field(default_factory=list)
    endorsements: list["Report"] = field(default_factory=list)
    revoked: bool = False
    expired: bool = False

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks) and all(e.valid for e in self.endorsements)

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def to_dict(self) -> dict:
        return {
            "id": self.credential_id,
            "issuer": self.issuer,
            "valid": self.valid,
            "revoked": self.revoked,
            "expired": self.expired,
            "checks": [c.__dict__ for c in self.checks],
            "endorsements": [e.to_dict() for e in self.endorsements],
        }


class _KeyRefused(Exception):
    def __init__(self, fr: str, en: str):
        super().__init__(f"{fr} / {en}")
        self.fr, self.en = fr, en


def _issuer_id(credential: dict) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _types(node: dict) -> list:
    value = node.get("type", [])
    return value if isinstance(value, list) else [value]


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class _Resolver:
    """Finds verification methods through the injected resolve_did, did:key locally; remembers what it found."""

    def __init__(self, resolve_did: Callable[[str], dict]):
        self.resolve_did = resolve_did
        self.documents: dict[str, dict] = {}

    def document(self, did: str) -> dict:
        if did not in self.documents:
            if did.startswith("did:key:"):
                self.documents[did] = keys.did_document(did, keys.public_key_from_did_key(did))
                fingerprint = did[len("did:key:"):]
                method = self.documents[did]["verificationMethod"][0]
                method["id"] = f"{did}#{fingerprint}"
                self.documents[did]["assertionMethod"] = [method["id"]]
                self.documents[did]["authentication"] = [method["id"]]
            else:
                document = self.resolve_did(did)
                if not isinstance(document, dict) or document.get("id") != did:
                    raise _KeyRefused(f"le document DID de {did} est introuvable ou ne porte pas cet identifiant",
                                      f"the DID document of {did} is missing or carries another id")
                self.documents[did] = document
        return self.documents[did]

    def method(self, method_id: str) -> tuple[str, dict]:
        if not method_id.startswith("did:") or "#" not in method_id:
            raise _KeyRefused(f"méthode de vérification non prise en charge : {method_id}",
                              f"unsupported verification method: {method_id}")
        did, fragment = method_id.split("#", 1)
        document = self.document(did)
        for method in document.get("verificationMethod", []):
            if isinstance(method, dict) and method.get("id") in (method_id, f"#{fragment}"):
                return did, method
        raise _KeyRefused(f"la clé {method_id} n'est pas dans le document DID", f"key {method_id} not in the DID document")

    def public_key(self, method_id: str) -> Ed25519PublicKey:
        _, method = self.method(method_id)
        if method.get("type") not in KEY_TYPES:
            raise _KeyRefused(f"type de clé non pris en charge : {method.get('type')}",
                              f"unsupported key type: {method.get('type')}")
        return keys.public_key_from_multibase(method.get("publicKeyMultibase", ""))


def _schema_check(credential: dict) -> Check | None:
    if not any(t in SCHEMA_TYPES for t in _types(credential)):
        return None
    from export.request import validate_credential  # one schema validation for the project

    problems = validate_credential(credential)
    if problems:
        return Check("schema", False, "Ne respecte pas le schéma officiel Open Badges 3.0 : " + problems[0],
                     "Does not follow the official Open Badges 3.0 schema: " + problems[0])
    return Check("schema", True, "Conforme au schéma officiel Open Badges 3.0.",
                 "Follows the official Open Badges 3.0 schema.")


def _proof_check(document: dict, resolver: _Resolver) -> Check:
    def resolve(method_id):
        return resolver.public_key(method_id)

    try:
        result = dataintegrity.verify(document, resolve)
    except Exception as exc:  # a malformed document: say so, never a traceback on a public page
        return Check("proof", False, f"Signature impossible à vérifier : {exc}", f"Signature cannot be checked: {exc}")
    if result.ok:
        return Check("proof", True, "Signature valide (eddsa-rdfc-2022).", "Valid signature (eddsa-rdfc-2022).")
    detail = "; ".join(result.errors)
    return Check("proof", False, f"Signature invalide : {detail}", f"Invalid signature: {detail}")


def _issuer_key_check(document: dict, resolver: _Resolver) -> Check:
    issuer = _issuer_id(document)
    proofs = dataintegrity.proofs_of(document)
    if not issuer or not proofs:
        return Check("issuer_key", False, "Émetteur ou preuve manquant.", "Issuer or proof missing.")
    for proof in proofs:
        method_id = proof.get("verificationMethod") if isinstance(proof, dict) else None
        if not isinstance(method_id, str) or method_id.split("#", 1)[0] != issuer:
            continue
        if proof.get("proofPurpose") != "assertionMethod":
            continue
        try:
            did, method = resolver.method(method_id)
        except (_KeyRefused, keys.KeyFormatError, Exception) as exc:
            fr, en = (exc.fr, exc.en) if isinstance(exc, _KeyRefused) else (str(exc), str(exc))
            return Check("issuer_key", False, f"Clé de l'émetteur introuvable : {fr}", f"Issuer key not found: {en}")
        document_did = resolver.document(did)
        fragment = "#" + method_id.split("#", 1)[1]
        listed = [m.get("id") if isinstance(m, dict) else m for m in document_did.get("assertionMethod", [])]
        if method.get("controller") == issuer and (method_id in listed or fragment in listed):
            return Check("issuer_key", True, f"La clé de signature appartient à l'émetteur {issuer}.",
                         f"The signing key belongs to the issuer {issuer}.")
    return Check("issuer_key", False,
                 f"Aucune preuve n'est signée par une clé d'assertion de l'émetteur {issuer}.",
                 f"No proof is signed with an assertion key of the issuer {issuer}.")


def _dates_check(document: dict, now: datetime, report: Report) -> Check:
    valid_from = _parse_time(document.get("validFrom"))
    if valid_from is None:
        return Check("dates", False, "Date de début de validité absente ou illisible.", "validFrom missing or unreadable.")
    if valid_from - CLOCK_SKEW > now:
        return Check("dates", False, f"Pas encore valide : valable à partir du {document['validFrom']}.",
                     f"Not valid yet: valid from {document['validFrom']}.")
    if "validUntil" in document:
        valid_until = _parse_time(document.get("validUntil"))
        if valid_until is None:
            return Check("dates", False, "Date de fin de validité illisible.", "validUntil unreadable.")
        if valid_until + CLOCK_SKEW < now:
            report.expired = True
            return Check("dates", False, f"Expiré depuis le {document['validUntil']}.",
                         f"Expired on {document['validUntil']}.")
    return Check("dates", True, "Dates de validité respectées.", "Within its validity dates.")


def _status_check(document: dict, resolver: _Resolver, fetch_status, report: Report) -> Check:
    entries = document.get("credentialStatus")
    if entries is None:
        return Check("status", True, "Pas de liste de statut : révocation non publiée.",
                     "No status list: revocation is not published.")
    issuer = _issuer_id(document)
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            return Check("status", False, "Type de statut non pris en charge.", "Unsupported status type.")
        url = entry.get("statusListCredential")
        try:
            index = int(entry.get("statusListIndex"))
            status_list = fetch_status(url)
        except Exception as exc:
            return Check("status", False, f"Liste de statut introuvable ({url}) : {exc}",
                         f"Status list not found ({url}): {exc}")
        if not isinstance(status_list, dict) or "BitstringStatusListCredential" not in _types(status_list):
            return Check("status", False, "La liste de statut n'en est pas une.", "The status list is not one.")
        if _issuer_id(status_list) != issuer:
            return Check("status", False, "La liste de statut vient d'un autre émetteur.",
                         "The status list comes from another issuer.")
        list_proof = _proof_check(status_list, resolver)
        if not list_proof.ok or not _issuer_key_check(status_list, resolver).ok:
            return Check("status", False, "La liste de statut n'est pas signée par l'émetteur : " + list_proof.message_fr,
                         "The status list is not signed by the issuer: " + list_proof.message_en)
        subject = status_list.get("credentialSubject", {})
        if subject.get("statusPurpose") != entry.get("statusPurpose"):
            return Check("status", False, "La liste de statut n'a pas le même objet.", "Status purpose mismatch.")
        try:
            set_ = statuslist.is_set(statuslist.decode_bitstring(subject.get("encodedList")), index)
        except statuslist.StatusListError as exc:
            return Check("status", False, f"Liste de statut illisible : {exc}", f"Unreadable status list: {exc}")
        if set_ and entry.get("statusPurpose") in ("revocation", "suspension"):
            report.revoked = True
            word_fr, word_en = ("révoqué", "revoked") if entry["statusPurpose"] == "revocation" else ("suspendu", "suspended")
            return Check("status", False, f"Badge {word_fr} par son émetteur.", f"Badge {word_en} by its issuer.")
    return Check("status", True, "Non révoqué (liste de statut signée vérifiée).",
                 "Not revoked (signed status list checked).")


def verify_credential(credential: dict, *, resolve_did: Callable[[str], dict],
                      fetch_status: Callable[[str], dict], now: datetime | None = None,
                      _resolver: _Resolver | None = None) -> Report:
    """Every check in order, each with its French and English message; embedded endorsements verified alike."""
    now = now or datetime.now(timezone.utc)
    if not isinstance(credential, dict):
        report = Report(None, None)
        report.checks.append(Check("format", False, "Ce n'est pas un justificatif JSON.", "This is not a JSON credential."))
        return report
    resolver = _resolver or _Resolver(resolve_did)
    report = Report(credential.get("id") if isinstance(credential.get("id"), str) else None, _issuer_id(credential))
    schema = _schema_check(credential)
    if schema:
        report.checks.append(schema)
    report.checks.append(_proof_check(credential, resolver))
    report.checks.append(_issuer_key_check(credential, resolver))
    report.checks.append(_dates_check(credential, now, report))
    report.checks.append(_status_check(credential, resolver, fetch_status, report))
    endorsements = credential.get("endorsement") or []
    for endorsement in endorsements if isinstance(endorsements, list) else [endorsements]:
        report.endorsements.append(verify_credential(endorsement, resolve_did=resolve_did, fetch_status=fetch_status,
                                                     now=now, _resolver=resolver))
    return report
