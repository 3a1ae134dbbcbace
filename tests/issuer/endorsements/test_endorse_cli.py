"""`diva-issuer invitations list|resend`: the chain driven from a terminal."""
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from endorse_helpers import approved_with_endorser
from issuer import cli
from issuer.endorsements.models import Invitation


def run(capsys, *argv):
    with pytest.raises(SystemExit) as ended:
        cli.main(list(argv))
    out, err = capsys.readouterr()
    return ended.value.code, out, err


def test_invitations_list_and_resend(capsys, client, structure):
    _, secret = structure
    badge_request, made = approved_with_endorser(client, secret)
    invitation = Invitation.objects.get()
    code, out, _ = run(capsys, "invitations", "list", "--json")
    assert code == 0
    [item] = json.loads(out)
    assert item["url"] == invitation.url() and item["status"] == "pending" and item["email"] == "karim@example.org"
    assert item["request"] == badge_request.request_id and item["competence"] == made[0].competence_id

    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save()
    code, out, _ = run(capsys, "invitations", "list")
    assert code == 0 and "expired" in out and invitation.url() in out
    code, out, _ = run(capsys, "invitations", "resend", str(invitation.pk))
    assert code == 0 and "karim@example.org" in out and len(mail.outbox) == 2
    invitation.refresh_from_db()
    assert not invitation.expired

    code, _, err = run(capsys, "invitations", "resend", "999")
    assert code == 1 and "unknown invitation" in err
    client.post(invitation.path(), {"action": "decline"})
    code, _, err = run(capsys, "invitations", "resend", str(invitation.pk))
    assert code == 1 and "already answered" in err
    code, out, _ = run(capsys, "invitations", "list", "--status", "declined", "--json")
    assert [i["id"] for i in json.loads(out)] == [invitation.pk]
