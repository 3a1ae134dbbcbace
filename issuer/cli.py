"""`diva-issuer [--data-dir DIR] COMMAND`: serve the platform, add structures, review and revoke from a terminal."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

COMMANDS = ("serve", "structure", "staff", "requests", "invitations", "revoke", "demo", "bench")
DEMO_SLUG = "demo"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diva-issuer", description=(
        "DIVA Badges: receives DIVA's badge requests, lets structures review them, signs Open Badges 3.0 "
        "credentials and publishes them. Settings come from the environment (DIVA_ISSUER_BASE_URL, "
        "DIVA_ISSUER_DATABASE_URL, DIVA_ISSUER_EMAIL_URL, DIVA_ISSUER_DID_METHOD, DIVA_ISSUER_KEY_SECRET)."))
    parser.add_argument("--data-dir", type=Path, help="the platform's data folder (SQLite database, secrets, mail, static files)")
    sub = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}", required=True)

    serve = sub.add_parser("serve", help="migrate the database, then serve with gunicorn (never the development server)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")

    structure = sub.add_parser("structure", help="structures that send requests")
    ssub = structure.add_subparsers(dest="action", required=True)
    add = ssub.add_parser("add", help="add a structure; prints its secret once, alone on the last line")
    add.add_argument("--id", required=True, help="the structure id the game sends (lower-case letters, digits, hyphens)")
    add.add_argument("--name", required=True, help="the structure's name, as learners and employers will read it")
    add.add_argument("--url", default="", help="its web site")
    add.add_argument("--email", default="", help="its contact e-mail")
    ssub.add_parser("list", help="list the structures")
    rotate = ssub.add_parser("rotate-secret", help="replace a structure's secret (a laptop was lost); prints the new one")
    rotate.add_argument("--id", required=True)

    staff = sub.add_parser("staff", help="people who review a structure's requests")
    tsub = staff.add_subparsers(dest="action", required=True)
    sadd = tsub.add_parser("add", help="add a reviewer to a structure; prints a password once when the account is new")
    sadd.add_argument("--structure", required=True, help="structure id")
    sadd.add_argument("--username", required=True)
    sadd.add_argument("--admin", action="store_true", help="also give access to the back office (/admin/)")

    requests_ = sub.add_parser("requests", help="badge requests received")
    rsub = requests_.add_subparsers(dest="action", required=True)
    rlist = rsub.add_parser("list", help="list requests")
    rlist.add_argument("--json", action="store_true", help="a JSON array: id, structure, status, claimUrl, badges")
    rlist.add_argument("--status", choices=("pending", "issued", "rejected"), help="only this status")
    approve = rsub.add_parser("approve", help="approve and sign a request, or every pending one")
    target = approve.add_mutually_exclusive_group(required=True)
    target.add_argument("id", nargs="?", help="request id (urn:uuid:…, its uuid or its claim code)")
    target.add_argument("--all", action="store_true", help="every pending request")
    reject = rsub.add_parser("reject", help="reject a request, with a reason the learner will read")
    reject.add_argument("id")
    reject.add_argument("--reason", required=True)

    from issuer.endorsements.commands import add_parser as add_invitations

    add_invitations(sub)

    revoke = sub.add_parser("revoke", help="revoke a signed credential, with a reason")
    revoke.add_argument("credential", metavar="CREDENTIAL_ID_OR_UUID")
    revoke.add_argument("--reason", required=True)

    sub.add_parser("demo", help="create the demo structure on first run and say how to enter it in the game")

    bench = sub.add_parser("bench", help="measure signing, intake, claim and verification times (on a scratch database)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--quick", action="store_true", help="fewer repetitions")
    return parser


def setup(data_dir: Path | None) -> None:
    """Point Django at the data folder and start it; configuration problems end in one line, not a traceback."""
    if data_dir is not None:
        os.environ["DIVA_ISSUER_DATA_DIR"] = str(data_dir.expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "issuer.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    from issuer.conf import ConfigError

    try:
        if args.command == "bench":
            sys.exit(cmd_bench(args))
        setup(args.data_dir)
        handler = {"serve": cmd_serve, "structure": cmd_structure, "staff": cmd_staff, "requests": cmd_requests,
                   "invitations": cmd_invitations, "revoke": cmd_revoke, "demo": cmd_demo}[args.command]
        sys.exit(handler(args))
    except ConfigError as exc:
        print(f"diva-issuer: {exc}", file=sys.stderr)
        sys.exit(2)


def _actor() -> str:
    try:
        return "cli:" + getpass.getuser()
    except Exception:  # no user name in a container
        return "cli"


def _fail(message: str) -> int:
    print(f"diva-issuer: {message}", file=sys.stderr)
    return 1


def _act_on(found, unknown: str, act: Callable[[Any], object], done: Callable[[Any], str]) -> int:
    """A staff action on one request or credential: unknown, refused by the rules (ReviewError), or done."""
    from issuer.credentials.issuing import ReviewError

    if found is None:
        return _fail(unknown)
    try:
        act(found)
    except ReviewError as exc:
        return _fail(str(exc))
    print(done(found))
    return 0


def print_rows(rows: list[dict], as_json: bool, line: Callable[[dict], str], nothing: str) -> None:
    """What a listing command prints: JSON with --json (for programs), else one line a row (for people)."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        print(line(row))
    if not rows:
        print(nothing)


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def cmd_serve(args) -> int:
    from django.conf import settings
    from django.core.management import call_command

    migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"DIVA Badges: {settings.DIVA_BASE_URL} (listening on {args.host}:{args.port}; "
          f"data in {settings.DATA_DIR})", flush=True)
    command = [sys.executable, "-m", "gunicorn", "issuer.wsgi:application", "--bind", f"{args.host}:{args.port}",
               "--workers", str(max(1, args.workers)), "--threads", "4", "--worker-class", "gthread",
               "--access-logfile", "-", "--graceful-timeout", "10", "--timeout", "60",
               "--no-control-socket"]  # several platforms may run on one machine (tests, demo)
    sys.stdout.flush()
    os.execv(sys.executable, command)  # gunicorn takes this process's place (its pid, its signals)
    return 0


