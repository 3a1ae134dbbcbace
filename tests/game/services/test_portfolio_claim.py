"""The printed portfolio and the skill map picture carry the learner's claim QR code (issue 17, game side)."""
import io
import shutil
import subprocess

import pygame
import zxingcpp
from PIL import Image

from game.services.context import open_services
from game.services.issuer_config import IssuerSettings
from game.ui.app import init_pygame
from game.ui.portfolio import FOLDER, claim_for, write_portfolio
from tests.game.services.test_badges import SECRET, autoplay, issuer  # noqa: F401 (the fixture)


def _qr_texts_of(services, player, pdf_path) -> list[str]:
    """What the portfolio's QR code says: the page rendered by poppler when it is installed, else the
    picture the page embeds (the PDF holds it as an image)."""
    assert b"/Subtype /Image" in pdf_path.read_bytes()
    if shutil.which("pdftoppm"):
        png = subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf_path)], capture_output=True,
                             check=True, timeout=60).stdout
        return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    picture, _ = claim_for(services, player, "fr")
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))]


def test_the_printed_portfolio_carries_the_claim_qr_once_accepted_and_the_offline_one_before(tmp_path, issuer, monkeypatch):
    monkeypatch.setenv("DIVA_ISSUER_SECRET", SECRET)
    issuer.down = True
    assert autoplay(tmp_path, "--issuer", issuer.url) == 0
    data = tmp_path / "data"
    IssuerSettings(url=issuer.url, secret=SECRET, structure_id="autoplay").save(data)
    assert init_pygame() is None
    services = open_services(data, "fr")
    try:
        player = services.players()[0]
        png, pdf = write_portfolio(services, player, data / FOLDER)
        offline = _qr_texts_of(services, player, pdf)
        assert len(offline) == 1 and offline[0].startswith(issuer.url + "/claim#diva1=")  # no network: the offline QR
        assert [code.text for code in zxingcpp.read_barcodes(Image.open(png))] == offline  # longer: larger on the picture
        issuer.down = False
        services.deliver(services.issuer_settings().config(), force=True).thread.join(30)
        _, pdf = write_portfolio(services, player, data / FOLDER)
        accepted = _qr_texts_of(services, player, pdf)
        assert accepted == [services.outbox_items()[0].claim_url] and accepted[0].startswith("https://issuer.example.org/c/")
        png, _ = write_portfolio(services, player, data / FOLDER)  # the skill map picture carries it too
        assert [code.text for code in zxingcpp.read_barcodes(Image.open(png))] == accepted
    finally:
        services.close()
        pygame.quit()
