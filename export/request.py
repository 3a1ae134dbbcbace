"""The one badge-request builder: a player's session results -> a DIVA BadgeRequest (OB 3.0 inside).

Plain data in, plain JSON out: no game store, no referential, no pygame.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from jsonschema import Draft201909Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT201909

REQUEST_TYPE = "BadgeRequest"
REQUEST_VERSION = "1.1"
MODES = ("solo", "turns", "vote")
RECTEC = "RECTEC"
ESCO = "ESCO"

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
CREDENTIAL_SCHEMA = SCHEMA_DIR / "ob_v3p0_achievementcredential_schema.json"
REQUEST_SCHEMA = SCHEMA_DIR / "badge-request.schema.json"

# Stable namespace so that ids derived from a competence or a structure never change between builds.
_DIVA_NS = uuid.UUID("6f1d3c52-8f0e-4c1a-9a55-3d1e7b0c2a91")
_LANG_RE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
_ESCO_NOTE = "Approximate match: the closest ESCO skill, not an exact equivalence."


@dataclass(frozen=True)
class LevelRubric:
    """One level of a competence's rubric, in the request language."""

    number: int
    name: str
    descriptor: str


@dataclass(frozen=True)
class Alignment:
    """A framework item the competence maps to: RECTEC (exact) or ESCO (approximate)."""

    target_name: str
    target_url: str
    target_framework: str
    target_code: str
    target_description: str = ""


@dataclass(frozen=True)
class Endorser:
    """Someone the player names to vouch for a competence; the issuer contacts them."""

    name: str
    role: str
    email: str = ""


@dataclass(frozen=True)
class CompetenceAward:
    """A competence reached at a level, with its evidence and (optional) counsellor validation."""

    competence_id: str
    name: str
    description: str
    domain: str
    level: int
    rubric: tuple[LevelRubric, ...]
    alignments: tuple[Alignment, ...]
    evidence: tuple[tuple[str, str], ...]
    narrative: str = ""
    image_png: bytes | None = None
    validated_by: str = ""
    validation_comment: str = ""
    validated_at: str = ""
    endorsers: tuple[Endorser, ...] = ()


