"""Badge requests leave the game through the real scenes: signed, valid, exactly once."""
import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys

import jsonschema
import pytest
from werkzeug import Response

from game.cli import build_parser
from tests.conftest import ROOT

SECRET = "workshop-secret-42"
SCHEMA = json.loads((ROOT.parent / "shared" / "reference" / "openbadges" / "ob_v3p0_achievementcredential_schema.json").read_text())


def autoplay(tmp_path, *extra):
    from game.autoplay.driver import run_autoplay

    args = build_parser().parse_args(["autoplay", "--scenario", "festival", "--data-dir", str(tmp_path / "data"), *extra])
    return run_autoplay(args)


class Issuer:
    """A local DIVA issuer: checks the signature, counts badges by Idempotency-Key."""

    def __init__(self):
        self.down = False
        self.badges: dict[str, bytes] = {}
        self.posts = 0

    def __call__(self, request):
        self.posts += 1
        if self.down:
            return Response("busy", status=503)
        body = request.get_data()
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if request.headers.get("X-DIVA-Signature") != expected:
            return Response(json.dumps({"message": "bad signature"}), status=401, content_type="application/json")
        key = request.headers["Idempotency-Key"]
        assert key == json.loads(body)["id"]
        self.badges.setdefault(key, body)
        return Response(json.dumps({"claimUrl": f"https://issuer.example.org/c/{key[-6:]}"}), status=201,
                        content_type="application/json")


@pytest.fixture
def issuer(httpserver):
    handler = Issuer()
    httpserver.expect_request("/badge-requests", method="POST").respond_with_handler(handler)
    handler.url = httpserver.url_for("").rstrip("/")
    return handler


def test_three_players_deliver_three_signed_valid_requests(tmp_path, issuer):
    out = tmp_path / "out"
    assert autoplay(tmp_path, "--players", "3", "--issuer", issuer.url, "--issuer-secret", SECRET, "--export", str(out)) == 0
    assert len(issuer.badges) == 3
    validator = jsonschema.Draft201909Validator(SCHEMA)
    for body in issuer.badges.values():
        request = json.loads(body)
        assert request["type"] == "BadgeRequest" and request["credentials"]
        for credential in request["credentials"]:
            assert not list(validator.iter_errors(credential))
    files = sorted(p.name for p in out.iterdir())
    assert sum(name.endswith(".json") for name in files) == 3 and sum(name.endswith(".png") for name in files) == 3
    assert "session.csv" in files
    text = "".join(p.read_text(errors="ignore") for p in out.iterdir() if p.suffix in (".json", ".csv"))
    assert SECRET not in text


def test_issuer_down_then_export_pending_delivers_exactly_once(tmp_path, issuer):
    issuer.down = True
    assert autoplay(tmp_path, "--players", "2", "--issuer", issuer.url, "--issuer-secret", SECRET) == 0
    assert issuer.badges == {}
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0] == 2
    db.execute("UPDATE outbox SET next_attempt_at = 0")  # the backoff has passed
    db.commit()
    (tmp_path / "data" / "issuer.json").write_text(json.dumps({"kind": "diva", "url": issuer.url, "secret": SECRET}))
    issuer.down = False
    env = {"SDL_VIDEODRIVER": "dummy", "PATH": "/usr/bin:/bin"}
    run = lambda: subprocess.run([sys.executable, "main.py", "export", "--pending", "--data-dir", str(tmp_path / "data")],  # noqa: E731
                                 cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    first = run()
    assert first.returncode == 0, first.stdout + first.stderr
    assert len(issuer.badges) == 2
    second = run()
    assert second.returncode == 0 and "nothing waits" in second.stdout
    assert len(issuer.badges) == 2
    assert SECRET not in first.stdout + second.stdout + (tmp_path / "data" / "diva.log").read_text()


def test_export_pending_without_issuer_says_why(tmp_path):
    assert autoplay(tmp_path) == 0
    out = subprocess.run([sys.executable, "main.py", "export", "--pending", "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                         capture_output=True, text=True, env={"SDL_VIDEODRIVER": "dummy", "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.returncode == 1 and "cannot be sent: no issuer configured" in out.stdout
