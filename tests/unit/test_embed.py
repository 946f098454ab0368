"""Signed wall URLs: a token binds the scope and an expiry; tokens of any shape are refused, never raised."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight.access.embed import SCOPE_KEYS, canonical, check, expiry, sign, wall_url
from oversight.cli import main

SCOPE = {"district": "嘉定区", "year": 2024}


def test_good_token_passes() -> None:
    token = sign(SCOPE, 2_000_000_000, "s3cret")
    assert check(SCOPE, token, "s3cret", now=1_900_000_000) == (True, "ok")


def test_tokens_fail_for_a_reason() -> None:
    token = sign(SCOPE, 2_000_000_000, "s3cret")
    assert check(SCOPE, None, "s3cret", now=0) == (False, "no token")
    assert check(SCOPE, "garbage", "s3cret", now=0) == (False, "malformed token")
    assert check(SCOPE, token, "other", now=0)[1] == "signature does not match the scope"
    assert (
        check({"district": "闵行区", "year": 2024}, token, "s3cret", now=0)[1] == "signature does not match the scope"
    )
    assert check({"district": "嘉定区"}, token, "s3cret", now=0)[1] == "signature does not match the scope"  # widened
    assert check(SCOPE, token, "s3cret", now=2_000_000_001) == (False, "token expired")
    forged = "2999999999." + token.partition(".")[2]  # a later expiry with the old signature
    assert check(SCOPE, forged, "s3cret", now=0)[1] == "signature does not match the scope"


@given(st.dictionaries(st.sampled_from(["district", "year", "theme", "junk"]), st.text(max_size=10)))
def test_canonical_ignores_order_and_unknown_keys(scope: dict) -> None:
    reordered = dict(reversed(list(scope.items())))
    assert canonical(scope) == canonical(reordered)
    assert "junk" not in canonical(scope)


def test_wall_url_round_trips(capsys, monkeypatch) -> None:
    url = wall_url("http://wall:8501", SCOPE, "s3cret", 30, {"rotate": 15})
    q = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert urlparse(url).path == "/bigscreen"
    assert q["embed"] == "true"
    assert q["rotate"] == "15"
    assert check({"district": q["district"], "year": q["year"]}, q["token"], "s3cret")[0]
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "s3cret")
    assert main(["embed-url", "--district", "嘉定区", "--year", "2024", "--days", "1"]) == 0
    printed = capsys.readouterr().out.strip()
    q = {k: v[0] for k, v in parse_qs(urlparse(printed).query).items()}
    assert check({"district": "嘉定区", "year": "2024"}, q["token"], "s3cret")[0]


GOOD = sign(SCOPE, 2_000_000_000, "s3cret")
MAC = GOOD.partition(".")[2]


@pytest.mark.parametrize(
    "token",
    [
        f"²000000000.{MAC}",  # a superscript digit: str.isdigit() says yes, int() says no
        f"{'9' * 5000}.{MAC}",  # more digits than int() reads
        f"٢٠٠٠٠٠٠٠٠٠.{MAC}",  # Arabic-Indic digits: int() reads them, the signature never had them
        f"2000000000.{MAC.upper()}",
        f"2000000000.{MAC[:-1]}é",  # non-ASCII in the MAC: compare_digest would raise
        f"2000000000.{MAC}.extra",
        f"2000000000{MAC}",
        f".{MAC}",
        "2000000000.",
        ".",
        "令牌",
        " " + GOOD,
        GOOD + "\n",
        f"-1.{MAC}",
        f"+2000000000.{MAC}",
        f"2_000_000_000.{MAC}",
    ],
)
def test_tokens_of_any_shape_are_refused_cleanly(token: str) -> None:
    assert check(SCOPE, token, "s3cret", now=0) == (False, "malformed token")


def test_odd_scopes_are_refused_not_raised() -> None:
    assert check({"district": "\ud800"}, GOOD, "s3cret", now=0) == (False, "malformed scope")  # a lone surrogate
    assert check({"district": "嘉定区", "year": 10**5000}, GOOD, "s3cret", now=0)[0] is False
    assert check(SCOPE, 12345, "s3cret", now=0) == (False, "malformed token")  # not even text


@given(st.text(max_size=200))
def test_any_text_is_refused_or_valid_and_never_raises(token: str) -> None:
    ok, reason = check(SCOPE, token, "s3cret", now=0)
    assert ok is (token == GOOD)
    assert isinstance(reason, str)


@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789.abcdef²٣"), max_size=90),
    st.dictionaries(st.sampled_from([*SCOPE_KEYS, "junk"]), st.text(max_size=20), max_size=4),
)
def test_any_token_and_scope_pair_never_raises(token: str, scope: dict) -> None:
    ok, _ = check(scope, token, "s3cret", now=0)
    assert ok in (True, False)


@given(st.integers(min_value=0, max_value=10**12 - 1), st.dictionaries(st.sampled_from(SCOPE_KEYS), st.text()))
def test_every_token_we_sign_passes_until_it_expires(expires: int, scope: dict) -> None:
    token = sign(scope, expires, "s3cret")
    assert expiry(token) == expires
    assert check(scope, token, "s3cret", now=expires) == (True, "ok")
    assert check(scope, token, "s3cret", now=expires + 1) == (False, "token expired")
