"""The synthetic player: how it decides (strategies first, random, longest, shortest), never what it presses."""
from __future__ import annotations

import random
import weakref

STRATEGIES = ("first", "random", "longest", "shortest")
ENDORSER_NAME = "Tuteur Autoplay"
NAMES = ("Élodie", "Noé", "Aïssata", "Lucas", "Mei", "Yanis", "Inès", "Mamadou", "Chloé", "Dragan", "Fatou", "Théo")


class Bot:
    """Decides like a player (or a counsellor with a group) would. Among answers, the strategy: the first
    one shown, a seeded random one, or the longest or the shortest text (the "always the longest answer"
    player that must not earn more than an honest one); other decisions are careful unless random."""

    pin = "24681357"
    counsellor = "Mme Benali"
    structure = "Mission Locale de Lyon"

    def __init__(self, strategy: str, seed: int, plan: list[str], name: str, players: int = 1, group_mode: str = "vote"):
        self.strategy = strategy
        self.seed = seed
        self.rng = random.Random(seed)
        self.plan = plan
        self.name = name
        self.players = players
        self.group_mode = group_mode
        self.started = False
        self.seen_dashboard = False
        self.validated_one = False      # the counsellor validates one participant competence by competence,
        self.bulk_done = False          # then confirms everyone else's proposed levels at once
        self.finished = False
        self._voters: dict[str, random.Random] = {}
        self.exported = False
        self.seen_detail = False
        self.vouches = 0          # people named to vouch so far (one per player)
        self._memos: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @property
    def randomised(self) -> bool:
        return self.strategy == "random"

    def memo(self, scene) -> dict:
        """What the player decided once on this screen (kept while the screen lives, never on the scene)."""
        return self._memos.setdefault(scene, {})

    def choose(self, labels: list[str]) -> int:
        """Which answer, by the strategy."""
        if self.strategy == "longest":
            return max(range(len(labels)), key=lambda i: (len(labels[i]), -i))
        if self.strategy == "shortest":
            return min(range(len(labels)), key=lambda i: (len(labels[i]), i))
        return self.pick(len(labels))

    def basket(self, items: list[tuple[str, str, int]], budget: int) -> set[str]:
        """What to buy, from the items as shown (id, text, price), by the strategy: 'random' a random basket;
        'first' the items from the top of the screen, 'longest'/'shortest' by the length of their text,
        each taken while it still fits in the budget (a player who does not think about what is essential)."""
        if self.randomised:
            return {item_id for item_id, _text, _price in items if self.pick(2) == 0}
        order = list(items)
        if self.strategy in ("longest", "shortest"):
            order.sort(key=lambda item: len(item[1]), reverse=self.strategy == "longest")
        chosen, total = set(), 0
        for item_id, _text, price in order:
            if total + price <= budget:
                chosen.add(item_id)
                total += price
        return chosen

    def pick(self, n: int) -> int:
        return self.rng.randrange(n) if self.randomised else 0

    def next_name(self) -> str:
        return self.name

    def next_scenario(self, done: set[str]) -> str | None:
        return next((sid for sid in self.plan if sid not in done), None)

    def wants_badge(self, suggested: bool) -> bool:
        """The player's yes: 'first' asks for every badge, 'random' for some."""
        return True if not self.randomised else self.rng.random() < (0.8 if suggested else 0.4)

    def endorser(self) -> tuple[str, str]:
        """The one person each synthetic player names to vouch for their badges (role: the screen's first,
        the internship tutor), at an example.org address of their own, so that the whole chain (invitation,
        endorser's page) can be driven from the command line."""
        self.vouches += 1
        return (ENDORSER_NAME, f"vouch-{self.vouches}@example.org")

    def participant_name(self, index: int) -> str:
        return NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else f" {index // len(NAMES) + 1}")

    def vote(self, player_id: str, labels: list[str]) -> int:
        """Each synthetic participant answers on their own (their own seeded choices when random)."""
        if not self.randomised:
            return self.choose(labels)
        rng = self._voters.setdefault(player_id, random.Random(f"{self.seed}/{player_id}"))
        return rng.randrange(len(labels))
