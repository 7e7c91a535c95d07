"""Time rules on short hand-made texts: every time expression of a sentence, the one the
parse links to each event; years alone; counted offsets; "last night"."""

from __future__ import annotations

from datetime import date

from kg.model import DatePrecision, EventType

PUB = date(2024, 5, 11)  # a Saturday


def _one(x, kind: EventType):  # type: ignore[no-untyped-def]
    found = [e for e in x.events if e.type is kind]
    assert len(found) == 1, [(e.type, e.label) for e in x.events]
    return found[0]


def test_the_time_linked_to_the_event_not_the_first_of_the_sentence(run) -> None:
    x = run(
        "A man appeared in court in Leeds yesterday, charged over a bombing in Hull on Tuesday.",
        {"Place": ["Leeds", "Hull"]},
        PUB,
    )
    ev = _one(x, EventType.BOMBING)
    assert ev.time is not None and ev.time.start == date(2024, 5, 7)


def test_a_year_alone_after_in_has_year_precision(run) -> None:
    x = run(
        "The commander was killed by soldiers in Gao in 2016.",
        {"Place": ["Gao"]},
        PUB,
    )
    ev = x.events[0]
    assert ev.time is not None
    assert (ev.time.precision, ev.time.start) == (DatePrecision.YEAR, date(2016, 1, 1))


def test_a_year_that_names_something_is_not_a_time(run) -> None:
    x = run(
        "Gunmen attacked a rally about the 2020 election in Gao.",
        {"Place": ["Gao"]},
        PUB,
    )
    assert all(e.time is None or e.time.precision is not DatePrecision.YEAR for e in x.events)


def test_counted_days_earlier_are_counted_from_the_last_stated_day(run) -> None:
    x = run(
        "Rebels captured Kindu on 3 March 2024. "
        "Two days earlier, soldiers had shelled the road to Kindu.",
        {"Place": ["Kindu"]},
        PUB,
    )
    ev = _one(x, EventType.SHELLING)
    assert ev.time is not None and ev.time.start == date(2024, 3, 1)


def test_counted_days_ago_are_counted_from_publication(run) -> None:
    x = run("Three days ago, militants attacked a checkpoint near Gao.", {"Place": ["Gao"]}, PUB)
    ev = x.events[0]
    assert ev.time is not None and ev.time.start == date(2024, 5, 8)


def test_days_before_a_named_thing_are_not_counted_from_the_last_time(run) -> None:
    x = run(
        "Rebels captured Kindu on 3 March 2024. "
        "Soldiers shelled the road two days before the vote.",
        {"Place": ["Kindu"]},
        PUB,
    )
    ev = _one(x, EventType.SHELLING)
    assert ev.time is None or ev.time.start != date(2024, 3, 1)


def test_last_night_is_the_night_before_the_report(run) -> None:
    x = run("Last night, gunmen attacked a police post in Gao.", {"Place": ["Gao"]}, PUB)
    ev = x.events[0]
    assert ev.time is not None and ev.time.start == date(2024, 5, 10)


def test_no_sentence_break_inside_a_name_with_its_acronym(nlp) -> None:
    doc = nlp(
        "Last night, a commander of the Police Service of Northern Ireland (PSNI) "
        "Mark McEwan told reporters that gunmen hijacked a van.\n\nA new paragraph"
    )
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0].startswith("Last night") and sents[0].endswith("hijacked a van.")
    assert sents[1] == "A new paragraph"


def test_an_event_without_a_time_takes_the_last_time_of_its_paragraph(run) -> None:
    x = run(
        "Rebels attacked Goma on Tuesday. Shells also hit the airport of Goma.\n\n"
        "Looters ransacked shops in Goma.\n\n"
        "Separately, soldiers detained a journalist in Bunia.\n\n"
        "Protesters rallied in Beni.",
        {"Place": ["Goma", "Bunia", "Beni"]},
        PUB,
    )
    by_type = {e.type: e for e in x.events}
    tuesday = date(2024, 5, 7)
    shelling = by_type[EventType.SHELLING]
    assert shelling.time is not None and shelling.time.start == tuesday
    looting = by_type[EventType.LOOTING]  # the next paragraph goes on with that day
    assert looting.time is not None and looting.time.start == tuesday
    assert by_type[EventType.ARREST].time is None  # "Separately": another time
    assert by_type[EventType.PROTEST].time is None  # two paragraphs on: no time carried


def test_the_means_of_an_event_happens_when_it_does(run) -> None:
    x = run(
        "Troops began an offensive on Gao by shelling the town yesterday.",
        {"Place": ["Gao"]},
        PUB,
    )
    assert x.events and all(
        e.time is not None and e.time.start == date(2024, 5, 10) for e in x.events
    )


def test_a_day_written_again_without_its_year_keeps_the_year(run) -> None:
    x = run(
        "The riot of January 6, 2021 shocked the country. "
        "Prosecutors say that on January 6, rioters attacked police in Washington.",
        {"Place": ["Washington"]},
        date(2022, 6, 7),
    )
    ev = _one(x, EventType.ATTACK)
    assert ev.time is not None and ev.time.start == date(2021, 1, 6)


def test_the_narrative_day_is_not_a_month_of_background(run) -> None:
    x = run(
        "Rebels have held Kindu since March. Shells hit the road to Kindu.",
        {"Place": ["Kindu"]},
        PUB,
    )
    ev = _one(x, EventType.SHELLING)
    assert ev.time is None


def test_a_day_without_its_year_lies_near_the_report(run) -> None:
    x = run(
        "Rebels attacked Gao on Friday. A judge set the next hearing for June 3. "
        "A second attack hit a market in Gao.",
        {"Place": ["Gao"]},
        PUB,  # 11 May 2024
    )
    times = [e.time for e in x.events if e.type is EventType.ATTACK]
    # the hearing is next month, not last year; the second attack is not dated by it
    assert all(t is not None and t.start == date(2024, 5, 10) for t in times)
