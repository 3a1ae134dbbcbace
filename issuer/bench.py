"""`diva-issuer bench`: measured on a scratch SQLite database in a temporary folder, never the real one."""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000, 2)


def run_bench(quick: bool = False, data_dir: Path | None = None) -> dict:
    scratch = tempfile.mkdtemp(prefix="diva-issuer-bench-")
    os.environ["DIVA_ISSUER_DATA_DIR"] = scratch
    os.environ.pop("DIVA_ISSUER_DATABASE_URL", None)   # never bench against the real database
    os.environ.setdefault("DIVA_ISSUER_KEY_SECRET", "bench-only-key-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "issuer.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from export.request import request_body
    from export.signing import sign as hmac_sign
    from issuer.credentials.issuing import approve, build_credential, sign_credential, _open_list
    from issuer.intake.models import BadgeRequest
    from issuer.samples import sample_request
    from issuer.structures.services import create_structure

    call_command("migrate", interactive=False, verbosity=0)
    structure, secret = create_structure("bench", "Structure de mesure")
    client = Client(HTTP_HOST=settings.DIVA_BASE_URL.split("//", 1)[1])
    n = 20 if quick else 100

    def post(request: dict):
        body = request_body(request)
        return client.post("/badge-requests", body, content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY=request["id"], HTTP_X_DIVA_SIGNATURE=hmac_sign(body, secret))

    # warm up: first signature loads the contexts, first request compiles the schemas and templates
    warm = sample_request("bench", badges=1)
    assert post(warm).status_code == 201
    approve(BadgeRequest.objects.get(request_id=warm["id"]), actor="bench")

    # signing alone, one core: build + sign + schema check of one credential
    from django.db import transaction

    template = sample_request("bench", badges=1)
    held = BadgeRequest.objects.get(request_id=warm["id"])
    with transaction.atomic():
        status_list = _open_list(structure)
        import uuid

        start, cpu = time.perf_counter(), time.process_time()
        for i in range(n):
            doc = build_credential(held, template["credentials"][0], public_uuid=uuid.uuid4(), status_list=status_list,
                                   index=i, issued="2026-12-06T10:00:00Z")
            sign_credential(structure, doc)
        sign_per_s_wall = n / (time.perf_counter() - start)
        sign_per_s = n / (time.process_time() - cpu)   # one thread: the CPU time of one core, whatever else runs

    intake = []
    requests = [sample_request("bench", badges=3, player=i) for i in range(n)]
    for request in requests:
        start = time.perf_counter()
        response = post(request)
        intake.append(time.perf_counter() - start)
        assert response.status_code == 201, response.content
    for badge_request in BadgeRequest.objects.filter(status=BadgeRequest.PENDING):
        approve(badge_request, actor="bench")

    claim, verify_page = [], []
    issued = list(BadgeRequest.objects.filter(status=BadgeRequest.ISSUED).prefetch_related("issued")[:n])
    for badge_request in issued:
        start = time.perf_counter()
        assert client.get(badge_request.claim_path()).status_code == 200
        claim.append(time.perf_counter() - start)
        credential = badge_request.issued.all()[0]
        start = time.perf_counter()
        assert client.get(credential.public_path()).status_code == 200
        verify_page.append(time.perf_counter() - start)

    # a 30-player session end to end: receive, approve and sign, fetch every claim's JSON
    session = [sample_request("bench", badges=3, player=i, session_id="sess-30") for i in range(30)]
    start = time.perf_counter()
    for request in session:
        assert post(request).status_code == 201
    for badge_request in BadgeRequest.objects.filter(session_id="sess-30"):
        approve(badge_request, actor="bench")
        assert len(client.get(badge_request.claim_path(), HTTP_ACCEPT="application/json").json()["credentials"]) == 3
    session_30 = time.perf_counter() - start

    from issuer.signing.bench import bench as signing_bench

    return {
        "sign_per_s": round(sign_per_s, 1),
        "sign_per_s_wall": round(sign_per_s_wall, 1),
        "intake_p95_ms": _p95(intake),
        "claim_p95_ms": _p95(claim),
        "verify_page_p95_ms": _p95(verify_page),
        "session_30_s": round(session_30, 2),
        "intake_median_ms": round(statistics.median(intake) * 1000, 2),
        "samples": n,
        # the signing package alone (sign and verify, no database, no schema check)
        "signing": signing_bench(50 if quick else 200),
        "database": "sqlite (scratch)",
        "note": ("in-process through Django's test client (no network); sign_per_s counts the CPU time of the one "
                 "signing thread (build, sign eddsa-rdfc-2022, OB 3.0 schema check), sign_per_s_wall the elapsed time"),
    }
