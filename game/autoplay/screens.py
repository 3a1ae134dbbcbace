"""What a synthetic player presses on each screen: the same keys, clicks and typing a person makes.

One function per scene class, looked up along the scene's class hierarchy (`events_for`); the
scenes know nothing of them. Choices among answers go through the bot's strategy (game.autoplay.bot).
"""
from __future__ import annotations

import pygame

from scenes.badges.choose import ChooseScene
from scenes.badges.endorse import EndorseScene
from scenes.badges.phase import PhaseScene
from scenes.badges.tell import TellScene
from scenes.badges.export import ExportScene
from scenes.base import ButtonScene
from scenes.counsellor.counsellor import CounsellorScene, PinScene
from scenes.group.group import DashboardScene, HandoverScene, SetupScene, ValidateScene, VoteMixin
from scenes.menus.hub import HubScene
from scenes.menus.players import ConsentScene, NameEntryScene, PlayersScene
from scenes.menus.title import TitleScene
from game.core.model import MAX_STRENGTHS
from scenes.play.budget import BudgetScene
from scenes.play.debrief import DebriefScene
from scenes.play.experience import ExperienceScene
from scenes.play.ordering import OrderingScene
from scenes.skillmap.skillmap import CompetenceScene, SkillMapScene
from scenes.skillmap.strengths import StrengthsScene
from game.ui.widgets import Button


def key_event(key: int, unicode: str = "") -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0)]


def click_event(pos: tuple[int, int]) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)]


def typing(text: str) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.TEXTINPUT, text=ch, window=None) for ch in text]


def press(button: Button) -> list[pygame.event.Event]:
    """Input that activates a button as a person would: its number key, else a click."""
    if button.key_hint is not None:
        return key_event(getattr(pygame, f"K_{button.key_hint}"), str(button.key_hint))
    return click_event(button.rect.center)


def choose_badges(scene: ChooseScene, bot):
    memo = bot.memo(scene)
    if "wanted" not in memo:  # the player's yes, decided once for each badge
        memo["wanted"] = {c.status.competence for c in scene.options if bot.wants_badge(c.suggested)}
        memo["wanted"] = memo["wanted"] or {c.status.competence for c in scene.options[:1]}
    first, last = scene.page_range()
    shown = scene.options[first:last]
    for b, c in zip(scene.toggles, shown):
        if (c.status.competence in memo["wanted"]) != b.selected:
            return press(b)
    more = [b for b in scene.nav if b.icon == "arrow-right"]
    if more and scene.page + 1 < len(scene.starts):
        return press(more[0])
    return press(scene.nav[-1] if scene.toggles else scene.nav[0])


def tell_story(scene: TellScene, bot):
    memo = bot.memo(scene)
    if bot.randomised and scene.toggles and not memo.get("picked"):
        memo["picked"] = True
        return press(scene.toggles[bot.pick(len(scene.toggles))])
    memo["picked"] = False
    return press(scene.nav[-1])


def endorse(scene: EndorseScene, bot):
    memo = bot.memo(scene)
    if "endorser" not in memo:
        memo["endorser"] = bot.endorser()  # decided once for this player
    if not scene.cobuild.endorsers and memo["endorser"]:
        name, email = memo["endorser"]
        if not scene.name_field.text:
            scene.name_field.focus()
            return typing(name)
        if not scene.email_field.text and email:
            scene.email_field.focus()
            return typing(email)
        return key_event(pygame.K_RETURN, "\r")
    return press(scene.nav[-1])


def cobuild_phase(scene: PhaseScene, bot):
    """The badge's picture, how to use the badges: on."""
    return press(scene.nav[-1])


def export(scene: ExportScene, bot):
    if scene.job:
        return []
    if len(scene.players) > 1 and scene.index < len(scene.players) - 1:
        return press(next(b for b in scene.buttons if b.label == scene.t("nav.more")))
    return press(scene.buttons[-1])


def button_screen(scene: ButtonScene, bot) -> list[pygame.event.Event]:
    choices = [b for b in scene.buttons if b.kind == "choice" and b.enabled]
    if choices:
        return press(choices[bot.choose([b.label for b in choices])])
    primary = [b for b in scene.buttons if b.kind == "nav-primary" and b.enabled]
    if primary:
        return press(primary[0])
    return []


def pin(scene: PinScene, bot):
    if scene.mode == "check" and scene.guard.wait_seconds() > 0:
        return []
    if len(scene.digits) < len(bot.pin):
        digit = bot.pin[len(scene.digits)]
        return key_event(getattr(pygame, f"K_{digit}"), digit)
    return key_event(pygame.K_RETURN, "\r")


def counsellor(scene: CounsellorScene, bot):
    return press(scene.buttons[0])


