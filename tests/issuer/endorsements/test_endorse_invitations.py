"""Invitations: sent on approval (French or English, the structure as sender, List-Unsubscribe), from the claim page,
resent from review; expiry; opting out."""
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

from endorse_helpers import approved_with_endorser, link_in, path_of
from issuer.endorsements.models import Invitation, OptOut


def test_approval_invites_the_person_named_in_french(client, structure):
    _, secret = structure
    badge_request, made = approved_with_endorser(client, secret)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karim@example.org"]
    assert "Mission locale de Lyon" in message.from_email
    assert message.reply_to == ["contact@ml-lyon.example.org"]
    assert message.subject.startswith(f"{badge_request.learner_name} vous demande de recommander")
    invitation = Invitation.objects.get()
    assert invitation.credential == made[0] and invitation.name == "Karim B." and invitation.source == "game"
    assert link_in(message.body) == invitation.url()
    assert message.extra_headers["List-Unsubscribe"] == f"<{invitation.url()}/unsubscribe>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "valable jusqu'au" in message.body and invitation.sent_at and invitation.sends == 1
    assert invitation.expires_at > timezone.now() + timedelta(days=29)


def test_an_english_request_gets_an_english_invitation(client, structure):
    _, secret = structure
    approved_with_endorser(client, secret, lang="en")
    assert "asks you to endorse" in mail.outbox[0].subject
    assert "valid until" in mail.outbox[0].body


def test_nobody_named_with_an_email_means_no_mail(client, structure):
    _, secret = structure
    approved_with_endorser(client, secret, email="")
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_a_mail_server_down_keeps_the_approval_and_review_resends(client, structure, settings, django_user_model):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2   # nothing listens there
    _, secret = structure
    badge_request, made = approved_with_endorser(client, secret)
    badge_request.refresh_from_db()
    assert badge_request.status == "issued" and made
    invitation = Invitation.objects.get()
    assert invitation.sent_at is None and invitation.send_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    structure_obj, _ = structure
    staff = django_user_model.objects.create_user("durand", password="a-long-pass-phrase")
    staff.groups.add(structure_obj.group)
    client.force_login(staff)
    page = client.get(f"/review/requests/{badge_request.pk}/")
    assert b"Karim B." in page.content and b"Renvoyer" in page.content
    response = client.post(f"/review/invitations/{invitation.pk}/resend")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert len(mail.outbox) == 1 and invitation.sent_at and invitation.send_error == ""


def test_an_expired_invitation_says_so_and_resend_renews_it(client, structure, django_user_model):
    structure_obj, secret = structure
    approved_with_endorser(client, secret)
    invitation = Invitation.objects.get()
    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save()
    page = client.get(invitation.path())
    assert "a expiré" in page.content.decode()
    refused = client.post(invitation.path(), {"action": "endorse", "name": "Karim", "comment": "Bien.", "consent": "yes"})
    assert refused.status_code == 400 and "expiré" in refused.content.decode()

    staff = django_user_model.objects.create_user("durand", password="a-long-pass-phrase")
    staff.groups.add(structure_obj.group)
    client.force_login(staff)
    client.post(f"/review/invitations/{invitation.pk}/resend")
    invitation.refresh_from_db()
    assert not invitation.expired and len(mail.outbox) == 2


def test_another_structure_cannot_resend(client, structure, other_structure, django_user_model):
    _, secret = structure
    approved_with_endorser(client, secret)
    invitation = Invitation.objects.get()
    stranger = django_user_model.objects.create_user("nord", password="a-long-pass-phrase")
    stranger.groups.add(other_structure[0].group)
    client.force_login(stranger)
    assert client.post(f"/review/invitations/{invitation.pk}/resend").status_code == 404


def test_the_learner_invites_someone_from_the_claim_page(client, structure):
    _, secret = structure
    badge_request, made = approved_with_endorser(client, secret, email="")
    page = client.get(badge_request.claim_path())
    assert b'action="' + badge_request.claim_path().encode() + b'/invite"' in page.content
    response = client.post(badge_request.claim_path() + "/invite",
                           {"credential": str(made[1].uuid), "name": "Mme Leroy", "role": "tutrice de stage",
                            "email": "leroy@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.credential == made[1] and invitation.source == "learner"
    assert mail.outbox[0].to == ["leroy@example.org"] and path_of(link_in(mail.outbox[0].body)) == invitation.path()
    bad = client.post(badge_request.claim_path() + "/invite", {"credential": str(made[1].uuid), "name": "X",
                                                                "email": "not-an-address"}, follow=True)
    assert "pas valide" in bad.content.decode() and Invitation.objects.count() == 1
    # a form posted from another site (no CSRF token) invites nobody
    forged = Client(enforce_csrf_checks=True).post(badge_request.claim_path() + "/invite", {
        "credential": str(made[1].uuid), "name": "Spam", "email": "victim@example.org"})
    assert forged.status_code == 403 and Invitation.objects.count() == 1


def test_unsubscribing_stops_every_invitation_to_that_address(client, structure):
    _, secret = structure
    approved_with_endorser(client, secret)
    invitation = Invitation.objects.get()
    assert client.get(invitation.path() + "/unsubscribe").status_code == 200
    assert not OptOut.has("karim@example.org")
    # one-click (RFC 8058): the mail client posts without a session or CSRF cookie
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(invitation.path() + "/unsubscribe",
                                                 {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert OptOut.has("KARIM@example.org ")
    approved_with_endorser(client, secret, session="sess-2", player=1)
    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(send_error="opted out").count() == 1
