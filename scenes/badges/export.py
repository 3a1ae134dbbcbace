"""Badges: each player's badge request, its status (sent, waiting for the network,
refused and why), and a large QR code to scan, one player at a time."""
from __future__ import annotations

from functools import lru_cache

import pygame

from export.qr import qr_matrix
from game.services.badges import qr_url, write_exports
from game.ui.theme import MARGIN
from game.ui.widgets import Button
from scenes.base import ButtonScene


class ExportScene(ButtonScene):
    name = "export"
    corner_tools = True

    def enter(self) -> None:
        play = self.app.play
        self.players = [p for p in play.players if p.id not in play.absent]
        self.index = 0
        self.job = None
        self.message = ""
        settings = self.services.issuer_settings()
        self.issuer_url = settings.url.rstrip("/")
        self.services.prepare_requests(play.session, self.players, self.lang, settings.structure_id,
                                       settings.structure_name or play.session.structure_name, issuer_id=self.issuer_url)
        self.send()

    def send(self, force: bool = False) -> None:
        settings = self.services.issuer_settings()
        problem = settings.problem()
        if problem:
            self.message = self.t("export.no_issuer")
            self.finish()
            return
        self.message = self.t("export.sending")
        self.job = self.services.deliver(settings.config(), force=force)
        self.build()

    def finish(self) -> None:
        """After a delivery attempt: files for the counsellor, then the buttons."""
        items = self.items()
        names = {p.id: p.display_name for p in self.players}
        folder = self.services.export_dir or self.services.data_dir / "exports" / self.app.play.session.id
        write_exports(folder, items, names, self.issuer_url)
        if self.job and self.job.error:
            self.message = self.t("export.error")
        self.job = None
        self.build()

    def items(self):
        mine = {p.id for p in self.players}
        return [i for i in self.services.outbox_items(self.app.play.session.id) if i.player_id in mine]

    def item_of(self, player):
        return next((i for i in self.items() if i.player_id == player.id), None)

    def build(self) -> None:
        buttons = []
        if len(self.players) > 1:
            buttons.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav"))
            buttons.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav"))
        if any(i.status == "pending" for i in self.items()) and not self.job:
            buttons.append(Button(self.t("export.retry"), lambda: self.send(force=True), icon="refresh", kind="nav"))
        item = self.item_of(self.players[self.index])
        if item is not None and item.status == "refused" and not self.job and not self.services.issuer_settings().problem():
            buttons.append(Button(self.t("export.resend"), lambda: self.resend(item.request_id), icon="mail", kind="nav"))
        buttons.append(Button(self.t("export.done"), self.leave, icon="check", kind="nav-primary"))
        self.set_buttons(buttons, focus=len(buttons) - 1)
        self._shown = None  # what the screen shows for this player: worked out on the next draw, once

    def resend(self, request_id: str) -> None:
        """A refused request, sent again with the settings as they are now (the counsellor fixed them)."""
        self.services.resend_refused([request_id])
        self.send(force=True)

    def leave(self) -> None:
        if self.params.get("then") == "session_end":
            self.services.end_session(self.app.play.session.id)
            self.app.last_play, self.app.play = self.app.play, None
            self.app.show("title")
        else:
            self.app.show(self.params.get("then", "skillmap"))

    def turn(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.players)
        self.build()

    def update(self, dt: float) -> None:
        if self.job and self.job.done:
            self.message = ""
            self.finish()

    def status_text(self, item, player) -> str:
        if item is None:  # no request: the player said "no badge today", or had nothing to ask for yet
            declined = self.services.badge_candidates(player, self.app.play.session)
            return self.t("export.declined") if declined else self.t("export.nothing")
        if item.status == "sent":
            return self.t("export.sent")
        if item.status == "refused":
            return self.t("export.refused", why=item.last_error[:160])
        if not self.issuer_url or self.services.issuer_settings().problem():
            return self.t("export.kept")
        if item.last_error:
            return self.t("export.waiting_why", why=item.last_error[:160])
        return self.t("export.waiting")

    def step_key(self) -> str:
        return f"export-{self.index}-{'busy' if self.job else 'done'}"

    def shown(self):
        """The current player's item, claim URL and status line (the outbox is read once, not every frame)."""
        if getattr(self, "_shown", None) is None:
            item = self.item_of(self.players[self.index])
            self._shown = (item, qr_url(item, self.issuer_url) if item else "", self.status_text(item, self.players[self.index]))
        return self._shown

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        player = self.players[self.index]
        y = ui.title(surface, self.t("export.title", name=player.display_name), "award")
        item, url, status = self.shown()
        size = self.height - y - 110
        text_left = MARGIN * 2
        if url and item.status != "refused":
            qr = pygame.Rect(MARGIN * 2, y, size, size)
            draw_qr(surface, url, qr)
            text_left = qr.right + MARGIN
        box = pygame.Rect(text_left, y, self.width - text_left - MARGIN * 2, size)
        lines = [status]
        if url and item.status != "refused":
            lines.append(self.t("export.scan"))
        if item is not None and item.claim_url:  # the short link, to type when a phone cannot scan
            lines.append(item.claim_url if len(item.claim_url) <= 90 else item.claim_url[:89] + "…")
        if self.message and item is not None:   # (how sending goes does not concern a player who asked for nothing)
            lines.append(self.message)
        if len(self.players) > 1:
            lines.append(self.t("nav.page", n=self.index + 1, total=len(self.players)))
        ui.text_block(surface, "\n".join(lines), box, "body")
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)


def draw_qr(surface: pygame.Surface, url: str, rect: pygame.Rect) -> None:
    """Draw the QR code module by module (crisp at any size), dark on white with its quiet zone."""
    image = qr_image(url, min(rect.width, rect.height))
    side = image.get_width()
    surface.blit(image, (rect.left + (rect.width - side) // 2, rect.top + (rect.height - side) // 2))


@lru_cache(maxsize=8)
def qr_image(url: str, size: int) -> pygame.Surface:
    """The QR code as a picture at most `size` px wide, made once per URL (encoding one takes ~20 ms)."""
    matrix = qr_matrix(url)
    n = len(matrix)
    cell = max(1, size // n)
    image = pygame.Surface((cell * n, cell * n))
    image.fill((255, 255, 255))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                image.fill((0, 0, 0), (c * cell, r * cell, cell, cell))
    return image