def setup(scene: SetupScene, bot):
    if not scene.structure.text:
        scene.structure.focus()
        return typing(bot.structure)
    if len(scene.names) < bot.players:
        if not scene.participant.focused:
            scene.participant.focus()
            return []
        if not scene.participant.text:
            return typing(bot.participant_name(len(scene.names)))
        return key_event(pygame.K_RETURN, "\r")
    if scene.mode != bot.group_mode:
        return press(scene.mode_button)
    return press(scene.start_button)


def vote(scene: VoteMixin, bot):
    """The next participant's answer; once all have answered, the screen's last button (reveal, continue)."""
    if not scene.revealed and len(scene.votes) < len(scene.voters):
        option = bot.vote(scene.current, [b.label for b in scene.buttons[:len(scene.vote_options)]])
        return key_event(getattr(pygame, f"K_{option + 1}"), str(option + 1))
    return press(scene.buttons[-1])


def counsellor_name(scene, bot):
    """The counsellor signs with their name: typed when the field is empty."""
    if not scene.name_field.text:
        scene.name_field.focus()
        return typing(bot.counsellor)
    return None


def dashboard(scene: DashboardScene, bot):
    if scene.name_field is None:  # sent to the PIN
        return []
    if scene.flow != "end":
        return press(next(b for b in scene.nav if b.label == scene.t("dashboard.back")))
    name = counsellor_name(scene, bot)
    if name:
        return name
    if not bot.validated_one:  # the first participant, competence by competence, with the evidence
        bot.validated_one = True
        return press(scene.rows[0])
    if not bot.bulk_done:
        bot.bulk_done = True
        return press(scene.bulk_button)
    return press(scene.nav[-1])


def validate(scene: ValidateScene, bot):
    if scene.name_field is None:
        return []
    name = counsellor_name(scene, bot)
    if name:
        return name
    if scene.item is None:
        return press(scene.nav[-1])
    if scene.index == 0 and scene.level <= scene.item.proposed and scene.level < 4:
        return press(scene.choices[2])  # raise the first one past the game's proposal ...
    if scene.index == 0 and scene.level > 3 and not scene.comment.text:
        scene.comment.focus()       # ... which needs a comment past the cap
        return typing("Anime l'atelier cuisine de son foyer chaque semaine.")
    if scene.index == 1:
        return press(scene.choices[3])  # leaves the second for later
    if scene.index == 2:
        return press(scene.choices[4])  # and confirms the rest at the proposed level
    return press(scene.choices[0])


def handover(scene: HandoverScene, bot):
    return press(scene.buttons[0])


def hub(scene: HubScene, bot):
    done = scene.services.store.completed_scenarios(scene.app.play.players[0].id)
    target = bot.next_scenario(done)
    if target is None:
        if scene.app.play.group and not bot.seen_dashboard:
            bot.seen_dashboard = True
            return press(scene.nav[-2])  # the counsellor looks at the dashboard first
        return press(scene.nav[-1])  # all played: the skill map (solo) or the end of the session (group)
    for b in scene.cards:
        if b.scenario_id == target:
            return press(b)
    want = next(i for i, ids in enumerate(scene.page_ids) if target in ids)
    label = scene.t("nav.more") if want > scene.page else scene.t("nav.previous")
    return press(next(b for b in scene.nav if b.label == label))


def players(scene: PlayersScene, bot):
    return press(scene.buttons[0])  # synthetic players are always new


def name_entry(scene: NameEntryScene, bot):
    if scene.field.text:
        return key_event(pygame.K_RETURN, "\r") if scene.shown_for > 0.2 else []
    return typing(bot.next_name())


def consent(scene: ConsentScene, bot):
    return press(scene.buttons[0])


def title(scene: TitleScene, bot):
    if bot.started:  # back on the title screen: the session is over
        bot.finished = True
        return []
    bot.started = True
    return press(scene.buttons[1] if bot.players > 1 else scene.buttons[0])


def budget(scene: BudgetScene, bot):
    if scene.result:
        return button_screen(scene, bot)   # the way on (not "take my answer back")
    if scene.computing:  # the total offered, by the strategy (the first shown, the longest, a random one)
        return press(scene.totals[bot.choose([b.label for b in scene.totals])])
    memo = bot.memo(scene)
    if "wanted" not in memo:  # decided once (each draw moves the seeded sequence on)
        memo["wanted"] = bot.basket([(i.id, scene.text(i.text), i.price) for i in scene.step.items], scene.step.budget)
    wanted = memo["wanted"]
    for item in scene.step.items:
        if (item.id in wanted) != (item.id in scene.chosen):
            shown = next((b for b in scene.items if b.item_id == item.id), None)
            return press(shown) if shown else press(scene.nav[0])  # on another page: turn it
    return press(scene.done_button)


def debrief(scene: DebriefScene, bot):
    if scene.phase == "elsewhere" and scene.group:
        return press(scene.buttons[1])
    if scene.phase == "elsewhere":
        done = scene.services.store.completed_scenarios(scene.player.id)
        return press(scene.buttons[0] if bot.next_scenario(done) else scene.buttons[1])
    choices = [b for b in scene.buttons if b.kind == "choice"]
    if choices:  # a moment of their path, a reason, a life domain: by the strategy
        if scene.phase == "transfer" and bot.randomised and bot.pick(4) == 0:
            return press(scene.buttons[-1])  # "I don't know yet"
        return press(choices[bot.choose([b.label for b in choices])])
    return press(scene.buttons[0])


