"""Sample credentials and keys for the signing tests (a DIVA badge built by the game's own request builder)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from export.request import Alignment, CompetenceAward, LevelRubric, RequestInput, build_badge_request

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[3]
OFFICIAL_SCHEMA = ROOT.parent / "shared" / "reference" / "openbadges" / "ob_v3p0_achievementcredential_schema.json"


def vector() -> dict:
    return json.loads((DATA / "ob30-eddsa-rdfc-2022-vector.json").read_text(encoding="utf-8"))


def vector_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(vector()["privateKeyHex"])[:32])


def diva_credential(issuer_id: str = "did:example:issuer", **changes) -> dict:
    """An unsigned OpenBadgeCredential as DIVA's badge request carries it, with its issuer set."""
    names = ["Découverte", "En progrès", "Maîtrise", "Expertise"]
    award = CompetenceAward(
        competence_id="O1",
        name="S'organiser (O1)",
        description="Organiser son activité et celle d'un groupe.",
        domain="Organisation",
        level=2,
        rubric=tuple(LevelRubric(n, names[n - 1], f"Descripteur du niveau {n}") for n in range(1, 5)),
        alignments=(Alignment("S'organiser (O1)", "https://rectec.example.org/competences/O1", "RECTEC", "O1"),),
        evidence=(("Le festival", "A réparti les tâches entre les bénévoles.\nPuis a tout rangé."),),
    )
    request = build_badge_request(
        RequestInput(
            structure_id="ml-lyon", structure_name="Mission locale de Lyon", session_id="sess-1",
            session_date="2025-03-14", session_mode="solo", player_id="player-7", display_name="Léa M.",
            lang="fr", awards=(award,), recipient_email="lea.martin@example.org",
        ),
        request_id="urn:uuid:0b7e6f52-3c2a-4d8e-9f10-5a6b7c8d9e0f",
        created_at="2025-03-14T10:30:00Z",
    )
    credential = copy.deepcopy(request["credentials"][0])
    credential["issuer"] = {"id": issuer_id, "type": ["Profile"], "name": "Mission locale de Lyon"}
    credential.update(changes)
    return credential


def endorsement_credential(subject_id: str, issuer_id: str, comment: str = "Léa a tenu ses engagements.") -> dict:
    """An unsigned OB 3.0 EndorsementCredential about `subject_id` (a credential or an achievement)."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Recommandation de l'employeur",
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": "Boulangerie Dupont"},
        "validFrom": "2025-03-20T09:00:00Z",
        "credentialSubject": {"id": subject_id, "type": ["EndorsementSubject"], "endorsementComment": comment},
    }


class LoopbackServer:
    """A tiny http.server on 127.0.0.1 serving JSON documents by path (did:web documents, status lists)."""

    def __init__(self):
        import http.server
        import threading

        documents = self.documents = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                body = documents.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
