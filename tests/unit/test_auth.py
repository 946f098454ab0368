"""Sign-in: the limit is taken before the hash, unknown names cost what known ones do, password rules, users file."""

from __future__ import annotations

import io
import json
import statistics
import threading
import time
from pathlib import Path

import bcrypt
import pytest

from oversight.access import auth
from oversight.access.roles import User
from oversight.cli import main
from oversight.store import migrate
from oversight.store.accounts import KEY_CHARS, DbLimiter
from oversight.store.backend import Backend, DuckDBBackend
from oversight.store.shared import Shared

ROUNDS = 6  # fast hashes; both paths pay the same cost whatever it is


def entry(name: str, password: str, role: str = "editor", rounds: int = ROUNDS) -> dict:
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode()
    return {"name": name, "role": role, "district": "嘉定区", "town": None, "hash": hashed}


@pytest.fixture
def users() -> dict[str, dict]:
    return {"zhang": entry("zhang", "correct-horse")}


@pytest.fixture
def limiter(shared_store: Shared) -> DbLimiter:
    """The attempt limit the app uses, in the shared store: every test here runs on DuckDB and PostgreSQL."""
    return shared_store.limiter


@pytest.fixture
def roomy(tmp_path: Path) -> DbLimiter:
    """A limit that never bites, for the tests about passwords (the embedded store is enough there)."""
    backend = DuckDBBackend(tmp_path / "roomy.duckdb")
    migrate.upgrade(backend)
    return DbLimiter(backend, failures=1_000)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every password that reached bcrypt; each check is slowed so that attempts overlap."""
    seen: list[bytes] = []
    real = bcrypt.checkpw

    def counting(password: bytes, hashed: bytes) -> bool:
        seen.append(password)
        time.sleep(0.05)
        return real(password, hashed)

    monkeypatch.setattr(auth.bcrypt, "checkpw", counting)
    return seen


def fire_at_once(passwords: list[str], users: dict, limiter: auth.AttemptLimiter) -> list[tuple[User | None, str]]:
    """Sign in with every password at the same moment, one thread each."""
    barrier = threading.Barrier(len(passwords))
    results: list[tuple[User | None, str]] = []

    def attempt(password: str) -> None:
        barrier.wait()
        results.append(auth.sign_in("zhang", password, users, limiter))

    threads = [threading.Thread(target=attempt, args=(p,)) for p in passwords]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_fifteen_wrong_attempts_at_once_check_five_passwords(users, checked, limiter) -> None:
    results = fire_at_once([f"wrong-guess-{k}" for k in range(15)], users, limiter)
    assert len(checked) == 5
    assert sum("失败次数过多" in message for _, message in results) == 10
    assert sum(message == auth.WRONG for _, message in results) == 5


def test_the_right_password_among_fifteen_at_once_is_not_always_checked(users, checked, limiter) -> None:
    results = fire_at_once([f"wrong-guess-{k}" for k in range(14)] + ["correct-horse"], users, limiter)
    assert len(checked) <= 6  # five places, plus one a success may have given back to a straggler
    assert sum("失败次数过多" in message for _, message in results) >= 9


def test_the_limit_counts_failures_and_gives_back_successes(users, limiter) -> None:
    for k in range(10):  # successes do not use up the allowance
        assert auth.sign_in("zhang", "correct-horse", users, limiter, now=k)[0] == User("zhang", "editor", "嘉定区")
    for k in range(5):
        assert auth.sign_in("zhang", f"wrong-guess-{k}", users, limiter, now=10 + k) == (None, auth.WRONG)
    assert "失败次数过多" in auth.sign_in("zhang", "correct-horse", users, limiter, now=20)[1]
    assert auth.sign_in("zhang", "correct-horse", users, limiter, now=20 + auth.WINDOW_SECONDS)[0] is not None
    assert auth.sign_in("nobody", "wrong-guess", users, limiter, now=20) == (None, auth.WRONG)  # per name


def test_made_up_names_do_not_grow_the_limiter_forever(limiter: DbLimiter, backend: Backend) -> None:
    for k in range(200):
        limiter.take(f"name-{k}", now=0)
    assert limiter.size() == 200
    limiter.take("late", now=auth.WINDOW_SECONDS + 1)
    assert limiter.size() == 1  # every attempt older than the window is swept


def test_a_long_made_up_name_is_kept_short(limiter: DbLimiter, backend: Backend) -> None:
    assert limiter.take("x" * 10_000, now=0) == 0
    assert backend.fetch("SELECT max(length(name)) FROM signin_attempts")[0][0] == KEY_CHARS


def test_the_limit_holds_across_processes_sharing_the_store(users, backend: Backend) -> None:
    """Two replicas (two limiters on one store): five failures in all block the name on both."""
    one, two = DbLimiter(backend), DbLimiter(backend)
    for k in range(3):
        assert auth.sign_in("zhang", f"wrong-guess-{k}", users, one, now=10 + k) == (None, auth.WRONG)
    for k in range(2):
        assert auth.sign_in("zhang", f"wrong-guess-{k}", users, two, now=20 + k) == (None, auth.WRONG)
    assert "失败次数过多" in auth.sign_in("zhang", "correct-horse", users, one, now=30)[1]


def median_seconds(name: str, users: dict, limiter: auth.AttemptLimiter) -> float:
    times = []
    for _ in range(9):
        start = time.perf_counter()
        assert auth.sign_in(name, "wrong-password", users, limiter)[0] is None
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_unknown_names_and_broken_hashes_cost_what_a_known_name_costs(backend: Backend) -> None:
    users = {"zhang": entry("zhang", "correct-horse", rounds=10), "odd": {"name": "odd", "hash": "not-bcrypt"}}
    limiter = DbLimiter(backend, failures=1_000)
    known = median_seconds("zhang", users, limiter)
    assert known > 0.01  # the hash is what takes the time (cost 10)
    assert median_seconds("nobody", users, limiter) >= 0.5 * known
    assert median_seconds("odd", users, limiter) >= 0.5 * known


@pytest.mark.parametrize(
    "password",
    ["", " " * 8, "\u3000" * 12, "short", "a b c d e f g", "abc\tdefg", "x" * 73, "密码" * 13],
    ids=["empty", "spaces", "ideographic-spaces", "short", "seven-with-spaces", "tab", "73-bytes", "78-bytes-cjk"],
)
def test_weak_or_unhashable_passwords_are_refused_by_user_add(tmp_path: Path, password: str) -> None:
    path = tmp_path / "users.json"
    with pytest.raises(ValueError, match="密码"):
        auth.add("zhang", password, "viewer", path=path, rounds=ROUNDS)
    assert not path.exists()


@pytest.mark.parametrize("password", ["correct-horse", "a b c d e f g h", "密码密码密码密码", "x" * 72])
def test_good_passwords_are_taken(tmp_path: Path, password: str, roomy: DbLimiter) -> None:
    path = tmp_path / "users.json"
    auth.add("zhang", password, "viewer", path=path, rounds=ROUNDS)
    assert auth.sign_in("zhang", password, auth.load(path), roomy)[0] == User("zhang")


def test_user_add_on_the_command_line_refuses_blank_passwords(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("OVERSIGHT_USERS", str(tmp_path / "users.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO(" " * 8 + "\n"))
    assert main(["user", "add", "zhang", "--password-stdin"]) == 2
    assert f"密码至少需要 {auth.MIN_PASSWORD} 个非空白字符" in capsys.readouterr().out
    assert not (tmp_path / "users.json").exists()


@pytest.mark.parametrize("stored", ["", " " * 8, "short"], ids=["empty", "spaces", "short"])
def test_an_entry_hashed_from_a_weak_password_cannot_sign_in(stored: str, roomy: DbLimiter) -> None:
    users = {"root": entry("root", stored, role="admin")}
    user, message = auth.sign_in("root", stored, users, roomy)
    assert user is None
    assert message == f"密码至少需要 {auth.MIN_PASSWORD} 个非空白字符"


def test_odd_passwords_and_entries_are_refused_without_raising(roomy: DbLimiter) -> None:
    users = {"zhang": entry("zhang", "correct-horse"), "nohash": {"name": "nohash"}, "bad": {"name": "bad", "hash": 7}}
    limiter = roomy
    assert auth.sign_in("zhang", "x" * 500, users, limiter)[1].startswith("密码不能超过")  # bcrypt 5 would raise
    assert auth.sign_in("zhang", "\ud800" * 9, users, limiter) == (None, "密码含有无效字符")
    assert auth.sign_in("nohash", "correct-horse", users, limiter) == (None, auth.WRONG)
    assert auth.sign_in("bad", "correct-horse", users, limiter) == (None, auth.WRONG)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"users": [{"name": "zhang", "ha', "不是有效的 JSON（第 1 行"),
        ("[]", "缺少 users 列表"),
        ('{"users": {"zhang": {}}}', "缺少 users 列表"),
        ('{"users": [{"role": "admin"}]}', "第 1 个用户缺少用户名"),
        ('{"users": [{"name": "zhang", "role": "root"}]}', "用户 zhang 的角色无效"),
        (b"\xff\xfe{", "无法读取"),
    ],
    ids=["truncated", "a-list", "users-not-a-list", "no-name", "bad-role", "not-utf8"],
)
def test_a_broken_users_file_is_one_clear_message(tmp_path: Path, content: str | bytes, says: str) -> None:
    path = tmp_path / "users.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(auth.UsersFileError) as raised:
        auth.load(path)
    message = str(raised.value)
    assert says in message
    assert "users.json" in message
    assert str(tmp_path) not in message  # the full path is for the server log
    with pytest.raises(auth.UsersFileError):  # and the file is never overwritten by a new user
        auth.add("li", "correct-horse", "viewer", path=path, rounds=ROUNDS)
    assert path.read_bytes() == (content if isinstance(content, bytes) else content.encode())


def test_an_empty_users_list_loads_as_no_users(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    path.write_text(json.dumps({"users": []}), encoding="utf-8")
    assert auth.load(path) == {}
    assert path.exists()


def test_user_add_reads_a_windows_line_end_off_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roomy: DbLimiter
) -> None:
    monkeypatch.setenv("OVERSIGHT_USERS", str(tmp_path / "users.json"))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct-horse\r\n"))
    assert main(["user", "add", "zhang", "--password-stdin"]) == 0
    assert auth.sign_in("zhang", "correct-horse", auth.load(tmp_path / "users.json"), roomy)[0] is not None
