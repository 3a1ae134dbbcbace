"""What the counsellor's PIN protects: the issuer's secret, sealed with a key only the PIN gives (issue 15)."""
import json
import subprocess
import sys

from game.services.counsellor import SETTING, PinGuard
from game.services.issuer_config import IssuerSettings
from game.store.sqlite import Store
from tests.conftest import ROOT

SECRET = "structure-secret-0042"


def test_the_issuer_secret_is_sealed_by_the_pin_and_removing_the_pin_row_loses_it(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data)
    guard = PinGuard(store)
    guard.set_pin("24681357")
    IssuerSettings(url="https://badges.example.org", structure_id="ml-lyon", secret=SECRET).save(data, guard.key)
    # anyone who reads the data folder: no secret, in clear or otherwise
    for path in data.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert "sealed" in json.loads((data / "issuer.json").read_text())
    locked = IssuerSettings.load(data)
    assert locked.secret == "" and "sealed with the counsellor's PIN" in locked.problem()
    # the counsellor gives the PIN (a new start): the secret opens
    again = PinGuard(store)
    assert again.check("24681357") == (True, 0.0)
    assert IssuerSettings.load(data, again.key).secret == SECRET
    # a player removes the PIN's row and chooses their own: the game lets them in, the secret stays closed
    store.conn.execute("DELETE FROM settings WHERE key = ?", (SETTING,))
    store.conn.commit()
    thief = PinGuard(store)
    assert not thief.is_set
    thief.set_pin("11111111")
    opened = IssuerSettings.load(data, thief.key)
    assert opened.secret == "" and "type the secret again" in opened.problem()
    store.close()


def test_export_pending_says_the_secret_is_sealed_and_takes_it_from_the_environment(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data)
    guard = PinGuard(store)
    guard.set_pin("24681357")
    player = store.create_player("Mei")
    session = store.start_session("solo", [player.id])
    store.outbox_put("urn:uuid:1", player.id, session.id, b'{"id": "urn:uuid:1"}')
    store.close()
    IssuerSettings(url="http://127.0.0.1:9", structure_id="ml-lyon", secret=SECRET).save(data, guard.key)
    run = lambda env: subprocess.run([sys.executable, "main.py", "export", "--pending", "--data-dir", str(data)],  # noqa: E731
                                     cwd=ROOT, capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", **env})
    sealed = run({})
    assert sealed.returncode == 1 and "sealed with the counsellor's PIN" in sealed.stdout
    given = run({"DIVA_ISSUER_SECRET": SECRET})
    assert given.returncode == 1 and "could not reach the issuer" in given.stdout  # tried: the secret was there