@dataclass(frozen=True)
class RequestInput:
    """Everything one player's badge request is built from."""

    structure_id: str
    structure_name: str
    session_id: str
    session_date: str
    session_mode: str
    player_id: str
    display_name: str
    lang: str
    awards: tuple[CompetenceAward, ...]
    recipient_email: str = ""
    issuer_id: str = ""


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def hash_identity(email: str, salt: str) -> str:
    """OB identity hash of an email: "sha256$" + hex(sha256(normalized email + salt))."""
    digest = hashlib.sha256((normalize_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def identity_matches(identifier: dict, email: str) -> bool:
    """Whether `email` is the one hashed in an IdentityObject."""
    if not identifier.get("hashed"):
        return normalize_email(str(identifier.get("identityHash", ""))) == normalize_email(email)
    return identifier.get("identityHash") == hash_identity(email, str(identifier.get("salt", "")))


def request_body(request: dict) -> bytes:
    """Canonical JSON bytes of a request: the exact bytes that are stored, signed and sent."""
    return json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _request_urn(request_id: str | None) -> str:
    if request_id is None:
        return f"urn:uuid:{uuid.uuid4()}"
    raw = request_id[len("urn:uuid:"):] if request_id.startswith("urn:uuid:") else request_id
    try:
        return f"urn:uuid:{uuid.UUID(raw)}"
    except ValueError:
        raise ValueError(f"request_id must be a UUID or urn:uuid:<UUID>, got {request_id!r}") from None


def _issuer_id(inp: RequestInput) -> str:
    if inp.issuer_id:
        if ":" not in inp.issuer_id:
            raise ValueError(f"issuer_id must be a URI, got {inp.issuer_id!r}")
        return inp.issuer_id
    return f"urn:uuid:{uuid.uuid5(_DIVA_NS, 'structure:' + inp.structure_id)}"


def _achievement_id(inp: RequestInput, competence_id: str) -> str:
    if inp.issuer_id.startswith(("https://", "http://")):
        return f"{inp.issuer_id.rstrip('/')}/achievements/rectec/{competence_id}"
    return f"urn:uuid:{uuid.uuid5(_DIVA_NS, 'rectec:' + competence_id)}"


def _alignment(a: Alignment) -> dict:
    out = {
        "type": ["Alignment"],
        "targetName": a.target_name,
        "targetUrl": a.target_url,
        "targetFramework": a.target_framework,
        "targetCode": a.target_code,
        "targetType": "ceasn:Competency",
    }
    description = a.target_description or (_ESCO_NOTE if a.target_framework == ESCO else "")
    if description:
        out["targetDescription"] = description
    return out


def _check_award(award: CompetenceAward) -> None:
    numbers = [r.number for r in award.rubric]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{award.competence_id}: rubric levels repeat: {numbers}")
    if award.level not in numbers:
        raise ValueError(f"{award.competence_id}: level {award.level} is not in its rubric {numbers}")
    if not any(a.target_framework == RECTEC and a.target_code == award.competence_id for a in award.alignments):
        raise ValueError(f"{award.competence_id}: needs a RECTEC alignment with targetCode {award.competence_id!r}")


def _credential(inp: RequestInput, award: CompetenceAward, *, request_urn: str, created_at: str,
                issuer: dict, identifier: dict | None) -> dict:
    achievement_id = _achievement_id(inp, award.competence_id)
    rubric_id = f"{achievement_id}#levels"
    rubric = sorted(award.rubric, key=lambda r: r.number)
    level_name = next(r.name for r in rubric if r.number == award.level)
    achievement: dict = {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": award.name,
        "description": award.description,
        "humanCode": award.competence_id,
        "fieldOfStudy": award.domain,
        "tag": [award.domain] if award.domain else [],
        "inLanguage": inp.lang,
        "criteria": {"narrative": "\n".join(f"{r.number}. **{r.name}**: {r.descriptor}" for r in rubric)},
        "alignment": [_alignment(a) for a in award.alignments],
        "resultDescription": [{
            "id": rubric_id,
            "type": ["ResultDescription"],
            "name": award.name,
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": [{
                "id": f"{achievement_id}#level-{r.number}",
                "type": ["RubricCriterionLevel"],
                "name": r.name,
                "description": r.descriptor,
                "level": str(r.number),
            } for r in rubric],
        }],
    }
    if award.image_png:
        achievement["image"] = {
            "id": "data:image/png;base64," + base64.b64encode(award.image_png).decode("ascii"),
            "type": "Image",
            "caption": award.name,
        }
    subject: dict = {
        "type": ["AchievementSubject"],
        "achievement": achievement,
        "result": [{
            "type": ["Result"],
            "resultDescription": rubric_id,
            "achievedLevel": f"{achievement_id}#level-{award.level}",
        }],
    }
    if identifier is not None:
        subject["identifier"] = [identifier]
    if award.narrative:
        subject["narrative"] = award.narrative
    return {
        "@context": list(OB_CONTEXT),
        "id": f"urn:uuid:{uuid.uuid5(uuid.UUID(request_urn[9:]), award.competence_id)}",
        "type": list(CREDENTIAL_TYPE),
        "name": f"{award.name}: {level_name}",
        "description": award.description,
        "issuer": issuer,
        "validFrom": created_at,
        "credentialSubject": subject,
        "evidence": [{"type": ["Evidence"], "name": name, "narrative": narrative}
                     for name, narrative in award.evidence],
    }


