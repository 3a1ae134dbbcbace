"""Debrief in three phases that ask rather than tell (the rules are in game.core.debrief):
describe (the player picks a moment of their own path), analyse (why that choice, what it showed,
what another answer would have shown; then what each competence shown says), transfer (the
scenario's own question, answered by a life domain or a moment told in a few words, kept as a told
experience the counsellor can validate). A group keeps
its shared debrief: what happened, the group's competences, where else."""
from __future__ import annotations

import pygame

from game.core.debrief import LIFE_DOMAINS, another_choice, path_moments, reasons_for, spread
from game.core.grading import MAX_TOLD, grade_transfer, told_text
from game.core.model import DECLARED, PLAYED
from game.i18n.catalogue import in_every_language
from game.i18n.typeset import quotable, tr
from game.core.skills import PLAYED_CAP
from game.ui.play_panel import CELEBRATION_SECONDS, competence_cards, draw_celebration
from game.ui.textentry import TextBox, feed
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button
from scenes.base import ART, PanelScene, layout_cells
from scenes.counsellor.counsellor import ask_pin

PER_PAGE = 3
# the screens with the end-of-scenario celebration under their words: what happened (a group), the
# way out (one player, after the three phases of the debrief)
CELEBRATED = ("happened", "elsewhere")


def strongest_by_competence(evidence) -> list:
    """One piece of evidence per competence (the highest level), in referential order later."""
    best = {}
    for e in evidence:
        if e.competence not in best or e.level > best[e.competence].level:
            best[e.competence] = e
    return list(best.values())


