"""Co-build, second phase (once per badge asked for): the player tells it in their own words,
starting from sentences made of their own choices."""
from __future__ import annotations

import pygame

from game.i18n.typeset import tr
from game.services.cobuild import MAX_NARRATIVE
from game.ui.badge_image import png_bytes, render_badge
from game.ui.textentry import TextBox
from game.ui.theme import GAP, MARGIN
from game.ui.widgets import Button, layout_column
from scenes.badges.phase import PhaseScene


class TellScene(PhaseScene):
    name = "cobuild_tell"
    phase = "tell"

    def __init__(self, app, **params):
        super().__init__(app, **params)
        self.field = None
        self.page = 0

    def enter(self) -> None:
        self.cid = self.cobuild.chosen[self.index]
        self.sentences = self.cobuild.sentences(self.cid, self.lang)
        self.story = self.cobuild.story(self.cid, self.lang)
        super().enter()

    # ------------------------------------------------------------ the story box

    @property
    def fields(self) -> list:
        return [self.field] if self.field else []

    def make_fields(self) -> None:
        self.layout(self.min_box_height())
        self.field = TextBox(self.app, self.box_rect, MAX_NARRATIVE, text=self.story.text)
        self.restore_focus()

    def keep(self) -> None:
        if self.field:
            self.story.text = self.field.text

    def drop_fields(self) -> None:
        self.field = None

    def typed(self) -> None:
        self.story.typed = True   # from now on, picking a sentence leaves the player's text as it is
        self.keep()
        self.fit()

    def on_enter_key(self) -> None:
        self.save()

    def min_box_height(self) -> int:
        """Two lines of the story, even when it is short (it reads as a box to write in)."""
        chrome = self.field.chrome if self.field else 34
        return 2 * self.ui.fonts.line_height(self.ui.size("body")) + chrome + 4

    def layout(self, needed: int) -> None:
        """The sentences to pick from (in order, the descriptor first) above the story box, which
        takes the rest of the room down to the bottom bar; sentences that do not fit are on further
        pages ("see more"). While the story is the sentences picked, the sentences come first (the
        box shows at least two lines, and scrolls). Once the player has written, their whole story
        stays in sight: when it needs more room, the sentences give way, then the help line; only
        then does the box scroll, up and down."""
        ui = self.ui
        self.label_h = ui.fonts.line_height(ui.size("small"))
        title_bottom = self.content_top()
        bottom = self.nav_top() - GAP // 2
        width = self.width - MARGIN * 2
        heights = [ui.button_height(Button(s, None, kind="toggle", key_hint=1), width) + 6 for s in self.sentences]
        wanted = max(needed, self.min_box_height()) if self.story.typed else self.min_box_height()
        for with_help in (True, False):
            top = title_bottom + (ui.text_height(self.t("cobuild.tell_help"), self.width - MARGIN * 4, "body") + 6 if with_help else 0)
            room = bottom - top - self.label_h - 10
            pages = pages_of(heights, room - wanted)
            if pages or room >= wanted:
                break
        self.with_help = with_help
        self.pages = pages
        self.page = min(self.page, max(0, len(pages) - 1))
        first, last = pages[self.page] if pages else (0, 0)
        self.shown = self.sentences[first:last]
        used = sum(heights[first:last])
        self.sentence_area = pygame.Rect(MARGIN, top, width, used)
        box_top = min(top + used + self.label_h + 10, bottom - self.min_box_height() // 2)   # (at least a line)
        self.box_rect = pygame.Rect(MARGIN, box_top, width, bottom - box_top)

    def fit(self) -> None:
        """After the story changed: the layout again if it needs more (or less) room."""
        if not self.field:
            return
        before = (self.shown, self.box_rect)
        self.layout(self.field.height_for_text())
        if (self.shown, self.box_rect) != before:
            self.field.move(self.box_rect)
            self.build()

    # ------------------------------------------------------------ the sentences

    def build(self) -> None:
        if self.field:
            self.layout(self.field.height_for_text())
            self.field.move(self.box_rect)
        on_bar = self.focus - len(getattr(self, "toggles", []))   # (>= 0: the focus is on the bottom bar, it stays there)
        self.toggles = self.numbered([Button(s, lambda s=s: self.pick(s), kind="toggle", selected=s in self.story.picked)
                                      for s in self.shown])
        self.nav = [self.back_button(), Button(self.t("nav.next_badge"), self.save, icon="arrow-right", kind="nav-primary")]
        if len(self.pages) > 1:
            self.nav.insert(1, self.page_button(self.page, len(self.pages), self.turn))
        self.set_buttons(self.toggles + self.nav, len(self.toggles) + on_bar if on_bar >= 0 else min(self.focus, max(0, len(self.toggles) - 1)))

    def turn(self) -> None:
        """The next sentences (after the last page, the first again)."""
        self.page = (self.page + 1) % len(self.pages)
        self.build()

    def pick(self, sentence: str) -> None:
        self.keep()
        self.story.pick(sentence, self.sentences)
        if self.field and self.field.text != self.story.text:
            self.field.text = self.story.text
        self.build()

    def save(self) -> None:
        """On to the badge's picture, with the player's words saved."""
        self.keep()
        ui = self.app.ui
        level = self.cobuild.status_of(self.cid).level
        self.cobuild.save_story(self.cid, png_bytes(render_badge(self.services.referential, self.cid, level, self.lang, ui.fonts, ui.icons)))
        self.go("cobuild_picture", index=self.index)

    def speech_text(self) -> str:
        """The screen, then the player's own words (drawn by the text field, not by the game's text)."""
        return "\n".join(t for t in (self.app.screen_text, self.story.text) if t)

    # ------------------------------------------------------------ drawing

    def heading(self) -> tuple[str, str]:
        comp = self.services.referential.competence(self.cid)
        return tr(comp.name, self.lang), comp.icon

    def draw_phase(self, surface) -> None:
        ui = self.ui
        y = self.draw_heading(surface)
        if self.with_help:   # (it gives way to a long story, with the sentences it speaks of)
            self.help_line(surface, self.t("cobuild.tell_help"), y)
        layout_column(ui, self.toggles, self.sentence_area, gap=6)
        label = pygame.Rect(MARGIN, self.box_rect.top - self.label_h - 6, self.width - MARGIN * 2, self.label_h)
        ui.text_block(surface, self.t("cobuild.tell_edit"), label, "small")


def pages_of(heights: list[int], space: int) -> list[tuple[int, int]]:
    """Split items of these heights, in order, into pages (first, last) of as many as fit in `space`;
    none when even the first does not fit. A later item taller than `space` has a page of its own
    (the box under it is then a little shorter): no item is out of reach."""
    pages, first = [], 0
    while first < len(heights):
        last, used = first, 0
        while last < len(heights) and used + heights[last] <= space:
            used += heights[last]
            last += 1
        if last == first:
            if not pages:
                break
            last += 1
        pages.append((first, last))
        first = last
    return pages