def build_badge_request(inp: RequestInput, *, request_id: str | None = None,
                        created_at: str | None = None) -> dict:
    """One BadgeRequest per player per session; a new urn:uuid id unless `request_id` is given."""
    if inp.session_mode not in MODES:
        raise ValueError(f"session mode must be one of {MODES}, got {inp.session_mode!r}")
    if not _LANG_RE.match(inp.lang):
        raise ValueError(f"lang must be a BCP 47 code such as 'fr', got {inp.lang!r}")
    if not inp.awards:
        raise ValueError("a badge request needs at least one competence")
    ids = [a.competence_id for a in inp.awards]
    if len(set(ids)) != len(ids):
        raise ValueError(f"a competence appears twice in one request: {ids}")
    for award in inp.awards:
        _check_award(award)

    request_urn = _request_urn(request_id)
    created_at = created_at or utc_now_iso()
    issuer = {"id": _issuer_id(inp), "type": ["Profile"], "name": inp.structure_name}
    identifier = None
    if inp.recipient_email.strip():
        # Salt derived from the request id: unique per request, and the build stays reproducible.
        salt = hashlib.sha256(request_urn.encode("ascii")).hexdigest()[:16]
        identifier = {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": hash_identity(inp.recipient_email, salt),
            "salt": salt,
        }
    credentials = [_credential(inp, a, request_urn=request_urn, created_at=created_at,
                               issuer=issuer, identifier=identifier) for a in inp.awards]

    learner: dict = {"displayName": inp.display_name}
    if identifier is not None:
        learner["identifier"] = identifier
    request: dict = {
        "id": request_urn,
        "type": REQUEST_TYPE,
        "version": REQUEST_VERSION,
        "createdAt": created_at,
        "lang": inp.lang,
        "structure": {"id": inp.structure_id, "name": inp.structure_name},
        "session": {"id": inp.session_id, "date": inp.session_date, "mode": inp.session_mode},
        "learner": learner,
        "credentials": credentials,
    }
    validations = [{
        "credentialId": cred["id"],
        "competenceId": a.competence_id,
        "level": a.level,
        "validatedBy": a.validated_by,
        "validatedAt": a.validated_at or created_at,
        "comment": a.validation_comment,
    } for a, cred in zip(inp.awards, credentials) if a.validated_by]
    endorsement_requests = [{
        "credentialId": cred["id"],
        "competenceId": a.competence_id,
        "name": e.name,
        "role": e.role,
        **({"email": e.email} if e.email else {}),
    } for a, cred in zip(inp.awards, credentials) for e in a.endorsers]
    if validations or endorsement_requests:
        request["endorsement"] = {"validations": validations, "endorsementRequests": endorsement_requests}
    return request


def competence_and_level(credential: dict) -> tuple[str, int]:
    """The RECTEC competence id and the level achieved that a DIVA credential carries."""
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    competence = next(a["targetCode"] for a in achievement.get("alignment", [])
                      if a.get("targetFramework") == RECTEC)
    achieved = subject["result"][0]["achievedLevel"]
    for description in achievement.get("resultDescription", []):
        for level in description.get("rubricCriterionLevel", []):
            if level["id"] == achieved:
                return competence, int(level["level"])
    raise ValueError(f"credential {credential.get('id')}: achieved level {achieved!r} is not in its rubric")


# --- validation against the vendored schemas (never fetched over the network) -----------------

def _refuse_remote(uri: str):
    raise NoSuchResource(ref=uri)


@functools.lru_cache(maxsize=8)
def _load_schema(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def _validator(schema_path: Path, extra: tuple[Path, ...] = ()):
    schema = _load_schema(str(schema_path))
    resources = []
    for path in (schema_path, *extra):
        contents = _load_schema(str(path))
        resource = Resource.from_contents(contents, default_specification=DRAFT201909)
        resources.append((contents.get("$id", path.resolve().as_uri()), resource))
    registry = Registry(retrieve=_refuse_remote).with_resources(resources)
    return Draft201909Validator(schema, registry=registry, format_checker=FormatChecker())


def _errors(validator, instance) -> list[str]:
    out = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        out.append(f"{where}: {error.message}")
    return out


def validate_credential(credential: dict, schema_path: str | Path | None = None) -> list[str]:
    """Problems of one credential against the official OB 3.0 schema (empty list when valid)."""
    return _errors(_validator(Path(schema_path or CREDENTIAL_SCHEMA)), credential)


def validate_request(request: dict, schema_path: str | Path | None = None,
                     credential_schema_path: str | Path | None = None) -> list[str]:
    """Problems of a whole request against badge-request.schema.json, credentials included."""
    validator = _validator(Path(schema_path or REQUEST_SCHEMA),
                           (Path(credential_schema_path or CREDENTIAL_SCHEMA),))
    return _errors(validator, request)
