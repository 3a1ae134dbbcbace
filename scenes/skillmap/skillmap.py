"""The skill map: the 12 competences by domain, each level shown by shape, fill and number;
select one to see its descriptor and the evidence behind it."""
from __future__ import annotations

import logging

import pygame

from game.core.model import AFTER, BEFORE
from game.i18n.typeset import tr
from game.ui.opener import open_in_viewer
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, draw_shape
from scenes.base import ButtonScene
from scenes.menus.menus import draw_dialog_box


def format_day(iso: str, lang: str) -> str:
    """2026-11-23 -> 23/11/2026 (fr) or 23 Nov 2026 (en)."""
    try:
        y, m, d = (int(x) for x in iso[:10].split("-"))
    except ValueError:
        return iso
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{d:02d}/{m:02d}/{y}" if lang == "fr" else f"{d} {months[m - 1]} {y}"


class SkillMapScene(ButtonScene):
    name = "skillmap"
    corner_tools = True

    def enter(self) -> None:
        self.player = self.app.play.players[self.params.get("player", 0)]
        self.flow = self.params.get("flow", "")
        self.map = self.services.skill_map(self.player)
        ref = self.services.referential
        cards = []
        for c in ref.competences:
            b = Button(tr(c.name, self.lang), lambda cid=c.id: self.app.push("competence", competence=cid, player=self.player.id), icon=c.icon)
            b.competence = c.id
            cards.append(b)
        self.cards = cards
        self.badges_button = Button(self.t("skillmap.badges"), lambda: self.app.show("cobuild", player=self.params.get("player", 0)),
                                    icon="award", kind="nav")
        self.nav = [self.badges_button,
                    Button(self.t("skillmap.scenarios"), lambda: self.app.show("hub"), icon="list", kind="nav-primary")]
        self.nav.insert(len(self.nav) - 1, self.portfolio_button())
        if self.flow == "end":  # end of a group session, in private (after "pass the laptop"): the map, then the badges
            self.nav = [self.nav[1], Button(self.t("skillmap.badges"),
                                            lambda: self.app.show("cobuild", player=self.params.get("player", 0), flow="end"),
                                            icon="award", kind="nav-primary")]
        self.strengths = self.services.strengths(self.player)  # what they said they are good at, before and after
        self.strengths_button = Button(self.t("strengths.open"), lambda: self.app.show(
            "strengths", moment=AFTER, player=self.params.get("player", 0), then="skillmap", then_params={"player": self.params.get("player", 0)}),
            icon="star", kind="nav")
        if self.flow != "end":
            self.nav.insert(0, self.strengths_button)
        self.domain_page = 0
        self.paged = not self.names_fit()
        if self.paged:  # the names do not fit 3 columns: one domain at a time, in wide cards
            self.nav.insert(0, Button(self.t("skillmap.next_domain"), self.next_domain, icon="arrow-right", kind="nav"))
        self.show_cards()

    def names_fit(self) -> bool:
        """Do the 12 names fit their cards when the three domains stand side by side?"""
        ui, ref = self.ui, self.services.referential
        cols, rows = len(ref.domains), max(len(d.competence_ids) for d in ref.domains)
        top = 20 + ui.fonts.line_height(ui.size("title")) + 16 + ui.fonts.line_height(ui.size("small")) + 6
        h = (self.nav_top() - GAP // 2 - top - 8 * (rows - 1)) // rows
        w = (self.width - MARGIN - GAP * (cols - 1)) // cols
        room = h - 7 - max(ui.size("small"), 32)
        return all(ui.text_height(b.label, w - 20, "small", True) <= room for b in self.cards)

    def shown_domains(self):
        ref = self.services.referential
        return [ref.domains[self.domain_page]] if self.paged else list(ref.domains)

    def show_cards(self) -> None:
        ids = {cid for d in self.shown_domains() for cid in d.competence_ids}
        self.set_buttons([b for b in self.cards if b.competence in ids] + self.nav, self.focus)

    def next_domain(self) -> None:
        self.domain_page = (self.domain_page + 1) % len(self.services.referential.domains)
        self.show_cards()

    def resume(self) -> None:
        super().resume()
        self.map = self.services.skill_map(self.player)

    def step_key(self) -> str:
        return f"skillmap-{self.flow}-{self.params.get('player', 0)}-{self.domain_page}"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        y = ui.title(surface, self.t("skillmap.title", name=self.player.display_name), "chart-dots-3", y=20)
        domains = self.shown_domains()
        cols = len(domains)
        area = pygame.Rect(MARGIN // 2, y, self.width - MARGIN, self.nav_top() - GAP // 2 - y)
        w = (area.width - GAP * (cols - 1)) // cols
        for col, domain in enumerate(domains):
            x = area.left + col * (w + GAP)
            head = ui.fonts.render(tr(domain.name, self.lang), ui.size("small"), p.text, True)
            draw_shape(surface, domain.shape, (x + 14, y + head.get_height() // 2), 11, p.text, p.text, 0)
            surface.blit(head, (x + 34, y))
            top = y + head.get_height() + 6
            ids = domain.competence_ids
            h = (area.bottom - top - 8 * (len(ids) - 1)) // max(1, len(ids))
            for row, cid in enumerate(ids):
                b = next(card for card in self.cards if card.competence == cid)
                b.rect = pygame.Rect(x, top + row * (h + 8), w, h)
        self.nav_bar(self.nav)
        if self.nav[0].rect.left < MARGIN // 2:  # a narrow window: the short label
            self.save_button.label = self.t("skillmap.save_short")
            self.nav_bar(self.nav)
        for i, b in enumerate(self.buttons):
            if b in self.cards:
                self.draw_card(surface, b, i == self.focus)
                self.draw_strengths(surface, b)
            else:
                self.draw_icon_button(surface, b, i == self.focus) if getattr(b, "compact", False) else ui.draw_button(surface, b, i == self.focus)
        self.draw_saved(surface)

    # ---- "Imprimer ma carte": the map as a PNG and a one-page PDF in <data dir>/portfolios

    saved = ""  # what was written where, shown until the next key or click

    def portfolio_button(self) -> Button:
        self.save_button = Button(self.t("skillmap.save"), self.save_portfolio, icon="file-cv", kind="nav")
        return self.save_button

    def save_portfolio(self) -> None:
        from game.ui.portfolio import FOLDER, write_portfolio  # fpdf takes 0.24 s to import: paid on 'print my map', not when the map opens

        try:
            paths = write_portfolio(self.services, self.player, self.services.data_dir / FOLDER, self.lang)
            # the PDF in the system's viewer, to print from there; where it is only when no viewer can open it
            self.saved = (self.t("skillmap.opened") if open_in_viewer(paths[-1])
                          else self.t("skillmap.saved", folder=str(paths[0].parent)))
        except OSError as exc:
            logging.getLogger("diva").warning("portfolio not written: %s", exc)
            self.saved = self.t("skillmap.save_failed")
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.saved and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.saved = ""
            self.dirty = True
        super().handle_event(event)

    def draw_saved(self, surface: pygame.Surface) -> None:
        if not self.saved:
            return
        ui, p = self.ui, self.ui.palette
        width = self.width - MARGIN * 2
        h = ui.text_height(self.saved, width - 84, "body") + 28
        box = pygame.Rect(MARGIN, self.save_button.rect.top - GAP - h, width, h)
        pygame.draw.rect(surface, p.panel, box, border_radius=14)
        pygame.draw.rect(surface, p.accent, box, width=4, border_radius=14)
        icon = ui.icons.get("file-check", 44, p.accent)
        if icon:
            surface.blit(icon, (box.left + 18, box.top + 14))
        ui.text_block(surface, self.saved, pygame.Rect(box.left + 72, box.top + 14, width - 84, h - 20), "body")

    def draw_strengths(self, surface: pygame.Surface, b: Button) -> None:
        """Side by side in the card's corner: a star if picked before playing, a filled one if picked after."""
        ui, p = self.ui, self.ui.palette
        for i, moment in enumerate((BEFORE, AFTER)):
            if b.competence in self.strengths.get(moment, ()):
                icon = ui.icons.get("star", 16, p.muted if moment == BEFORE else p.accent)
                if icon:
                    surface.blit(icon, (b.rect.right - 6 - 20 * (2 - i), b.rect.top + 5))

    def draw_card(self, surface: pygame.Surface, b: Button, focused: bool) -> None:
        ui, p = self.ui, self.ui.palette
        ref = self.services.referential
        c = ref.competence(b.competence)
        status = self.map.status(c.id)
        r = b.rect
        pygame.draw.rect(surface, p.panel, r, border_radius=12)
        pygame.draw.rect(surface, p.focus if focused else p.border, r, width=6 if focused else 2, border_radius=12)
        row = max(ui.size("small"), 32)  # the bottom row: the pictogram, the level's marks and its number
        name_w = r.width - 20
        wide = ui.text_height(b.label, r.width - 66, "small", True) <= r.height - 7 - row
        icon = ui.icons.get(c.icon, 40 if wide else 30, p.accent)
        if wide:  # room for the pictogram beside the name
            if icon:
                surface.blit(icon, (r.left + 10, r.top + 10))
            ui.text_block(surface, b.label, pygame.Rect(r.left + 58, r.top + 4, r.width - 66, r.height - 7 - row), "small", bold=True)
        else:  # a narrow card: the name takes the whole width, the pictogram goes down with the level
            ui.text_block(surface, b.label, pygame.Rect(r.left + 10, r.top + 4, name_w, r.height - 7 - row), "small", bold=True)
        mark_y = r.bottom - 3 - row // 2
        left = r.left
        if not wide and icon:
            surface.blit(icon, (r.left + 8, mark_y - icon.get_height() // 2))
            left += icon.get_width() + 6
        # the level: filled shapes, then its number, or "to validate" when a higher level waits;
        # a level only shown (nothing validated yet) is said in words, never as empty marks
        if status.pending and not status.level and not status.seen_once:
            said = ui.fonts.render(self.t("skillmap.pending_level", n=status.pending), ui.size("small"), p.text, True)
            surface.blit(said, (left + 12, mark_y - said.get_height() // 2))
            return
        label = (self.t("skillmap.once_short") if status.seen_once else self.t("skillmap.pending_short") if status.pending
                 else f"{status.level}/{ref.max_level}")
        num = ui.fonts.render(label, ui.size("small"), p.text, True)
        size = 18 if (left - r.left) + 12 + 26 * ref.max_level + 8 + num.get_width() <= r.width - 8 else 12
        marks_w = (size + 8) * ref.max_level
        ui.level_mark(surface, (left + 12 + marks_w // 2, mark_y), status.level, ref.max_level, ref.domain(c.domain).shape, size)
        surface.blit(num, (left + 12 + marks_w + 8, mark_y - num.get_height() // 2))


class CompetenceScene(ButtonScene):
    """One competence: its level, its descriptor, and why (played, told, validated apart)."""

    name = "competence"
    modal = True

    def enter(self) -> None:
        self.back_action = self.app.back
        self.set_buttons([Button(self.t("nav.back"), self.app.back, icon="arrow-back-up", kind="nav-primary")])
        self.text = self.lines()  # read from the store once, not on every frame

    def resume(self) -> None:
        super().resume()
        self.text = self.lines()


    def step_key(self) -> str:
        return f"competence-{self.params['competence']}"

    def lines(self) -> str:
        ref = self.services.referential
        c = ref.competence(self.params["competence"])
        status = self.services.skill_map(self.services.player(self.params["player"])).status(c.id)
        titles = {s.id: tr(s.title, self.lang) for s in self.services.library.scenarios}
        out = []
        if status.level:  # RP1/RP2 are steps of reflection, not levels of autonomy
            key = "level.short" if c.graded else "level.step"
            name = tr(ref.level_name(status.level).name, self.lang) if c.graded else ""
            out.append(self.t(key, n=status.level, name=name).rstrip(" :\u202f") + "\n« " + tr(c.level(status.level).descriptor, self.lang) + " »"
                       if self.lang == "fr" else self.t(key, n=status.level, name=name).rstrip(" :") + "\n“" + tr(c.level(status.level).descriptor, self.lang) + "”")
        else:
            out.append(self.t("skillmap.none"))
        for e in status.supporting()[:2]:  # the story behind it: played, told, validated, each said apart
            once = f" ({self.t('skillmap.once_short')})" if status.once(e) else ""
            out.append(f"• {self.t('skillmap.played_in', title=titles.get(e.scenario_id, e.scenario_id))}{once} {tr(e.why, self.lang)}")
        for e in status.declared_evidence[:1]:
            out.append(f"• {tr(e.why, self.lang)}")
        for v in status.validations[-1:]:
            out.append(f"• {self.t('skillmap.validated', level=v.level)} {v.comment}".rstrip())
        if status.seen_once:
            out.append(self.t("skillmap.once", level=status.seen_once))
        if status.pending and status.pending != status.seen_once:
            out.append(self.t("skillmap.pending", level=status.pending) + " " + self.t("skillmap.legend"))
        said = self.services.strengths(self.services.player(self.params["player"]))
        when = [self.t(f"strengths.{m}") for m in (BEFORE, AFTER) if c.id in said.get(m, ())]
        if when:
            out.append(self.t("strengths.mine", when=", ".join(when)))
        sessions = self.history(status)
        if sessions:
            out.append(self.t("skillmap.history", dates=", ".join(sessions)))
        return "\n".join(out)

    def history(self, status) -> list[str]:
        """The dates of the sessions where this competence was shown or validated (oldest first)."""
        ids = {e.session_id for e in status.played_evidence + status.declared_evidence} | {v.session_id for v in status.validations}
        dates = []
        for session in self.services.sessions_of(self.params["player"]):
            if session.id in ids and session.date not in dates:
                dates.append(session.date)
        return [format_day(d, self.lang) for d in dates]

    def draw(self, surface: pygame.Surface) -> None:
        c = self.services.referential.competence(self.params["competence"])
        draw_dialog_box(self, surface, tr(c.name, self.lang), c.icon, self.text)
