"""Build each badge with the player: choose it, tell it, picture it, name who vouches for it,
and see how to use it on a CV. Nothing is requested without the player's yes."""
from __future__ import annotations

import pygame

from game.services.cobuild import ENDORSER_ROLES, clean_endorser, clean_narrative, endorser_problem, sentences
from game.core.model import BadgeDraft
from game.i18n.typeset import tr
from game.ui.badge_image import png_bytes, render_badge
from game.ui.textentry import TextField, feed
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button, layout_column, layout_fit, pages_that_fit
from scenes.base import TypingScene
from scenes.counsellor.counsellor import ask_pin


class CobuildScene(TypingScene):
    name = "cobuild"

    def enter(self) -> None:
        play = self.app.play
        self.player = play.players[self.params.get("player", 0)]
        self.session = play.session
        self.options = self.services.badge_candidates(self.player, self.session)
        saved = self.services.drafts(self.player, self.session)
        self.drafts = {c.status.competence: saved.get(c.status.competence) or BadgeDraft(self.player.id, self.session.id, c.status.competence)
                       for c in self.options}
        self.titles = {s.id: s.title for s in self.services.library.scenarios}
        self.field = None
        self.endorsers: list[dict] = next((d.endorsers for d in self.drafts.values() if d.endorsers), [])
        self.role = 0
        self.show_choose()

    def exit(self) -> None:
        self.drop_fields()

    # ------------------------------------------------------------ phases

    def show_choose(self, page: int | None = None) -> None:
        self.phase, self.index = "choose", 0
        self.page = getattr(self, "page", 0) if page is None else page
        self.drop_fields()
        toggles = []
        for c in self.options:
            comp = self.services.referential.competence(c.status.competence)
            label = self.t("cobuild.option", name=tr(comp.name, self.lang), level=c.status.level)
            if c.suggested:
                label += " · " + self.t("cobuild.suggested")
            toggles.append(Button(label, lambda cid=comp.id: self.toggle(cid), icon=comp.icon, kind="toggle",
                                  selected=self.drafts[comp.id].chosen))
        self.starts = pages_that_fit(self.ui, toggles, self.choose_area(), gap=6)
        pages = len(self.starts)
        self.page = min(self.page, pages - 1)
        first, last = self.page_range()
        toggles = self.numbered(toggles[first:last])
        self.toggles = toggles
        chosen = any(d.chosen for d in self.drafts.values())
        self.nav = [Button(self.t("cobuild.none"), self.finish, icon="x", kind="nav")]
        if pages > 1:
            self.nav.append(Button(self.t("nav.page_more", n=self.page + 1, total=pages),
                                   lambda: self.show_choose((self.page + 1) % pages), icon="arrow-right", kind="nav"))
        self.nav.append(Button(self.t("cobuild.confirm"), self.confirm_choice, icon="check", kind="nav-primary", enabled=chosen))
        self.set_buttons(toggles + self.nav, self.focus)

    def choose_area(self) -> pygame.Rect:
        ui = self.ui
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16
        top += ui.text_height(self.t("cobuild.choose_help"), self.width - MARGIN * 4, "body") + 6
        return pygame.Rect(MARGIN // 2, top, self.width - MARGIN, self.height - top - MIN_TARGET - 46)

    def page_range(self) -> tuple[int, int]:
        first = self.starts[self.page]
        last = self.starts[self.page + 1] if self.page + 1 < len(self.starts) else len(self.options)
        return first, last

    def toggle(self, cid: str) -> None:
        self.drafts[cid].chosen = not self.drafts[cid].chosen
        self.show_choose()

    @property
    def chosen(self) -> list[str]:
        return [c.status.competence for c in self.options if self.drafts[c.status.competence].chosen]

    def confirm_choice(self) -> None:
        for draft in self.drafts.values():
            self.services.save_draft(draft)  # the player's yes (or no), committed
        self.show_tell(0)

    def status_of(self, cid: str):
        return next(c.status for c in self.options if c.status.competence == cid)

    def show_tell(self, index: int) -> None:
        self.phase, self.index = "tell", index
        cid = self.chosen[index]
        self.sentences = sentences(self.status_of(cid), self.services.referential, self.titles, self.lang)
        self.picked = [s for s in self.sentences if s in self.drafts[cid].narrative] or self.sentences[:1]
        self.drop_fields()
        field_h = self.ui.fonts.line_height(self.ui.size("large")) + 20
        self.field = TextField(self.app, pygame.Rect(MARGIN, self.height - MIN_TARGET - 30 - field_h, self.width - MARGIN * 2, field_h), 400,
                               text=self.drafts[cid].narrative or " ".join(self.picked))
        self.typed = False
        self.build_tell()

    def tell_area(self) -> pygame.Rect:
        """Between the help line and the label of the text field."""
        ui = self.ui
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16
        top += ui.text_height(self.t("cobuild.tell_help"), self.width - MARGIN * 4, "body") + 6
        bottom = self.field.rect.top - ui.fonts.line_height(ui.size("small")) - 10
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, bottom - top)

    def build_tell(self) -> None:
        area, used, shown = self.tell_area(), 0, []
        for s in self.sentences:  # as many sentences as fit, in order (the descriptor first)
            h = self.ui.button_height(Button(s, None, kind="toggle", key_hint=1), area.width) + 6
            if used + h > area.height and shown:
                break
            used += h
            shown.append(s)
        toggles = self.numbered([Button(s, lambda s=s: self.pick(s), kind="toggle", selected=s in self.picked) for s in shown])
        self.toggles = toggles
        self.nav = [Button(self.t("nav.next_badge"), self.save_tell, icon="arrow-right", kind="nav-primary")]
        self.set_buttons(toggles + self.nav, self.focus)

    def pick(self, sentence: str) -> None:
        if sentence in self.picked:
            self.picked.remove(sentence)
        else:
            self.picked.append(sentence)
        self.picked.sort(key=self.sentences.index)
        if not self.typed:
            self.field.text = " ".join(self.picked)
        self.build_tell()

    def save_tell(self) -> None:
        cid = self.chosen[self.index]
        draft = self.drafts[cid]
        draft.narrative = clean_narrative(self.field.text) or clean_narrative(" ".join(self.picked))
        ui = self.app.ui
        draft.image_png = png_bytes(render_badge(self.services.referential, cid, self.status_of(cid).level, self.lang, ui.fonts, ui.icons))
        self.services.save_draft(draft)
        self.show_picture()

    def show_picture(self) -> None:
        self.phase = "picture"
        self.drop_fields()
        cid = self.chosen[self.index]
        ui = self.app.ui
        self.picture = render_badge(self.services.referential, cid, self.status_of(cid).level, self.lang, ui.fonts, ui.icons)
        self.nav = [Button(self.t("step.continue"), self.after_picture, icon="arrow-right", kind="nav-primary")]
        self.toggles = []
        self.set_buttons(self.nav)

    def after_picture(self) -> None:
        if self.index + 1 < len(self.chosen):
            self.show_tell(self.index + 1)
        else:
            self.show_endorse()

    def show_endorse(self) -> None:
        self.phase = "endorse"
        self.drop_fields()
        ui = self.ui
        label_h = ui.fonts.line_height(ui.size("small"))
        field_h = ui.fonts.line_height(ui.size("large")) + 14
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16 + ui.text_height(self.t("cobuild.endorse_help"), self.width - MARGIN * 4, "small") + 8
        width = min(760, self.width - MARGIN * 2)
        self.build_endorse()
        half = (width - GAP) // 2
        row_h = max(MIN_TARGET, ui.button_height(self.role_button, half), ui.button_height(self.add_button, half))
        # large text: no room for the two buttons under the fields, they stand beside them
        self.endorse_beside = top + 2 * label_h + 2 * field_h + 20 + row_h > self.nav_top() - GAP // 2
        if self.endorse_beside:
            width = (self.width - MARGIN * 2 - GAP) // 2
        self.name_field = TextField(self.app, pygame.Rect(MARGIN, top + label_h, width, field_h), 60)
        self.email_field = TextField(self.app, pygame.Rect(MARGIN, top + 2 * label_h + field_h + 8, width, field_h), 120)
        self.name_field.focus()
        self.endorse_problem = ""
        self.build_endorse()

    def build_endorse(self) -> None:
        self.role_button = Button(self.t("cobuild.role", role=self.t(f"cobuild.role_{ENDORSER_ROLES[self.role]}")), self.next_role,
                                  icon="switch-horizontal", kind="nav")
        self.add_button = Button(self.t("cobuild.add_endorser"), self.add_endorser, icon="user-plus", kind="nav")
        self.primary = Button(self.primary_label(), self.save_endorse, icon="arrow-right", kind="nav-primary")
        self.nav = [self.primary]
        self.toggles = []
        self.set_buttons([self.role_button, self.add_button] + self.nav, self.focus)

    def primary_label(self) -> str:
        """"Nobody for now" only when nobody is named nor being typed."""
        if getattr(self, "name_field", None) and self.typed_person():
            return self.t("cobuild.add_and_next")
        return self.t("cobuild.endorse_done") if self.endorsers else self.t("cobuild.skip")

    def next_role(self) -> None:
        self.role = (self.role + 1) % len(ENDORSER_ROLES)
        self.build_endorse()

    def typed_person(self) -> bool:
        return bool(self.name_field.text.strip() or self.email_field.text.strip())

    def add_endorser(self) -> bool:
        """Keep the person typed in; False (and why, on screen) when it cannot be kept as typed."""
        problem = endorser_problem(self.name_field.text, self.email_field.text)
        self.endorse_problem = problem and self.t(f"cobuild.endorser_problem_{problem}")
        person = None if problem else clean_endorser(self.name_field.text, ENDORSER_ROLES[self.role], self.email_field.text)
        if person and len(self.endorsers) < 5:
            self.endorsers.append(person)
            self.name_field.text = self.email_field.text = ""
        self.name_field.focus()
        self.build_endorse()
        return not problem

    def save_endorse(self) -> None:
        """Moving on keeps what is typed (a person not yet added is added), never drops it."""
        if self.typed_person() and not self.add_endorser():
            return
        for cid in self.chosen:
            self.drafts[cid].endorsers = list(self.endorsers)
            self.services.save_draft(self.drafts[cid])
        self.show_use()

    def show_use(self) -> None:
        self.phase = "use"
        self.drop_fields()
        self.nav = [Button(self.t("cobuild.done"), self.finish, icon="check", kind="nav-primary")]
        self.toggles = []
        self.set_buttons(self.nav)

    def finish(self) -> None:
        for draft in self.drafts.values():
            self.services.save_draft(draft)
        flow = self.params.get("flow", "solo")
        play = self.app.play
        if flow == "end":
            nxt = [p.id for p in play.players].index(self.player.id) + 1
            if nxt < len(play.players):
                self.app.show("handover", player=nxt)  # the next participant's private moment
            else:
                ask_pin(self.app, "export", "hub", then="session_end")  # the end of the session is the counsellor's
        else:
            self.app.show("export")

    def drop_fields(self) -> None:
        for name in ("field", "name_field", "email_field"):
            f = getattr(self, name, None)
            if f:
                f.kill()
            setattr(self, name, None)

    @property
    def fields(self) -> list:
        return [f for f in (self.field, getattr(self, "name_field", None), getattr(self, "email_field", None)) if f]

    @property
    def takes_text(self) -> bool:
        return any(f.focused for f in self.fields)

    # ------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.on_button(event):
            super().handle_event(event)
            return
        if self.fields:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.takes_text:
                self.add_endorser() if self.phase == "endorse" else self.save_tell()
                return
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.takes_text:
                for f in self.fields:
                    f.unfocus()
                self.dirty = True
                return
            if (self.takes_text or event.type == pygame.MOUSEBUTTONDOWN) and feed(self.app, event):
                self.typed = self.typed if self.phase != "tell" else (self.typed or event.type == pygame.TEXTINPUT)
                self.dirty = True
                return
        super().handle_event(event)

    def typing(self) -> bool:
        return bool(self.fields)

    def step_key(self) -> str:
        return f"cobuild-{self.player.id[:6]}-{self.phase}-{self.index}-{len(self.endorsers)}-{getattr(self, 'page', 0)}"

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        getattr(self, f"draw_{self.phase}")(surface)
        if self.fields:
            self.app.gui().draw_ui(surface)
        if self.phase == "endorse":
            extra = (getattr(self, "role_button", None), getattr(self, "add_button", None))
            self.nav_bar([b for b in self.buttons if b.kind.startswith("nav") and b not in extra])
        else:
            self.nav_bar(self.nav)
        self.draw_buttons(surface)

    def help_line(self, surface, text: str, y: int, size: str = "body") -> int:
        """A short instruction under the title, as tall as it needs; returns the y below it."""
        width = self.width - MARGIN * 4
        h = self.ui.text_height(text, width, size)
        self.ui.text_block(surface, text, pygame.Rect(MARGIN * 2, y, width, h), size)
        return y + h

    def draw_choose(self, surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("cobuild.choose_title", name=self.player.display_name), "award", y=16)
        self.help_line(surface, self.t("cobuild.choose_help"), y)
        if not self.options:
            ui.text_block(surface, self.t("export.nothing"), pygame.Rect(MARGIN * 2, y + GAP, self.width - MARGIN * 4, 90), "body")
        layout_fit(ui, self.toggles, self.choose_area(), gap=6)

    def draw_tell(self, surface) -> None:
        ui = self.ui
        comp = self.services.referential.competence(self.chosen[self.index])
        y = ui.title(surface, tr(comp.name, self.lang), comp.icon, y=16)
        self.help_line(surface, self.t("cobuild.tell_help"), y)
        layout_column(ui, self.toggles, self.tell_area(), gap=6)
        label_h = ui.fonts.line_height(ui.size("small"))
        ui.text_block(surface, self.t("cobuild.tell_edit"), pygame.Rect(MARGIN, self.field.rect.top - label_h - 4, self.width - MARGIN * 2, label_h), "small")

    def draw_picture(self, surface) -> None:
        ui, p = self.ui, self.ui.palette
        cid = self.chosen[self.index]
        comp = self.services.referential.competence(cid)
        issuer = self.services.issuer_settings().structure_name or self.session.structure_name or self.t("cobuild.your_structure")
        facts = [
            ("target-arrow", self.t("cobuild.fact_for", name=tr(comp.name, self.lang))),
            ("file-text", self.t("cobuild.fact_contains")),
            ("building", self.t("cobuild.fact_who", issuer=issuer)),
            ("shield-check", self.t("cobuild.fact_worth")),
            ("file-cv", self.t("cobuild.fact_cv")),
        ]
        bottom = self.height - MIN_TARGET - 40
        side = min(bottom - 20, self.width * 45 // 100)
        while side > 160:  # the picture gives way until the five answers fit beside it
            text_w = self.width - MARGIN // 2 - side - GAP - 44 - MARGIN // 2
            needed = sum(ui.text_height(text, text_w, "small") + 10 for _, text in facts)
            if needed <= bottom - 20:
                break
            side -= 20
        surface.blit(pygame.transform.smoothscale(self.picture, (side, side)), (MARGIN // 2, 20))
        x = MARGIN // 2 + side + GAP
        y = 20
        for icon_name, text in facts:
            icon = ui.icons.get(icon_name, 34, p.accent)
            if icon:
                surface.blit(icon, (x, y + 2))
            h = ui.text_height(text, self.width - x - 44 - MARGIN // 2, "small")
            ui.text_block(surface, text, pygame.Rect(x + 44, y, self.width - x - 44 - MARGIN // 2, h), "small")
            y += h + 10

    def draw_endorse(self, surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("cobuild.endorse_title"), "users", y=16)
        self.help_line(surface, self.t("cobuild.endorse_help"), y, "small")
        label_h = ui.fonts.line_height(ui.size("small"))
        for field, key in ((self.name_field, "cobuild.endorser_name"), (self.email_field, "cobuild.endorser_email")):
            ui.text_block(surface, self.t(key), pygame.Rect(field.rect.left, field.rect.top - label_h - 2, field.rect.width, label_h), "small", bold=True)
        width = self.name_field.rect.width
        half = (width - GAP) // 2
        y = self.email_field.rect.bottom + 12
        self.primary.label = self.primary_label()
        if self.endorse_beside:
            x, w = MARGIN + width + GAP, self.width - MARGIN * 2 - width - GAP
            top = self.name_field.rect.top - label_h
            h = (self.email_field.rect.bottom - top - 10) // 2
            self.role_button.rect = pygame.Rect(x, top, w, max(h, ui.button_height(self.role_button, w)))
            self.add_button.rect = pygame.Rect(x, self.role_button.rect.bottom + 10, w, max(h, ui.button_height(self.add_button, w)))
            y = max(y, self.add_button.rect.bottom + 10)
        else:
            h = max(MIN_TARGET, ui.button_height(self.role_button, half), ui.button_height(self.add_button, half))
            self.role_button.rect = pygame.Rect(MARGIN, y, half, h)
            self.add_button.rect = pygame.Rect(MARGIN + half + GAP, y, half, h)
            y += h + 10
        if self.endorse_problem:
            h = ui.text_height(self.endorse_problem, self.width - MARGIN * 2, "small")
            y += ui.text_block(surface, self.endorse_problem, pygame.Rect(MARGIN, y, self.width - MARGIN * 2, h), "small",
                               bold=True) + 6
        x = MARGIN
        limit = self.height - MIN_TARGET - 40
        for person in reversed(self.endorsers):  # the newest first; the list stops above the bottom bar
            role = self.t(f"cobuild.role_{person['role']}")
            line = f"{person['name']} · {role}" + (f" · {person['email']}" if person["email"] else "")
            h = ui.text_height(line, self.width - MARGIN * 2, "small")
            if y + h > limit:
                break
            ui.text_block(surface, line, pygame.Rect(x, y, self.width - MARGIN * 2, h), "small")
            y += h

    def draw_use(self, surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("cobuild.use_title"), "file-cv", y=16)
        lines = []
        for cid in self.chosen:
            comp = self.services.referential.competence(cid)
            lines.append(f"• {tr(comp.name, self.lang)} : {self.cv_line(cid, self.status_of(cid).level)}" if self.lang == "fr"
                         else f"• {tr(comp.name, self.lang)}: {self.cv_line(cid, self.status_of(cid).level)}")
        if not lines:
            lines.append(self.t("cobuild.nothing_chosen"))
        text = self.t("cobuild.use_help") + "\n" + "\n".join(lines[:5])
        if self.chosen and self.services.cv_lines():
            first = self.chosen[0]
            example = next((tr(self.titles[e.scenario_id], self.lang) for e in self.status_of(first).supporting()
                            if e.scenario_id in self.titles), "")
            sentence = tr(self.services.cv_lines().interview(first, self.lang, self.t("cobuild.example", title=example)), self.lang)
            text += "\n\n" + self.t("cobuild.interview") + "\n« " + sentence + " »" if self.lang == "fr" else \
                "\n\n" + self.t("cobuild.interview") + "\n“" + sentence + "”"
        box = pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, self.height - y - MIN_TARGET - 40)
        size = "body" if ui.text_height(text, box.width, "body") <= box.height else "small"
        while ui.text_height(text, box.width, size) > box.height and "\n" in text:
            text = text.rsplit("\n", 1)[0]  # fewer lines rather than cut ones
        ui.text_block(surface, text, box, size)

    def cv_line(self, cid: str, level: int) -> str:
        lines = self.services.cv_lines()
        if lines:
            return tr(lines.line(cid, level, self.lang), self.lang)
        return tr(self.services.referential.competence(cid).level(level).descriptor, self.lang)

