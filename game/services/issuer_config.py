"""The issuer a structure sends badge requests to: issuer.json in the data folder (0600).

Secrets (HMAC secret, OAuth client secret) live only in that file: never shown back on
screen, logged, or written to exports.
"""
from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from export.issuer import KINDS, IssuerConfig, check_config

FILE_NAME = "issuer.json"
SECRET_FIELDS = ("secret", "client_secret")
BY_EMAIL = ("obf", "badgr")  # issuers that need the learner's e-mail address
SECRET_ENV = "DIVA_ISSUER_SECRET"  # the command line's secret: never an argument (visible in `ps`)


@dataclass
class IssuerSettings:
    kind: str = "diva"
    url: str = ""
    structure_id: str = ""
    structure_name: str = ""
    secret: str = field(default="", repr=False)
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    badge_map: dict = field(default_factory=dict)
    # the secrets sealed with the key the counsellor's PIN gives (AES-GCM; base64 of nonce + ciphertext)
    sealed: dict = field(default_factory=dict, repr=False)
    # why a sealed secret could not be opened: "" (it could, or none is sealed), "pin" (no PIN given in this
    # sitting), "other_pin" (sealed with a PIN since removed: the secret must be typed again); never saved
    locked: str = field(default="", compare=False)

    @classmethod
    def load(cls, data_dir: Path, key: bytes | None = None) -> "IssuerSettings":
        path = Path(data_dir) / FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {k: v for k, v in raw.items()
                 if k in cls.__dataclass_fields__ and k != "locked" and isinstance(v, (str, dict))}
        settings = cls(**known)
        if settings.kind not in KINDS:
            settings.kind = "diva"
        for name, blob in settings.sealed.items():
            if name not in SECRET_FIELDS or not isinstance(blob, str):
                continue
            if key is None:
                settings.locked = "pin"
                continue
            try:
                packed = base64.b64decode(blob)
                setattr(settings, name, AESGCM(key).decrypt(packed[:12], packed[12:], name.encode()).decode())
            except (ValueError, InvalidTag):
                settings.locked = "other_pin"
        return settings

    def save(self, data_dir: Path, key: bytes | None = None) -> Path:
        """Write issuer.json (0600). With `key` (the counsellor's PIN was given), the secrets are sealed
        with it: reading the file is not enough to sign requests in the structure's name."""
        record = {k: v for k, v in asdict(self).items() if k != "locked"}
        if key is not None:
            sealed = dict(self.sealed)
            for name in SECRET_FIELDS:
                if record[name]:
                    nonce = os.urandom(12)
                    sealed[name] = base64.b64encode(nonce + AESGCM(key).encrypt(nonce, record[name].encode(),
                                                                                name.encode())).decode()
                    record[name] = ""
            record["sealed"] = sealed
        path = Path(data_dir) / FILE_NAME
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
        return path

    @property
    def configured(self) -> bool:
        return bool(self.url)

    def config(self) -> IssuerConfig:
        return IssuerConfig(kind=self.kind, url=self.url.rstrip("/"), structure_id=self.structure_id,
                            structure_name=self.structure_name, secret=self.secret, client_id=self.client_id,
                            client_secret=self.client_secret, badge_map=dict(self.badge_map))

    @property
    def issues_by_email(self) -> bool:
        """Open Badge Factory and Badgr issue to the learner's e-mail address, which DIVA never collects
        (a young person's address stays with them: they may give it on the DIVA Badges claim page)."""
        return self.kind in BY_EMAIL

    def problem(self) -> str | None:
        """Why this configuration cannot send (None when it can)."""
        if not self.url:
            return "no issuer configured"
        if self.locked == "pin":
            return ("the issuer's secret is sealed with the counsellor's PIN: send from the counsellor's space, "
                    "or give the secret in DIVA_ISSUER_SECRET")
        if self.locked == "other_pin":
            return ("the issuer's secret was sealed with a PIN that has since been replaced: type the secret again "
                    "in the counsellor's space")
        if self.issues_by_email:
            return (f"{self.kind} issues badges to the learner's e-mail address, which DIVA does not collect: "
                    "every request would be refused; use a DIVA Badges issuer (kind 'diva')")
        try:
            return check_config(self.config())
        except ValueError as exc:
            return str(exc)
