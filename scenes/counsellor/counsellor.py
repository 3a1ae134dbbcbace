"""The counsellor's space, behind a PIN: group sessions, validation, players, issuer."""
from __future__ import annotations

import pygame

from game.core.model import clean_name
from game.services.counsellor import PIN_DIGITS, valid_pin
from game.ui.textentry import TextField, feed
from game.ui.theme import GAP, MARGIN, MIN_TARGET
from game.ui.widgets import Button, layout_column
from scenes.base import ButtonScene, TypingScene
from export.issuer import KINDS
from game.services.settings import GLOBAL

DIGIT_KEYS = {getattr(pygame, f"K_{i}"): str(i) for i in range(10)}
DIGIT_KEYS.update({getattr(pygame, f"K_KP{i}"): str(i) for i in range(10)})


def ask_pin(app, target: str, back: str = "title", **params) -> None:
    """Into the counsellor's space, every time through the PIN: `target` (with `params`) once it is right,
    `back` if the counsellor goes back."""
    lock(app)
    app.show("pin", then=target, then_params=params, back=back)


def lock(app) -> None:
    """Out of the counsellor's space: the next way in asks for the PIN again."""
    app.counsellor_unlocked = False


def unlocked(scene, target: str, back: str = "title", **params) -> bool:
    """A counsellor screen opened without the PIN sends to the PIN first (False: not shown)."""
    if getattr(scene.app, "counsellor_unlocked", False):
        return True
    ask_pin(scene.app, target, back, **params)
    return False


