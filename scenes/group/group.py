"""Group sessions on a shared screen: set-up, participant chips, votes, dashboard, validation."""
from __future__ import annotations

import pygame

from game.core.votes import MAX_PARTICIPANTS, MIN_PARTICIPANTS, identity, majority, next_voter
from game.core.model import clean_name
from game.i18n.typeset import tr
from game.ui.textentry import TextField, feed
from game.ui.theme import GAP, MARGIN, MIN_TARGET, hex_colour
from game.ui.widgets import Button, draw_shape, layout_fit, pages_that_fit
from scenes.base import NUMBER_KEYS, ButtonScene, TypingScene, draw_chip

# ---------------------------------------------------------------- chips


# ---------------------------------------------------------------- set-up


class SetupScene(TypingScene):
    """Structure, participants (2-30, each with an icon and a colour), and how the group chooses."""

    name = "setup"

    def enter(self) -> None:
        self.names: list[str] = []
        self.mode = "vote"
        self.agreed = False
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
        self.structure.kill()
        self.participant.kill()

    def build(self) -> None:
        ready = MIN_PARTICIPANTS <= len(self.names) <= MAX_PARTICIPANTS and self.agreed
        self.add_button = Button(self.t("setup.add"), self.add, icon="user-plus", kind="nav")
        self.mode_button = Button(self.t("setup.mode", mode=self.t(f"setup.mode_{self.mode}")), self.switch_mode, icon="switch-horizontal", kind="nav")
        self.agree_button = Button(self.t("setup.agreed"), self.toggle_agreed, selected=self.agreed, kind="toggle")
        self.start_button = Button(self.t("setup.start"), self.start, icon="player-play", kind="nav-primary", enabled=ready)
        self.back_button = Button(self.t("nav.back"), lambda: self.app.show("counsellor"), icon="arrow-back-up", kind="nav")
        self.remove_buttons = [Button(n, lambda i=i: self.remove(i), icon="x", kind="nav") for i, n in enumerate(self.names)]
        self.set_buttons([self.add_button, self.mode_button, self.agree_button] + self.remove_buttons + [self.back_button, self.start_button],
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

    def remove(self, i: int) -> None:
        del self.names[i]
        self.build()

    def switch_mode(self) -> None:
        self.mode = "turns" if self.mode == "vote" else "vote"
        self.build()

    def toggle_agreed(self) -> None:
        self.agreed = not self.agreed
        self.build()

    def start(self) -> None:
        structure = self.structure.text.strip() or self.services.issuer_settings().structure_name
        self.app.play = self.services.start_group(self.names, self.mode, structure, self.lang)
        self.app.show("hub")

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
        return f"setup-{len(self.names)}-{self.agreed}"

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
        stacked = [self.add_button, self.mode_button, self.agree_button]
        heights = [max(MIN_TARGET, ui.button_height(b, w)) for b in stacked]
        moved = self.participant.rect.bottom + GAP + sum(heights) + GAP * len(stacked) > bottom_bar
        y = self.participant.rect.bottom + GAP
        for b, h in zip(stacked[:1] if moved else stacked, heights):
            b.rect = pygame.Rect(MARGIN, y, w, h)
            y += h + GAP // 2
        if self.message:
            ui.text_block(surface, self.message, pygame.Rect(MARGIN, y, w, bottom_bar - y), "small", p.focus)
        list_bottom = bottom_bar
        if moved:
            for b in (self.agree_button, self.mode_button):
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
        for b in (self.add_button, self.mode_button, self.agree_button, self.back_button, self.start_button):
            ui.draw_button(surface, b, self.buttons.index(b) == self.focus)


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


# ---------------------------------------------------------------- dashboard and validation


class DashboardScene(ButtonScene):
    """Participants × competences for this session; pick a participant to validate or mark absent."""

    name = "dashboard"
    @property
    def ROWS(self) -> int:
        """As many rows of 54 px (48 px targets) as fit between the header and the legend."""
        ui = self.ui
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16 + 72
        legend = ui.text_height(self.t("dashboard.legend"), self.width - MARGIN * 2, "small") + GAP
        return max(1, min(8, (self.height - MIN_TARGET - 40 - legend - top) // 54))

    def enter(self) -> None:
        self.page = 0
        self.back_action = lambda: self.app.show("hub")
        self.build()

    def build(self) -> None:
        play = self.app.play
        rows = play.players[self.page * self.ROWS:(self.page + 1) * self.ROWS]
        self.rows = [Button(p.display_name, lambda p=p: self.app.show("validate", player_id=p.id, flow="dashboard")) for p in rows]
        nav = []
        if self.page > 0:
            nav.append(Button(self.t("nav.previous"), lambda: self.turn(-1), icon="arrow-left", kind="nav"))
        if (self.page + 1) * self.ROWS < len(play.players):
            nav.append(Button(self.t("nav.more"), lambda: self.turn(1), icon="arrow-right", kind="nav"))
        nav += [Button(self.t("dashboard.back"), self.back_action, icon="list", kind="nav"),
                Button(self.t("dashboard.end"), lambda: self.app.show("skillmap", player=0, flow="end"), icon="flag", kind="nav-primary")]
        self.nav = nav
        self.set_buttons(self.rows + nav, self.focus)

    def turn(self, delta: int) -> None:
        self.page += delta
        self.build()

    def draw(self, surface: pygame.Surface) -> None:
        ui, p = self.ui, self.ui.palette
        ref = self.services.referential
        play = self.app.play
        y = ui.title(surface, self.t("dashboard.title"), "dashboard", y=16)
        name_w = 240
        cell = (self.width - MARGIN * 2 - name_w) // len(ref.ids())
        for j, c in enumerate(ref.competences):
            icon = ui.icons.get(c.icon, 34, p.accent)
            x = MARGIN + name_w + j * cell
            if icon:
                surface.blit(icon, (x + (cell - 34) // 2, y))
            code = ui.fonts.render(c.id, ui.size("small"), p.text, True)
            surface.blit(code, (x + (cell - code.get_width()) // 2, y + 36))
        top = y + 72
        row_h = 54
        absent = self.absent_ids()
        for r, b in enumerate(self.rows):
            player = play.players[self.page * self.ROWS + r]
            b.rect = pygame.Rect(MARGIN, top + r * row_h, self.width - MARGIN * 2, row_h - 6)
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
        legend_h = ui.text_height(self.t("dashboard.legend"), self.width - MARGIN * 2, "small")
        ui.text_block(surface, self.t("dashboard.legend"), pygame.Rect(MARGIN, self.height - MIN_TARGET - 40 - legend_h, self.width - MARGIN * 2, legend_h),
                      "small", p.muted)
        self.nav_bar(self.nav)
        for b in self.nav:
            ui.draw_button(surface, b, self.buttons.index(b) == self.focus)

    def absent_ids(self) -> set[str]:
        return self.app.play.absent


class ValidateScene(TypingScene):
    """The counsellor confirms what a player showed (a level per competence), with a comment;
    or marks them absent. Validation is the first endorsement of their badges."""

    name = "validate"

    def enter(self) -> None:
        self.player = self.services.player(self.params["player_id"])
        play = self.app.play
        self.session = play.session if play and self.player.id in [p.id for p in play.players] else None
        if self.session:
            smap = self.services.skill_map(self.player, self.session)
        else:
            smap = self.services.skill_map(self.player)
        self.candidates = [s for s in smap.statuses() if max(s.played, s.declared) > s.validated]
        self.chosen: set[str] = set()
        field_h = self.ui.fonts.line_height(self.ui.size("large")) + 14
        self.comment = TextField(self.app, pygame.Rect(MARGIN * 2, self.height - MIN_TARGET - 36 - field_h, self.width - MARGIN * 4, field_h), 200)
        self.absent = bool(play and self.player.id in play.absent)
        self.page = 0
        self.build()

    def exit(self) -> None:
        self.comment.kill()

    def list_area(self) -> pygame.Rect:
        ui = self.ui
        top = 16 + ui.fonts.line_height(ui.size("title")) + 16
        bottom = self.comment.rect.top - ui.fonts.line_height(ui.size("small")) - 10
        return pygame.Rect(MARGIN, top, self.width - MARGIN * 2, bottom - top)

    def build(self) -> None:
        ref = self.services.referential
        toggles = []
        for s in self.candidates:
            c = ref.competence(s.competence)
            level = max(s.played, s.declared)
            kind = self.t("validate.told") if s.declared > s.played else self.t("validate.played")
            label = self.t("validate.item", name=tr(c.name, self.lang), level=level, kind=kind)
            toggles.append(Button(label, lambda cid=s.competence: self.toggle(cid), icon=c.icon, kind="toggle", selected=s.competence in self.chosen))
        self.starts = pages_that_fit(self.ui, toggles, self.list_area())
        self.page = min(self.page, len(self.starts) - 1)
        end = self.starts[self.page + 1] if self.page + 1 < len(self.starts) else len(toggles)
        self.toggles = toggles = self.numbered(toggles[self.starts[self.page]:end])
        nav = []
        if len(self.starts) > 1:
            nav.append(Button(self.t("nav.more"), self.turn, icon="arrow-right", kind="nav"))
        if self.session:
            nav.append(Button((self.t("validate.absent_on") if self.absent else self.t("validate.absent_off")), self.toggle_absent, icon="user-x", kind="nav"))
        nav.append(Button(self.t("validate.save"), self.save, icon="check", kind="nav-primary"))
        self.nav = nav
        self.set_buttons(toggles + nav, self.focus)

    def turn(self) -> None:
        self.page = (self.page + 1) % len(self.starts)
        self.build()

    def toggle(self, cid: str) -> None:
        self.chosen ^= {cid}
        self.build()

    def toggle_absent(self) -> None:
        self.absent = not self.absent
        self.build()

    def save(self) -> None:
        comment = " ".join(self.comment.text.split())[:200]
        session_id = self.session.id if self.session else ""
        levels = {s.competence: max(s.played, s.declared) for s in self.candidates if s.competence in self.chosen}
        self.services.validate(self.player, session_id, levels, self.t("validate.counsellor"), comment,
                               absent=self.absent if self.session else None)
        if self.session:
            (self.app.play.absent.add if self.absent else self.app.play.absent.discard)(self.player.id)
        self.leave()

    def leave(self) -> None:
        flow = self.params.get("flow")
        if flow == "end":  # then the player builds their badges with the counsellor
            play = self.app.play
            self.app.show("cobuild", player=[p.id for p in play.players].index(self.player.id), flow="end")
        elif flow == "dashboard":
            self.app.show("dashboard")
        else:
            self.app.show("player_admin")

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.on_button(event):
            super().handle_event(event)
        elif self.comment.focused and feed(self.app, event):
            self.dirty = True
        elif not self.comment.focused and event.type == pygame.MOUSEBUTTONDOWN and self.comment.rect.collidepoint(event.pos):
            feed(self.app, event)
        else:
            super().handle_event(event)

    def step_key(self) -> str:
        return f"validate-{self.player.id[:8]}-{len(self.chosen)}"

    def draw(self, surface: pygame.Surface) -> None:
        ui = self.ui
        y = ui.title(surface, self.t("validate.title", name=self.player.display_name), "user-check", y=16)
        if not self.candidates:
            ui.text_block(surface, self.t("validate.nothing"), pygame.Rect(MARGIN * 2, y, self.width - MARGIN * 4, 100), "body")
        layout_fit(ui, self.toggles, self.list_area())
        label_h = ui.fonts.line_height(ui.size("small"))
        ui.text_block(surface, self.t("validate.comment"), pygame.Rect(MARGIN * 2, self.comment.rect.top - label_h - 4, self.width - MARGIN * 4, label_h), "small")
        self.app.gui().draw_ui(surface)
        self.nav_bar(self.nav)
        self.draw_buttons(surface)
