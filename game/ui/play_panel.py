"""What a scenario step shows beside its text: the scene picture (place, people, objects, in colour),
"step 3 of 9" with a bar, and the 12 competences as cards that light up when shown.

Pictures come from assets/illustrations (Fluent Emoji Flat, MIT); they never carry anything the
words do not say: the place's name is written under the picture, and read aloud with who is there.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from game.ui.theme import GAP, hex_colour

ILLUSTRATION_DIR = Path(__file__).resolve().parents[2] / "assets" / "illustrations"
MOOD_FACES = {"happy": "slightly-smiling-face", "surprised": "astonished-face", "worried": "worried-face"}
MOOD_WORDS = {"happy": "play.mood_happy", "surprised": "play.mood_surprised", "worried": "play.mood_worried"}  # the face, said
GLOW_SECONDS = 1.2  # how long a newly lit card glows (not at all with "less motion")


class Illustrations:
    """Colour SVG illustrations at any size, cached (never tinted: they are pictures, not icons)."""

    def __init__(self, folder: Path = ILLUSTRATION_DIR):
        self.folder = folder
        self._cache: dict[tuple[str, int], pygame.Surface | None] = {}

    def get(self, name: str, size: int) -> pygame.Surface | None:
        key = (name, size)
        if key not in self._cache:
            path = self.folder / f"{name}.svg"
            image = None
            if name and size > 0 and path.is_file():
                image = pygame.image.load_sized_svg(path, (size, size))
                if pygame.display.get_surface() is not None:
                    image = image.convert_alpha()
            self._cache[key] = image
        return self._cache[key]


@dataclass(frozen=True)
class SceneView:
    """One step's picture, resolved for drawing: the place, the people's looks and names, the objects."""

    place_picture: str
    place_name: str
    sky: str
    ground: str
    people: tuple[tuple[str, str], ...]   # (look, name)
    objects: tuple[str, ...]
    mood: str = ""


def panel_width(screen_width: int) -> int:
    """The column kept for the panel on the right: narrower on a 4:3 screen."""
    return 280 if screen_width >= 1200 else 216


def draw_picture(ui, art: Illustrations, surface: pygame.Surface, rect: pygame.Rect, view: SceneView) -> None:
    """The place at the back, the people in front on the ground, the objects that matter at the side;
    on the reply screen each person wears the mood of the answer. High contrast: the colours of the
    sky and ground step back to the palette, the pictures stay."""
    p = ui.palette
    contrast = p.name == "contrast"
    horizon = rect.top + int(rect.height * 0.62)
    clip = surface.get_clip()
    surface.set_clip(rect)
    pygame.draw.rect(surface, p.panel if contrast else hex_colour(view.sky), rect, border_radius=18)
    ground = pygame.Rect(rect.left, horizon, rect.width, rect.bottom - horizon)
    pygame.draw.rect(surface, p.background if contrast else hex_colour(view.ground), ground,
                     border_bottom_left_radius=18, border_bottom_right_radius=18)
    place = art.get(view.place_picture, int(rect.height * 0.62))
    if place:
        surface.blit(place, place.get_rect(midbottom=(rect.left + rect.width // 3, horizon + rect.height // 12)))
    people = view.people[:4]
    if people:
        size = min(int(rect.height * 0.46), (rect.width - 20) // max(2, len(people)))
        step = min(size + 4, (rect.width - size - 16) // max(1, len(people) - 1)) if len(people) > 1 else 0
        x = rect.right - 10 - size - step * (len(people) - 1)
        for look, _name in people:
            img = art.get(look, size)
            if img:
                surface.blit(img, (x, rect.bottom - size - 6))
            face = art.get(MOOD_FACES.get(view.mood, ""), max(16, size // 2 - 4))
            if face:
                surface.blit(face, face.get_rect(topright=(x + size, rect.bottom - size - 6)))
            x += step
    osize = max(20, int(rect.height * 0.22))
    for i, name in enumerate(view.objects[:3]):
        img = art.get(name, osize)
        if img:
            surface.blit(img, (rect.left + 10 + i * (osize + 4), rect.bottom - osize - 8))
    surface.set_clip(clip)
    pygame.draw.rect(surface, p.border, rect, width=3, border_radius=18)


def scene_sentence(t, view: SceneView) -> str:
    """The picture in one line of words: where, who is there, and how they react."""
    names = [name for _look, name in view.people]
    if not names:
        line = t("play.scene_alone", place=view.place_name)
    else:
        people = names[0] if len(names) == 1 else t("play.people_and", first=", ".join(names[:-1]), last=names[-1])
        line = t("play.scene_with", place=view.place_name, people=people)
    if view.mood and names:
        line += " " + t(MOOD_WORDS[view.mood], name=names[0] if len(names) == 1 else people)
    return line


def draw_progress(ui, surface: pygame.Surface, rect: pygame.Rect, label: str, done: float) -> int:
    """"Step 3 of 9" and a bar under it; returns the height used."""
    p = ui.palette
    used = ui.text_block(surface, label, rect, "small", p.text, bold=True)
    bar = pygame.Rect(rect.left, rect.top + used + 4, rect.width, 14)
    pygame.draw.rect(surface, p.panel, bar, border_radius=7)
    fill = bar.copy()
    fill.width = max(14, int(bar.width * max(0.0, min(1.0, done))))
    pygame.draw.rect(surface, p.accent, fill, border_radius=7)
    pygame.draw.rect(surface, p.border, bar, width=2, border_radius=7)
    return used + 4 + bar.height


def collection_height(width: int, cols: int = 4, rows: int = 3) -> int:
    cell = (width - (cols - 1) * 8) // cols
    return rows * cell + (rows - 1) * 8


def draw_collection(ui, surface: pygame.Surface, rect: pygame.Rect, cards: list[tuple[str, str, str, bool]],
                    glow: dict[str, float], cols: int = 4) -> None:
    """The 12 competences as cards: a card shown in this scenario fills with its domain's colour
    (a level is never shown here: not a score); a card just lit glows for a moment (`glow`: id -> 0..1)."""
    p = ui.palette
    cell = (rect.width - (cols - 1) * 8) // cols
    for i, (cid, icon, colour, lit) in enumerate(cards):
        box = pygame.Rect(rect.left + (i % cols) * (cell + 8), rect.top + (i // cols) * (cell + 8), cell, cell)
        domain = hex_colour(colour)
        pygame.draw.rect(surface, p.panel, box, border_radius=10)
        if lit:
            pygame.draw.rect(surface, p.good if p.name == "contrast" else domain, box, border_radius=10)
        pygame.draw.rect(surface, p.text if lit else p.border, box, width=3 if lit else 1, border_radius=10)
        ink = (p.on_good if p.name == "contrast" else (255, 255, 255)) if lit else p.muted
        img = ui.icons.get(icon, cell // 2, ink)
        if img:
            surface.blit(img, img.get_rect(center=box.center))
        if glow.get(cid, 0) > 0:
            ring = box.inflate(6 + int(10 * glow[cid]), 6 + int(10 * glow[cid]))
            pygame.draw.rect(surface, p.focus, ring, width=3, border_radius=14)


def panel_layout(top: int, bottom: int, width: int, left: int, label_height: int) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """(picture, progress, collection) rects in the column: the collection at the bottom, the progress
    above it, the picture takes what is left (at most as tall as wide)."""
    coll_h = collection_height(width)
    coll = pygame.Rect(left, bottom - coll_h, width, coll_h)
    prog = pygame.Rect(left, coll.top - GAP - label_height - 18, width, label_height + 18)
    pic_h = max(0, min(width, prog.top - GAP - top))
    pic = pygame.Rect(left, top, width, pic_h)
    return pic, prog, coll


CELEBRATION_SECONDS = 2.0  # the sparkles rise once, slowly, then stay still


def draw_celebration(ui, art: Illustrations, surface: pygame.Surface, rect: pygame.Rect,
                     cards: list[tuple[str, str, str, bool]], progress: float) -> None:
    """The end of a scenario, calmly: the competences shown light up in one row between two party
    poppers, a few sparkles rise once (`progress` 0..1; 1 = still, as with "less motion")."""
    cols = len(cards) or 1
    popper = min(rect.height, 96)
    row = pygame.Rect(rect.left + popper + GAP, rect.top, rect.width - 2 * (popper + GAP), rect.height)
    cell = min((row.width - (cols - 1) * 8) // cols, row.height)
    row = pygame.Rect(row.centerx - (cell * cols + (cols - 1) * 8) // 2, rect.bottom - cell, cell * cols + (cols - 1) * 8, cell)
    draw_collection(ui, surface, row, cards, {}, cols=cols)
    left, right = art.get("party-popper", popper), art.get("party-popper", popper)
    if left:
        surface.blit(left, (rect.left, rect.bottom - popper))
        surface.blit(pygame.transform.flip(right, True, False), (rect.right - popper, rect.bottom - popper))
    sparkle = art.get("sparkles", max(16, popper // 2))
    if sparkle:
        rise = int((1 - progress) * rect.height * 0.3)
        for x in (rect.left + popper // 2, rect.right - popper):
            surface.blit(sparkle, (x, max(rect.top, rect.bottom - popper - sparkle.get_height() + rise)))


def competence_cards(referential, shown) -> list[tuple[str, str, str, bool]]:
    """The 12 competences in referential order as (id, pictogram, domain colour, shown) for the cards."""
    cards = []
    for cid in referential.ids():
        competence = referential.competence(cid)
        cards.append((cid, competence.icon, referential.domain(competence.domain).colour, cid in shown))
    return cards


@dataclass(frozen=True)
class MapSpot:
    """A scenario on the neighbourhood map: its place's picture at (x, y) in 0..1, its number in the
    list beside the map (0: on another page), whether it is done and the colours of what it showed."""

    x: float
    y: float
    picture: str
    number: int
    done: bool
    shown_colours: tuple[str, ...]
    focused: bool


def _map_slots(inner: pygame.Rect, size: int) -> list[pygame.Rect]:
    """The tiles a map of this tile size can hold, on a grid with room around each tile for its number badge
    (top left), its star (top right) and its dots (below), so that no two tiles or their marks overlap."""
    box = size + 8
    pitch_x, pitch_y = box + 12, box + max(10, size // 4) + 16
    cols, rows = max(0, (inner.width + 12) // pitch_x), max(0, (inner.height - max(10, size // 4) + 2) // pitch_y)
    left = inner.left + (inner.width - (cols * pitch_x - 12)) // 2
    top = inner.top + max(10, size // 4) + (inner.height - max(10, size // 4) - (rows * pitch_y - 16)) // 2
    return [pygame.Rect(left + c * pitch_x, top + r * pitch_y, box, box) for r in range(rows) for c in range(cols)]


def map_layout(rect: pygame.Rect, spots: list[MapSpot]) -> tuple[int, list[pygame.Rect]]:
    """Where each scenario's tile goes: the free grid place nearest its place on the map, so that any number
    of scenarios fit without overlapping or spilling out (several in one place stand side by side, and the
    tiles shrink when the map is full). Returns the picture size and one box per spot, in order."""
    inner = rect.inflate(-28, -28)  # room for the number badges and the dots inside the map
    size = max(32, min(rect.width // 8, rect.height // 7))
    slots = _map_slots(inner, size)
    while len(slots) < len(spots) and size > 12:
        size -= 2
        slots = _map_slots(inner, size)
    boxes: list[pygame.Rect] = []
    free = list(slots)
    for spot in spots:
        want = (inner.left + size // 2 + spot.x * (inner.width - size), inner.top + size // 2 + spot.y * (inner.height - size - 12))
        if not free:  # a map too small for so many (never at 1024x768 and up): the last place again
            boxes.append(boxes[-1].copy() if boxes else pygame.Rect(inner.topleft, (size + 8, size + 8)))
            continue
        best = min(free, key=lambda b: (b.centerx - want[0]) ** 2 + (b.centery - want[1]) ** 2)
        free.remove(best)
        boxes.append(best)
    return size, boxes


def draw_map(ui, art: Illustrations, surface: pygame.Surface, rect: pygame.Rect, spots: list[MapSpot]) -> None:
    """The neighbourhood: grass, two streets, each place's picture with the number of its scenario in
    the list; a star and the colours of what it showed on a finished one; the focused one ringed."""
    p = ui.palette
    contrast = p.name == "contrast"
    pygame.draw.rect(surface, p.panel if contrast else (168, 218, 120), rect, border_radius=18)
    road = p.border if contrast else (196, 200, 208)
    pygame.draw.rect(surface, road, pygame.Rect(rect.left, rect.top + rect.height * 2 // 3 - 10, rect.width, 20))
    pygame.draw.rect(surface, road, pygame.Rect(rect.left + rect.width * 2 // 5 - 10, rect.top, 20, rect.height))
    size, boxes = map_layout(rect, spots)
    for spot, box in zip(spots, boxes):
        pygame.draw.rect(surface, p.panel, box, border_radius=12)
        pygame.draw.rect(surface, p.focus if spot.focused else p.border, box.inflate(6, 6) if spot.focused else box,
                         width=5 if spot.focused else 2, border_radius=14)
        img = art.get(spot.picture, size)
        if img:
            surface.blit(img, img.get_rect(center=box.center))
        if spot.number:  # on this page of the list (the others are a page away)
            number = ui.fonts.render(str(spot.number), ui.size("small"), p.on_accent, True)
            badge = pygame.Rect(0, 0, max(number.get_width() + 12, number.get_height()), number.get_height())
            badge.topleft = (box.left - 8, box.top - 8)
            pygame.draw.rect(surface, p.accent, badge, border_radius=badge.height // 2)
            surface.blit(number, number.get_rect(center=badge.center))
        if spot.done:
            star = art.get("glowing-star", size // 2)
            if star:
                surface.blit(star, (box.right - size // 3, box.top - size // 4))
            for i, colour in enumerate(spot.shown_colours[:6]):
                pygame.draw.circle(surface, hex_colour(colour), (box.left + 8 + i * 12, box.bottom + 8), 5)
    pygame.draw.rect(surface, p.border, rect, width=3, border_radius=18)