class PinScene(ButtonScene):
    """Enter the PIN (or choose it, the first time, typed twice). Wrong tries slow down."""

    name = "pin"

    def enter(self) -> None:
        self.guard = self.services.pin_guard()
        self.mode = "check" if self.guard.is_set else "create"
        self.digits = ""
        self.first = ""
        self.message = ""
        keys = [Button(str(n), lambda n=n: self.type(str(n))) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9)]
        keys += [Button(self.t("pin.erase"), self.erase, icon="backspace", kind="nav"),
                 Button("0", lambda: self.type("0")),
                 Button(self.t("pin.ok"), self.submit, icon="check", kind="nav-primary")]
        self.keys = keys
        self.back_action = lambda: self.app.show(self.params.get("back", "title"))
        self.set_buttons(keys + [Button(self.t("nav.back"), self.back_action, icon="arrow-back-up", kind="nav")], focus=len(keys) - 1)

    def type(self, digit: str) -> None:
        if len(self.digits) < PIN_DIGITS[1]:
            self.digits += digit
            self.message = ""

    def erase(self) -> None:
        self.digits = self.digits[:-1]

    def submit(self) -> None:
        if self.mode == "create":
            if not valid_pin(self.digits):
                self.message = self.t("pin.rule", low=PIN_DIGITS[0], high=PIN_DIGITS[1])
            else:
                self.first, self.mode, self.message = self.digits, "confirm", ""
        elif self.mode == "confirm":
            if self.digits == self.first:
                self.guard.set_pin(self.digits)
                self.unlock()
                return
            self.mode, self.first, self.message = "create", "", self.t("pin.mismatch")
        else:
            ok, wait = self.guard.check(self.digits)
            if ok and self.guard.needs_upgrade:  # a PIN from before the 8-digit rule: choose a stronger one now
                self.mode, self.first, self.digits = "create", "", ""
                self.message = self.t("pin.upgrade", low=PIN_DIGITS[0])
                self.dirty = True
                return
            if ok:
                self.unlock()
                return
            self.message = self.t("pin.wrong") if wait == 0 else self.t("pin.wait", n=int(wait + 0.999))
        self.digits = ""
        self.dirty = True

    def unlock(self) -> None:
        self.app.counsellor_unlocked = True
        self.services.counsellor_key = self.guard.key
        self.app.show(self.params.get("then", "counsellor"), **self.params.get("then_params", {}))

    def handle_key(self, event: pygame.event.Event) -> None:
        if event.key in DIGIT_KEYS:
            self.type(DIGIT_KEYS[event.key])
            self.dirty = True
        elif event.key in (pygame.K_BACKSPACE, pygame.K_DELETE):
            self.erase()
            self.dirty = True
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
        else:
            super().handle_key(event)

    def update(self, dt: float) -> None:
        if self.mode == "check" and self.guard.wait_seconds() > 0:
            wait = int(self.guard.wait_seconds() + 0.999)
            text = self.t("pin.wait", n=wait)
            if text != self.message:
                self.message, self.dirty = text, True

    def step_key(self) -> str:
        return f"pin-{self.mode}"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        title = {"create": "pin.create", "confirm": "pin.confirm", "check": "pin.title"}[self.mode]
        y = ui.title(surface, self.t(title), "lock")
        y = draw_pin_dots(surface, len(self.digits), max(PIN_DIGITS[0], len(self.digits)), self.width // 2, y,
                          ui.size("title"), p.text) + 4
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN, y, self.width - MARGIN * 2, 80), "body", p.focus, align="center")
        pad_w = min(620, self.width - MARGIN * 4)  # wide enough for "Effacer" beside its pictogram
        pad = pygame.Rect(self.width // 2 - pad_w // 2, y + 56, pad_w, self.height - y - 56 - MIN_TARGET - 30)
        w, h = (pad.width - 2 * 12) // 3, min(74, (pad.height - 3 * 10) // 4)
        for i, b in enumerate(self.keys):
            b.rect = pygame.Rect(pad.left + (i % 3) * (w + 12), pad.top + (i // 3) * (h + 10), w, h)
        self.nav_bar(self.buttons[-1:])
        self.draw_buttons(surface)


def draw_pin_dots(surface: pygame.Surface, typed: int, shown: int, centre_x: int, top: int, size: int, colour) -> int:
    """One circle per digit, filled once typed, ringed before: drawn as shapes (no font has to carry a
    glyph for them) and told apart by fill, not colour. Returns the y below the row."""
    radius = max(6, size // 3)
    step = radius * 3
    left = centre_x - (step * (shown - 1)) // 2
    cy = top + radius + 4
    for i in range(shown):
        centre = (left + i * step, cy)
        if i < typed:
            pygame.draw.circle(surface, colour, centre, radius)
        else:
            pygame.draw.circle(surface, colour, centre, radius, width=max(2, radius // 4))
    return cy + radius + 4


class CounsellorScene(ButtonScene):
    """The counsellor's menu."""

    name = "counsellor"

    def enter(self) -> None:
        if not unlocked(self, "counsellor"):
            return
        self.back_action = self.leave
        self.message = ""
        self.job = None
        self.set_buttons(self.numbered([
            Button(self.t("counsellor.new_session"), lambda: self.app.show("setup"), icon="users-group"),
            Button(self.t("counsellor.players"), lambda: self.app.show("player_admin"), icon="user-check"),
            Button(self.t("counsellor.room"), self.room_settings, icon="settings"),
            Button(self.t("counsellor.issuer"), lambda: self.app.show("issuer"), icon="award"),
            Button(self.t("counsellor.send_pending"), self.send_pending, icon="refresh"),
            Button(self.t("counsellor.leave"), self.leave, icon="lock"),
        ]))

    def room_settings(self) -> None:
        """The room's defaults (language, text size, contrast, read-aloud…), chosen once: every group
        session starts with them, and what participants change during one is not kept for the next."""
        self.app.use_settings(GLOBAL)
        self.app.push("settings")

    def leave(self) -> None:
        lock(self.app)
        self.app.show("title")

    def send_pending(self) -> None:
        settings = self.services.issuer_settings()
        waiting = [i for i in self.services.outbox_items() if i.status == "pending"]
        if not waiting:
            self.message = self.t("counsellor.nothing_pending")
        elif settings.problem():
            self.message = self.t("counsellor.no_issuer", n=len(waiting))
        else:
            self.message = self.t("export.sending")
            self.job = self.services.deliver(settings.config(), force=True)

    def update(self, dt: float) -> None:
        if self.job and self.job.done:
            items = self.services.outbox_items()
            self.message = self.t("counsellor.sent_report", sent=sum(i.status == "sent" for i in items),
                                  waiting=sum(i.status == "pending" for i in items), refused=sum(i.status == "refused" for i in items))
            reasons = sorted({i.last_error[:120] for i in items if i.status != "sent" and i.last_error})
            if reasons:
                self.message += "\n" + self.t("counsellor.why", why=reasons[0])
            self.job = None
            self.dirty = True

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("counsellor.title"), "presentation")
        bottom = self.layout_choices(self.buttons, y)
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN * 2, bottom + GAP, self.width - MARGIN * 4, 120), "body")
        self.draw_buttons(surface)


class IssuerScene(TypingScene):
    """Which Open Badges issuer receives the requests; secrets are typed, never shown back."""

    name = "issuer"
    FIELDS = (("url", False), ("structure_id", False), ("structure_name", False), ("secret", True),
              ("client_id", False), ("client_secret", True))

    def enter(self) -> None:
        self.fields: dict[str, TextField] = {}
        if not unlocked(self, "issuer"):
            return
        self.settings = self.services.issuer_settings()
        label_w = 330
        top = 100
        h = 52
        for i, (key, secret) in enumerate(self.FIELDS):
            rect = pygame.Rect(MARGIN + label_w, top + i * (h + 10), self.width - MARGIN * 2 - label_w, h)
            # a saved secret is never put back on screen: the field starts empty and empty means "keep it"
            self.fields[key] = TextField(self.app, rect, 200, hidden=secret, text="" if secret else getattr(self.settings, key))
        self.message = self.t("issuer.by_email") if self.settings.issues_by_email else ""
        self.kind_button = Button(self.kind_label(), self.next_kind, icon="switch-horizontal", kind="nav")
        self.set_buttons([self.kind_button, Button(self.t("nav.back"), lambda: self.app.show("counsellor"), icon="arrow-back-up", kind="nav"),
                          Button(self.t("issuer.save"), self.save, icon="device-floppy", kind="nav-primary")], focus=2)

    def kind_label(self) -> str:
        return self.t("issuer.kind", kind=self.t(f"issuer.kind_{self.settings.kind}"))

    def next_kind(self) -> None:
        self.settings.kind = KINDS[(KINDS.index(self.settings.kind) + 1) % len(KINDS)]
        self.kind_button.label = self.kind_label()
        self.message = self.t("issuer.by_email") if self.settings.issues_by_email else ""
        self.dirty = True

    def exit(self) -> None:
        for f in self.fields.values():
            f.kill()

    def save(self) -> None:
        for key, secret in self.FIELDS:
            value = self.fields[key].text.strip()
            if secret and not value:
                continue  # empty: keep the saved secret
            if secret:
                self.settings.locked = ""  # typed again: replaces one that could not be opened
            setattr(self.settings, key, value)
        problem = self.settings.problem() if self.settings.url else None
        if self.settings.issues_by_email:
            self.message = self.t("issuer.by_email")
        elif problem:
            self.message = self.t("issuer.problem", why=problem)
        else:
            self.services.save_issuer_settings(self.settings)
            self.message = self.t("issuer.saved")
            for key, secret in self.FIELDS:
                if secret:
                    self.fields[key].text = ""
        self.dirty = True

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.escaped(event, "counsellor"):
            return
        if self.on_button(event):
            super().handle_event(event)
        elif feed(self.app, event):
            self.dirty = True
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        ui.title(surface, self.t("issuer.title"), "award", y=20)
        for key, secret in self.FIELDS:
            rect = self.fields[key].rect
            label = self.t(f"issuer.{key}")
            if secret and getattr(self.settings, key):
                label += " " + self.t("issuer.kept")
            ui.text_block(surface, label, pygame.Rect(MARGIN, rect.top + 4, 320, rect.height), "small")
        self.app.gui().draw_ui(surface)
        bottom = max(f.rect.bottom for f in self.fields.values())
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN, bottom + 8, self.width - MARGIN * 2, 70), "small", p.focus)
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)


