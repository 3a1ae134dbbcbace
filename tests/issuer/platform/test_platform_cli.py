"""diva-issuer commands, run in-process on the test database."""
import json

import pytest

from issuer import cli
from issuer.credentials.models import IssuedCredential
from issuer.samples import sample_request
from issuer.structures.models import Structure
from platform_helpers import received, status_bit


def run(capsys, *argv):
    with pytest.raises(SystemExit) as ended:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    return ended.value.code, out, err


def test_structure_add_prints_the_secret_once_on_the_last_line(capsys, db):
    code, out, _ = run(capsys, "structure", "add", "--id", "ml-nord", "--name", "Mission locale du Nord")
    assert code == 0
    secret = out.strip().splitlines()[-1]
    assert len(secret) >= 40 and " " not in secret
    assert Structure.objects.get(slug="ml-nord").hmac_secret() == secret
    code, out, err = run(capsys, "structure", "add", "--id", "ml-nord", "--name", "Encore")
    assert code == 1 and "existe déjà" in err
    code, _, err = run(capsys, "structure", "add", "--id", "Bad Id", "--name", "X")
    assert code == 1 and "invalide" in err
    code, out, _ = run(capsys, "structure", "list")
    assert "ml-nord" in out


def test_requests_list_approve_reject_and_revoke(capsys, client, structure):
    _, secret = structure
    first = received(client, secret, sample_request("ml-lyon"))
    second = received(client, secret, sample_request("ml-lyon", player=1, badges=2))
    third = received(client, secret, sample_request("ml-lyon", player=2, badges=1))
    code, out, _ = run(capsys, "requests", "list", "--json")
    items = json.loads(out)
    assert code == 0 and [i["id"] for i in items] == [first.request_id, second.request_id, third.request_id]
    assert {k: items[1][k] for k in ("structure", "status", "badges", "claimUrl")} == {
        "structure": "ml-lyon", "status": "pending", "badges": 2, "claimUrl": second.claim_url()}
    code, out, err = run(capsys, "requests", "reject", third.request_id, "--reason", "absent")
    assert code == 0
    code, out, err = run(capsys, "requests", "approve", first.claim_code)
    assert code == 0 and "3 credential(s) signed" in out
    code, out, err = run(capsys, "requests", "approve", "--all")
    assert code == 0 and second.request_id in out
    assert IssuedCredential.objects.count() == 5
    code, out, _ = run(capsys, "requests", "list", "--json")
    assert [i["status"] for i in json.loads(out)] == ["issued", "issued", "rejected"]
    code, _, err = run(capsys, "requests", "approve", "urn:uuid:00000000-0000-4000-8000-000000000000")
    assert code == 1 and "unknown request" in err

    target = IssuedCredential.objects.filter(badge_request=second).first()
    code, out, _ = run(capsys, "revoke", str(target.uuid), "--reason", "erreur")
    assert code == 0
    target.refresh_from_db()
    assert status_bit(target.status_list.signed, target.status_index)
    code, _, err = run(capsys, "revoke", target.credential_id, "--reason", "encore")
    assert code == 1 and "already revoked" in err
    code, _, err = run(capsys, "revoke", "nothing", "--reason", "x")
    assert code == 1


def test_demo_creates_once(capsys, db):
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "demo" in out
    secret = out.strip().splitlines()[-1]
    assert Structure.objects.get(slug="demo").hmac_secret() == secret
    code, out, _ = run(capsys, "demo")
    assert code == 0 and secret not in out and "ready" in out


def test_staff_add_gives_access_to_the_structure(capsys, structure):
    code, out, _ = run(capsys, "staff", "add", "--structure", "ml-lyon", "--username", "durand")
    assert code == 0
    from django.contrib.auth.models import User

    user = User.objects.get(username="durand")
    assert user.check_password(out.strip().splitlines()[-1])
    assert user.groups.filter(structure__slug="ml-lyon").exists()
