"""bench() runs the real signer and verifier end to end (figures are measured, not asserted)."""
import json

from issuer.signing import bench


def test_bench_returns_every_figure():
    result = bench.bench(3)
    assert result["credentials"] == 3
    for name in ("sign_per_s", "sign_per_s_wall", "sign_p50_ms", "sign_p95_ms", "verify_proof_p50_ms",
                 "verify_proof_p95_ms", "verify_report_p50_ms", "verify_report_p95_ms", "credential_bytes"):
        assert result[name] > 0, name


def test_bench_command_line_prints_one_json_line(capsys):
    assert bench.main(["-n", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["credentials"] == 2
