"""The counsellor's validation as the structure's endorsement; badges co-defined with partners; the dashboard and
its CSV; the e-mail settings."""
import csv
import io

import pytest
from django.core import mail

from endorse_helpers import approved_with_endorser, link_in, path_of
from issuer.credentials.verification import verify
from issuer.endorsements import documents
from issuer.endorsements.models import BadgeDefinition, Invitation


@pytest.fixture
def staff_client(client, structure, django_user_model):
    user = django_user_model.objects.create_user("durand", password="a-long-pass-phrase")
    user.groups.add(structure[0].group)
    client.force_login(user)
    return client


def test_the_counsellors_validation_is_an_endorsement_signed_by_the_structure(client, structure):
    structure_obj, secret = structure
    _, made = approved_with_endorser(client, secret, email="")
    document = made[0].document
    [validation] = document["endorsement"]
    assert validation["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert validation["issuer"]["id"] == document["issuer"]["id"]
    assert validation["credentialSubject"]["id"] == document["id"]
    comment = validation["credentialSubject"]["endorsementComment"]
    assert "Mme Durand" in comment and "Clair pendant le débriefing." in comment and structure_obj.name in comment
    assert documents.schema_problems(validation) == []
    report = verify(document)
    assert report.valid and len(report.endorsements) == 1 and report.endorsements[0].valid
    assert "Mme Durand" in client.get(made[0].public_path()).content.decode()


def test_partners_co_define_a_badge_endorse_it_and_requests_use_it(staff_client, structure):
    structure_obj, secret = structure
    page = staff_client.get("/review/structures/ml-lyon/criteria")
    assert page.status_code == 200 and b'name="partners"' in page.content
    response = staff_client.post("/review/structures/ml-lyon/criteria", {
        "competence": "O1", "level": "2",
        "criteria": "Prépare un planning d'équipe sur une semaine et le tient.",
        "partners": "Mme Roux; Boulangerie Roux; gérante; roux@example.org\n"})
    assert response.status_code == 302
    definition = BadgeDefinition.objects.get()
    [invitation] = definition.invitations.all()
    assert mail.outbox[0].to == ["roux@example.org"] and "Boulangerie Roux" in mail.outbox[0].body
    partner_page = staff_client.get(path_of(link_in(mail.outbox[0].body))).content.decode()
    assert "Prépare un planning" in partner_page
    staff_client.post(invitation.path(), {"action": "endorse", "name": "Mme Roux", "role": "gérante",
                                          "organisation": "Boulangerie Roux", "consent": "yes",
                                          "comment": "Nous reconnaissons ce badge à l'embauche."})
    invitation.refresh_from_db()
    assert invitation.status == "endorsed"
    assert invitation.endorsement["credentialSubject"]["id"] == definition.achievement_id()

    # the sample request's first badge is O1 at level 2: signed with the partners' criteria and endorsement
    _, made = approved_with_endorser(staff_client, secret, email="")
    o1 = next(c for c in made if c.competence_id == "O1")
    assert o1.level == 2
    achievement = o1.document["credentialSubject"]["achievement"]
    assert achievement["id"] == definition.achievement_id()
    assert achievement["criteria"]["narrative"] == definition.criteria
    assert achievement["endorsement"] == [invitation.endorsement]
    assert verify(o1.document).valid
    other = next(c for c in made if c.competence_id != "O1")
    assert "/level-" not in other.document["credentialSubject"]["achievement"]["id"]

    bad = staff_client.post("/review/structures/ml-lyon/criteria", {"competence": "ZZ9", "level": "2",
                                                                    "criteria": "x", "partners": ""}, follow=True)
    assert "Compétence inconnue" in bad.content.decode() and BadgeDefinition.objects.count() == 1
    bad = staff_client.post("/review/structures/ml-lyon/criteria", {"competence": "C2", "level": "1", "criteria": "x",
                                                                    "partners": "Only a name"}, follow=True)
    assert "ligne 1" in bad.content.decode() and BadgeDefinition.objects.count() == 1


def test_a_partner_endorsing_later_reissues_the_badges_of_that_definition(staff_client, structure):
    _, secret = structure
    staff_client.post("/review/structures/ml-lyon/criteria", {
        "competence": "O1", "level": "2", "criteria": "Tient un planning.",
        "partners": "M. Blanc; Centre de formation Blanc; formateur; blanc@example.org"})
    _, made = approved_with_endorser(staff_client, secret, email="")
    o1 = next(c for c in made if c.competence_id == "O1")
    assert "endorsement" not in o1.document["credentialSubject"]["achievement"]
    invitation = Invitation.objects.get(source="partner")
    staff_client.post(invitation.path(), {"action": "endorse", "name": "M. Blanc", "role": "formateur",
                                          "organisation": "Centre de formation Blanc", "consent": "yes",
                                          "comment": "Critères construits ensemble."})
    o1.refresh_from_db()
    assert o1.document["credentialSubject"]["achievement"]["endorsement"][0]["issuer"]["name"] == "M. Blanc"
    assert verify(o1.document).valid


def test_the_dashboard_counts_per_month_and_exports_no_personal_data(staff_client, structure, other_structure):
    _, secret = structure
    badge_request, made = approved_with_endorser(staff_client, secret, session="s1", player=0)
    approved_with_endorser(staff_client, secret, session="s1", player=1, email="")
    invitation = Invitation.objects.get()
    staff_client.post(invitation.path(), {"action": "endorse", "name": "Karim", "comment": "Sérieuse.", "consent": "yes"})
    listing = staff_client.get("/review/").content.decode()
    assert 'href="/review/structures/ml-lyon/dashboard"' in listing and 'href="/review/structures/ml-lyon/criteria"' in listing
    page = staff_client.get("/review/structures/ml-lyon/dashboard")
    assert page.status_code == 200 and "Personnes touchées" in page.content.decode()
    response = staff_client.get("/review/structures/ml-lyon/dashboard.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    month = made[0].issued_at.astimezone().strftime("%Y-%m")

    def total(indicator, competence=None, level=None):
        return sum(int(r["count"]) for r in rows if r["indicator"] == indicator and r["month"] == month
                   and (competence is None or r["competence"] == competence) and (level is None or r["level"] == level))

    assert total("people_reached") == 2 and total("requests") == 2
    assert total("badges_issued") == 6 and total("badges_issued", "O1", "2") == 2
    assert total("endorsements_asked") == 1 and total("endorsements_given") == 1
    for private in (badge_request.learner_name, "karim@example.org", "Karim", "Sérieuse"):
        assert private not in text
    assert staff_client.get("/review/structures/asso-nord/dashboard").status_code == 404


def test_email_settings_from_the_environment(tmp_path, monkeypatch):
    from issuer import conf

    monkeypatch.delenv("DIVA_ISSUER_EMAIL_URL", raising=False)
    default = conf.email(tmp_path)
    assert default["EMAIL_BACKEND"].endswith("filebased.EmailBackend") and default["EMAIL_FILE_PATH"] == str(tmp_path / "mail")
    monkeypatch.setenv("DIVA_ISSUER_EMAIL_URL", "smtp://badges%40ml.example.org:p%40ss@mail.example.org:587?tls")
    smtp = conf.email(tmp_path)
    assert smtp["EMAIL_BACKEND"].endswith("smtp.EmailBackend") and smtp["EMAIL_HOST"] == "mail.example.org"
    assert (smtp["EMAIL_PORT"], smtp["EMAIL_USE_TLS"], smtp["EMAIL_USE_SSL"]) == (587, True, False)
    assert (smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == ("badges@ml.example.org", "p@ss")
    monkeypatch.setenv("DIVA_ISSUER_EMAIL_URL", "http://nope")
    with pytest.raises(conf.ConfigError):
        conf.email(tmp_path)


def test_the_default_file_backend_keeps_invitations_in_the_data_folder(client, structure, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    _, secret = structure
    approved_with_endorser(client, secret)
    [written] = list((tmp_path / "mail").iterdir())
    from email import message_from_string

    message = message_from_string(written.read_text().split("\n" + "-" * 79, 1)[0])
    assert message["To"] == "karim@example.org"
    assert "".join(message["List-Unsubscribe"].split()).startswith("<http://testserver/e/")


def test_partner_invitations_follow_the_staff_language(staff_client, structure):
    staff_client.post("/review/structures/ml-lyon/criteria?lang=en", {
        "competence": "C2", "level": "1", "criteria": "Explains a task to a customer.",
        "partners": "Ms Green; Green Garage; manager; green@example.org"})
    [message] = mail.outbox
    assert "invites you to endorse" in message.subject and "Green Garage recognises this badge" in message.body
