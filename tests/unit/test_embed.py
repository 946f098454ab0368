"""Signed wall URLs: a token binds the scope and an expiry."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from hypothesis import given
from hypothesis import strategies as st

from oversight.access.embed import canonical, check, sign, wall_url
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
    assert urlparse(url).path == "/bigscreen" and q["embed"] == "true" and q["rotate"] == "15"
    assert check({"district": q["district"], "year": q["year"]}, q["token"], "s3cret")[0]
    monkeypatch.setenv("OVERSIGHT_EMBED_SECRET", "s3cret")
    assert main(["embed-url", "--district", "嘉定区", "--year", "2024", "--days", "1"]) == 0
    printed = capsys.readouterr().out.strip()
    q = {k: v[0] for k, v in parse_qs(urlparse(printed).query).items()}
    assert check({"district": "嘉定区", "year": "2024"}, q["token"], "s3cret")[0]
