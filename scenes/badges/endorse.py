"""Co-build, fourth phase: who can vouch for the badges (a tutor, a trainer, an employer...).
What is typed is kept or explicitly corrected or cleared: never lost (issue 21)."""
from __future__ import annotations

import pygame

from game.services.cobuild import ENDORSER_ROLES
from game.ui.textentry import TextField
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button
from scenes.badges.phase import PhaseScene


class EndorseScene(PhaseScene):
    name = "cobuild_endorse"
    phase = "endorse"

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.name_field = self.email_field = None
        self.problem = ""

    # ------------------------------------------------------------ the fields

    @property
    def fields(self) -> list:
        return [f for f in (self.name_field, self.email_field) if f]

    def layout(self) -> None:
        """Where the two fields go; with large text the two buttons stand beside them, not under."""
        ui = self.ui
        label_h = ui.fonts.line_height(ui.size("small"))
        field_h = ui.fonts.line_height(ui.size("large")) + 14
        top = self.content_top() + ui.text_height(self.t("cobuild.endorse_help"), self.width - MARGIN * 4, "small") + 8
        width = min(760, self.width - MARGIN * 2)
        self.make_buttons()
        half = (width - GAP) // 2
        row_h = max(MIN_TARGET, ui.button_height(self.role_button, half), ui.button_height(self.add_button, half))
        self.beside = top + 2 * label_h + 2 * field_h + 20 + row_h > self.nav_top() - GAP // 2
        if self.beside:
            width = (self.width - MARGIN * 2 - GAP) // 2
        self.name_rect = pygame.Rect(MARGIN, top + label_h, width, field_h)
        self.email_rect = pygame.Rect(MARGIN, top + 2 * label_h + field_h + 8, width, field_h)

    def make_fields(self) -> None:
        self.layout()
        name, email = self.cobuild.typed_person   # what was typed before going back (or the menu) is still there
        self.name_field = TextField(self.app, self.name_rect, 60, text=name)
        self.email_field = TextField(self.app, self.email_rect, 120, text=email)
        self.restore_focus(default=0)

    def keep(self) -> None:
        if self.name_field:
            self.cobuild.typed_person = (self.name_field.text, self.email_field.text)

    def drop_fields(self) -> None:
        self.name_field = self.email_field = None

    def field_slot(self) -> int:
        return 0   # (the fields are above every button)

    def typed(self) -> None:
        self.keep()
        self.primary.label = self.primary_label()

    def on_enter_key(self) -> None:
        self.add_endorser()

    # ------------------------------------------------------------ the buttons

    def make_buttons(self) -> None:
        role = self.t(f"cobuild.role_{ENDORSER_ROLES[self.cobuild.role]}")
        self.role_button = Button(self.t("cobuild.role", role=role), self.next_role, icon="switch-horizontal", kind="nav")
        self.add_button = Button(self.t("cobuild.add_endorser"), self.add_endorser, icon="user-plus", kind="nav")

    def build(self) -> None:
        self.make_buttons()
        self.primary = Button(self.primary_label(), self.save, icon="arrow-right", kind="nav-primary")
        self.nav = [self.back_button(), self.primary]
        self.set_buttons([self.role_button, self.add_button] + self.nav, self.focus)

    def primary_label(self) -> str:
        """"Nobody for now" only when nobody is named nor being typed."""
        if self.typed_someone():
            return self.t("cobuild.add_and_next")
        return self.t("cobuild.endorse_done") if self.cobuild.endorsers else self.t("cobuild.skip")

    def typed_someone(self) -> bool:
        name, email = (self.name_field.text, self.email_field.text) if self.name_field else self.cobuild.typed_person
        return bool(name.strip() or email.strip())

    def next_role(self) -> None:
        self.cobuild.next_role()
        self.build()

    def add_endorser(self) -> bool:
        """Keep the person typed in; False (and why, on screen) when it cannot be kept as typed."""
        problem = self.cobuild.add_endorser(self.name_field.text, self.email_field.text)
        self.problem = self.t(f"cobuild.endorser_problem_{problem}") if problem else ""
        if not problem:
            self.name_field.text = self.email_field.text = ""
        self.name_field.focus()
        self.build()
        return not problem

    def save(self) -> None:
        """Moving on keeps what is typed (a person not yet added is added), never drops it."""
        if self.typed_someone() and not self.add_endorser():
            return
        self.cobuild.save_endorsers()
        self.go("cobuild_use", index=self.index)

    def speech_text(self) -> str:
        """The screen, then what is typed in the fields (drawn by pygame_gui, not by the game's text)."""
        typed = [f.text for f in self.fields if f.text.strip()]
        return "\n".join([self.app.screen_text] + typed)

    # ------------------------------------------------------------ drawing

    def heading(self) -> tuple[str, str]:
        return self.t("cobuild.endorse_title"), "users"

    def draw_phase(self, surface) -> None:
        ui = self.ui
        y = self.draw_heading(surface)
        self.help_line(surface, self.t("cobuild.endorse_help"), y, "small")
        label_h = ui.fonts.line_height(ui.size("small"))
        for rect, key in ((self.name_rect, "cobuild.endorser_name"), (self.email_rect, "cobuild.endorser_email")):
            ui.text_block(surface, self.t(key), pygame.Rect(rect.left, rect.top - label_h - 2, rect.width, label_h), "small", bold=True)
        width = self.name_rect.width
        half = (width - GAP) // 2
        y = self.email_rect.bottom + 12
        self.primary.label = self.primary_label()
        if self.beside:
            x, w = MARGIN + width + GAP, self.width - MARGIN * 2 - width - GAP
            top = self.name_rect.top - label_h
            h = (self.email_rect.bottom - top - 10) // 2
            self.role_button.rect = pygame.Rect(x, top, w, max(h, ui.button_height(self.role_button, w)))
            self.add_button.rect = pygame.Rect(x, self.role_button.rect.bottom + 10, w, max(h, ui.button_height(self.add_button, w)))
            y = max(y, self.add_button.rect.bottom + 10)
        else:
            h = max(MIN_TARGET, ui.button_height(self.role_button, half), ui.button_height(self.add_button, half))
            self.role_button.rect = pygame.Rect(MARGIN, y, half, h)
            self.add_button.rect = pygame.Rect(MARGIN + half + GAP, y, half, h)
            y += h + 10
        if self.problem:
            h = ui.text_height(self.problem, self.width - MARGIN * 2, "small")
            y += ui.text_block(surface, self.problem, pygame.Rect(MARGIN, y, self.width - MARGIN * 2, h), "small", bold=True) + 6
        limit = self.height - MIN_TARGET - 40
        for person in reversed(self.cobuild.endorsers):  # the newest first; the list stops above the bottom bar
            role = self.t(f"cobuild.role_{person['role']}")
            line = f"{person['name']} · {role}" + (f" · {person['email']}" if person["email"] else "")
            h = ui.text_height(line, self.width - MARGIN * 2, "small")
            if y + h > limit:
                break
            ui.text_block(surface, line, pygame.Rect(MARGIN, y, self.width - MARGIN * 2, h), "small")
            y += h
