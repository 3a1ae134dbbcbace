"""Data Integrity proofs `eddsa-rdfc-2022` (W3C vc-di-eddsa): clean, check, canonicalize, sign, verify."""
from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyld import jsonld

from .loader import ContextNotAvailable, document_loader
from .multibase import MultibaseError, decode_z, encode_z

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"

# RDFC-1.0 escapes these, PyLD does not: strip them before signing (see contexts/README.md).
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# An @vocab of our own, appended to the document's contexts only to find terms no context defines.
_UNDEFINED_VOCAB = "urn:diva:undefined-term:"


class UndefinedTermError(ValueError):
    """A key (or type) of the document that its contexts do not define: JSON-LD would drop it silently."""

    def __init__(self, path: str, term: str | None = None):
        self.path = path
        self.term = term
        super().__init__(
            f"terme non défini par les contextes JSON-LD : {path} / term not defined by the JSON-LD contexts: {path}"
        )


class SigningError(ValueError):
    """A document that cannot be signed as it is."""


@dataclass
class VerifyResult:
    ok: bool
    errors: list[str] = field(default_factory=list)


def clean_text(obj):
    """A copy where every string (keys too) lost the characters RDFC-1.0 would escape differently."""
    if isinstance(obj, str):
        return _UNSAFE_TEXT.sub("", obj)
    if isinstance(obj, dict):
        return {clean_text(k): clean_text(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean_text(v) for v in obj]
    return obj


def _contexts(document: dict) -> list:
    ctx = document.get("@context") if isinstance(document, dict) else None
    if not ctx:
        raise SigningError("document sans @context / document without @context")
    return list(ctx) if isinstance(ctx, list) else [ctx]


def _collect_undefined(node, terms: set, types: set) -> None:
    if isinstance(node, list):
        for item in node:
            _collect_undefined(item, terms, types)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith(_UNDEFINED_VOCAB):
                terms.add(key[len(_UNDEFINED_VOCAB):])
            if key in ("@type", "@id") and value is not None:
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and v.startswith(_UNDEFINED_VOCAB):
                        types.add(v[len(_UNDEFINED_VOCAB):])
            _collect_undefined(value, terms, types)


def _find_path(node, terms: set, values: set, path: str = ""):
    if isinstance(node, list):
        for i, item in enumerate(node):
            found = _find_path(item, terms, values, f"{path}[{i}]")
            if found:
                return found
    elif isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key in terms and key != "@context":
                return here, key
            if key != "@context":
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and v in values:
                        return here, v
                found = _find_path(value, terms, values, here)
                if found:
                    return found
    return None


def _expand_checked(document: dict) -> list:
    """The document expanded; UndefinedTermError(path) when a key or a type is not defined by its contexts."""
    probe = dict(document)
    probe["@context"] = _contexts(document) + [{"@vocab": _UNDEFINED_VOCAB}]
    expanded = jsonld.expand(probe, {"documentLoader": document_loader})
    terms: set[str] = set()
    values: set[str] = set()
    _collect_undefined(expanded, terms, values)
    if terms or values:
        found = _find_path(document, terms, values)
        if found:
            raise UndefinedTermError(*found)
        name = sorted(terms | values)[0]
        raise UndefinedTermError(name, name)
    # no IRI came from our @vocab: this is exactly the expansion without it
    return expanded


def check_terms(document: dict) -> None:
    """Raise UndefinedTermError(path) when a key or a type of the document is not defined by its contexts."""
    _expand_checked(document)


def canonicalize(document: dict) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads, contexts loaded offline."""
    _contexts(document)
    return _normalize(document)


def _normalize(document) -> str:
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": document_loader},
    )


@lru_cache(maxsize=256)
def _proof_config_hash(config_json: str) -> bytes:
    # a batch signed within one second shares one proof configuration: canonicalize it once
    return hashlib.sha256(canonicalize(json.loads(config_json)).encode("utf-8")).digest()


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash_data(unsecured: dict | list, proof_config: dict, expanded: bool = False) -> bytes:
    """proofConfigHash + documentHash (the unsecured document may be given already expanded)."""
    proof_hash = _proof_config_hash(json.dumps(proof_config, sort_keys=True, ensure_ascii=False))
    canonical = _normalize(unsecured) if expanded else canonicalize(unsecured)
    return proof_hash + hashlib.sha256(canonical.encode("utf-8")).digest()


def sign(
    document: dict,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: str | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A NEW document, cleaned, with a DataIntegrityProof eddsa-rdfc-2022 appended to its `proof` array."""
    document = clean_text(copy.deepcopy(document))
    existing = document.pop("proof", None)
    expanded = _expand_checked(document)
    proof = {
        "type": PROOF_TYPE,
        "created": created or _now(),
        "verificationMethod": verification_method,
        "cryptosuite": CRYPTOSUITE,
        "proofPurpose": proof_purpose,
    }
    proof_config = {"@context": document["@context"], **proof}
    proof["proofValue"] = encode_z(private_key.sign(_hash_data(expanded, proof_config, expanded=True)))
    proofs = [] if existing is None else (list(existing) if isinstance(existing, list) else [existing])
    document["proof"] = proofs + [proof]
    return document


def proofs_of(document: dict) -> list:
    proof = document.get("proof") if isinstance(document, dict) else None
    if proof is None:
        return []
    return list(proof) if isinstance(proof, list) else [proof]


def verify_proof(document: dict, proof: dict, resolve_public_key: Callable[[str], Ed25519PublicKey]) -> list[str]:
    """The errors of one proof of the document (an empty list when it verifies)."""
    if not isinstance(proof, dict):
        return ["preuve mal formée / malformed proof"]
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return [
            f"type de preuve non pris en charge : {proof.get('type')} {proof.get('cryptosuite')} / "
            f"unsupported proof type"
        ]
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not method:
        return ["preuve sans verificationMethod / proof without verificationMethod"]
    try:
        signature = decode_z(proof.get("proofValue"))
    except MultibaseError as exc:
        return [f"proofValue illisible : {exc}"]
    if len(signature) != 64:
        return ["proofValue n'est pas une signature Ed25519 / proofValue is not an Ed25519 signature"]
    try:
        public_key = resolve_public_key(method)
    except Exception as exc:  # the resolver says why the key is unknown
        return [f"clé de vérification introuvable ({method}) : {exc} / verification key not found"]
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    try:
        if "@context" in config:
            ctx = config["@context"] if isinstance(config["@context"], list) else [config["@context"]]
            if _contexts(unsecured)[: len(ctx)] != ctx:
                return ["le @context de la preuve ne correspond pas au document / proof @context mismatch"]
            unsecured["@context"] = config["@context"]
        else:
            config["@context"] = unsecured.get("@context")
        data = _hash_data(unsecured, config)
    except (ContextNotAvailable, SigningError) as exc:
        return [str(exc)]
    except Exception as exc:  # PyLD raises JsonLdError for any malformed input
        return [f"document JSON-LD invalide : {exc.__class__.__name__} / invalid JSON-LD document"]
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return ["signature invalide : le document a été modifié ou la clé ne correspond pas / invalid signature"]
    return []


def verify(document: dict, resolve_public_key: Callable[[str], Ed25519PublicKey]) -> VerifyResult:
    """Verify every proof of the document; ok only when there is at least one and all verify."""
    proofs = proofs_of(document)
    if not proofs:
        return VerifyResult(False, ["aucune preuve / no proof"])
    errors = []
    for proof in proofs:
        errors += verify_proof(document, proof, resolve_public_key)
    return VerifyResult(not errors, errors)
