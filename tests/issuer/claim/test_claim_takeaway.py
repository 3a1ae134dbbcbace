"""What the learner takes away: the baked PNG (read back by Pillow, verified), the PDF, LinkedIn, the CV line."""
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from issuer.claim import takeaway
from issuer.credentials.issuing import approve
from issuer.credentials.presentation import describe
from issuer.credentials.verification import verify
from issuer.samples import sample_request
from platform_helpers import received


@pytest.fixture
def issued(client, structure):
    s, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon"))
    approve(badge_request, actor="durand")
    return badge_request, list(badge_request.issued.all())


def _png(colour="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()


def test_bake_writes_one_itxt_chunk_pillow_reads_back():
    credential = {"id": "urn:uuid:1", "name": "Café — « test »"}
    baked = takeaway.bake(_png(), credential)
    image = Image.open(io.BytesIO(baked))
    image.load()   # checks every chunk's CRC
    assert json.loads(image.text["openbadgecredential"]) == credential
    assert json.loads(takeaway.unbake(baked)) == credential
    # baking again replaces the credential, never adds a second one
    again = takeaway.bake(baked, {"id": "urn:uuid:2"})
    assert again.count(b"openbadgecredential") == 1
    assert json.loads(takeaway.unbake(again)) == {"id": "urn:uuid:2"}
    assert takeaway.unbake(_png()) is None


def test_bake_refuses_what_is_not_a_png():
    with pytest.raises(takeaway.NotAPng):
        takeaway.bake(b"GIF89a....", {})
    with pytest.raises(takeaway.NotAPng):
        takeaway.bake(_png()[:-12], {})   # no IEND


def test_drawn_picture_shows_the_domain_shape_and_level_marks():
    png = takeaway.draw_picture("O1", 2, 4)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (takeaway.PICTURE_SIZE, takeaway.PICTURE_SIZE)
    # O1 is in the organisational domain: a blue square, whose corner area is filled (a circle's would not be)
    assert image.getpixel((75, 40)) == (0x1F, 0x5F, 0xA8)
    # two filled marks then two empty ones under the shape
    y = takeaway.PICTURE_SIZE - 52
    centres = [x for x in range(0, takeaway.PICTURE_SIZE) if image.getpixel((x, y)) == (0x1D, 0x1D, 0x2B)]
    assert centres, "no level marks drawn"
    assert takeaway.draw_picture("O1", 2, 4) != takeaway.draw_picture("O1", 3, 4)


def test_baked_png_from_the_claim_page_verifies(client, issued):
    badge_request, credentials = issued
    for credential in credentials:
        response = client.get(f"{badge_request.claim_path()}/{credential.uuid}.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert "attachment" in response["Content-Disposition"]
        text = Image.open(io.BytesIO(response.content)).text["openbadgecredential"]
        document = json.loads(text)
        assert document == credential.document
        report = verify(document)
        assert report.valid and not report.revoked, report.to_dict()


def test_linkedin_link_has_the_certification_parameters(issued, structure, settings):
    _, credentials = issued
    s, _ = structure
    credential = credentials[0]
    badge = describe(credential.document)
    public = settings.DIVA_BASE_URL + credential.public_path()
    url = takeaway.linkedin_url(credential.document, badge, public_url=public, structure=s)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["startTask"] == "CERTIFICATION_NAME"
    assert query["name"] == badge.name
    assert query["organizationName"] == "Mission locale de Lyon" and "organizationId" not in query
    assert query["certUrl"] == public and query["certId"] == credential.document["id"]
    assert (int(query["issueYear"]), int(query["issueMonth"])) == (credential.issued_at.year, credential.issued_at.month)
    s.linkedin_org_id = "1337"
    query = parse_qs(urlsplit(takeaway.linkedin_url(credential.document, badge, public_url=public,
                                                     structure=s)).query)
    assert query["organizationId"] == ["1337"] and "organizationName" not in query


def test_cv_line_is_the_games_line_with_the_public_link(issued):
    from referential import load_referential
    from referential.cv import load_cv_lines

    _, credentials = issued
    badge = describe(credentials[0].document)   # O1, level 2
    expected = load_cv_lines(load_referential()).line("O1", badge.level, "en")
    line = takeaway.cv_line(badge, "en", "https://example.org/credentials/x")
    assert line.startswith(expected) and line.endswith("verifiable badge: https://example.org/credentials/x")
    assert takeaway.cv_line(badge, "fr", "https://e.org/c").startswith(load_cv_lines(load_referential()).line("O1", 2, "fr"))


def test_pdf_is_one_page_with_the_public_link(client, issued, settings):
    badge_request, credentials = issued
    credential = credentials[0]
    response = client.get(f"{badge_request.claim_path()}/{credential.uuid}.pdf?lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
    assert (settings.DIVA_BASE_URL + credential.public_path()).encode() in pdf   # the link annotation
    assert b"/Lang (en)" in pdf or b"/Lang(en)" in pdf


def test_pdf_stays_on_one_page_with_long_words(issued):
    _, credentials = issued
    badge = describe(credentials[0].document)
    badge.narrative = "Très long récit. " * 200
    badge.level_description = "Description. " * 100
    badge.evidence = [{"name": "Preuve " * 10, "narrative": "détail " * 200}] * 6
    pdf = takeaway.badge_pdf(credentials[0].document, badge, learner="Joueuse 1", structure_name="ML",
                             public_url="http://testserver/credentials/x", lang="fr", validated_by="Mme Durand")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1


def test_the_verify_page_reads_a_baked_png(client, issued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    badge_request, credentials = issued
    png = client.get(f"{badge_request.claim_path()}/{credentials[0].uuid}.png").content
    page = client.post("/verify", {"file": SimpleUploadedFile("badge.png", png, "image/png")}).content.decode()
    assert "Badge valide" in page
    tampered = takeaway.bake(png, dict(credentials[0].document, name="Autre chose"))
    page = client.post("/verify", {"file": SimpleUploadedFile("badge.png", tampered, "image/png")}).content.decode()
    assert "Badge non valide" in page
    plain = client.post("/verify", {"file": SimpleUploadedFile("x.png", _png(), "image/png")})
    assert plain.status_code == 400
