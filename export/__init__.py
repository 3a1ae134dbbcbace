"""Badge export: OB 3.0 badge requests, signing, HTTP issuers, outbox delivery, QR codes, files.

Plain Python: no pygame, no game store, no referential; callers hand in plain data.
"""
from export.files import SessionRow, write_player_files, write_session_csv
from export.issuer import IssuerConfig, SendResult, check_config, check_issuer_url
from export.send import send_request
from export.outbox import MemoryOutbox, Outbox, OutboxItem, deliver, retry_delay
from export.qr import claim_qr_png, decode_offline_fragment, offline_claim_url, qr_matrix
from export.request import (Alignment, CompetenceAward, Endorser, LevelRubric, RequestInput, build_badge_request,
                            competence_and_level, request_body, validate_credential, validate_request)
from export.signing import sign, verify

__all__ = [
    "Alignment", "CompetenceAward", "Endorser", "IssuerConfig", "LevelRubric", "MemoryOutbox", "Outbox",
    "OutboxItem", "RequestInput", "SendResult", "SessionRow", "build_badge_request", "check_config",
    "check_issuer_url", "claim_qr_png", "competence_and_level", "decode_offline_fragment", "deliver",
    "offline_claim_url", "qr_matrix", "request_body", "retry_delay", "send_request", "sign",
    "validate_credential", "validate_request", "verify", "write_player_files", "write_session_csv",
]
