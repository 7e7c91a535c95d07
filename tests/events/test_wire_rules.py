"""Rules generalised on wire copy: datelines, death tolls, attribution after the figure,
weapons typing an attack, overnight, and no endless loop on mutual casualty verbs."""

from __future__ import annotations

from datetime import date

from kg.extract.events.dateline import blank_datelines
from kg.model import DatePrecision, EventType


def test_datelines_are_blanked_with_offsets_kept() -> None:
    text = "GOMA, Democratic Republic of Congo, Jan 29 (Reuters) - Rebels captured Goma."
    out = blank_datelines(text)
    assert out is not None and len(out) == len(text)
    assert out.lstrip().startswith("Rebels captured") and out.endswith("Goma.")
    assert blank_datelines("The talks in CAIRO, July 20 ended.") is None


def test_death_toll_is_one_report_with_its_source(run) -> None:
    text = (
        "Rebels attacked the town of Kalo on Monday. "
        "The death toll rose to 89, the health ministry said."
    )
    x = run(
        text, {"ArmedGroup": ["Rebels"], "Place": ["Kalo"], "Organisation": ["the health ministry"]}
    )
    reports = [r for e in x.events for r in e.casualties]
    assert [(r.kind.value, r.minimum, r.maximum) for r in reports] == [("killed", 89, 89)]
    assert reports[0].reported_by == "Organisation:the health ministry"


def test_killing_and_wounding_after_a_weapon_subject(run) -> None:
    text = (
        "Warplanes struck the town of Kalo on Tuesday, killing two people and wounding five, "
        "the army said."
    )
    x = run(text, {"Place": ["Kalo"], "ArmedGroup": ["the army"]}, published=date(2025, 7, 16))
    assert len(x.events) == 1
    (event,) = x.events
    assert event.type is EventType.AIRSTRIKE
    got = sorted((r.kind.value, r.minimum, r.reported_by) for r in event.casualties)
    assert got == [("injured", 5, "ArmedGroup:the army"), ("killed", 2, "ArmedGroup:the army")]


def test_figure_of_people_who_fled_is_no_casualty(run) -> None:
    text = "At least 40 people were killed in the attack, and up to 400,000 people had fled."
    x = run(text, {})
    figures = [(r.minimum, r.maximum) for e in x.events for r in e.casualties]
    assert (None, 400000) not in figures and (40, None) in figures


def test_overnight_is_the_night_before_the_report(run) -> None:
    x = run(
        "Overnight, a drone strike on a convoy near Kalo killed 14 soldiers.",
        {"Place": ["Kalo"]},
        published=date(2025, 7, 16),
    )
    (event,) = x.events
    assert event.time is not None and event.time.precision is DatePrecision.SPAN
    assert (event.time.start, event.time.end) == (date(2025, 7, 15), date(2025, 7, 16))


def test_no_lexicon_word_list_holds_a_yaml_boolean() -> None:
    """Unquoted on/off/yes/no are booleans in YAML: "on" was silently no locative."""
    from kg.extract.events.lexicon import load_lexicon

    lex = load_lexicon()
    assert "on" in lex.words("places", "locative_preps")
    for table in ("places", "time", "context", "reporting", "casualties", "numbers"):
        for key, value in getattr(lex, table).items():
            if isinstance(value, list):
                assert not any(isinstance(v, bool) for v in value), (table, key)