class PlayerAdminScene(TypingScene):
    """Players on this computer: validate, rename, merge two entries of the same person, or forget one
    (every row about them)."""

    name = "player_admin"
    PAGE = 6

    def enter(self) -> None:
        self.rename_field = None
        if not unlocked(self, "player_admin"):
            return
        self.page = 0
        self.selected = None
        self.confirm = False
        self.merging = False
        self.merge_with = None
        self.rename_field = None
        self.back_action = lambda: self.app.show("counsellor")
        self.build()

    def build(self) -> None:
        players = self.services.players()
        self.players = players
        if self.selected is None:
            shown = players[self.page * self.PAGE:(self.page + 1) * self.PAGE]
            buttons = self.numbered([Button(p.display_name, lambda p=p: self.select(p), icon="user") for p in shown])
            nav = []
            if self.page > 0:
                nav.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav"))
            if (self.page + 1) * self.PAGE < len(players):
                nav.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav"))
            nav.append(Button(self.t("nav.back"), self.back_action, icon="arrow-back-up", kind="nav"))
        elif self.merging:
            first = self.selected.display_name.split(" ")[0]
            others = [r.player for r in self.services.find_returning(first) if r.player.id != self.selected.id][:self.PAGE]
            if self.merge_with:
                buttons = self.numbered([Button(self.t("admin.merge_confirm", other=self.merge_with.display_name, name=self.selected.display_name),
                                                self.merge, icon="users")])
            else:
                buttons = self.numbered([Button(o.display_name, lambda o=o: self.pick_merge(o), icon="user") for o in others])
            nav = [Button(self.t("nav.back"), self.unselect, icon="arrow-back-up", kind="nav")]
        else:
            buttons = self.numbered([
                Button(self.t("admin.validate"), lambda: self.app.show("validate", player_id=self.selected.id, flow="admin"), icon="user-check"),
                Button(self.t("admin.merge"), self.start_merge, icon="users"),
                Button(self.t("admin.rename"), self.start_rename, icon="pencil"),
                Button(self.t("admin.forget_confirm", name=self.selected.display_name) if self.confirm
                       else self.t("admin.forget", name=self.selected.display_name), self.forget, icon="trash"),
            ])
            nav = [Button(self.t("nav.back"), self.unselect, icon="arrow-back-up", kind="nav")]
        self.nav = nav
        self.set_buttons(buttons + nav)

    def turn(self, delta: int) -> None:
        self.page += delta
        self.build()

    def select(self, player) -> None:
        self.selected, self.confirm = player, False
        self.build()

    def start_merge(self) -> None:
        self.merging, self.merge_with = True, None
        self.build()

    def pick_merge(self, other) -> None:
        self.merge_with = other
        self.build()

    def merge(self) -> None:
        """The other entry's sessions, evidence, validations and badges join the selected one; the other goes."""
        self.selected = self.services.merge_players(self.selected, self.merge_with)
        self.merging, self.merge_with = False, None
        self.build()

    def unselect(self) -> None:
        self.merging, self.merge_with = False, None
        self.selected = None
        self.stop_rename()
        self.build()

    def start_rename(self) -> None:
        if self.rename_field is None:
            self.rename_field = TextField(self.app, pygame.Rect(MARGIN * 2, self.height - 190, 500, 60), 30, text=self.selected.display_name)
            self.rename_field.focus()

    def stop_rename(self) -> None:
        if self.rename_field:
            self.rename_field.kill()
            self.rename_field = None

    def forget(self) -> None:
        if not self.confirm:
            self.confirm = True  # a second press erases: a plain-words confirmation first
        else:
            self.services.forget_player(self.selected.id)
            self.selected, self.confirm = None, False
        self.build()

    def exit(self) -> None:
        if self.rename_field:
            self.stop_rename()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.rename_field:
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                name = clean_name(self.rename_field.text)
                if name:
                    self.selected = self.services.rename_player(self.selected.id, name)
                self.stop_rename()
                self.build()
                return
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                self.stop_rename()
                self.dirty = True
                return
            if feed(self.app, event):
                self.dirty = True
                return
        super().handle_event(event)

    @property
    def takes_text(self) -> bool:
        return self.rename_field is not None

    def typing(self) -> bool:
        return bool(self.rename_field)

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        title = self.selected.display_name if self.selected else self.t("admin.title")
        y = ui.title(surface, title, "user" if self.selected else "users")
        if self.confirm:
            y += ui.text_block(surface, self.t("admin.forget_text"), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 120), "body", ui.palette.focus)
        elif self.selected and self.merging:
            y += ui.text_block(surface, self.t("admin.merge_text"), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 120), "body")
        layout_column(ui, [b for b in self.buttons if b not in self.nav], self.column_rect(y))
        if self.rename_field:
            self.app.gui().draw_ui(surface)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)

