"""What the portfolio says besides the map (issue 21): the situations were played in a workshop, where and
when; what the player told of their life in plain words; who validated, where and when."""
import datetime

from game.core.model import DECLARED, PLAYED, Evidence, Session, Validation
from game.i18n.catalogue import long_date
from game.services.context import open_services
from game.core.model import AFTER, BEFORE
from game.services.portfolio import portfolio_facts, strengths_said, told_words, validator_words, workshop_line


def session(day: str, structure: str = "") -> Session:
    return Session(id=day, mode="solo", date=day, structure_name=structure)


def test_the_workshop_line_says_the_situations_were_played_there_with_where_and_when():
    one = workshop_line([session("2026-03-03", "Mission locale de Nantes")], "fr")
    assert one.startswith("Situations jouées en atelier DIVA (Mission locale de Nantes), le 3 mars 2026.")
    assert "mises en situation" in one and "pas une expérience de travail" in one
    many = workshop_line([session("2026-03-03"), session("2026-03-10", "E2C"), session("2026-03-10", "E2C")], "fr")
    assert many.startswith("Situations jouées en atelier DIVA (E2C), en 2 séances, du 3 mars 2026 au 10 mars 2026.")
    plain = workshop_line([session("2026-03-03")], "en", structure=" ")
    assert plain.startswith("Situations played in a DIVA workshop on 3 March 2026. These are role plays")
    assert workshop_line([session("2026-03-03")], "fr", structure="Pôle emploi").startswith(
        "Situations jouées en atelier DIVA (Pôle emploi), le 3 mars 2026.")
    assert workshop_line([], "fr") == "Pas encore de situation jouée en atelier."


def test_what_was_told_is_said_in_plain_words_without_the_games_tu(tmp_path):
    services = open_services(tmp_path / "data", "fr")
    try:
        theme = services.library.themes[0]
        act = theme.activities[0]
        told = Evidence("p", "s", "O1", 2, DECLARED, "festival", "moi", "choice", {"fr": "Tu as raconté : …"})
        experience = Evidence("p", "s", "O1", 2, DECLARED, "festival", "moi", f"{theme.id}:{act.id}", {"fr": "Tu as raconté : …"})
        transfer = Evidence("p", "s", "O1", 2, DECLARED, "festival", "end", "transfer:bilan:noter:rule:sport", {"fr": "Tu dis…"})
        assert told_words(experience, services.library, "fr") == f"{theme.title['fr']} ({act.title['fr']})"
        assert told_words(experience, services.library, "en") == f"{theme.title['en']} ({act.title['en']})"
        assert told_words(transfer, services.library, "fr") == "au sport ou dans un loisir"
        assert told_words(told, services.library, "fr") == ""  # an unknown theme: nothing rather than a guess
    finally:
        services.close()


def test_portfolio_facts_from_the_store(tmp_path):
    services = open_services(tmp_path / "data", "fr")
    try:
        store = services.store
        player = store.create_player("Inès")
        first = store.start_session("solo", [player.id], date="2026-03-03")
        group = store.start_session("vote", [player.id], structure_name="Mission locale de Nantes", date="2026-03-10")
        store.start_session("solo", [player.id], date="2026-04-01")  # nothing played there: not a workshop day
        theme = services.library.themes[0]
        store.record_evidence([
            Evidence(player.id, first.id, "O1", 2, PLAYED, "festival", "a", "x", {"fr": "Tu…"}),
            Evidence(player.id, group.id, "O1", 2, PLAYED, "festival", "b", "x", {"fr": "Tu…"}),
            Evidence(player.id, group.id, "C1", 3, DECLARED, "festival", "moi", f"{theme.id}:{theme.activities[0].id}", {"fr": "Tu…"}),
        ])
        store.add_validation(Validation(player.id, group.id, "O1", 3, "Mme Martin", "Bien.", created_at="2026-03-10T10:00:00Z"))
        facts = portfolio_facts(store, services.library, player.id, "fr", structure="Structure des réglages")
        assert facts["workshop"].startswith(
            "Situations jouées en atelier DIVA (Mission locale de Nantes), en 2 séances, du 3 mars 2026 au 10 mars 2026.")
        assert facts["structure"] == "Mission locale de Nantes"
        assert list(facts["told"].values()) == [f"{theme.title['fr']} ({theme.activities[0].title['fr']})"]
        assert list(facts["validated_by"].values()) == ["Mme Martin, Mission locale de Nantes, le 10 mars 2026"]
        nobody = store.create_player("Zoé")
        empty = portfolio_facts(store, services.library, nobody.id, "en", structure="E2C")
        assert empty == {"workshop": "No situation played in a workshop yet.", "told": {}, "validated_by": {}, "structure": "E2C",
                         "strengths": {}}
    finally:
        services.close()


def test_a_validation_without_a_name_nor_a_structure_names_nobody():
    v = Validation("p", "s", "O1", 3, "", "", created_at="2026-03-10T10:00:00Z")
    assert validator_words(v, session("2026-03-10"), "fr") == ""
    named = Validation("p", "s", "O1", 3, "M. Diallo", "", created_at="2026-03-10T10:00:00Z")
    assert validator_words(named, None, "en") == "M. Diallo, on " + long_date(datetime.date(2026, 3, 10), "en")
    assert validator_words(named, session("2026-03-10"), "fr", structure="E2C Nantes") == "M. Diallo, E2C Nantes, le 10 mars 2026"
    assert validator_words(named, session("2026-03-10", "Mission locale"), "fr", structure="E2C") == \
        "M. Diallo, Mission locale, le 10 mars 2026"  # the session's own structure first


def test_what_i_say_i_am_good_at_first_before_and_latest_after_with_their_days(tmp_path):
    services = open_services(tmp_path / "data", "fr")
    try:
        player = services.store.create_player("Inès")
        first = services.store.start_session("solo", [player.id])
        later = services.store.start_session("solo", [player.id])
        assert strengths_said(services.store, player.id, "fr") == {}
        services.save_self_assessment(player, first.id, BEFORE, ["O1", "C1"])
        services.save_self_assessment(player, first.id, AFTER, ["O1"])
        services.save_self_assessment(player, later.id, BEFORE, ["RP1"])  # not the first: kept, not shown
        services.save_self_assessment(player, later.id, AFTER, ["O1", "RA2", "RP1"])
        said = strengths_said(services.store, player.id, "en")
        today = long_date(datetime.date.today(), "en")
        assert said == {BEFORE: (today, ("O1", "C1")), AFTER: (today, ("O1", "RA2", "RP1"))}
        assert portfolio_facts(services.store, services.library, player.id, "en")["strengths"] == said
    finally:
        services.close()
