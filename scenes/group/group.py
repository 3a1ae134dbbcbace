"""Group sessions on a shared screen: set-up, participant chips, votes, dashboard, validation."""
from __future__ import annotations

import pygame

from game.core.votes import MAX_PARTICIPANTS, MIN_PARTICIPANTS, identity, majority, next_voter
from game.core.model import AFTER, BEFORE, clean_name
from game.core.skills import PLAYED_CAP
from game.services.group import TOP_LEVEL, ValidationError
from game.services.settings import session_scope
from game.i18n.typeset import tr, typeset
from game.ui.textentry import TextField, feed
from game.ui.theme import GAP, MARGIN, MIN_TARGET, hex_colour
from game.ui.widgets import Button, draw_shape
from scenes.base import NUMBER_KEYS, ButtonScene, TypingScene, draw_chip
from scenes.counsellor.counsellor import ask_pin, lock, unlocked

# ---------------------------------------------------------------- set-up


class SetupScene(TypingScene):
    """Structure, participants (2-30, each with an icon and a colour), and how the group chooses. A
    participant from earlier sessions is found by first name (and structure) and continues their map."""

    name = "setup"

    def enter(self) -> None:
        self.structure = self.participant = None
        if not unlocked(self, "setup"):
            return
        self.names: list = []   # a new participant's name, or a returning one (a Player)
        self.matches: list = []
        self.mode = "vote"
        self.message = ""
        ui = self.ui
        self.col_w = min(560, (self.width - MARGIN * 3) // 2)
        self.label_h = ui.fonts.line_height(ui.size("small"))
        field_h = ui.fonts.line_height(ui.size("large")) + 14
        top = 16 + ui.fonts.line_height(ui.size("title")) + 12
        self.structure = TextField(self.app, pygame.Rect(MARGIN, top + self.label_h, self.col_w, field_h), 60)
        y = self.structure.rect.bottom + GAP
        self.participant = TextField(self.app, pygame.Rect(MARGIN, y + self.label_h, self.col_w, field_h), 30)
        self.participant.focus()
        self.build()

    def exit(self) -> None:
        for field in (self.structure, self.participant):
            if field:
                field.kill()

    def build(self) -> None:
        ready = MIN_PARTICIPANTS <= len(self.names) <= MAX_PARTICIPANTS
        self.add_button = Button(self.t("setup.add"), self.add, icon="user-plus", kind="nav")
        self.find_button = Button(self.t("setup.find"), self.find, icon="search", kind="nav")
        self.match_buttons = [Button(self.t("setup.match", name=r.player.display_name, where=", ".join(r.structures) or "—",
                                            date=r.last_date), lambda r=r: self.add_returning(r.player), icon="user", kind="nav")
                              for r in self.matches]
        self.mode_button = Button(self.t("setup.mode", mode=self.t(f"setup.mode_{self.mode}")), self.switch_mode, icon="switch-horizontal", kind="nav")
        self.start_button = Button(self.t("setup.start"), self.start, icon="player-play", kind="nav-primary", enabled=ready)
        self.back_button = Button(self.t("nav.back"), lambda: self.app.show("counsellor"), icon="arrow-back-up", kind="nav")
        self.remove_buttons = [Button(self.label_of(n), lambda i=i: self.remove(i), icon="x", kind="nav") for i, n in enumerate(self.names)]
        self.set_buttons([self.add_button, self.find_button] + self.match_buttons + [self.mode_button] + self.remove_buttons + [self.back_button, self.start_button],
                         self.focus)

    def add(self) -> None:
        name = clean_name(self.participant.text)
        if not name:
            self.message = self.t("name.empty")
        elif len(self.names) >= MAX_PARTICIPANTS:
            self.message = self.t("setup.full", n=MAX_PARTICIPANTS)
        else:
            self.names.append(name)
            self.participant.text = ""
            self.message = ""
        self.participant.focus()
        self.build()

    def label_of(self, entry) -> str:
        return entry if isinstance(entry, str) else self.t("setup.returning", name=entry.display_name)

    def find(self) -> None:
        """Earlier participants whose first name starts with what is typed (at this structure, if one is typed)."""
        self.matches = [r for r in self.services.find_returning(self.participant.text, self.structure.text)
                        if r.player.id not in {getattr(n, "id", None) for n in self.names}][:3]
        self.message = "" if self.matches else self.t("setup.no_match")
        self.build()

    def add_returning(self, player) -> None:
        if len(self.names) >= MAX_PARTICIPANTS:
            self.message = self.t("setup.full", n=MAX_PARTICIPANTS)
        else:
            self.names.append(player)
            self.participant.text = ""
            self.matches, self.message = [], ""
        self.build()

    def remove(self, i: int) -> None:
        del self.names[i]
        self.build()

    def switch_mode(self) -> None:
        self.mode = "turns" if self.mode == "vote" else "vote"
        self.build()

    def start(self) -> None:
        """Out of the counsellor's space, onto the shared screen: the agreement first."""
        structure = self.structure.text.strip() or self.services.issuer_settings().structure_name
        lock(self.app)
        self.app.show("agreement", names=list(self.names), mode=self.mode, structure=structure)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.escaped(event, "counsellor"):
            return
        if self.on_button(event):
            super().handle_event(event)
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.participant.focused:
                self.add()
            else:
                super().handle_event(event)
            return
        if feed(self.app, event):
            self.dirty = True
        elif event.type == pygame.KEYDOWN:
            super().handle_event(event)

    def step_key(self) -> str:
        return f"setup-{len(self.names)}-{self.mode}"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        ui.title(surface, self.t("setup.title"), "users-group", y=16)
        w = self.col_w
        for field, key in ((self.structure, "setup.structure"), (self.participant, "setup.participant")):
            ui.text_block(surface, self.t(key), pygame.Rect(MARGIN, field.rect.top - self.label_h, w, self.label_h), "small", bold=True)
        self.app.gui().draw_ui(surface)
        # left: the fields, adding someone, how the group chooses, the agreement (the last two go
        # to the bottom of the right column when the left one would run into the bottom bar)
        bottom_bar = self.height - MIN_TARGET - 40
        left = MARGIN * 2 + w
        right_w = self.width - MARGIN - left
        # adding and finding side by side when both labels fit on one line, else one above the other
        half = (w - GAP // 2) // 2
        side = max(ui.button_height(self.add_button, half), ui.button_height(self.find_button, half)) <= MIN_TARGET
        stacked = ([] if side else [self.add_button, self.find_button]) + self.match_buttons + [self.mode_button]
        heights = [max(MIN_TARGET, ui.button_height(b, w)) for b in stacked]
        y = self.participant.rect.bottom + GAP
        if side:
            self.add_button.rect = pygame.Rect(MARGIN, y, half, MIN_TARGET)
            self.find_button.rect = pygame.Rect(MARGIN + w - half, y, half, MIN_TARGET)
            y += MIN_TARGET + GAP // 2
        moved = y + GAP + sum(heights) + GAP * len(stacked) > bottom_bar
        for b, h in zip(stacked[:-1] if moved else stacked, heights):
            b.rect = pygame.Rect(MARGIN, y, w, h)
            y += h + GAP // 2
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN, y, w, bottom_bar - y), "small", p.focus)
        list_bottom = bottom_bar
        if moved:
            for b in (self.mode_button,):
                h = max(MIN_TARGET, ui.button_height(b, right_w))
                b.rect = pygame.Rect(left, list_bottom - h, right_w, h)
                list_bottom -= h + GAP // 2
        # right: the participants (up to 3 columns), a click removes one
        top = self.structure.rect.top - self.label_h
        area = pygame.Rect(left, top, right_w, list_bottom - top)
        head_h = ui.text_block(surface, self.t("setup.count", n=len(self.names), high=MAX_PARTICIPANTS),
                               pygame.Rect(area.left, area.top - 4, area.width, 200), "small", bold=True)
        per_col = max(1, (area.height - head_h - 4) // 50)
        cols = min(3, max(1, -(-len(self.names) // per_col)))
        w = (area.width - 8 * (cols - 1)) // cols
        for i, b in enumerate(self.remove_buttons):
            x = area.left + (i % cols) * (w + 8)
            y = area.top + head_h + 4 + (i // cols) * 50
            b.rect = pygame.Rect(x, y, w, 48)
            focused = self.buttons.index(b) == self.focus
            pygame.draw.rect(surface, p.panel, b.rect, border_radius=8)
            pygame.draw.rect(surface, p.focus if focused else p.border, b.rect, width=4 if focused else 1, border_radius=8)
            draw_chip(self, surface, i, b.label, (x + 6, y + 4), size="small", max_width=w - 6)
        self.nav_bar([self.back_button, self.start_button])
        for b in [self.add_button, self.find_button, self.mode_button, self.back_button, self.start_button] + self.match_buttons:
            ui.draw_button(surface, b, self.buttons.index(b) == self.focus)


class AgreementScene(ButtonScene):
    """The group's agreement, on the shared screen in plain words, read aloud before anyone plays."""

    name = "agreement"

    def enter(self) -> None:
        self.set_buttons([Button(self.t("nav.back"), lambda: ask_pin(self.app, "setup"), icon="arrow-back-up", kind="nav"),
                          Button(self.t("setup.agreed"), self.start, icon="check", kind="nav-primary")], focus=1)

    def start(self) -> None:
        """The session starts; each participant who never said what they are good at says it first, in turn
        and in private (the laptop passed)."""
        self.app.play = self.services.start_group(self.params["names"], self.params["mode"], self.params["structure"], self.lang)
        self.app.use_settings(session_scope(self.app.play.session.id))  # the room's defaults, changed for this session only
        asked = [i for i, p in enumerate(self.app.play.players) if self.services.needs_before(p)]
        if asked:
            self.app.show("handover", player=asked[0], then="strengths",
                          then_params={"moment": BEFORE, "player": asked[0], "queue": asked[1:], "then": "hub"})
        else:
            self.app.show("hub")

    def step_key(self) -> str:
        return "agreement"

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("setup.agreement_title"), "heart-handshake")
        ui.text_block(surface, self.t("setup.agreement"), pygame.Rect(MARGIN * 2, y + GAP, self.width - MARGIN * 4, self.nav_top() - y - GAP * 2),
                      "large")
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)


# ---------------------------------------------------------------- votes


class VoteMixin:
    """Each present participant answers in turn (number key or a click per name); then a reveal."""

    def start_vote(self, options: list) -> None:
        play = self.play
        self.side_width = 300 if self.width >= 1200 else 220  # the participants' column (narrower on 4:3)
        self.voters = [p for p in play.players if p.id not in play.absent]
        self.votes: dict[str, int] = {}
        self.current = self.voters[0].id
        self.vote_options = options
        self.revealed = False

    settled_key = "settled"   # the phase once the answer is settled (the reply, the explanation)
    choose_key = "choose"     # the phase of one player answering

    @property
    def voting(self) -> bool:
        return self.play.group and self.play.mode == "vote"

    def settled(self) -> bool:
        """The step's answer is known (the scene says how)."""
        return False

    @property
    def vote_open(self) -> bool:
        """The group answers this step now: not once the answer is settled."""
        return self.group_vote and not self.settled()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.vote_open and not self.reading and self.handle_vote_event(event):
            return
        super().handle_event(event)

    def phase_key(self) -> str:
        if self.settled():
            return self.settled_key
        if self.reading:
            return "read"
        return self.vote_key() if self.group_vote else self.choose_key

    def cast(self, option: int) -> None:
        """Record the current voter's answer, committed at once, then move to the next one."""
        player = next(p for p in self.voters if p.id == self.current)
        self.votes[player.id] = option
        self.record_vote(player, option)
        following = next_voter([p.id for p in self.voters], self.votes)
        self.current = following or self.current
        self.dirty = True
        if following is None:
            self.build_reveal_button()

    def build_reveal_button(self) -> None:
        """Everyone has answered: the answers stay on screen (a click still changes one), and a reveal button."""
        answers = [b for b in self.buttons if b.kind == "choice"]
        self.set_buttons(answers + [Button(self.t("vote.reveal"), self.reveal, icon="eye", kind="nav-primary")], focus=len(answers))

    def reveal(self) -> None:
        self.revealed = True
        self.after_reveal(majority(self.votes.values(), len(self.vote_options)))

    def vote_key(self) -> str:
        return "reveal" if self.revealed else f"vote{len(self.votes)}"

    def handle_vote_event(self, event: pygame.event.Event) -> bool:
        if self.revealed:
            return False
        if event.type == pygame.KEYDOWN and event.key in NUMBER_KEYS and NUMBER_KEYS[event.key] <= len(self.vote_options):
            self.cast(NUMBER_KEYS[event.key] - 1)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for pid, rect in getattr(self, "chip_rects", {}).items():
                if rect.collidepoint(event.pos):  # a click on a name: that person answers (again)
                    self.current = pid
                    self.dirty = True
                    return True
            for i, b in enumerate(self.buttons[: len(self.vote_options)]):
                if b.rect.collidepoint(event.pos) and b.kind == "choice":
                    self.cast(i)
                    return True
        return False

    def draw_voters(self, surface: pygame.Surface) -> None:
        """The participants in a column on the right: who has answered (a check), and whose turn it is (a ring)."""
        ui, p = self.ui, self.ui.palette
        area = pygame.Rect(self.width - self.side_width - MARGIN // 2, 70, self.side_width, self.height - 70 - MIN_TARGET - 40)
        pygame.draw.rect(surface, p.panel, area, border_radius=12)
        pygame.draw.rect(surface, p.border, area, width=2, border_radius=12)
        cols = 1 if len(self.voters) <= 12 else 2
        row = min(46, (area.height - 16) // ((len(self.voters) + cols - 1) // cols))
        w = (area.width - 16) // cols
        self.chip_rects = {}
        for n, player in enumerate(self.voters):
            x = area.left + 10 + (n % cols) * w
            y = area.top + 8 + (n // cols) * row
            name = player.display_name if cols == 1 else player.display_name[:7]
            rect = draw_chip(self, surface, self.play.index_of(player), name, (x, y), size="small",
                             ring=player.id == self.current and not self.revealed)
            if player.id in self.votes:
                check = ui.icons.get("check", 28, p.text)
                if check:
                    surface.blit(check, (area.left + (n % cols + 1) * w - 30, y + 6))
            self.chip_rects[player.id] = rect
        below = area.top + 8 + ((len(self.voters) + cols - 1) // cols) * row + GAP
        room = pygame.Rect(area.left + 10, below, area.width - 20, min(area.width - 20, area.bottom - 10 - below))
        self.draw_scene_picture(surface, room)  # the step's picture, when the column has room under the names

    def draw_current_voter(self, surface: pygame.Surface, y: int) -> int:
        player = next(p for p in self.voters if p.id == self.current)
        rect = draw_chip(self, surface, self.play.index_of(player), self.t("vote.whose", name=player.display_name),
                         (self.column_rect(y).left, y), size="body")
        return rect.bottom + 6

    def draw_reveal_marks(self, surface: pygame.Surface) -> None:
        """Beside each answer (in the free column), how many chose it and the icons of who did."""
        ui, p = self.ui, self.ui.palette
        for i, b in enumerate(self.buttons[: len(self.vote_options)]):
            chosen = [pl for pl in self.voters if self.votes.get(pl.id) == i]
            count = ui.fonts.render(str(len(chosen)), ui.size("body"), p.text, True)
            x = b.rect.right + 16
            surface.blit(count, (x, b.rect.centery - count.get_height() // 2))
            x += count.get_width() + 10
            per_row = max(1, (self.width - x - 8) // 34)
            for n, player in enumerate(chosen[: per_row * 2]):
                colour, icon = identity(self.play.index_of(player))
                cx = x + (n % per_row) * 34 + 16
                cy = b.rect.centery + (n // per_row) * 34 - (17 if len(chosen) > per_row else 0)
                pygame.draw.circle(surface, hex_colour(colour), (cx, cy), 16)
                img = ui.icons.get(icon, 22, (255, 255, 255))
                if img:
                    surface.blit(img, img.get_rect(center=(cx, cy)))


# ---------------------------------------------------------------- dashboard and validation (behind the PIN)


class CounsellorNameMixin:
    """The counsellor's name, signed on every validation: typed once, offered again."""

    def make_name_field(self, top: int) -> int:
        ui = self.ui
        h = ui.fonts.line_height(ui.size("body")) + 14
        label_w = max(ui.fonts.render(self.t(k, cap=PLAYED_CAP), ui.size("small"), ui.palette.text, True).get_width()
                      for k in ("validate.your_name", "validate.comment")) + GAP
        label_w = min(label_w, self.width // 3)
        self.name_field = TextField(self.app, pygame.Rect(MARGIN + label_w, top, self.width - MARGIN * 2 - label_w, h), 60,
                                    text=self.services.counsellor_name())
        self.name_label_w = label_w
        return top + h

    def handle_event(self, event: pygame.event.Event) -> None:
        """A button first, then typing in the focused field, then the keys every screen has."""
        if self.on_button(event):
            super().handle_event(event)
        elif feed(self.app, event):
            self.dirty = True
        else:
            super().handle_event(event)

    def draw_name_label(self, surface: pygame.Surface) -> None:
        r = self.name_field.rect
        self.ui.text_block(surface, self.t("validate.your_name"), pygame.Rect(MARGIN, r.top + 6, self.name_label_w - 8, r.height), "small", bold=True)


class DashboardScene(CounsellorNameMixin, TypingScene):
    """Participants x competences for this session, for the counsellor only (behind the PIN): pick a
    participant to validate with the evidence, confirm everyone's proposed levels at once, end the session."""

    name = "dashboard"

    def rows_fit(self) -> int:
        """As many rows of 54 px (48 px targets) as fit between the header and the legend."""
        legend = self.ui.text_height(self.legend_text(), self.width - MARGIN * 2, "small") + GAP
        return max(1, min(8, (self.height - MIN_TARGET - 40 - legend - self.grid_top) // 54))

    def enter(self) -> None:
        self.flow = self.params.get("flow", "")
        self.name_field = None
        if not unlocked(self, "dashboard", "hub", flow=self.flow):
            return
        self.page = 0
        self._sums = None
        self.message = ""
        top = 16 + self.ui.fonts.line_height(self.ui.size("title")) + 8
        self.grid_top = self.make_name_field(top) + GAP + self.header_height()
        self.back_action = self.to_room
        self.build()

    def exit(self) -> None:
        if self.name_field:
            self.name_field.kill()

    def to_room(self) -> None:
        lock(self.app)
        self.app.show("hub")

    NAME_W = 240  # the participants' column

    def code_rows(self) -> int:
        """The competences' codes on one row under their pictograms, or on two, staggered, when they are
        wider than a column (the largest text on 4:3)."""
        ui, ref = self.ui, self.services.referential
        cell = (self.width - MARGIN * 2 - self.NAME_W) // len(ref.ids())
        font = ui.fonts.font(ui.size("small"), True)
        return 1 if max(font.size(cid)[0] for cid in ref.ids()) <= cell - 4 else 2

    def header_height(self) -> int:
        return 36 + self.ui.fonts.line_height(self.ui.size("small")) * self.code_rows() + 4

    def build(self) -> None:
        play = self.app.play
        per = self.rows_fit()
        rows = play.players[self.page * per:(self.page + 1) * per]
        self.rows = [Button(p.display_name, lambda p=p: self.app.show("validate", player_id=p.id, flow="dashboard", then_flow=self.flow))
                     for p in rows]
        nav = []
        if self.page > 0:
            nav.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav"))
        if (self.page + 1) * per < len(play.players):
            nav.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav"))
        self.bulk_button = Button(self.t("dashboard.confirm_all"), self.confirm_all, icon="list-check", kind="nav")
        nav += [self.bulk_button, Button(self.t("dashboard.back"), self.to_room, icon="list", kind="nav")]
        if self.flow == "end":
            nav.append(Button(self.t("dashboard.players_turn"), self.players_turn, icon="users", kind="nav-primary"))
        else:
            nav.append(Button(self.t("dashboard.end"), lambda: self.app.show("dashboard", flow="end"), icon="flag", kind="nav-primary"))
        self.nav = nav
        self.set_buttons(self.rows + nav, self.focus)

    def turn(self, delta: int) -> None:
        self.page += delta
        self.build()

    def legend(self) -> str:
        """The legend, and "what I'm good at" summed for the session: how many participants named each
        competence before, then after (read from the store once a visit, not on every frame)."""
        if getattr(self, "_sums", None) is None:
            self._sums = self.services.strengths_in_session(self.app.play.session.id)
        before, after = self._sums[BEFORE], self._sums[AFTER]
        if not before[""] and not after[""]:
            return self.t("dashboard.legend") + "\n" + self.t("strengths.session_none")
        ids = [cid for cid in self.services.referential.ids() if before.get(cid) or after.get(cid)]
        counts = " · ".join(self.t("strengths.session_item", cid=cid, before=before.get(cid, 0), after=after.get(cid, 0)) for cid in ids)
        return self.t("dashboard.legend") + "\n" + self.t("strengths.session", before=before[""], after=after[""], counts=counts or "—")
    def legend_text(self) -> str:
        """The legend, with what the last action did under it."""
        return self.legend() + (("\n" + self.message) if self.message else "")

    def confirm_all(self) -> None:
        """The bulk action for a whole group: every proposed level confirmed, signed with the name typed."""
        play = self.app.play
        try:
            n = self.services.confirm_proposed(play.session, play.present, self.name_field.text, self.lang)
        except ValidationError as exc:
            self.message = self.t(str(exc), cap=PLAYED_CAP)
        else:
            self.message = self.t("dashboard.confirmed", n=n)
        self.build()  # fewer rows a page when the message takes a line

    def players_turn(self) -> None:
        """The counsellor is done: each participant, in turn and in private, sees their map and builds their badges."""
        lock(self.app)
        self.app.show("handover", player=0)

    def step_key(self) -> str:
        return f"dashboard-{self.flow}-{self.page}-{self.message[:12]}"

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        ref = self.services.referential
        play = self.app.play
        ui.title(surface, self.t("dashboard.title"), "dashboard", y=16)
        self.draw_name_label(surface)
        self.app.gui().draw_ui(surface)
        y = self.grid_top - self.header_height()
        name_w = self.NAME_W
        cell = (self.width - MARGIN * 2 - name_w) // len(ref.ids())
        stagger = self.code_rows() > 1
        for j, c in enumerate(ref.competences):
            icon = ui.icons.get(c.icon, 34, p.accent)
            x = MARGIN + name_w + j * cell
            if icon:
                surface.blit(icon, (x + (cell - 34) // 2, y))
            code = ui.fonts.render(c.id, ui.size("small"), p.text, True)
            row = j % 2 if stagger else 0
            surface.blit(code, (x + (cell - code.get_width()) // 2, y + 36 + row * ui.fonts.line_height(ui.size("small"))))
        row_h = 54
        absent = play.absent
        per = self.rows_fit()
        for r, b in enumerate(self.rows):
            player = play.players[self.page * per + r]
            b.rect = pygame.Rect(MARGIN, self.grid_top + r * row_h, self.width - MARGIN * 2, row_h - 6)
            focused = self.buttons.index(b) == self.focus
            pygame.draw.rect(surface, p.panel, b.rect, border_radius=8)
            pygame.draw.rect(surface, p.focus if focused else p.border, b.rect, width=4 if focused else 1, border_radius=8)
            name = player.display_name + (f" ({self.t('dashboard.absent')})" if player.id in absent else "")
            draw_chip(self, surface, play.index_of(player), name[:18], (b.rect.left + 6, b.rect.top + (row_h - 6 - 40) // 2))
            smap = self.services.skill_map(player, play.session)
            for j, c in enumerate(ref.competences):
                status = smap.status(c.id)
                cx = MARGIN + name_w + j * cell + cell // 2
                if status.level or status.pending:
                    label = str(status.level) + ("+" if status.pending else "") + ("V" if status.validations else "")
                    img = ui.fonts.render(label, ui.size("small"), p.text, True)
                    if cell >= img.get_width() + 34:  # the domain's shape too, when the cell has room
                        shape = ref.domain(c.domain).shape
                        draw_shape(surface, shape, (cx - 12, b.rect.centery), 10, p.good if status.level else p.panel, p.text, 0)
                        draw_shape(surface, shape, (cx - 12, b.rect.centery), 10, p.text, p.text, 2)
                        surface.blit(img, (cx + 2, b.rect.centery - img.get_height() // 2))
                    else:
                        surface.blit(img, img.get_rect(center=(cx, b.rect.centery)))
        legend = self.legend_text()
        legend_h = ui.text_height(legend, self.width - MARGIN * 2, "small")
        ui.text_block(surface, legend, pygame.Rect(MARGIN, self.height - MIN_TARGET - 40 - legend_h, self.width - MARGIN * 2, legend_h),
                      "small", p.muted)
        self.nav_bar(self.nav)
        for b in self.nav:
            (self.draw_icon_button if b.compact else ui.draw_button)(surface, b, self.buttons.index(b) == self.focus)


class ValidateScene(CounsellorNameMixin, TypingScene):
    """One competence at a time, with its evidence (the situations, the answers, the player's words, seen
    once or shown again) and the level the game proposes: the counsellor confirms it, lowers or raises
    it (past the game's cap only with a comment), or leaves it. Signed with the counsellor's name."""

    name = "validate"

    def enter(self) -> None:
        self.name_field = self.comment = None
        back = "dashboard" if self.params.get("flow") == "dashboard" else "counsellor"
        if not unlocked(self, "validate", back, **self.params):
            return
        self.player = self.services.player(self.params["player_id"])
        play = self.app.play
        self.session = play.session if play and self.player.id in [p.id for p in play.players] else None
        self.items = self.services.validation_items(self.player, self.session, self.lang)
        self.index = 0
        self.decided: dict[str, int] = {}
        self.message = ""
        top = 16 + self.ui.fonts.line_height(self.ui.size("title")) + 8
        self.make_name_field(top)
        field_h = self.ui.fonts.line_height(self.ui.size("body")) + 14
        self.comment = TextField(self.app, pygame.Rect(MARGIN + self.name_label_w, self.nav_top() - GAP - field_h,
                                                       self.width - MARGIN * 2 - self.name_label_w, field_h), 200)
        self.absent = bool(play and self.player.id in play.absent)
        self.start_item()

    def exit(self) -> None:
        for f in (self.name_field, self.comment):
            if f:
                f.kill()

    @property
    def item(self):
        return self.items[self.index] if self.index < len(self.items) else None

    def start_item(self) -> None:
        self.level = self.item.proposed if self.item else 0
        self.build()

    def build(self) -> None:
        choices = []
        if self.item:
            choices = [Button(self.t("validate.confirm", level=self.level), self.confirm, icon="check"),
                       Button(self.t("validate.lower"), lambda: self.change(-1), icon="arrows-move-vertical", enabled=self.level > 1),
                       Button(self.t("validate.raise"), lambda: self.change(1), icon="arrows-move-vertical", enabled=self.level < TOP_LEVEL),
                       Button(self.t("validate.leave"), self.skip, icon="player-skip-forward"),
                       Button(self.t("validate.confirm_rest", n=len(self.items) - self.index), self.confirm_rest, icon="list-check")]
            for b in choices:
                b.kind = "nav"
        nav = []
        if self.session:
            nav.append(Button((self.t("validate.absent_on") if self.absent else self.t("validate.absent_off")), self.toggle_absent, icon="user-x", kind="nav"))
        nav.append(Button(self.t("validate.done"), self.leave, icon="arrow-back-up", kind="nav-primary"))
        self.choices, self.nav = choices, nav
        self.set_buttons(choices + nav, 0 if choices else len(nav) - 1)

    def change(self, delta: int) -> None:
        self.level = max(1, min(TOP_LEVEL, self.level + delta))
        self.message = self.t("validate.past_cap", cap=PLAYED_CAP) if self.level > PLAYED_CAP else ""
        self.build()

    def decide(self, decisions: dict[str, int]) -> bool:
        try:
            self.services.validate(self.player, self.session.id if self.session else "", decisions, self.name_field.text,
                                   self.comment.text, self.items)
        except ValidationError as exc:
            self.message = self.t(str(exc), cap=PLAYED_CAP)
            self.dirty = True
            return False
        self.decided.update(decisions)
        return True

    def confirm(self) -> None:
        if self.decide({self.item.competence: self.level}):
            self.next_item()

    def confirm_rest(self) -> None:
        rest = {i.competence: i.proposed for i in self.items[self.index:]}
        if self.decide(rest):
            self.index = len(self.items)
            self.start_item()

    def skip(self) -> None:
        self.next_item()

    def next_item(self) -> None:
        self.index += 1
        self.message = ""
        self.comment.text = ""
        self.start_item()

    def toggle_absent(self) -> None:
        self.absent = not self.absent
        self.services.set_absent(self.app.play, self.player, self.absent)
        self.build()

    def leave(self) -> None:
        if self.params.get("flow") == "dashboard":
            self.app.show("dashboard", flow=self.params.get("then_flow", ""))
        else:
            self.app.show("player_admin")

    def step_key(self) -> str:
        return f"validate-{self.player.id[:8]}-{self.index}-{self.level}-{self.message[:10]}"

    def evidence_lines(self, shown: int) -> list[str]:
        """What the counsellor decides on: the proposed level, how often it was seen, the first `shown`
        pieces of evidence (situation, answer, why), the player's words."""
        item = self.item
        lines = [self.t("validate.proposed", level=item.proposed, seen=self.t(f"validate.{item.seen}"))]
        if item.validated:
            lines.append(self.t("validate.already", level=item.validated))
        for line in item.lines[:shown]:
            answer = (f" « {line.answer} »" if self.lang == "fr" else f" “{line.answer}”") if line.answer else ""
            told = f" ({self.t('validate.told')})" if line.told else ""
            lines.append(typeset(f"• {line.scenario}{told}{' :' if self.lang == 'fr' else ':'}{answer} — {line.why}", self.lang))
        if item.words:
            lines.append(self.t("validate.words", words=item.words))
        return lines

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        title = self.t("validate.title", name=self.player.display_name)
        if self.item:
            c = self.services.referential.competence(self.item.competence)
            title += f" — {tr(c.name, self.lang)} ({self.index + 1}/{len(self.items)})"
        ui.title(surface, title, "user-check", y=16)
        self.draw_name_label(surface)
        top = self.name_field.rect.bottom + GAP
        # bottom up: the comment, the message, the decisions in one row, then the evidence above them
        row_w = (self.width - MARGIN * 2 - 8 * (len(self.choices) - 1)) // max(1, len(self.choices))
        row_h = max([MIN_TARGET] + [ui.button_height(b, row_w) for b in self.choices])
        msg_h = ui.text_height(self.message, self.width - MARGIN * 2, "small") if self.message else 0
        row_top = self.comment.rect.top - GAP // 2 - row_h
        text_rect = pygame.Rect(MARGIN, top, self.width - MARGIN * 2, row_top - GAP // 2 - msg_h - top)
        if not self.item:
            text = self.t("validate.all_done", n=len(self.decided)) if self.items else self.t("validate.nothing")
            ui.text_block(surface, text, text_rect, "body")
        else:
            pygame.draw.rect(surface, p.panel, text_rect, border_radius=12)
            inner = text_rect.inflate(-20, -12)
            shown = len(self.item.lines)  # as many pieces of evidence as fit whole (the strongest first)
            while shown > 0 and ui.text_height("\n".join(self.evidence_lines(shown)), inner.width, "small") > inner.height:
                shown -= 1
            ui.text_block(surface, "\n".join(self.evidence_lines(shown)), inner, "small")
            for n, b in enumerate(self.choices):
                b.rect = pygame.Rect(MARGIN + n * (row_w + 8), row_top, row_w, row_h)
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN, row_top - GAP // 2 - msg_h, self.width - MARGIN * 2, msg_h), "small", p.focus)
        r = self.comment.rect
        ui.text_block(surface, self.t("validate.comment", cap=PLAYED_CAP), pygame.Rect(MARGIN, r.top + 6, self.name_label_w - 8, r.height), "small", bold=True)
        self.app.gui().draw_ui(surface)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)


# ---------------------------------------------------------------- pass the laptop


class HandoverScene(ButtonScene):
    """"Pass the laptop": a blank screen with one name, between what the room saw and one person's
    private moment (their map and badges at the end, a personal step in play); it hides what the
    previous person entered."""

    name = "handover"

    def enter(self) -> None:
        play = self.app.play
        self.index = self.params.get("player", 0)
        self.player = play.players[self.index]
        self.set_buttons([Button(self.t("handover.ready", name=self.player.display_name), self.ready, icon="eye", kind="nav-primary")])

    def ready(self) -> None:
        then = self.params.get("then")
        if then:  # a personal step during play, or "what are you good at?" before playing
            self.app.show(then, private=True, **self.params.get("then_params", {}))
        elif self.services.needs_after(self.player, self.app.play.session.id):
            # the end of the session: what they are good at now (as before playing), their map, their badges
            self.app.show("strengths", moment=AFTER, player=self.index, then="skillmap", then_params={"player": self.index, "flow": "end"})
        else:
            self.app.show("skillmap", player=self.index, flow="end")

    def step_key(self) -> str:
        return f"handover-{self.index}-{self.params.get('then', 'end')}-{self.params.get('then_params', {}).get('moment', '')}"

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("handover.title", name=self.player.display_name), "device-laptop")
        chip_w = ui.size("body") + 20 + ui.fonts.font(ui.size("body"), True).size(self.player.display_name)[0]
        draw_chip(self, surface, self.index, self.player.display_name, (self.width // 2 - chip_w // 2, y), size="body")
        ui.text_block(surface, self.t("handover.text", name=self.player.display_name),
                      pygame.Rect(MARGIN * 2, y + 70, self.width - MARGIN * 4, self.height - y - 70 - MIN_TARGET - 50), "body", align="center")
        self.nav_bar(self.buttons)
        self.draw_buttons(surface)
