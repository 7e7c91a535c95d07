"""Event times: weekday, month and date expressions of a sentence resolved with dateparser
against the article's publication date (past preferred), with their precision; spans for two
days ("on Thursday and Friday"); anaphoric times ("that day") take the last stated time."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Span, Token

from kg.extract import sentences
from kg.extract.events.doc import Ctx
from kg.model import DatePrecision, Mention, TimeValue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PARTS = {"morning", "afternoon", "evening", "night", "dawn", "midnight", "noon"}
_JOIN = {"and", "to", "-", "–", "through", "until", "or"}


@lru_cache(maxsize=64)
def _parser(published: date | None, absolute: bool = False) -> DateDataParser:
    """What ``dateparser.parse`` builds on every call, built once per reference day.
    ``absolute``: only dateparser's parser of calendar dates ("30 March 2017", "March",
    "Sunday"), without the relative, timestamp and no-spaces ones that every call would
    otherwise try first (half the time per call)."""
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    if absolute:
        settings["PARSERS"] = ["absolute-time"]
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _parse(text: str, published: date | None, absolute: bool = False) -> date | None:
    parsed = _parser(published, absolute).get_date_data(text).date_obj
    return parsed.date() if parsed else None


#: a Monday: the reference week of :func:`_weekday_before`
_REFERENCE_MONDAY = date(2001, 1, 1)


def _weekday_before(word: str, base: date) -> date | None:
    """What dateparser makes of a weekday name relative to ``base`` (the latest such day
    before it). Its answer depends only on ``base``'s day of the week, so it is asked once
    per pair of weekdays, relative to the day of a reference week that falls on the same
    day of the week as ``base``, and moved by the number of days between the two."""
    reference = _REFERENCE_MONDAY + timedelta(days=base.weekday())
    day = _parse(word, reference, absolute=True)
    return None if day is None else base + (day - reference)


def _nearest_year(day: date, published: date) -> date:
    """A date written without its year, resolved to the past by dateparser, moved to the
    next year when it would otherwise lie more than half a year back and the next one lies
    within half a year ahead ("his next court appearance on April 5", written in March): a
    news report's undated days lie near its publication (HeidelTime's news strategy)."""
    if (published - day).days <= 183:
        return day
    try:
        ahead = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day
    return ahead if (ahead - published).days <= 183 else day


class TimeFinder:
    """Finds and resolves the time expressions of sentence units, remembering the last one."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.published = ctx.x.article.published
        lex = ctx.lex.time
        self.months = {m.lower() for m in lex.get("month_names", ())}
        self.reporting = ctx.lex.words("reporting", "verbs")
        self.anaphoric = [tuple(p.lower().split()) for p in lex.get("anaphoric_time", ())]
        self.offsets = {
            tuple(k.lower().split()): int(v)
            for k, v in (lex.get("anaphoric_offsets") or {}).items()
        }
        self.relative = {
            tuple(k.lower().split()): v for k, v in (lex.get("relative") or {}).items()
        }
        self.since_words = {w.lower() for w in lex.get("since_words") or ()}
        self.first_words = {p[0] for p in (*self.anaphoric, *self.relative) if p}
        self.numbers = {
            str(k).lower(): int(v) for k, v in (ctx.lex.numbers.get("words") or {}).items()
        }
        counted = lex.get("counted_offsets") or {}
        self.count_units = {str(k).lower(): int(v) for k, v in (counted.get("units") or {}).items()}
        self.count_after = {str(w).lower() for w in counted.get("after") or ()}
        self.count_before = {str(w).lower() for w in counted.get("before") or ()}
        self.count_ago = {str(w).lower() for w in counted.get("ago") or ()}
        self.year_preps = {str(w).lower() for w in lex.get("year_prepositions") or ()}
        self.first_words |= set(self.numbers)
        self.lowers = sentences.lowers(ctx.doc)
        self.last: TimeValue | None = None
        #: (month, day) -> year of the dates the article wrote with their year
        self.written: dict[tuple[int, int], int] = {}
        #: every time expression of each unit, in text order
        self.all: list[list[TimeValue]] = [self._find(unit) for unit in ctx.units]
        self.times: list[TimeValue | None] = [found[0] if found else None for found in self.all]

    def unit_time(self, n: int) -> TimeValue | None:
        """The time unit ``n`` states (its first expression), if any."""
        return self.times[n]

    def time_for(self, trigger: Token, *, alone: bool = False) -> TimeValue | None:
        """The time of ``trigger``'s unit that the parse links to it: a time expression in
        the trigger's phrase first, else one whose clause holds the trigger (a relative clause
        stands for its noun), the smallest such clause first. ``alone``: the unit's only
        trigger, which takes the unit's first time when the parse links none."""
        found = self.all[self.ctx.unit_of[trigger.i]]
        best: tuple[int, int, TimeValue] | None = None
        for value in found:
            rank = self._link(value, trigger)
            if rank is not None and (best is None or rank < best[:2]):
                best = (*rank, value)
        if best is not None:
            return best[2]
        return found[0] if found and alone else None

    def narrative(self, trigger: Token) -> TimeValue | None:
        """The time a report's narrative is at when an event's sentences state none: the
        last day stated before the trigger in its paragraph or the one before (news tells
        its incidents in order; cf. the "narrative convention" of TimeML temporal-relation
        annotation, TimeBank 1.2 guidelines), unless its sentence moves off that time
        ("Separately, ...", "later"; ``narrative_breaks`` in ``time.yaml``)."""
        n = self.ctx.unit_of[trigger.i]
        para = self.ctx.para_of[trigger.i]
        shift = self.ctx.lex.words("time", "narrative_breaks")
        if any(t.lower_ in shift for t in self.ctx.units[n]):
            return None  # "Separately, ...", "X later killed ...": another time
        for m in range(n - 1, -1, -1):
            unit = self.ctx.units[m]
            if para - self.ctx.para_of[unit.start] > 1 or self.ctx.in_headline(unit[0]):
                break
            days = [
                v
                for v in self.all[m]
                if v.precision in {DatePrecision.DAY, DatePrecision.SPAN}
                and (self.published is None or v.start <= self.published)
            ]
            if days:
                return days[-1]  # a month or year before is background, not the narrative's day
        return None

    def _link(self, value: TimeValue, trigger: Token) -> tuple[int, int] | None:
        """How closely ``value`` is linked to ``trigger`` (lower is closer), or None."""
        if value.mention is None:
            return (2, 0)
        tok = self.ctx.token_at(value.mention.begin)
        if tok is None:
            return None
        anchor = tok
        while anchor.head.i != anchor.i and anchor.pos_ not in {"VERB", "AUX"}:
            anchor = anchor.head
        if anchor.dep_ in {"relcl", "acl"}:
            anchor = anchor.head
        while anchor.dep_ in {"pcomp", "xcomp"} and anchor.head.head.i != anchor.head.i:
            # "began an invasion by firing missiles yesterday": the means or the complement
            # of a verb happens when the verb does
            anchor = anchor.head.head if anchor.dep_ == "pcomp" else anchor.head
        if anchor.lemma_.lower() in self.reporting:
            # "X captured Y, the army said in a statement on Sunday": Sunday is the report's
            # time, not the capture's; it applies to statement triggers outside the report
            for child in anchor.children:
                if child.dep_ == "ccomp" and child.left_edge.i <= trigger.i <= child.right_edge.i:
                    return None
        if trigger.left_edge.i <= tok.i <= trigger.right_edge.i:
            return (0, abs(tok.i - trigger.i))
        if anchor.left_edge.i <= trigger.i <= anchor.right_edge.i:
            return (1, anchor.right_edge.i - anchor.left_edge.i)
        return None

    def _find(self, unit: Span) -> list[TimeValue]:
        """Every time expression of ``unit`` in text order; each becomes the last stated time
        the next anaphoric one ("that day", "two days earlier") refers to."""
        toks = unit  # indexed like a list; a Token is made only where one is read
        lowers = self.lowers[unit.start : unit.end]
        out: list[TimeValue] = []
        i = 0
        while i < len(toks):
            value = self._at(toks, lowers, i)
            if value is None:
                i += 1
                continue
            out.append(value)
            self.last = value
            end = value.mention.end if value.mention is not None else toks[i].idx + 1
            i += 1
            while i < len(toks) and toks[i].idx < end:
                i += 1
        return out

    def _at(self, toks, lowers, i: int) -> TimeValue | None:  # type: ignore[no-untyped-def]
        """The time expression that starts at token ``i`` of a unit, if one does."""
        word = lowers[i]
        if (
            word not in self.first_words
            and word not in WEEKDAYS
            and word not in self.months
            and not (len(word) == 4 and word.isdigit())
        ):
            return None
        for phrase in self.anaphoric:
            if tuple(lowers[i : i + len(phrase)]) == phrase and self.last is not None:
                shift = self.offsets.get(phrase, 0)
                mention = self._mention(toks[i], toks[i + len(phrase) - 1], "ANAPHORIC_TIME")
                return self._shifted(shift, mention)
        for phrase, kind in self.relative.items():
            if tuple(lowers[i : i + len(phrase)]) == phrase and self.published:
                return self._relative(kind, toks[i], toks[i + len(phrase) - 1])
        if word in WEEKDAYS:
            return self._weekdays(toks, lowers, i)
        if word in self.months and toks[i].pos_ == "PROPN":
            return self._month(toks, lowers, i)
        if word in self.numbers or word.isdigit():
            counted = self._counted(toks, lowers, i)
            if counted is not None:
                return counted
        if len(word) == 4 and word.isdigit():
            return self._year(toks, lowers, i)
        return None

    def _shifted(self, shift: int, mention: Mention) -> TimeValue | None:
        """The last stated time moved by ``shift`` days (day precision), else as it is."""
        base = self.last
        if base is None:
            return None
        day = (base.end or base.start) if shift >= 0 else base.start
        if base.precision in {DatePrecision.DAY, DatePrecision.SPAN}:
            return TimeValue(DatePrecision.DAY, day + timedelta(days=shift), None, mention)
        if shift:
            return None  # "two days earlier" than a month: no day to count from
        return TimeValue(base.precision, base.start, base.end, mention)

    def _counted(self, toks, lowers, i: int) -> TimeValue | None:  # type: ignore[no-untyped-def]
        """ "two days earlier" / "a week later" (from the last stated time) and "three days
        ago" (from the publication date)."""
        if i + 2 >= len(toks):
            return None
        unit_days = self.count_units.get(lowers[i + 1])
        if unit_days is None:
            return None
        word = lowers[i]
        n = int(word) if word.isdigit() else self.numbers.get(word)
        if n is None or n > 400:
            return None
        after = lowers[i + 2]
        if i + 3 < len(toks) and toks[i + 3].pos_ in {"DET", "NOUN", "PROPN", "PRON", "NUM"}:
            return None  # "two days before the vote": counted from that, not the last time
        if after in self.count_ago and self.published is not None:
            day = self.published - timedelta(days=n * unit_days)
            return TimeValue(
                DatePrecision.DAY, day, None, self._mention(toks[i], toks[i + 2], "TIME")
            )
        mention = self._mention(toks[i], toks[i + 2], "ANAPHORIC_TIME")
        if after in self.count_before:
            return self._shifted(-n * unit_days, mention)
        if after in self.count_after:
            return self._shifted(n * unit_days, mention)
        return None

    def _year(self, toks, lowers, i: int) -> TimeValue | None:  # type: ignore[no-untyped-def]
        """A year on its own after a preposition ("in 2011", "of 2001"): year precision."""
        year = int(lowers[i])
        if not (1900 <= year <= 2100) or i == 0 or lowers[i - 1] not in self.year_preps:
            return None
        if toks[i].dep_ not in {"pobj", "npadvmod", "nummod"} or toks[i].ent_type_ != "DATE":
            return None
        if self.published is not None and year > self.published.year:
            return None
        mention = self._mention(toks[i], toks[i], "TIME")
        return TimeValue(DatePrecision.YEAR, date(year, 1, 1), None, mention)

    def _mention(self, first, last, label: str) -> Mention:  # type: ignore[no-untyped-def]
        return self.ctx.mention(first.i, last.i + 1, label)

    def _relative(self, kind: str, first, last) -> TimeValue | None:  # type: ignore[no-untyped-def]
        assert self.published is not None
        text = " ".join(t.text for t in self.ctx.doc[first.i : last.i + 1])
        mention = self._mention(first, last, "TIME")
        if kind == "night":  # "overnight" in a report: the night before it
            return TimeValue(
                DatePrecision.SPAN, self.published - timedelta(days=1), self.published, mention
            )
        if kind == "span7":
            start = self.published - timedelta(days=7 + self.published.weekday())
            if text.lower().startswith("this"):
                start = self.published - timedelta(days=self.published.weekday())
                return TimeValue(DatePrecision.SPAN, start, self.published, mention)
            return TimeValue(DatePrecision.SPAN, start, start + timedelta(days=6), mention)
        day = _parse(text, self.published)
        if day is None:
            return None
        if kind == "month":
            return TimeValue(DatePrecision.MONTH, day.replace(day=1), None, mention)
        if kind == "year":
            return TimeValue(DatePrecision.YEAR, day.replace(month=1, day=1), None, mention)
        return TimeValue(DatePrecision.DAY, day, None, mention)

    def _weekday(self, word: str) -> date | None:
        """A weekday name: the latest such day up to the publication day itself."""
        assert self.published is not None
        return _weekday_before(word, self.published + timedelta(days=1))

    def _weekdays(self, toks, lowers, i: int) -> TimeValue | None:  # type: ignore[no-untyped-def]
        if self.published is None:
            return None
        first_day = self._weekday(lowers[i])
        if first_day is None:
            return None
        j = i + 1
        while j < len(toks) and lowers[j] in _PARTS:
            j += 1
        if j + 1 < len(toks) and lowers[j] in _JOIN and lowers[j + 1] in WEEKDAYS:
            second = self._weekday(lowers[j + 1])
            if second is not None:
                k = j + 2
                while k < len(toks) and lowers[k] in _PARTS:
                    k += 1
                lo, hi = sorted((first_day, second))
                mention = self._mention(toks[i], toks[k - 1], "TIME")
                return TimeValue(DatePrecision.SPAN, lo, hi, mention)
        if i > 0 and lowers[i - 1] in self.since_words and first_day < self.published:
            # "since Sunday": from that day up to the report
            mention = self._mention(toks[i - 1], toks[j - 1], "TIME")
            return TimeValue(DatePrecision.SPAN, first_day, self.published, mention)
        start = i
        while start > 0 and lowers[start - 1] in {"late", "early"} | _PARTS:
            start -= 1
        return TimeValue(
            DatePrecision.DAY, first_day, None, self._mention(toks[start], toks[j - 1], "TIME")
        )

    def _month(self, toks, lowers, i: int) -> TimeValue | None:  # type: ignore[no-untyped-def]
        lo = i - 1 if i > 0 and toks[i - 1].like_num else i
        hi = i + 1
        while hi < len(toks) and (toks[hi].like_num or toks[hi].text == ","):
            hi += 1
        while hi > i + 1 and toks[hi - 1].text == ",":
            hi -= 1
        text = " ".join(t.text for t in toks[lo:hi] if t.text != ",")
        has_day = lo < i or any(t.like_num and len(t.text) <= 2 for t in toks[i + 1 : hi])
        has_year = any(t.like_num and len(t.text) == 4 for t in toks[lo:hi])
        if not (has_year or self.published):
            return None
        day = _parse(text, self.published, absolute=True)
        if day is None:
            return None
        mention = self._mention(toks[lo], toks[hi - 1], "TIME")
        if has_day and has_year:
            self.written[(day.month, day.day)] = day.year
        elif has_day and (day.month, day.day) in self.written:
            # "January 6" after "January 6, 2021": the same day again, not this year's
            day = day.replace(year=self.written[(day.month, day.day)])
        elif has_day and not has_year and self.published is not None:
            day = _nearest_year(day, self.published)
        if has_day:
            return TimeValue(DatePrecision.DAY, day, None, mention)
        return TimeValue(DatePrecision.MONTH, day.replace(day=1), None, mention)
