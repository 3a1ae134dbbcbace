"""Invitations through a real SMTP server on loopback (aiosmtpd), with Django's SMTP backend as
DIVA_ISSUER_EMAIL_URL configures it."""
import pytest

from endorse_helpers import approved_with_endorser, link_in
from issuer.endorsements.models import Invitation
from smtp_loopback import SmtpServer


@pytest.fixture
def smtp(settings, monkeypatch):
    from issuer import conf

    with SmtpServer() as server:
        monkeypatch.setenv("DIVA_ISSUER_EMAIL_URL", f"smtp://127.0.0.1:{server.port}")
        for name, value in conf.email(settings.DATA_DIR).items():   # what settings.py does at start-up
            setattr(settings, name, value)
        yield server


def test_approval_sends_the_invitation_over_smtp(client, structure, smtp):
    _, secret = structure
    badge_request, _ = approved_with_endorser(client, secret)
    [message] = smtp.inbox.wait(1)
    invitation = Invitation.objects.get()
    assert smtp.inbox.envelopes[0].rcpt_tos == ["karim@example.org"]
    assert message["To"] == "karim@example.org"
    assert "Mission locale de Lyon" in message["From"]
    assert message["Reply-To"] == "contact@ml-lyon.example.org"
    assert message["List-Unsubscribe"].strip() == f"<{invitation.url()}/unsubscribe>"
    assert message["Subject"].strip() == f"{badge_request.learner_name} vous demande de recommander son badge « S'organiser »"
    body = message.get_content()
    assert link_in(body) == invitation.url() and "Bonjour Karim B." in body
    assert invitation.sent_at is not None
