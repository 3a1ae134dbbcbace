"""The whole chain: `diva-issuer serve` (gunicorn) on loopback ← the game's real autoplay with 3 players →
approve from the command line → the claim JSON's credentials verify (ours over HTTP, and the independent
JavaScript verifier, did:web resolved on loopback) → a tampered one fails → revoke → the status list says so."""
import json
import os
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
import requests

from export.issuer import REFUSED, SENT, IssuerConfig
from export.send import send_request
from export.request import request_body
from platform_helpers import ROOT, http_verify, served_platform

STRUCTURE = "autoplay"   # the structure id the game's autoplay sends (see autoplay_command)


def _autoplay_command(url: str, secret: str, game_dir: Path, export_dir: Path, env: dict) -> tuple[list[str], str]:
    """`--structure ID` with the secret in DIVA_ISSUER_SECRET when the game has them; else `--issuer-secret`."""
    base = [sys.executable, "main.py", "autoplay", "--players", "3", "--issuer", url, "--data-dir", str(game_dir),
            "--export", str(export_dir)]
    helptext = subprocess.run(base[:3] + ["--help"], cwd=ROOT, capture_output=True, text=True, env=env).stdout
    if "--structure" in helptext:
        env["DIVA_ISSUER_SECRET"] = secret
        return base + ["--structure", "chain-test"], "chain-test"
    return base + ["--issuer-secret", secret], STRUCTURE


@pytest.fixture
def served(tmp_path):
    settings = dict(DIVA_ISSUER_KEY_SECRET="chain-test-key-secret", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    database = os.environ.get("DIVA_ISSUER_DATABASE_URL", "")
    if database.startswith("postgres"):
        # the served platform on the same PostgreSQL (its main database; pytest-django uses test_<name>)
        settings["DIVA_ISSUER_DATABASE_URL"] = database
    with served_platform(tmp_path, **settings) as (url, cli, env):
        def run(*args, check=True):
            done = subprocess.run(cli + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            if check:
                assert done.returncode == 0, done.stderr
            return done

        assert requests.get(url + "/static/diva/css/diva.css", timeout=5).status_code == 200   # WhiteNoise
        yield url, run, env


def test_autoplay_to_signed_verified_and_revoked_badges(served, tmp_path, js_verifier_or_none):
    url, run, env = served
    structure_id = STRUCTURE
    game_dir, export_dir = tmp_path / "game", tmp_path / "export"
    command, structure_id = _autoplay_command(url, "", game_dir, export_dir, dict(env))
    secret = run("structure", "add", "--id", structure_id, "--name", "Mission locale de test").stdout.strip().splitlines()[-1]
    game_env = dict(env)
    command, _ = _autoplay_command(url, secret, game_dir, export_dir, game_env)
    played = subprocess.run(command, cwd=ROOT, env=game_env, capture_output=True, text=True, timeout=600)
    assert played.returncode == 0, played.stderr[-2000:]

    listed = [r for r in json.loads(run("requests", "list", "--json").stdout) if r["structure"] == structure_id]
    assert len(listed) == 3 and {r["status"] for r in listed} == {"pending"}
    assert all(r["structure"] == structure_id and r["badges"] >= 1 for r in listed)

    # resending what the game sent (the exact bytes its outbox keeps) makes no second request
    config = IssuerConfig(kind="diva", url=url, structure_id=structure_id, secret=secret)
    assert len(sorted(export_dir.glob("urn-uuid-*.json"))) == 3  # the files, without endorsers' e-mails, for the record
    with closing(sqlite3.connect(game_dir / "diva.db")) as db:
        bodies = [bytes(row[0]) for row in db.execute("SELECT body FROM outbox ORDER BY request_id")]
    assert len(bodies) == 3
    for body in bodies:
        again = send_request(config, body, json.loads(body)["id"])
        assert (again.status, again.http_status) == (SENT, 200)
        assert again.claim_url in {r["claimUrl"] for r in listed}
    # and the protocol's refusals, from the production server
    body = bodies[0]
    request_id = json.loads(body)["id"]
    assert send_request(IssuerConfig(kind="diva", url=url, secret="wrong"), body, request_id).http_status == 401
    unknown = body.replace(f'"id":"{structure_id}"'.encode(), b'"id":"nobody-here"', 1)
    assert send_request(config, unknown, request_id).http_status == 403
    garbage = send_request(config, b"<html>not json</html>", request_id)
    assert (garbage.status, garbage.http_status) == (REFUSED, 400)

    run("requests", "approve", "--all")
    credentials = []
    for item in listed:
        claim = requests.get(item["claimUrl"], headers={"Accept": "application/json"}, timeout=10).json()
        assert claim["status"] == "issued" and len(claim["credentials"]) == item["badges"]
        credentials += claim["credentials"]
        assert requests.get(item["claimUrl"], timeout=10).status_code == 200
    for credential in credentials:
        report = http_verify(credential)
        assert report.valid and not report.revoked, report.to_dict()

    chosen = credentials[:3]
    paths = []
    for i, credential in enumerate(chosen):
        paths.append(tmp_path / f"credential-{i}.json")
        paths[-1].write_text(json.dumps(credential), encoding="utf-8")
    tampered = json.loads(json.dumps(chosen[0]))
    result = tampered["credentialSubject"]["result"][0]
    higher = "#level-4" if not result["achievedLevel"].endswith("#level-4") else "#level-3"
    result["achievedLevel"] = tampered["credentialSubject"]["achievement"]["id"] + higher   # claims another level
    tampered_path = tmp_path / "tampered.json"
    tampered_path.write_text(json.dumps(tampered), encoding="utf-8")
    assert not http_verify(tampered).valid
    if js_verifier_or_none:
        results = js_verifier_or_none(paths + [tampered_path])
        assert [r["verified"] for r in results] == [True, True, True, False], results

    revoked = run("revoke", chosen[1]["id"], "--reason", "erreur de saisie")
    assert "revoked" in revoked.stdout
    reports = [http_verify(c) for c in chosen]
    assert [r.revoked for r in reports] == [False, True, False]
    assert [r.valid for r in reports] == [True, False, True]
    page = requests.get(chosen[1]["id"], timeout=10).text
    assert "Badge révoqué le" in page
    if js_verifier_or_none:
        results = js_verifier_or_none(paths)
        assert [(r["verified"], r["revoked"]) for r in results] == [(True, False), (True, True), (True, False)], results


def test_concurrent_retries_make_one_request(served):
    url, run, _ = served
    secret = run("structure", "add", "--id", "ml-lyon", "--name", "Mission locale de Lyon").stdout.strip().splitlines()[-1]
    from issuer.samples import sample_request

    request = sample_request("ml-lyon")
    body = request_body(request)
    config = IssuerConfig(kind="diva", url=url, structure_id="ml-lyon", secret=secret)
    results = []
    barrier = threading.Barrier(8)

    def send():
        barrier.wait()
        results.append(send_request(config, body, request["id"]))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status for r in results} == {SENT}, [r.message for r in results]
    assert sorted(r.http_status for r in results).count(201) == 1
    assert len({r.claim_url for r in results}) == 1
    assert len([r for r in json.loads(run("requests", "list", "--json").stdout) if r["structure"] == "ml-lyon"]) == 1
