"""Every message exists in French and in English; dates follow X5."""

from __future__ import annotations

import datetime as dt
import re

from chorus_tui.i18n import catalogues, format_date, format_long_datetime, format_time, parse_date


def test_french_and_english_catalogues_have_the_same_keys():
    fr, en = catalogues()["FR"], catalogues()["EN"]
    assert sorted(fr.keys() - en.keys()) == []
    assert sorted(en.keys() - fr.keys()) == []


def test_messages_use_the_same_parameters_in_both_languages():
    fr, en = catalogues()["FR"], catalogues()["EN"]
    for key, text in fr.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", en[key])), key


def test_dates_are_shown_in_paris_as_jj_mm_aaaa_and_hh_mm_ss():
    instant = dt.datetime(2017, 4, 5, 13, 33, 28, tzinfo=dt.UTC)
    assert format_date(instant) == "05/04/2017"
    assert format_time(instant) == "15:33:28"


def test_long_dates_have_month_names_in_the_users_language():
    instant = dt.datetime(2017, 4, 5, 13, 33, 28, tzinfo=dt.UTC)
    assert format_long_datetime(instant, "FR") == "5 avril 2017 15:33:28"
    assert format_long_datetime(instant, "EN") == "5 April 2017 15:33:28"


def test_parse_date_reads_jj_mm_aaaa_only():
    assert parse_date("31/12/2026") == dt.date(2026, 12, 31)
    assert parse_date("2026-12-31") is None
    assert parse_date("31/02/2026") is None
