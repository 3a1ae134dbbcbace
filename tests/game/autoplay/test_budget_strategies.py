"""Autoplay's budget play (issue 19's author report): the four strategies used to pick exactly the essential
items and the right total, so the budget's lower levels were never exercised and test_gaming said nothing
about the budget. Now 'random' picks a random basket and total, 'first' the first items and total on
screen, 'longest'/'shortest' by text length, each item taken while it fits the budget."""
from __future__ import annotations

from game.autoplay.bot import Bot
from game.content.scenarios import load_library
from game.core.grading import budget_total, budget_totals
from game.core.scenario import BudgetStep
from game.i18n.typeset import tr
from referential import load_referential

STEPS = [step for s in load_library(load_referential()).scenarios for step in s.steps.values() if isinstance(step, BudgetStep)]


def play(bot: Bot, step: BudgetStep) -> tuple[set[str], int]:
    """The basket and the total the bot gives on this step (as the driver does on the screen)."""
    basket = bot.basket([(i.id, tr(i.text, "fr"), i.price) for i in step.items], step.budget)
    totals = budget_totals(step, basket)
    return basket, totals[bot.choose([f"{n}\u00a0€" for n in totals])]


def test_no_strategy_simply_buys_the_essentials_and_says_the_right_total():
    assert len(STEPS) >= 5
    for strategy in ("first", "longest", "shortest", "random"):
        bot = Bot(strategy, 1, [], "Élodie")
        plays = [(step, *play(bot, step)) for step in STEPS]
        essentials_and_right = [basket == {i.id for i in step.items if i.essential} and total == budget_total(step, basket)
                                for step, basket, total in plays]
        assert not all(essentials_and_right), strategy
        if strategy != "random":  # a careless but honest player: never over the budget
            assert all(budget_total(step, basket) <= step.budget for step, basket, _ in plays), strategy


def test_first_takes_the_top_of_the_screen_and_the_first_total():
    step = STEPS[0]
    basket, total = play(Bot("first", 0, [], "Élodie"), step)
    first = step.items[0]
    assert first.id in basket or first.price > step.budget
    assert total == budget_totals(step, basket)[0]


def test_longest_and_shortest_follow_the_length_of_the_texts():
    step = max(STEPS, key=lambda s: len(s.items))
    by_length = sorted(step.items, key=lambda i: len(tr(i.text, "fr")))
    assert by_length[-1].id in play(Bot("longest", 0, [], "Élodie"), step)[0] or by_length[-1].price > step.budget
    assert by_length[0].id in play(Bot("shortest", 0, [], "Élodie"), step)[0]


def test_random_baskets_and_totals_vary_with_the_seed():
    step = max(STEPS, key=lambda s: len(s.items))
    seen = {frozenset(play(Bot("random", seed, [], "Élodie"), step)[0]) for seed in range(12)}
    totals = {play(Bot("random", seed, [], "Élodie"), step)[1] for seed in range(12)}
    assert len(seen) > 3 and len(totals) > 2
