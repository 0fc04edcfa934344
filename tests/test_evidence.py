"""Locating quotes: white space folded, hints honoured, misses reported."""

from kg.evidence import fold, locate, quote_at

TEXT = "The Home Secretary said:\nWe will  stop\nthe boats.\nWe will stop the boats."


def test_fold_collapses_runs_of_white_space():
    assert fold("  a\n\tb   c ") == "a b c"


def test_locate_matches_across_line_breaks_and_double_spaces():
    start, end = locate(TEXT, "We will stop the boats.")
    assert (start, end) == (25, 49)  # "We will  stop\nthe boats." is 24 characters
    assert quote_at(TEXT, start, end) == "We will stop the boats."


def test_locate_with_hint_picks_the_later_occurrence():
    second = TEXT.rindex("We will stop")
    assert locate(TEXT, "We will stop the boats.", hint=second) == (second, len(TEXT))


def test_locate_with_wrong_hint_or_missing_quote_is_none():
    assert locate(TEXT, "We will stop the boats.", hint=3) is None
    assert locate(TEXT, "We will start the boats.") is None
    assert locate(TEXT, "boats", hint=len(TEXT) + 10) is None