class DebriefScene(PanelScene):
    """The debrief keeps the play panel of the steps: the picture of the moment looked back on (at first,
    of the last step played), the scenario done, the competences it lit."""

    name = "debrief"

    def enter(self) -> None:
        play = self.app.play
        self.scenario = play.scenario
        self.group = play.group
        self.player = play.players[self.params.get("player", 0)]
        ids = self.services.referential.ids()
        if self.group:  # the competences the group used: one row each, with who showed it
            used = sorted({e.competence for e in play.recorded}, key=ids.index)
            self.cards = used
        else:
            self.cards = sorted(strongest_by_competence(play.evidence_of(self.player)), key=lambda e: ids.index(e.competence))
        self.shown = len({e.competence for e in play.evidence_of(self.player)})
        answers = [(e.step_id, e.choice_id) for e in play.evidence_of(self.player) if e.source == PLAYED]
        self.moments = [] if self.group else path_moments(self.scenario, answers)
        self.moment = self.reason = self.domain = None
        self.field = None      # the text field of a moment told (the transfer's "tell" screen)
        self.told = ""
        self.kept_told = False  # the moment told was kept (as a told experience)
        self.message = ""
        self.phase = "happened" if self.group else "describe" if self.moments else "competences" if self.cards else "transfer"
        self.page = 0
        self.celebrated = 0.0 if not self.services.settings.reduced_motion else CELEBRATION_SECONDS
        self.app.play_sound("celebrate")
        self.build()

    def panel_picture(self):
        play = self.app.play
        if self.moment is not None and self.moment.step.picture:
            return self.moment.step.picture
        path = [e.step_id for e in (play.recorded if self.group else play.evidence_of(self.player))]
        steps = [self.scenario.steps[s] for s in reversed(path) if s in self.scenario.steps]
        steps += [s for s in reversed(list(self.scenario.steps.values()))]  # nothing answered: the scenario's last picture
        return next((s.picture for s in steps if s.picture), None)

    def panel_progress(self) -> tuple[str, float]:
        return self.t("play.progress_debrief"), 1.0

    def update(self, dt: float) -> None:
        """The end-of-scenario sparkles rise once (not with "less motion"); a text field's cursor blinks."""
        super().update(dt)
        if self.field:
            self.app.gui().update(dt)
            self.dirty = self.dirty or self.field.focused
        if self.phase in CELEBRATED and self.celebrated < CELEBRATION_SECONDS:
            self.celebrated = min(CELEBRATION_SECONDS, self.celebrated + dt)
            self.dirty = True

    @property
    def per_page(self) -> int:
        return 5 if self.group else PER_PAGE

    def build(self) -> None:
        next_button = Button(self.t("step.continue"), self.forward, icon="arrow-right", kind="nav-primary")
        if self.phase == "describe":  # as many of their moments as fit (large text, 4:3): fewer, never cut
            # first with the path's "what happened" above the question; if not even one moment fits, without it
            for self.with_happened in (True, False):
                for n in range(len(self.moments), 0, -1):
                    buttons = self.numbered([Button(tr(m.choice.text, self.lang), lambda m=m: self.pick_moment(m), kind="choice")
                                             for m in spread(self.moments, n)])
                    if self.question_layout(buttons):
                        break
                else:
                    continue
                break
            self.set_buttons(buttons)
        elif self.phase == "analyse" and self.reason is None:
            self.set_buttons(self.numbered([Button(self.t(f"debrief.reason.{r}"), lambda r=r: self.pick_reason(r), kind="choice")
                                            for r in reasons_for(self.moment)]))
        elif self.phase == "transfer" and self.domain is None:
            domains = [Button(self.t(f"domain.{d}"), lambda d=d: self.pick_domain(d), kind="choice") for d in LIFE_DOMAINS]
            per = len(domains)  # as many domains as fit under the question (largest text, 4:3): the others on the next page
            while per > 2 and not self.question_layout(self.numbered(domains[:per])):
                per -= 1
            pages = [domains[i:i + per] for i in range(0, len(domains), per)]
            self.domain_page = getattr(self, "domain_page", 0) % len(pages)
            nav = [self.page_button(self.domain_page, len(pages), self.turn_domains)] if len(pages) > 1 else []
            tell = [Button(self.t("debrief.tell"), self.start_telling, icon="pencil", kind="nav")] if self.moment is not None else []
            self.set_buttons(self.numbered(pages[self.domain_page]) + nav + tell
                             + [Button(self.t("debrief.not_yet"), lambda: self.pick_domain(""), kind="nav")])
        elif self.phase == "tell":
            self.set_buttons([Button(self.t("debrief.tell_back"), self.stop_telling, icon="arrow-left", kind="nav"),
                              Button(self.t("debrief.tell_keep"), self.keep_told, icon="check", kind="nav-primary")], focus=1)
        elif self.phase == "elsewhere" and self.group:
            self.set_buttons([
                Button(self.t("dashboard.open"), lambda: ask_pin(self.app, "dashboard", "hub"), icon="dashboard", kind="nav"),
                Button(self.t("debrief.other"), lambda: self.app.show("hub"), icon="list", kind="nav-primary"),
            ], focus=1)
        elif self.phase == "elsewhere":
            self.set_buttons([
                Button(self.t("debrief.other"), lambda: self.app.show("hub"), icon="list", kind="nav"),
                Button(self.t("hub.skillmap"), lambda: self.app.show("skillmap"), icon="chart-dots-3", kind="nav-primary"),
            ], focus=1)
        else:
            self.set_buttons([next_button])

    def forward(self) -> None:
        if self.phase == "happened":
            self.phase = "competences" if self.cards else "elsewhere"
        elif self.phase == "analyse":
            self.phase = "competences" if self.cards else "transfer"
        elif self.phase == "competences" and self.page + 1 < len(self.pages()):
            self.page += 1
        elif self.phase == "competences" and not self.group:
            self.phase = "transfer"
        else:
            self.phase = "elsewhere"
        self.build()

    def turn_domains(self) -> None:
        self.domain_page = getattr(self, "domain_page", 0) + 1
        self.build()

    def pick_moment(self, moment) -> None:
        self.moment, self.phase = moment, "analyse"
        self.build()

    def pick_reason(self, reason: str) -> None:
        self.reason = reason
        self.set_buttons([Button(self.t("step.continue"), self.forward, icon="arrow-right", kind="nav-primary")])

    # ------------------------------------------------------------ a moment told (the transfer, in their words)

    def start_telling(self) -> None:
        self.phase, self.message = "tell", ""
        self.build()
        self.field = TextBox(self.app, self.field_rect(), MAX_TOLD, text=self.told)
        self.field.focus()

    def under_field(self) -> str:
        """What is said under the box: what is wrong (the box shows the whole text, on several lines)."""
        return self.message

    def tell_layout(self) -> tuple[str, str, pygame.Rect, pygame.Rect, pygame.Rect]:
        """(the question, its text size, its rect, the box's rect, the rect under it): the box as tall as
        its text (two lines at least); the question in smaller text before the box and what is under it
        would not fit (largest text, 4:3), then without its hint (once written, the player's words come
        first); the box scrolls up and down only when even that is not enough."""
        ui = self.ui
        title, _icon, text = self.question_text()
        y = self.title_bottom(title) + GAP // 2
        width = self.width - MARGIN * 4
        line, chrome = ui.fonts.line_height(ui.size("body")), (self.field.chrome if self.field else 34) + 4
        h = max(2 * line + chrome, self.field.height_for_text() if self.field else 0)
        under = self.under_field()
        under_h = ui.text_height(under, width, "small") if under else 0
        bottom = self.nav_top() - GAP
        question = text.split("\n")[0]   # (without the hint under it)
        ways = [(t, size, ui.text_height(t, width, size)) for t in (text, question) for size in ("body", "small")]
        room = {way: bottom - under_h - GAP // 2 - (y + way[2] + GAP) for way in ways}
        text, size, text_h = next((w for w in ways if room[w] >= h), None) or \
            next((w for w in ways if room[w] >= 2 * line + chrome), ways[-1])
        room = room[(text, size, text_h)]
        gap = GAP if room >= line + chrome else GAP // 2   # (cramped: the box closer to the question)
        h = max(line + chrome, min(h, room + GAP - gap))   # (the whole question first: the box shows a line at least, and scrolls)
        top = min(y + text_h + gap, bottom - under_h - GAP // 2 - h)
        field = pygame.Rect(MARGIN * 2, max(top, y), width, h)
        return text, size, pygame.Rect(MARGIN * 2, y, width, field.top - gap - y), field, \
            pygame.Rect(MARGIN * 2, field.bottom + GAP // 2, width, bottom - field.bottom - GAP // 2)

    def field_rect(self) -> pygame.Rect:
        return self.tell_layout()[3]

    def drop_field(self) -> None:
        if self.field:
            self.told = self.field.text
            self.field.kill()
        self.field = None

    def exit(self) -> None:
        self.drop_field()

    def stop_telling(self) -> None:
        self.drop_field()
        self.phase, self.message = "transfer", ""
        self.build()

    def keep_told(self) -> None:
        """The moment, in their words, kept as a told experience of what the chosen moment showed."""
        told = told_text(self.field.text if self.field else self.told)
        if not told:
            self.message = self.t("debrief.tell_empty")
            self.dirty = True
            return
        graded = grade_transfer(self.moment.step, self.moment.choice, self.reason or "", "", {}, in_every_language("debrief.told_why"),
                                told=told)
        self.app.play.record_answer(self.player, graded)
        self.drop_field()
        self.told, self.kept_told = told, True
        self.phase = "elsewhere"
        self.build()

    @property
    def takes_text(self) -> bool:
        return bool(self.field and self.field.focused)

    def focused_button(self) -> int | None:
        return None if self.takes_text else self.focus

    def speech_text(self) -> str:
        """The screen, then the moment as written (drawn by the text box, not by the game's text)."""
        return "\n".join(t for t in (self.app.screen_text, self.field.text if self.field else "") if t)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.field is None or self.on_button(event):
            super().handle_event(event)
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.takes_text:
            self.keep_told()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.takes_text:
            self.field.unfocus()
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_TAB:   # box, "back", "keep": Esc left the box, Tab comes back
            self.tab_through([self.field], 0, backwards=bool(event.mod & pygame.KMOD_SHIFT))
            return
        if (self.takes_text or event.type == pygame.MOUSEBUTTONDOWN) and feed(self.app, event):
            self.message = ""
            self.dirty = True
            return
        super().handle_event(event)

    def pick_domain(self, domain: str) -> None:
        """A life domain: what the chosen moment showed, told as lived elsewhere (kept for the counsellor)."""
        self.domain = domain
        if domain and self.moment is not None:
            graded = grade_transfer(self.moment.step, self.moment.choice, self.reason or "", domain, in_every_language(f"domain.{domain}"),
                                    in_every_language("debrief.transfer_why"))
            self.app.play.record_answer(self.player, graded)
        self.phase = "elsewhere"
        self.build()

    def draw_celebration(self, surface: pygame.Surface, area: pygame.Rect, top: int) -> None:
        """A calm celebration under the words, when there is room for it."""
        room = pygame.Rect(area.left, top, area.width, self.nav_top() - GAP - top)
        if room.height >= 56:
            play = self.app.play
            shown = {e.competence for e in (play.recorded if self.group else play.evidence_of(self.player))}
            draw_celebration(self.ui, ART, surface, pygame.Rect(room.left, room.top, room.width, min(room.height, 140)),
                             competence_cards(self.services.referential, shown), self.celebrated / CELEBRATION_SECONDS)

    def cards_area(self) -> pygame.Rect:
        top = self.title_bottom((self.t("debrief.group_competences") if self.group else self.t("debrief.competences"))) + GAP // 2
        return pygame.Rect(MARGIN * 2, top, self.width - MARGIN * 4, self.nav_top() - GAP - top)

    def pages(self) -> list[list]:
        """The cards, as many on a page as fit (at most per_page): larger text, more pages."""
        area = self.cards_area()
        pages, page, used = [], [], 0
        for card in self.cards:
            h = self.group_row_height(card) + GAP // 2 if self.group else self.card_height(card, area.width) + GAP
            if page and (used + h > area.height + GAP or len(page) >= self.per_page):
                pages.append(page)
                page, used = [], 0
            page.append(card)
            used += h
        return pages + [page] if page else pages or [[]]

    def step_key(self) -> str:
        return (f"debrief-{self.scenario.id}-{self.phase}{'-why' if self.reason else ''}-{self.page}-{getattr(self, 'domain_page', 0)}"
                f"{'-msg' if self.message else ''}")

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        area = pygame.Rect(MARGIN * 2, 0, self.width - MARGIN * 4, 0)
        if self.phase in ("describe", "analyse", "transfer"):
            self.draw_question(surface)
            return
        if self.phase == "tell":
            self.draw_telling(surface)
            return
        if self.phase == "happened":
            y = ui.title(surface, self.t("debrief.happened"), "flag", width=self.width)
            tail = self.t("debrief.group_questions") if self.group else self.t("debrief.shown", n=self.shown)
            moments = "".join(f"\n• {tr(m, self.lang)}" for m in self.app.play.happened())  # this path's moments
            text = f"{tr(self.scenario.debrief_summary, self.lang)}{moments}\n\n{tail}"
            used = ui.text_block(surface, text, pygame.Rect(area.left, y + GAP, area.width, self.height - y - 110), "large")
            self.draw_celebration(surface, area, y + GAP + used + GAP)
        elif self.phase == "competences":
            ui.title(surface, (self.t("debrief.group_competences") if self.group else self.t("debrief.competences")), "bulb", width=self.width)
            y = self.cards_area().top
            pages = self.pages()
            for card in pages[min(self.page, len(pages) - 1)]:
                rect = pygame.Rect(area.left, y, area.width, 0)
                if self.group:
                    y = self.draw_group_row(surface, card, rect) + GAP // 2
                else:
                    y = self.draw_card(surface, card, rect) + GAP
            if len(pages) > 1:
                label = ui.fonts.render(self.t("nav.page", n=self.page + 1, total=len(pages)), ui.size("small"), p.muted)
                surface.blit(label, (MARGIN, self.nav_top() + (self.nav_height() - label.get_height()) // 2))
        else:
            y = ui.title(surface, self.t("debrief.elsewhere"), "home-heart", width=self.width)
            text = tr(self.scenario.debrief_elsewhere, self.lang)
            if self.domain:
                text = self.t("debrief.kept", domain=self.t(f"domain.{self.domain}")) + "\n\n" + text
            elif self.kept_told:
                text = self.t("debrief.kept_told", told=self.told) + "\n\n" + text
            if self.group:
                text += "\n\n" + self.t("debrief.discuss")
            used = ui.text_block(surface, text, pygame.Rect(area.left, y + GAP, area.width, self.height - y - 110), "large")
            if not self.group:  # a group saw it on "what happened"
                self.draw_celebration(surface, area, y + GAP + used + GAP)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)

    def question_text(self) -> tuple[str, str, str]:
        """(title, icon, text) of a phase that asks the player."""
        if self.phase == "describe":
            moments = ("".join(f"• {tr(m, self.lang)}\n" for m in self.app.play.happened())  # this path's moments
                       if getattr(self, "with_happened", True) else "")
            return self.t("debrief.happened"), "flag", moments + self.t("debrief.describe")
        if self.phase == "analyse":
            text = self.t("debrief.why_question", choice=tr(self.moment.choice.text, self.lang))
            if self.reason is not None:
                ref = self.services.referential
                shown = [self.t("debrief.showed", name=tr(ref.competence(e.competence).name, self.lang), why=tr(e.why, self.lang))
                         for e in self.moment.choice.evidence]
                other = another_choice(self.moment)
                if other is not None and other.evidence:
                    shown.append(self.t("debrief.other_choice", choice=quotable(tr(other.text, self.lang)),
                                        name=tr(ref.competence(other.evidence[0].competence).name, self.lang)))
                text = "\n".join([self.t(f"debrief.reason.{self.reason}"), *shown])
            return self.t("debrief.analyse"), "bulb", text
        question = tr(self.scenario.transfer or self.scenario.debrief_elsewhere, self.lang)
        if self.phase == "tell":
            return self.t("debrief.tell_title"), "pencil", f"{question}\n{self.t('debrief.tell_hint')}"
        hint = self.t("debrief.transfer_hint") if self.moment is not None else self.t("debrief.transfer_hint_domains")
        return self.t("debrief.elsewhere"), "home-heart", f"{question}\n{hint}"

    # (question's text size, columns of answers, answers' text size): the first that fits is used
    FITS = (("body", 1, "body"), ("body", 2, "body"), ("body", 2, "small"), ("small", 2, "small"), ("small", 3, "small"))

    def question_layout(self, choices: list[Button]) -> tuple[str, int, str, int] | None:
        """(text size, columns, answers' size, text height) of the first layout that fits; None if none."""
        ui = self.ui
        y = self.title_bottom(self.question_text()[0]) + GAP // 2
        width = self.width - MARGIN * 4
        text = self.question_text()[2]
        if not choices:  # words alone (what the choice showed): as large as they fit whole
            room = self.nav_top() - GAP - y
            size = next((s for s in ("large", "body") if ui.text_height(text, width, s) <= room), "small")
            return size, 1, "body", min(ui.text_height(text, width, size), room)
        for text_size, cols, label_size in self.FITS:
            h = min(ui.text_height(text, width, text_size), self.nav_top() - GAP - y)
            area = pygame.Rect(MARGIN * 2, y + h + GAP, width, self.nav_top() - GAP - (y + h + GAP))
            if layout_cells(ui, choices, area, GAP, max_cols=cols, size=label_size, min_cols=cols):
                return text_size, cols, label_size, h
        return None

    def draw_question(self, surface: pygame.Surface) -> None:
        """The question, then the answers to pick: smaller text or more columns before anything is cut."""
        ui = self.ui
        title, icon, text = self.question_text()
        y = ui.title(surface, title, icon, width=self.width) + GAP // 2
        width = self.width - MARGIN * 4
        choices = [b for b in self.buttons if b.kind == "choice"]
        text_size, cols, label_size, h = self.question_layout(choices) or self.FITS[-1] + (ui.text_height(text, width, "small"),)
        ui.text_block(surface, text, pygame.Rect(MARGIN * 2, y, width, h), text_size)
        area = pygame.Rect(MARGIN * 2, y + h + GAP, width, self.nav_top() - GAP - (y + h + GAP))
        layout_cells(ui, choices, area, GAP, max_cols=cols, size=label_size, min_cols=cols)
        self.nav_bar([b for b in self.buttons if b.kind != "choice"])
        self.draw_buttons(surface)

    def draw_telling(self, surface: pygame.Surface) -> None:
        """The question, the box to write the moment in (the whole text, on several lines), under it what
        is wrong (nothing written)."""
        ui = self.ui
        title, icon, _text = self.question_text()
        ui.title(surface, title, icon, width=self.width)
        text, size, text_rect, field, below = self.tell_layout()
        if self.field:  # the text grew (or a message shows under it): the box grows, or moves up
            self.field.move(field)
        ui.text_block(surface, text, text_rect, size)
        self.app.gui().draw_ui(surface)
        if self.takes_text:   # the same ring as a focused button
            ui.focus_ring(surface, self.field.rect)
        under = self.under_field()
        if under:
            ui.text_block(surface, under, below, "small", ui.palette.focus if self.message else ui.palette.muted)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)

    def card_text(self, e) -> tuple[str, str, str]:
        """A competence card's name, level line and body (why, the descriptor, what waits)."""
        ref = self.services.referential
        c = ref.competence(e.competence)
        level_name = tr(ref.level_name(e.level).name, self.lang)
        if e.source == DECLARED:  # the why already quotes the sentence the player chose
            body = f"{tr(e.why, self.lang)} ({self.t('debrief.told')})"
        else:
            quote = ("« {} »" if self.lang == "fr" else "“{}”").format(tr(c.level(e.level).descriptor, self.lang))
            body = f"{tr(e.why, self.lang)}\n{quote}"
        if e.level > PLAYED_CAP:
            body += "\n" + self.t("debrief.validate_note", level=e.level)
        return tr(c.name, self.lang), self.t("level.short", n=e.level, name=level_name), body

    CARD_TEXT_LEFT = 96   # after the competence's pictogram

    def card_height(self, e, width: int) -> int:
        ui = self.ui
        name, level, body = self.card_text(e)
        text_w = width - self.CARD_TEXT_LEFT - 20
        return (12 + ui.text_height(name, text_w, "body", bold=True) + max(ui.fonts.line_height(ui.size("small")), 24)
                + ui.text_height(body, text_w, "small") + 16)

    def draw_card(self, surface: pygame.Surface, e, rect: pygame.Rect) -> int:
        """Name, then the level (filled shapes and words), then why: one above the other, nothing side by side."""
        ui, p = self.ui, self.ui.palette
        ref = self.services.referential
        c = ref.competence(e.competence)
        name, level, body = self.card_text(e)
        rect.height = self.card_height(e, rect.width)
        pygame.draw.rect(surface, p.panel, rect, border_radius=14)
        pygame.draw.rect(surface, p.border, rect, width=3, border_radius=14)
        icon = ui.icons.get(c.icon, 56, p.accent)
        if icon:
            surface.blit(icon, (rect.left + 22, rect.top + 14))
        x, text_w = rect.left + self.CARD_TEXT_LEFT, rect.width - self.CARD_TEXT_LEFT - 20
        y = rect.top + 12
        y += ui.text_block(surface, name, pygame.Rect(x, y, text_w, rect.height), "body", bold=True)
        row = max(ui.fonts.line_height(ui.size("small")), 24)
        marks_w = (18 + 8) * ref.max_level
        ui.level_mark(surface, (x + marks_w // 2, y + row // 2), e.level, ref.max_level, ref.domain(c.domain).shape, 18)
        ui.text_block(surface, level, pygame.Rect(x + marks_w + 12, y, text_w - marks_w - 12, row), "small", bold=True)
        y += row
        ui.text_block(surface, body, pygame.Rect(x, y, text_w, rect.bottom - y), "small")
        return rect.bottom

    def group_row_height(self, cid: str) -> int:
        name = tr(self.services.referential.competence(cid).name, self.lang)
        return max(76, self.ui.text_height(name, 330, "small", bold=True) + 14)

    def draw_group_row(self, surface: pygame.Surface, cid: str, rect: pygame.Rect) -> int:
        """One competence the group used: its name and how many showed it (the shared screen never says
        who reached which level: that is each participant's, seen in private at the end)."""
        ui, p = self.ui, self.ui.palette
        c = self.services.referential.competence(cid)
        rect.height = self.group_row_height(cid)
        pygame.draw.rect(surface, p.panel, rect, border_radius=12)
        pygame.draw.rect(surface, p.border, rect, width=2, border_radius=12)
        icon = ui.icons.get(c.icon, 44, p.accent)
        if icon:
            surface.blit(icon, (rect.left + 14, rect.centery - 22))
        ui.text_block(surface, tr(c.name, self.lang), pygame.Rect(rect.left + 70, rect.top + 6, 330, rect.height - 8), "small", bold=True)
        play = self.app.play
        count = sum(1 for player in play.present if any(e.competence == cid for e in play.evidence_of(player)))
        ui.text_block(surface, self.t("debrief.group_count", n=count), pygame.Rect(rect.left + 410, rect.top + 6, rect.width - 420, rect.height - 8),
                      "small", p.text)
        return rect.bottom
