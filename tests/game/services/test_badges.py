"""Badge requests leave the game through the real scenes: signed, valid, exactly once."""
import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
import time

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


def _export(tmp_path, *extra, secret=None):
    env = {"SDL_VIDEODRIVER": "dummy", "PATH": "/usr/bin:/bin"}
    if secret is not None:
        env["DIVA_ISSUER_SECRET"] = secret
    return subprocess.run([sys.executable, "main.py", "export", "--pending", "--data-dir", str(tmp_path / "data"), *extra],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)


def test_issuer_down_then_export_pending_issuer_delivers_exactly_once(tmp_path, issuer, monkeypatch):
    issuer.down = True
    monkeypatch.setenv("DIVA_ISSUER_SECRET", SECRET)
    assert autoplay(tmp_path, "--players", "2", "--issuer", issuer.url) == 0
    assert issuer.badges == {} and issuer.posts >= 2
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("SELECT count(*) FROM outbox WHERE status = 'pending' AND next_attempt_at > 0").fetchone()[0] == 2
    db.close()
    assert not (tmp_path / "data" / "issuer.json").exists()  # the command line's issuer is never saved
    issuer.down = False
    # "send now": the backoff is not waited for; the secret comes from the environment, never argv
    first = _export(tmp_path, "--issuer", issuer.url, secret=SECRET)
    assert first.returncode == 0, first.stdout + first.stderr
    assert len(issuer.badges) == 2
    posts = issuer.posts
    second = _export(tmp_path, "--issuer", issuer.url, secret=SECRET)
    assert second.returncode == 0 and "nothing waits" in second.stdout
    assert len(issuer.badges) == 2 and issuer.posts == posts  # exactly once
    assert SECRET not in first.stdout + second.stdout + (tmp_path / "data" / "diva.log").read_text()


def test_a_refused_request_is_listed_with_its_reason_and_sent_again_once_the_secret_is_fixed(tmp_path, issuer):
    assert autoplay(tmp_path, "--players", "2") == 0
    first = _export(tmp_path, "--issuer", issuer.url, secret="mistyped")
    assert first.returncode == 1 and issuer.badges == {}
    refused = [line for line in first.stdout.splitlines() if ": refused (" in line]
    assert len(refused) == 2 and all("bad signature" in line and "--resend-refused" in line for line in refused)
    again = _export(tmp_path, "--issuer", issuer.url, secret=SECRET)  # not re-sent unasked: still listed, exit 1
    assert again.returncode == 1 and again.stdout.count(": refused (") == 2 and issuer.badges == {}
    fixed = _export(tmp_path, "--issuer", issuer.url, "--resend-refused", secret=SECRET)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert len(issuer.badges) == 2 and ": refused" not in fixed.stdout


def test_autoplay_issuer_secret_flag_still_works_with_a_warning(tmp_path, issuer, capsys):
    assert autoplay(tmp_path, "--issuer", issuer.url, "--issuer-secret", SECRET, "--structure", "ml-lyon") == 0
    assert len(issuer.badges) == 1
    assert "DIVA_ISSUER_SECRET" in capsys.readouterr().err
    body = json.loads(next(iter(issuer.badges.values())))
    assert "ml-lyon" in json.dumps(body)