def cmd_structure(args) -> int:
    from issuer.structures.models import Structure
    from issuer.structures.services import StructureError, create_structure, rotate_secret

    migrate()
    if args.action == "add":
        try:
            structure, secret = create_structure(args.id, args.name, url=args.url, email=args.email)
        except StructureError as exc:
            return _fail(str(exc))
        print(f"structure {structure.slug} added: {structure.name}")
        print("its secret, shown this once (enter it in the game's issuer settings):")
        print(secret)
        return 0
    if args.action == "rotate-secret":
        structure = Structure.objects.filter(slug=args.id).first()
        if structure is None:
            return _fail(f"structure inconnue {args.id} (unknown structure)")
        print(f"new secret for {structure.slug}; the old one no longer works:")
        print(rotate_secret(structure))
        return 0
    for structure in Structure.objects.all():
        print(f"{structure.slug}\t{structure.name}\t{structure.requests.count()} request(s)")
    return 0


def cmd_staff(args) -> int:
    import secrets

    from django.contrib.auth import get_user_model

    from issuer.structures.models import Structure

    migrate()
    structure = Structure.objects.filter(slug=args.structure).first()
    if structure is None:
        return _fail(f"structure inconnue {args.structure} (unknown structure)")
    User = get_user_model()
    user, created = User.objects.get_or_create(username=args.username)
    password = None
    if created:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
    if args.admin:
        user.is_staff = True
    user.save()
    user.groups.add(structure.group)
    print(f"{user.username} reviews the requests of {structure.slug} at /review/")
    if password:
        print("password, shown this once:")
        print(password)
    return 0


