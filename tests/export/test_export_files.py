"""Export files: named by request id, written atomically, no email and no secret in them."""
from __future__ import annotations

import csv
import io
import json
import os

import pytest

import export.files as files
from export.files import SessionRow, slug, write_player_files, write_session_csv
from export.issuer import IssuerConfig
from export.send import send_request
from export.outbox import MemoryOutbox, deliver
from export.qr import claim_qr_png
from export.request import build_badge_request, request_body
from export_samples import CLIENT_SECRET, CREATED_AT, EMAIL, REQUEST_ID, SECRET


@pytest.fixture
def request_dict(validated_input):
    return build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)


def test_player_files_are_named_by_request_id(tmp_path, request_dict):
    png = claim_qr_png("https://badges.example.org/c/1")
    paths = write_player_files(tmp_path / "out", request_dict, png)
    stem = "urn-uuid-0b7e6f52-3c2a-4d8e-9f10-5a6b7c8d9e0f"
    assert [p.name for p in paths] == [f"{stem}.json", f"{stem}.png"]
    written = json.loads(paths[0].read_text(encoding="utf-8"))
    assert written == files.without_endorser_emails(request_dict)
    assert written["endorsement"]["endorsementRequests"][0]["name"] == "Karim B."
    assert paths[1].read_bytes() == png
    assert all("lea" not in p.name.lower() for p in paths)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_endorsers_emails_never_reach_the_files(tmp_path, request_dict):
    assert request_dict["endorsement"]["endorsementRequests"][0]["email"] == "karim@example.org"
    paths = write_player_files(tmp_path, request_dict, None)
    assert b"karim@example.org" not in paths[0].read_bytes()
    assert request_dict["endorsement"]["endorsementRequests"][0]["email"] == "karim@example.org"  # not changed


def test_no_qr_no_png(tmp_path, request_dict):
    assert [p.suffix for p in write_player_files(tmp_path, request_dict, None)] == [".json"]


def test_slug():
    assert slug("urn:uuid:AB-12") == "urn-uuid-ab-12"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("***") == "request"


def test_atomic_write_keeps_the_old_file_when_replace_fails(tmp_path, request_dict, monkeypatch):
    [path] = write_player_files(tmp_path, request_dict, None)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    changed = dict(request_dict, version="1.1")
    with pytest.raises(OSError):
        write_player_files(tmp_path, changed, None)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [path.name]     # no temp file left behind


def test_writes_go_through_a_temp_file(tmp_path, request_dict, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append((os.path.basename(src), os.path.basename(dst)))
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    write_session_csv(tmp_path, [SessionRow("Léa", {"O1": 2}, "sent")])
    [(src, dst)] = seen
    assert dst == "session.csv" and src != dst and src.endswith(".tmp")


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_session_csv(tmp_path):
    path = write_session_csv(tmp_path, [
        SessionRow("Léa M.", {"O1": 2, "C3": 3}, "sent", REQUEST_ID, "https://badges.example.org/c/1"),
        {"pseudonym": "Yanis", "competences": [("E4", 1)], "status": "pending", "email": EMAIL,
         "secret": SECRET},
    ])
    rows = read_csv(path)
    assert rows[0] == ["pseudonym", "competences", "status", "request_id", "claim_url"]
    assert rows[1] == ["Léa M.", "C3:3 O1:2", "sent", REQUEST_ID, "https://badges.example.org/c/1"]
    assert rows[2] == ["Yanis", "E4:1", "pending", "", ""]
    text = path.read_text(encoding="utf-8-sig")
    assert EMAIL not in text and SECRET not in text


def test_session_csv_hides_emails_and_defuses_formulas(tmp_path):
    path = write_session_csv(tmp_path, [SessionRow("lea.martin@example.org", {}, "sent"),
                                        SessionRow("=HYPERLINK(\"http://evil\")", {}, "pending")])
    rows = read_csv(path)
    assert rows[1][0] == "[email hidden]"
    assert rows[2][0].startswith("'=")
    assert "@" not in path.read_text(encoding="utf-8-sig")


def test_secret_never_in_any_written_file(tmp_path, httpserver, request_dict):
    httpserver.expect_request("/badge-requests").respond_with_json(
        {"claimUrl": "https://badges.example.org/c/9", "message": f"echo {SECRET}"}, status=201)
    config = IssuerConfig("diva", httpserver.url_for("/").rstrip("/"), secret=SECRET, client_secret=CLIENT_SECRET)
    outbox = MemoryOutbox()
    outbox.outbox_put(REQUEST_ID, "player-7", "sess", request_body(request_dict))
    [(item, result)] = deliver(outbox, config, now=0.0)
    assert send_request(config, request_body(request_dict), REQUEST_ID).status == "sent"
    written = write_player_files(tmp_path, request_dict, claim_qr_png(item.claim_url))
    written.append(write_session_csv(tmp_path, [SessionRow("Léa", {"O1": 2}, item.status, item.request_id,
                                                           item.claim_url)]))
    for path in written:
        data = path.read_bytes()
        assert SECRET.encode() not in data and CLIENT_SECRET.encode() not in data
        assert EMAIL.encode() not in data
