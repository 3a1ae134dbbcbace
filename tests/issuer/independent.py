"""Run the independent JavaScript verifier (Digital Bazaar libraries, tests/verifier-js) on credential files."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

VERIFIER_DIR = Path(__file__).resolve().parents[1] / "verifier-js"
CONTEXTS_DIR = Path(__file__).resolve().parents[2] / "issuer" / "signing" / "contexts"


def unavailable_reason() -> str | None:
    """Why the JavaScript verifier cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node absent : le vérificateur JavaScript indépendant ne peut pas tourner / node not installed"
    if not (VERIFIER_DIR / "node_modules").is_dir():
        return ("tests/verifier-js/node_modules absent : lancer `make verifier-js` / "
                "run `make verifier-js` to install the JavaScript verifier")
    return None


def independent_verify(paths, did_web_base: str | None = None, pins: dict[str, str] | None = None,
                       timeout: float = 120) -> list[dict]:
    """One {"file","verified","revoked","errors"} per path, as the JavaScript verifier reports it."""
    command = ["node", str(VERIFIER_DIR / "verify.mjs"), "--contexts", str(CONTEXTS_DIR)]
    if did_web_base:
        command += ["--did-web-base", did_web_base]
    for method, key in (pins or {}).items():
        command += ["--pin-key", f"{method}={key}"]
    command += [str(p) for p in paths]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=VERIFIER_DIR)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(lines) != len(paths):
        raise RuntimeError(f"vérificateur JavaScript : sortie inattendue (code {done.returncode}) / "
                           f"unexpected output:\n{done.stdout}\n{done.stderr}")
    return lines
