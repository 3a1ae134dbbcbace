"""The offline QR (its fragment holds the request id) leads a real browser to the claim page once the request arrived."""
import shutil
import subprocess

import pytest

from export.qr import offline_claim_url
from issuer.samples import sample_request
from platform_helpers import received

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent: apt-get install chromium")
def test_offline_qr_opens_the_claim_page_in_chromium(live_server, settings, structure, client, tmp_path):
    settings.DIVA_BASE_URL = live_server.url
    _, secret = structure
    request = sample_request("ml-lyon")
    badge_request = received(client, secret, request)
    url = offline_claim_url(live_server.url + "/", request)
    assert request["id"] not in url   # only in the compressed fragment
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}",
                           "--virtual-time-budget=10000", "--dump-dom", url],
                          capture_output=True, text=True, timeout=120)
    assert "vérifie vos badges" in done.stdout or "is checking your badges" in done.stdout, done.stdout[-2000:]
    assert badge_request.learner_name in done.stdout
