"""Signing and verification speed on one core (called by `diva-issuer bench`; `python -m issuer.signing.bench`)."""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import time
from datetime import datetime, timezone

from . import dataintegrity, keys, statuslist
from .verifier import verify_credential

BASE = "https://badges.example.org"


def sample_credential(issuer_did: str, list_url: str, index: int) -> dict:
    """A full DIVA badge (rubric of four levels, alignments, evidence, status entry) as the platform signs it."""
    from export.request import Alignment, CompetenceAward, LevelRubric, RequestInput, build_badge_request

    names = ["Découverte", "En progrès", "Maîtrise", "Expertise"]
    award = CompetenceAward(
        competence_id="O1", name="S'organiser", description="Organiser son activité et celle d'un groupe.",
        domain="Organisation", level=3,
        rubric=tuple(LevelRubric(n, names[n - 1], f"Niveau {n} : agir seul puis guider les autres.") for n in range(1, 5)),
        alignments=(Alignment("S'organiser", "https://rectec.example.org/competences/O1", "RECTEC", "O1"),
                    Alignment("planifier le travail", "http://data.europa.eu/esco/skill/abc", "ESCO", "S4.2.1")),
        evidence=(("Le festival", "A réparti les tâches entre les bénévoles.\nA tenu le planning."),
                  ("Mon expérience", "« J'ai organisé l'anniversaire de ma sœur. »")),
    )
    request = build_badge_request(RequestInput(
        structure_id="ml-lyon", structure_name="Mission locale de Lyon", session_id="bench", session_date="2025-03-14",
        session_mode="solo", player_id="p1", display_name="Léa M.", lang="fr", awards=(award,)))
    credential = request["credentials"][0]
    credential["issuer"] = {"id": issuer_did, "type": ["Profile"], "name": "Mission locale de Lyon"}
    credential["credentialStatus"] = statuslist.status_entry(list_url, index)
    return credential


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def bench(n: int = 200) -> dict:
    """Sign n credentials in a row on this thread, verify them; times in milliseconds."""
    key = keys.generate_private_key()
    did = keys.did_web(BASE, "ml-lyon")
    method = f"{did}#key-1"
    list_url = f"{BASE}/status/1"
    bits = statuslist.new_bitstring()
    status_list = dataintegrity.sign(statuslist.status_list_credential(list_url, did, bits), key, method)
    dids = {did: keys.did_document(did, key.public_key())}
    template = sample_credential(did, list_url, 0)
    dataintegrity.sign(template, key, method)  # warm up: contexts processed once per process

    credentials = []
    for i in range(n):
        credential = copy.deepcopy(template)
        credential["id"] = f"urn:uuid:00000000-0000-4000-8000-{i:012d}"
        credential["credentialStatus"] = statuslist.status_entry(list_url, statuslist.random_index(set()))
        credentials.append(credential)

    sign_times = []
    signed = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for credential in credentials:
        t = time.perf_counter()
        signed.append(dataintegrity.sign(credential, key, method))
        sign_times.append((time.perf_counter() - t) * 1000)
    sign_wall, sign_cpu = time.perf_counter() - start, time.process_time() - cpu_start

    public = key.public_key()
    proof_times = []
    for credential in signed:
        t = time.perf_counter()
        ok = dataintegrity.verify(credential, lambda m: public).ok
        proof_times.append((time.perf_counter() - t) * 1000)
        if not ok:
            raise RuntimeError("bench: a freshly signed credential does not verify")

    now = datetime.now(timezone.utc)
    report_times = []
    for credential in signed[: max(1, n // 4)]:
        t = time.perf_counter()
        report = verify_credential(credential, resolve_did=dids.__getitem__, fetch_status=lambda url: status_list,
                                   now=now)
        report_times.append((time.perf_counter() - t) * 1000)
        if not report.valid:
            raise RuntimeError(f"bench: verifier report not valid: {report.to_dict()}")

    return {
        "credentials": n,
        # CPU time of this single thread: one core, whatever else the machine runs; wall time beside it
        "sign_per_s": round(n / sign_cpu, 1),
        "sign_per_s_wall": round(n / sign_wall, 1),
        "sign_p50_ms": round(statistics.median(sign_times), 2),
        "sign_p95_ms": round(_percentile(sign_times, 0.95), 2),
        "verify_proof_p50_ms": round(statistics.median(proof_times), 2),
        "verify_proof_p95_ms": round(_percentile(proof_times, 0.95), 2),
        "verify_report_p50_ms": round(statistics.median(report_times), 2),
        "verify_report_p95_ms": round(_percentile(report_times, 0.95), 2),
        "credential_bytes": len(json.dumps(signed[0], ensure_ascii=False).encode("utf-8")),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m issuer.signing.bench",
                                     description="Vitesse de signature et de vérification / signing and verifying speed")
    parser.add_argument("-n", type=int, default=200, help="nombre de justificatifs / number of credentials")
    parser.add_argument("--json", action="store_true", help="une ligne JSON / one JSON line")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("-n doit valoir au moins 1 / -n must be at least 1")
    result = bench(args.n)
    if args.json:
        print(json.dumps(result))
    else:
        for name, value in result.items():
            print(f"{name:>22}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
