"""/review/: login, a member sees only their structure, approve (with a lowered level), reject, revoke, audit."""
import pytest
from django.contrib.auth.models import User

from issuer.intake.models import BadgeRequest
from issuer.review.models import AuditEntry
from issuer.samples import sample_request
from platform_helpers import received


def test_login_required(client, db):
    response = client.get("/review/")
    assert response.status_code == 302 and "/review/login/" in response["Location"]
    assert client.get("/review/login/").status_code == 200


def test_member_sees_only_their_structure(client, structure, other_structure, counsellor):
    _, secret = structure
    _, other_secret = other_structure
    mine = received(client, secret, sample_request("ml-lyon"))
    theirs = received(client, other_secret, sample_request("asso-nord", player=4))
    assert client.login(username="durand", password="pw-durand-2026")
    listing = client.get("/review/").content.decode()
    assert "Joueuse 1" in listing and "Joueuse 5" not in listing
    assert client.get(f"/review/requests/{theirs.pk}/").status_code == 404
    assert client.post(f"/review/requests/{theirs.pk}/approve").status_code == 404
    detail = client.get(f"/review/requests/{mine.pk}/").content.decode()
    # badges, evidence, the learner's words, the counsellor's validation, the endorser named (never their e-mail)
    assert "Le festival" in detail and "J&#x27;aime quand tout est prêt" in detail
    assert "Mme Durand" in detail and "Karim B." in detail


def test_approve_with_a_lowered_level_then_revoke(client, structure, counsellor):
    _, secret = structure
    mine = received(client, secret, sample_request("ml-lyon", endorser_email="karim@example.org"))
    client.force_login(counsellor)
    assert "karim@example.org" not in client.get(f"/review/requests/{mine.pk}/").content.decode()
    response = client.post(f"/review/requests/{mine.pk}/approve", {"level-0": "1", "reason-0": "vu une fois"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "issued" and mine.reviewed_by == "durand"
    first = mine.issued.get(position=0)
    assert first.level == 1
    assert client.post(f"/review/credentials/{first.uuid}/revoke", {"reason": ""}).status_code == 302
    first.refresh_from_db()
    assert first.revoked_at is None
    client.post(f"/review/credentials/{first.uuid}/revoke", {"reason": "doublon"})
    first.refresh_from_db()
    assert first.revoked_at is not None and first.revoke_reason == "doublon"
    actions = list(AuditEntry.objects.filter(badge_request=mine).order_by("at", "id").values_list("action", "actor"))
    assert actions == [("received", ""), ("level_lowered", "durand"), ("approved", "durand"), ("revoked", "durand")]


def test_reject_with_a_reason(client, structure, counsellor):
    _, secret = structure
    mine = received(client, secret, sample_request("ml-lyon"))
    client.force_login(counsellor)
    client.post(f"/review/requests/{mine.pk}/reject", {"reason": ""})
    assert BadgeRequest.objects.get(pk=mine.pk).status == "pending"
    client.post(f"/review/requests/{mine.pk}/reject", {"reason": "joueur absent"})
    mine.refresh_from_db()
    assert mine.status == "rejected" and mine.reject_reason == "joueur absent"


def test_admin_is_registered_and_never_shows_secrets(client, structure):
    s, secret = structure
    User.objects.create_superuser("admin", password="pw-admin-2026")
    client.login(username="admin", password="pw-admin-2026")
    page = client.get(f"/admin/structures/structure/{s.pk}/change/").content.decode()
    assert "Mission locale de Lyon" in page
    assert secret not in page and s.secret_sealed not in page and s.private_key_sealed not in page
    assert client.get("/admin/intake/badgerequest/").status_code == 200
    assert client.get("/admin/review/auditentry/").status_code == 200


def test_admin_adds_a_structure_and_shows_its_secret_once(client, db):
    from issuer.structures.models import Structure

    User.objects.create_superuser("admin", password="pw-admin-2026")
    client.login(username="admin", password="pw-admin-2026")
    response = client.post("/admin/structures/structure/add/", {
        "slug": "ecole-2", "name": "École de la 2e chance", "url": "", "email": "", "linkedin_org_id": "123",
        "claim_days": "90"}, follow=True)
    assert response.status_code == 200
    created = Structure.objects.get(slug="ecole-2")
    secret = created.hmac_secret()
    assert secret in response.content.decode()
    assert created.group.name == "structure:ecole-2" and created.private_key_sealed and created.linkedin_org_id == "123"
    assert secret not in client.get(f"/admin/structures/structure/{created.pk}/change/").content.decode()
