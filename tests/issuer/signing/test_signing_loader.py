"""The offline document loader: the project's contexts by exact URL, anything else refused with a clear error."""
import json
from pathlib import Path

import pytest

from issuer.signing.loader import CONTEXT_FILES, CONTEXTS_DIR, ContextNotAvailable, document_loader

REFERENCE = Path(__file__).resolve().parents[4] / "shared" / "reference"


@pytest.mark.parametrize("url", sorted(CONTEXT_FILES))
def test_every_known_url_loads_its_file(url):
    loaded = document_loader(url)
    assert loaded["documentUrl"] == url and "@context" in loaded["document"]
    loaded["document"]["@context"] = "changed"  # a caller's change never reaches the next load
    assert document_loader(url)["document"]["@context"] != "changed"


@pytest.mark.parametrize("url", [
    "https://www.w3.org/ns/credentials/v2/",
    "http://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    "https://example.org/evil.jsonld",
    "file:///etc/passwd",
])
def test_other_urls_are_refused(url):
    with pytest.raises(ContextNotAvailable) as info:
        document_loader(url)
    assert url in str(info.value) and "Contexte JSON-LD inconnu" in str(info.value)


def test_context_files_are_the_reference_copies():
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference absent")
    for name in CONTEXT_FILES.values():
        ours = json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))
        ref = REFERENCE / "jsonld-contexts" / name
        if not ref.exists():
            ref = REFERENCE / "openbadges" / name
        assert ours == json.loads(ref.read_text(encoding="utf-8")), name
