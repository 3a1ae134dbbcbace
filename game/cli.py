"""The command line: play (default), autoplay, validate, bench, export, portfolio, speak, doctor."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.autoplay.bot import STRATEGIES
from game.i18n.languages import LANGUAGES

COMMANDS = ("play", "autoplay", "validate", "bench", "export", "portfolio", "speak", "doctor")


def _window(value: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT, e.g. 1280x720") from None
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise argparse.ArgumentTypeError("window between 640x480 and 7680x4320")
    return w, h


def _players(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 30:
        raise argparse.ArgumentTypeError("between 1 and 30 players")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diva",
        description="DIVA: a serious game to discover and recognise your transversal competences (RECTEC, Open Badges).",
    )
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")

    def data_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, help="where players, sessions and settings are stored (default: the user data folder)")

    def screen(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=LANGUAGES, help="language of the game (default: fr, or the saved setting)")
        p.add_argument("--window", type=_window, default=None, help="window size WxH (default 1280x720)")

    play = sub.add_parser("play", help="open the game window (default)")
    play.add_argument("--fullscreen", action="store_true", help="start in fullscreen (F11 toggles)")
    data_dir(play)
    screen(play)

    auto = sub.add_parser("autoplay", help="play scenarios through the real scenes with synthetic input, no window needed")
    auto.add_argument("--scenario", default="all", help="scenario id, or 'all' (default)")
    auto.add_argument("--players", type=_players, default=1, help="number of players (more than 1 plays a group session)")
    auto.add_argument("--strategy", choices=STRATEGIES, default="first",
                      help="how the synthetic players choose: the first answer, a random one, the longest or the shortest")
    auto.add_argument("--seed", type=int, default=0, help="random seed for --strategy random")
    auto.add_argument("--screenshots", type=Path, help="save one PNG per new screen into this folder")
    auto.add_argument("--export", type=Path, help="write the badge requests and QR codes into this folder")
    auto.add_argument("--issuer", help="send the badge requests to this issuer URL (the structure's secret in "
                                         "the DIVA_ISSUER_SECRET environment variable)")
    auto.add_argument("--structure", metavar="ID", help="the structure id the requests are sent as (default: autoplay)")
    auto.add_argument("--issuer-secret", help="deprecated: shows the secret to anyone listing processes; use DIVA_ISSUER_SECRET")
    auto.add_argument("--group-mode", choices=("turns", "vote"), default="vote", help="how a group chooses (default vote)")
    data_dir(auto)
    screen(auto)

    val = sub.add_parser("validate", help="check the referential, the CV lines and scenarios; one line per problem")
    val.add_argument("paths", nargs="*", type=Path, help="scenario files or folders (default: the bundled library)")
    val.add_argument("--referential", type=Path, metavar="FILE", help="check this referential file instead of the bundled rectec.yaml")
    val.add_argument("--cv-lines", type=Path, metavar="FILE", help="check this CV lines file instead of the bundled cv_lines.yaml")
    val.add_argument("--coverage", action="store_true", help="print the competence × level matrix and the mechanics used")
    val.add_argument("--json", action="store_true", help="with --coverage: print JSON")

    bench = sub.add_parser("bench", help="measure performance (frame time, start-up, load, store, export)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions (for tests)")
    data_dir(bench)

    export = sub.add_parser("export", help="send badge requests waiting in the outbox")
    export.add_argument("--pending", action="store_true",
                        help="send now every request waiting in the outbox (refused ones are listed with the reason)")
    export.add_argument("--resend-refused", action="store_true",
                        help="with --pending: send again the requests the issuer refused (after fixing the settings)")
    export.add_argument("--issuer", metavar="URL", help="with --pending: send to this DIVA issuer (secret from DIVA_ISSUER_SECRET) "
                                                        "instead of the one in the settings")
    export.add_argument("--structure", metavar="ID", help="with --issuer: the structure id (default: the settings' one)")
    data_dir(export)

    folio = sub.add_parser("portfolio", help="write each player's skill map as a picture (PNG) and a one-page PDF")
    folio.add_argument("--player", metavar="NAME_OR_ID", help="one player, by name or id (default: every player)")
    folio.add_argument("--out", type=Path, metavar="DIR", help="where to write the files (default: <data dir>/portfolios)")
    folio.add_argument("--lang", choices=LANGUAGES, help="language of the files (default: each player's language)")
    data_dir(folio)

    speak = sub.add_parser("speak", help="say a text with the game's voice, or write it as a WAV file (--out)")
    speak.add_argument("text", nargs="+", help="the text to say")
    speak.add_argument("--out", type=Path, metavar="FILE.wav", help="write the speech into this WAV file instead")
    speak.add_argument("--lang", choices=LANGUAGES, default="fr", help="language of the voice (default fr)")

    doctor = sub.add_parser("doctor", help="say what works on this computer: display, voice, fonts, sound, data folder, issuer")
    doctor.add_argument("--lang", choices=LANGUAGES, default="fr", help="language of the report (default fr)")
    data_dir(doctor)
    return parser


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "play")
    args = build_parser().parse_args(argv)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout holds what the command says (portfolio: the paths)
    handler = {
        "play": cmd_play,
        "autoplay": cmd_autoplay,
        "validate": cmd_validate,
        "bench": cmd_bench,
        "export": cmd_export,
        "portfolio": cmd_portfolio,
        "speak": cmd_speak,
        "doctor": cmd_doctor,
    }[args.command]
    sys.exit(handler(args))


# Each command imports what it needs when it runs (measured: pygame, the scenes and fpdf take about
# 0.4 s, jsonschema 0.3 s; `diva --help` and `diva export` need none of them, `validate` no pygame).

def cmd_validate(args: argparse.Namespace) -> int:
    from game.content.scenarios import check_library, coverage
    from referential import check_referential
    from referential.cv import check_cv_lines

    try:
        referential, problems = check_referential(args.referential)
        if referential is None:
            for p in problems:
                print(p)
            return 1
        problems += check_cv_lines(referential, args.cv_lines)[1]
        library, found = check_library(args.paths or None, referential, with_catalogue=not args.paths, remember=False)
        problems += found
    except Exception as exc:  # the validator must never end in a traceback
        print(f"validate: internal error: {type(exc).__name__}: {exc}")
        return 1
    for p in problems:
        print(p)
    if args.coverage:
        report = coverage(library, referential)
        if args.json:
            print(json.dumps(report, ensure_ascii=False))
        else:
            print(format_coverage(report))
    return 1 if problems else 0


def format_coverage(report: dict) -> str:
    levels = sorted({lvl for row in report["coverage"].values() for lvl in row})
    lines = [f"{report['scenarios']} scenarios", "", "competence " + " ".join(f"L{lvl:>3}" for lvl in levels) + "  told"]
    for cid, row in report["coverage"].items():
        cells = " ".join(f"{row[lvl]:>4}" if row[lvl] else "   ·" for lvl in levels)
        lines.append(f"{cid:<10} {cells}  {report['declarable'].get(cid, 0):>4}")
    lines += ["", "mechanics: " + ", ".join(f"{k} {v}" for k, v in report["mechanics"].items())]
    lines += ["", "play time (minutes): scenario, announced, estimated"]
    lines += [f"  {sid:<22} {m['announced']:>4} {m['estimated']:>6}" for sid, m in report["minutes"].items()]
    return "\n".join(lines)


def cmd_play(args: argparse.Namespace) -> int:
    from game.ui.app import run_game
    from scenes import scene_class

    return run_game(args, scene_class)


def cmd_autoplay(args: argparse.Namespace) -> int:
    from game.autoplay.driver import run_autoplay

    return run_autoplay(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from benchmarks.bench import run_bench

    return run_bench(args)


def cmd_export(args: argparse.Namespace) -> int:
    from game.services.context import export_pending

    return export_pending(args)


def cmd_portfolio(args: argparse.Namespace) -> int:
    from game.ui.portfolio import run_portfolio

    return run_portfolio(args)


def cmd_speak(args: argparse.Namespace) -> int:
    from game.ui.doctor import run_speak

    return run_speak(args)


def cmd_doctor(args: argparse.Namespace) -> int:
    from game.ui.doctor import run_doctor

    return run_doctor(args)
