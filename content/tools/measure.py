"""Measure how transparent the scenarios' assessment is (issue 19).

Plain Python and PyYAML: it reads the scenario files, nothing of the game.

    python content/tools/measure.py                 # the bundled library, in French
    python content/tools/measure.py --lang en       # the English texts
    python content/tools/measure.py --json          # the same numbers, for a tool
    python content/tools/measure.py path/to/folder-or-file.yaml ...

Over every dialogue step it prints:
- the Spearman rank correlation between an answer's length (characters of its text)
  and its level (the highest level among its evidence), over all answers together;
- the share of steps whose single highest-level answer is also the longest one
  (steps where 2 answers share the top level are left out of that share);
- the share of steps that are one-competence "ladders": one competence is shown by
  every answer, each at a different level (the player only has to climb);
- replies: how many praise a level 3-4 answer while no level 1-2 answer of the
  same step gets a reply at all;
- what a player who always picks the first, the longest or a random answer reaches:
  the competences shown at level 3 or more (a game shows at most level 3), on
  average per scenario, from the dialogue steps of the path they walk (and, for
  comparison, the shortest answer, and the highest level: the ceiling).

Thresholds of issue 19: correlation <= 0.15, top answer longest <= 40 %,
ladders <= 30 %, and the longest/first strategies reach no more level-3
competences than random does. This tool also holds the mirror image to the same
bar (a correlation below -0.15, or "pick the shortest" beating random, would be
just as easy to learn).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "content" / "scenarios"

MAX_CORRELATION = 0.15
MAX_TOP_LONGEST = 0.40
MAX_LADDERS = 0.30
PLAYED_CAP = 3          # a game shows level 3 at most (game/skills.py)
RANDOM_RUNS = 200


def load(paths: list[Path]) -> list[dict]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    scenarios = []
    for f in files:
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:  # file:line, as `diva validate` says it, never a traceback
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            raise Unreadable(f"{f}:{mark.line + 1 if mark else 1}: not valid YAML ({getattr(exc, 'problem', None) or exc}); "
                             f"`diva validate {f}` says what to change") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise Unreadable(f"{f}:1: cannot read the file ({exc})") from None
        if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
            raise Unreadable(f"{f}:1: not a scenario (no list of steps); `diva validate {f}` says what to change")
        scenarios.append(data)
    return scenarios


class Unreadable(Exception):
    """A file measure.py cannot read: said as `file:line: message`."""


def answer_level(choice: dict) -> int:
    return max(e["level"] for e in choice["evidence"])


def dialogue_steps(scenarios: list[dict]):
    for sc in scenarios:
        for step in sc["steps"]:
            if step.get("kind") == "dialogue":
                yield sc["id"], step


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of the ranks (ties handled); 0 when a variable does not vary."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


def is_ladder(step: dict) -> bool:
    """One competence shown by every answer, at a different level in each."""
    choices = step["choices"]
    shared = set.intersection(*({e["competence"] for e in c["evidence"]} for c in choices))
    for comp in shared:
        levels = [max(e["level"] for e in c["evidence"] if e["competence"] == comp) for c in choices]
        if len(set(levels)) == len(levels):
            return True
    return False


def top_is_longest(step: dict, lang: str) -> bool | None:
    """None when 2 answers share the highest level (no single top answer)."""
    choices = step["choices"]
    levels = [answer_level(c) for c in choices]
    top = max(levels)
    if levels.count(top) > 1:
        return None
    best = choices[levels.index(top)]
    return all(len(best["text"][lang]) > len(c["text"][lang]) for c in choices if c is not best)


def praise_only_high(step: dict) -> bool:
    """A reply follows a level 3-4 answer while no level 1-2 answer has one."""
    high = [c for c in step["choices"] if answer_level(c) >= 3]
    low = [c for c in step["choices"] if answer_level(c) <= 2]
    return bool(low) and any("reply" in c for c in high) and not any("reply" in c for c in low)


def walk(sc: dict, pick) -> list[tuple[str, int]]:
    """The dialogue evidence along one path through a scenario, choosing with pick(choices)."""
    steps = sc["steps"]
    index = {s["id"]: i for i, s in enumerate(steps)}
    shown: list[tuple[str, int]] = []
    i, guard = index[sc["start"]], 0
    while i is not None and guard < 200:
        guard += 1
        step = steps[i]
        target = step.get("next")
        if step.get("kind") == "dialogue":
            choice = pick(step["choices"])
            shown += [(e["competence"], e["level"]) for e in choice["evidence"]]
            target = choice.get("next", target)
        if target == "end":
            break
        i = index[target] if target else (i + 1 if i + 1 < len(steps) else None)
    return shown


def level3_reached(shown: list[tuple[str, int]]) -> int:
    return len({c for c, lv in shown if min(lv, PLAYED_CAP) >= 3})


def strategies(scenarios: list[dict], lang: str) -> dict[str, float]:
    """Average number of competences shown at level 3, per scenario, for each way of choosing."""
    def first(choices):
        return choices[0]

    def longest(choices):
        return max(choices, key=lambda c: len(c["text"][lang]))

    def shortest(choices):  # the mirror trap: if short answers were the high ones
        return min(choices, key=lambda c: len(c["text"][lang]))

    def highest(choices):  # the player who already knows the key: the ceiling, for comparison
        return max(choices, key=answer_level)

    out = {}
    n = max(len(scenarios), 1)
    for name, pick in (("first", first), ("longest", longest), ("shortest", shortest), ("highest", highest)):
        out[name] = sum(level3_reached(walk(sc, pick)) for sc in scenarios) / n
    rng = random.Random(19)
    total = 0
    for _ in range(RANDOM_RUNS):
        total += sum(level3_reached(walk(sc, rng.choice)) for sc in scenarios)
    out["random"] = total / (RANDOM_RUNS * n)
    return out


def measure(scenarios: list[dict], lang: str = "fr") -> dict:
    lengths: list[float] = []
    levels: list[float] = []
    steps = list(dialogue_steps(scenarios))
    single_top = longest_top = ladders = praise = 0
    ladder_ids, longest_ids = [], []
    for sid, step in steps:
        for c in step["choices"]:
            lengths.append(len(c["text"][lang]))
            levels.append(answer_level(c))
        t = top_is_longest(step, lang)
        if t is not None:
            single_top += 1
            if t:
                longest_top += 1
                longest_ids.append(f"{sid}/{step['id']}")
        if is_ladder(step):
            ladders += 1
            ladder_ids.append(f"{sid}/{step['id']}")
        praise += praise_only_high(step)
    n = max(len(steps), 1)
    return {
        "scenarios": len(scenarios),
        "dialogue_steps": len(steps),
        "answers": len(lengths),
        "correlation_length_level": round(spearman(lengths, levels), 3),
        "top_longest_share": round(longest_top / max(single_top, 1), 3),
        "steps_with_single_top": single_top,
        "ladder_share": round(ladders / n, 3),
        "praise_only_high_steps": praise,
        "level3_per_scenario": {k: round(v, 2) for k, v in strategies(scenarios, lang).items()},
        "ladders": ladder_ids,
        "top_longest": longest_ids,
    }


def verdict(m: dict) -> list[str]:
    """The thresholds of issue 19 that are not met (empty: all met)."""
    bad = []
    if abs(m["correlation_length_level"]) > MAX_CORRELATION:
        bad.append(f"correlation {m['correlation_length_level']} beyond ±{MAX_CORRELATION}")
    if m["top_longest_share"] > MAX_TOP_LONGEST:
        bad.append(f"top answer longest {m['top_longest_share']:.0%} > {MAX_TOP_LONGEST:.0%}")
    if m["ladder_share"] > MAX_LADDERS:
        bad.append(f"ladders {m['ladder_share']:.0%} > {MAX_LADDERS:.0%}")
    s = m["level3_per_scenario"]
    for name in ("first", "longest", "shortest"):
        if s[name] > s["random"]:
            bad.append(f"strategy {name} reaches {s[name]} level-3 competences, random {s['random']}")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the scenarios' assessment (issue 19).")
    parser.add_argument("paths", nargs="*", type=Path, default=[SCENARIOS])
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--list", action="store_true", help="also list the ladder steps and the top-longest steps")
    args = parser.parse_args(argv)
    try:
        scenarios = load(args.paths)
        m = measure(scenarios, args.lang)
    except Unreadable as exc:
        print(exc, file=sys.stderr)
        return 2
    except (KeyError, TypeError, AttributeError) as exc:  # a file the validator would refuse
        print(f"a scenario is not complete ({exc!r}): run `diva validate` on it first", file=sys.stderr)
        return 2
    bad = verdict(m)
    if args.json:
        print(json.dumps({**m, "unmet": bad}, ensure_ascii=False, indent=2))
        return 1 if bad else 0
    s = m["level3_per_scenario"]
    print(f"{m['scenarios']} scenarios, {m['dialogue_steps']} dialogue steps, {m['answers']} answers ({args.lang})")
    print(f"rank correlation length ~ level : {m['correlation_length_level']:+.3f}  (between -{MAX_CORRELATION} and {MAX_CORRELATION})")
    print(f"highest level is the longest    : {m['top_longest_share']:.0%} of {m['steps_with_single_top']} steps"
          f" with a single top  (at most {MAX_TOP_LONGEST:.0%})")
    print(f"one-competence ladders          : {m['ladder_share']:.0%}  (at most {MAX_LADDERS:.0%})")
    print(f"replies praising only level 3-4 : {m['praise_only_high_steps']} steps")
    print("level-3 competences per scenario: " + ", ".join(f"{k} {v}" for k, v in s.items()))
    if args.list:
        print("ladders: " + " ".join(m["ladders"]))
        print("top longest: " + " ".join(m["top_longest"]))
    if len(scenarios) == 1:
        print("one file: its figures swing a lot (a few dialogue steps); they are hints, "
              "the thresholds count on the whole library")
    print("all thresholds met" if not bad else "not met: " + "; ".join(bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