def _find_request(value: str):
    import uuid as uuidlib

    from issuer.intake.models import BadgeRequest

    value = value.strip()
    found = BadgeRequest.objects.filter(request_id=value).first() or BadgeRequest.objects.filter(claim_code=value).first()
    if found is None:
        try:
            found = BadgeRequest.objects.filter(uuid=uuidlib.UUID(value.removeprefix("urn:uuid:"))).first()
            found = found or BadgeRequest.objects.filter(request_id="urn:uuid:" + str(uuidlib.UUID(value))).first()
        except ValueError:
            pass
    return found


def cmd_requests(args) -> int:
    from issuer.credentials.issuing import ReviewError, approve, reject
    from issuer.intake.models import BadgeRequest

    migrate()
    if args.action == "list":
        rows = BadgeRequest.objects.select_related("structure").order_by("received_at")
        if args.status:
            rows = rows.filter(status=args.status)
        items = [{"id": r.request_id, "structure": r.structure.slug, "status": r.status, "claimUrl": r.claim_url(),
                  "badges": r.badges, "learner": r.learner_name, "session": r.session_id,
                  "receivedAt": r.received_at.isoformat()} for r in rows]
        print_rows(items, args.json, lambda item: f"{item['id']}  {item['structure']}  {item['status']:<8}  "
                   f"{item['badges']} badge(s)  {item['learner']}  {item['claimUrl']}", "no request")
        return 0
    if args.action == "approve":
        targets = list(BadgeRequest.objects.filter(status=BadgeRequest.PENDING).order_by("received_at")) if args.all \
            else [_find_request(args.id)]
        if targets == [None]:
            return _fail(f"demande inconnue {args.id} (unknown request)")
        failures = 0
        for target in targets:
            try:
                made = approve(target, actor=_actor())
            except ReviewError as exc:
                failures += 1
                print(f"{target.request_id}: {exc}", file=sys.stderr)
            else:
                print(f"{target.request_id}: {len(made)} credential(s) signed; claim at {target.claim_url()}")
        if args.all and not targets:
            print("no pending request")
        return 1 if failures else 0
    return _act_on(_find_request(args.id), f"demande inconnue {args.id} (unknown request)",
                   lambda r: reject(r, actor=_actor(), reason=args.reason), lambda r: f"{r.request_id}: rejected")


def cmd_invitations(args) -> int:
    from issuer.endorsements.commands import run

    migrate()
    return run(args)


def cmd_revoke(args) -> int:
    from issuer.credentials.issuing import find_credential, revoke

    migrate()
    return _act_on(find_credential(args.credential), f"badge inconnu {args.credential} (unknown credential)",
                   lambda c: revoke(c, actor=_actor(), reason=args.reason),
                   lambda c: f"{c.credential_id}: revoked; the status list {c.status_list.url()} says so")


def cmd_demo(args) -> int:
    from django.conf import settings

    from issuer.structures.models import Structure
    from issuer.structures.services import create_structure

    migrate()
    existing = Structure.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        print(f"demo structure '{DEMO_SLUG}' is ready (its secret was shown when it was created; "
              f"`diva-issuer structure rotate-secret --id {DEMO_SLUG}` makes a new one)")
        return 0
    structure, secret = create_structure(DEMO_SLUG, "Structure de démonstration DIVA")
    print(f"demo structure created: id '{structure.slug}'.")
    print("In the game: Espace animateur → Organisme de badges → type DIVA, address "
          f"{settings.DIVA_BASE_URL}, structure id '{structure.slug}', and the secret below "
          "(or write them in issuer.json in the game's data folder; see the README).")
    print(f"Reviewers: `diva-issuer staff add --structure {structure.slug} --username NAME`, then {settings.DIVA_BASE_URL}/review/")
    print("secret, shown this once:")
    print(secret)
    return 0


def cmd_bench(args) -> int:
    from issuer.bench import run_bench

    report = run_bench(quick=args.quick, data_dir=args.data_dir)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key:>20}: {value}")
    return 0


if __name__ == "__main__":
    main()