def test_export_pending_without_issuer_says_why(tmp_path):
    assert autoplay(tmp_path) == 0
    out = subprocess.run([sys.executable, "main.py", "export", "--pending", "--data-dir", str(tmp_path / "data")], cwd=ROOT,
                         capture_output=True, text=True, env={"SDL_VIDEODRIVER": "dummy", "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.returncode == 1 and "cannot be sent: no issuer configured" in out.stdout


def test_a_5kb_claim_url_never_crashes_the_export_screen_and_the_files_are_written(tmp_path, httpserver, monkeypatch):
    """An issuer's claim URL that cannot fit a QR code (kept by an older DIVA, or an adapter's answer): the
    screen shows the offline QR code instead, the CSV and QR files are written."""
    import export.issuer
    import zxingcpp
    from PIL import Image

    long_url = "https://issuer.example.org/c/" + "a" * 5000
    monkeypatch.setattr(export.issuer, "acceptable_claim_url", lambda value: value)
    httpserver.expect_request("/badge-requests", method="POST").respond_with_json({"claimUrl": long_url}, status=201)
    monkeypatch.setenv("DIVA_ISSUER_SECRET", SECRET)
    out = tmp_path / "out"
    assert autoplay(tmp_path, "--issuer", httpserver.url_for("").rstrip("/"), "--export", str(out),
                    "--screenshots", str(tmp_path / "shots")) == 0
    assert (out / "session.csv").exists()
    pngs = list(out.glob("*.png"))
    assert len(pngs) == 1
    texts = [code.text for code in zxingcpp.read_barcodes(Image.open(pngs[0]))]
    assert len(texts) == 1 and "#diva1=" in texts[0]  # the offline claim URL: the same claim page, later


def test_a_refused_request_is_sent_again_from_the_export_screen(tmp_path, issuer, monkeypatch):
    monkeypatch.setenv("DIVA_ISSUER_SECRET", "mistyped")
    assert autoplay(tmp_path, "--issuer", issuer.url) == 0
    db = sqlite3.connect(tmp_path / "data" / "diva.db")
    assert db.execute("SELECT status, last_error FROM outbox").fetchall() == [
        ("refused", "the issuer refused the request (401): bad signature")]
    db.close()
    # the counsellor fixes the secret and opens the export screen again: "Send again" is there and works
    from game.services.issuer_config import IssuerSettings
    from game.services.play import PlaySession
    from game.ui.app import App, open_game
    from scenes import scene_class

    IssuerSettings(url=issuer.url, secret=SECRET, structure_id="autoplay").save(tmp_path / "data")
    services = open_game("autoplay", tmp_path / "data", "fr", headless=True)
    try:
        app = App(services, (1280, 720), scenes=scene_class)
        player = services.players()[0]
        session = services.sessions_of(player.id)[-1]
        app.play = PlaySession(services.store, session, [player])
        app.show("export")
        scene = app.top
        for _ in range(200):
            app.frame([], 1 / 60)
            if not scene.job:
                break
        resend = [b for b in scene.buttons if b.label == services.i18n.t("export.resend")]
        assert len(resend) == 1
        resend[0].action()
        for _ in range(400):
            app.frame([], 1 / 60)
            if not scene.job:
                break
            time.sleep(0.01)
        assert [i.status for i in services.outbox_items()] == ["sent"]
        assert len(issuer.badges) == 1
    finally:
        services.close()


def test_obf_and_badgr_say_in_the_settings_and_on_the_command_line_why_they_cannot_be_used(tmp_path):
    from game.services.issuer_config import IssuerSettings
    from game.ui.app import App, open_game
    from scenes import scene_class

    data = tmp_path / "data"
    assert autoplay(tmp_path) == 0
    services = open_game("autoplay", data, "fr", headless=True)
    try:
        app = App(services, (1280, 720), scenes=scene_class)
        app.counsellor_unlocked = True
        app.show("issuer")
        scene = app.top
        scene.fields["url"].text = "https://openbadgefactory.com"
        while scene.settings.kind != "obf":
            scene.next_kind()
        assert scene.message == services.i18n.t("issuer.by_email")
        app.frame([], 1 / 60)  # drawn
        scene.save()
        assert scene.message == services.i18n.t("issuer.by_email")
        assert not (data / "issuer.json").exists()
    finally:
        services.close()
    IssuerSettings(kind="badgr", url="https://api.badgr.io", client_id="me", client_secret="pw").save(data)
    out = _export(tmp_path)
    assert out.returncode == 1 and "e-mail address, which DIVA does not collect" in out.stdout
