"""'Forget me' reaches every copy the game made (issue 15)."""
import shutil
import sqlite3

import pygame

from game.services.context import open_services
from game.store.sqlite import DB_NAME
from game.ui.app import init_pygame
from game.ui.portfolio import FOLDER, write_portfolio


def _needles(text: str) -> list[bytes]:
    utf16 = text.encode("utf-16-be")  # PDF metadata: UTF-16, written as hex
    return [text.encode(), utf16, text.encode("utf-16-le"), utf16.hex().encode(), utf16.hex().upper().encode()]


def test_forget_me_reaches_damaged_copies_renamed_portfolios_and_pdf_metadata(tmp_path):
    data = tmp_path / "data"
    assert init_pygame() is None
    services = open_services(data, "fr")
    try:
        gone = services.create_player("Léandre", "fr")
        other = services.create_player("Maëlle", "fr")
        write_portfolio(services, gone, data / FOLDER)  # léandre-carte.png, léandre-portfolio.pdf
        assert any(n in (data / FOLDER / "leandre-portfolio.pdf").read_bytes() for n in _needles("Léandre")[1:])
        services.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # two copies moved aside earlier: one SQLite can still read, one it cannot
        readable = data / f"{DB_NAME}.damaged-20260101-000000"
        shutil.copy(data / DB_NAME, readable)
        broken = data / f"{DB_NAME}.damaged-20260102-000000"
        raw = bytearray((data / DB_NAME).read_bytes())
        raw[100:200] = b"\xff" * 100
        broken.write_bytes(bytes(raw))
        twin = services.create_player("Léandre", "fr")  # a later player with the same name: new file names
        services.forget_player(gone.id)
        left = {p.id for p in services.players()}
    finally:
        services.close()
        pygame.quit()
    assert left == {other.id, twin.id}
    leftovers = []
    for path in data.rglob("*"):
        if not path.is_file() or path.name == "diva.log":
            continue
        content = path.read_bytes()
        if gone.id.encode() in content:
            leftovers.append((path.name, "id"))
        if not path.name.startswith(DB_NAME) and any(n in content for n in _needles("Léandre")):
            leftovers.append((path.name, "name"))
    assert leftovers == []
    assert not broken.exists()   # a copy that cannot be cleaned is removed whole
    with sqlite3.connect(readable) as db:  # the readable copy keeps the others
        assert {r[0] for r in db.execute("SELECT id FROM players")} == {other.id}