def experience(scene: ExperienceScene, bot):
    if scene.phase == "activities":
        ok = scene.buttons[-1]
        if scene.activities and (not bot.randomised or len(scene.activities) >= 2 or bot.pick(2)):
            return press(ok)
        rest = [b for b in scene.choices if b.activity not in scene.activities]
        return press(rest[bot.pick(len(rest))]) if rest else press(ok)
    return button_screen(scene, bot)


def vote_step(scene: VoteMixin, bot):
    """A step a group may vote on (dialogue, identify): read, then vote or answer."""
    if scene.reading:
        return press(scene.buttons[0])
    if scene.vote_open:
        return vote(scene, bot)
    return button_screen(scene, bot)


def ordering(scene: OrderingScene, bot):
    if scene.result or scene.reading:
        return button_screen(scene, bot)   # the way on (not "take my answer back")
    best = [i.id for i in scene.step.items]
    if bot.randomised and bot.pick(2) == 0:
        return key_event(pygame.K_RETURN, "\r")
    # put the first misplaced item in its place: pick it with its number, then move it up
    for target, item_id in enumerate(best):
        if scene.order[target] != item_id:
            current = scene.order.index(item_id)
            if bot.randomised:  # drag it with the mouse
                rects = scene.card_rects()
                return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rects[current].center, button=1, touch=False),
                        pygame.event.Event(pygame.MOUSEMOTION, pos=rects[target].center, rel=(0, 0), buttons=(1, 0, 0), touch=False),
                        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rects[target].center, button=1, touch=False)]
            events = []
            if scene.held != item_id:
                events += key_event(getattr(pygame, f"K_{current + 1}"), str(current + 1))
            events += key_event(pygame.K_UP)
            return events
    return click_event(scene.validate_button.rect.center)


def skill_map(scene: SkillMapScene, bot):
    if scene.paged and scene.domain_page + 1 < len(scene.services.referential.domains):
        return press(scene.nav[0])  # a player looks at every domain
    if scene.flow == "end":
        return press(scene.nav[-1])
    if not bot.seen_detail:
        bot.seen_detail = True
        return press(next(b for b in scene.buttons if b in scene.cards))
    if scene.flow != "end" and scene.services.needs_after(scene.player, scene.app.play.session.id):
        return press(scene.strengths_button)  # the same question as before playing, at the end
    if not bot.exported:
        bot.exported = True
        return press(scene.badges_button)
    bot.finished = True
    return []


def strengths(scene: StrengthsScene, bot):
    """Up to 5 cards: the strategy's answers among the names ('random': a seeded few), then done."""
    memo = bot.memo(scene)
    if "wanted" not in memo:
        labels = [b.label for b in scene.cards]
        count = bot.pick(MAX_STRENGTHS + 1) if bot.randomised else 3
        wanted = []
        while len(wanted) < count:
            rest = [i for i in range(len(labels)) if i not in wanted]
            wanted.append(rest[bot.choose([labels[i] for i in rest])])
        memo["wanted"] = [scene.cards[i].competence for i in wanted]
    missing = [c for c in memo["wanted"] if c not in scene.chosen]
    if missing:
        card = next(b for b in scene.cards if b.competence == missing[0])
        if card not in scene.shown:  # the cards are in pages (largest text on 4:3): the next page
            return press(scene.nav[0])
        return press(next(b for b in scene.shown if b.competence == missing[0]))
    return press(scene.done_button)


def competence(scene: CompetenceScene, bot):
    return press(scene.buttons[0])


# the function for each screen, by the class it is written for (looked up along the scene's classes)
SCREENS = {
    ButtonScene: button_screen, VoteMixin: vote_step,
    TitleScene: title, PlayersScene: players, NameEntryScene: name_entry, ConsentScene: consent, HubScene: hub,
    OrderingScene: ordering, ExperienceScene: experience,
    BudgetScene: budget, DebriefScene: debrief, SkillMapScene: skill_map, CompetenceScene: competence, StrengthsScene: strengths,
    ChooseScene: choose_badges, TellScene: tell_story, EndorseScene: endorse, PhaseScene: cobuild_phase,
    ExportScene: export, PinScene: pin, CounsellorScene: counsellor,
    SetupScene: setup, DashboardScene: dashboard, ValidateScene: validate, HandoverScene: handover,
}


def events_for(scene, bot) -> list[pygame.event.Event]:
    """What the synthetic player does now on this screen (nothing: the screen is busy, or not one to play)."""
    for cls in type(scene).__mro__:
        if cls in SCREENS:
            return SCREENS[cls](scene, bot)
    return []
