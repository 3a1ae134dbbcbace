"""What scenes and commands share: store, referential, content, settings, i18n, logging.

No pygame here: the CLI's non-graphic commands use it too.
"""
from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass, field
from pathlib import Path

from game.content import SCENARIO_DIR, Library, check_library
from game.i18n import I18n
from game.settings import Settings
from game.store import Store, prepare_data_dir
from game.yamlfile import DataFileError, Problem

log = logging.getLogger("diva")


def setup_logging(data_dir: Path) -> Path:
    """Log to diva.log in the data folder (rotated); secrets are never passed to the log."""
    path = data_dir / "diva.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("diva")
    for old in list(root.handlers):
        if isinstance(old, logging.handlers.RotatingFileHandler):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


@dataclass
class Services:
    data_dir: Path
    store: Store
    referential: object
    library: Library
    i18n: I18n
    settings: Settings
    log_path: Path
    notices: list[str] = field(default_factory=list)
    issuer_override: object = None      # autoplay --issuer: used instead of issuer.json, never saved
    export_dir: Path | None = None      # autoplay --export: where files go (default: data folder)

    def issuer_settings(self):
        from game.issuer_config import IssuerSettings

        return self.issuer_override or IssuerSettings.load(self.data_dir)

    def close(self) -> None:
        self.store.close()


def open_services(data_dir: Path | None, lang: str | None = None) -> Services:
    """Open everything a game needs; raises StoreError / DataFileError with clear messages."""
    from referential import load_referential

    folder = prepare_data_dir(data_dir)
    log_path = setup_logging(folder)
    store = Store.open(folder)
    referential = load_referential()
    library, problems = check_library(None, referential)
    if not library.scenarios:
        raise DataFileError(problems or [Problem(str(SCENARIO_DIR), 1, "no scenario to play")])
    settings = Settings.load(store)
    if lang:
        settings.lang = lang
    i18n = I18n(settings.lang)
    services = Services(folder, store, referential, library, i18n, settings, log_path)
    if problems:
        # play what is sound; the counsellor runs `diva validate` to see the rest
        for problem in problems:
            log.warning("content problem: %s", problem)
        broken = len({p.path for p in problems})
        services.notices.append(i18n.t("notice.content", n=broken))
    if store.recovered_from:
        log.warning("damaged database moved to %s", store.recovered_from)
        services.notices.append(i18n.t("notice.recovered", path=store.recovered_from.name))
    return services


def export_pending(args) -> int:
    """`diva export --pending`: send what waits in the outbox."""
    import sys

    from game.badges import export_pending as send
    from game.store import StoreError

    if not args.pending:
        print("export: say what to send, e.g. 'diva export --pending'", file=sys.stderr)
        return 2
    try:
        code, lines = send(args.data_dir)
    except StoreError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return code
