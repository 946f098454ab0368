"""Users (a JSON file of salted bcrypt hashes), sign-in checks, and a limit on failed attempts.

File: `$OVERSIGHT_USERS`, else data/users.json (not committed):
    {"users": [{"name": "zhang", "role": "editor", "district": "嘉定区", "town": null,
                "hash": "$2b$12$…", "email": "zhang@example.gov.cn"}]}
No file means an open, read-only demo. A file without users means nobody can sign in (never demo),
and a file that cannot be read raises UsersFileError with one message for the page.
"""

from __future__ import annotations

import json
import logging
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import bcrypt

from oversight.access.roles import ROLES, User
from oversight.domain.places import DISTRICTS, towns
from oversight.paths import DATA_DIR

log = logging.getLogger("oversight.auth")
MAX_FAILURES, WINDOW_SECONDS = 5, 300  # 5 attempts per 5 minutes per name (successes are given back)
MIN_PASSWORD = 8  # characters that are not whitespace
MAX_PASSWORD_BYTES = 72  # bcrypt's limit: bcrypt 5 refuses longer input rather than truncating it
DEFAULT_ROUNDS = 12  # bcrypt.gensalt()'s cost
_BCRYPT = re.compile(r"\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}")
WRONG = "用户名或密码错误"


class UsersFileError(ValueError):
    """The users file exists but cannot be used; the message is for the page (Chinese, no full path)."""


def users_file() -> Path:
    return Path(os.environ.get("OVERSIGHT_USERS") or DATA_DIR / "users.json")


def load(path: Path | None = None) -> dict[str, dict]:
    """Users by name ({} when there is no file); parsed again only when the file changed."""
    path = path or users_file()
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    users, problem = _parse(str(path), st.st_ino, st.st_mtime_ns, st.st_size)
    if problem:
        raise UsersFileError(
            f"用户文件 {path.name} {problem}。修复之前任何人都无法登录，请联系管理员（完整路径见服务器日志）。"
        )
    return dict(users)


@lru_cache(maxsize=8)
def _parse(path: str, inode: int, mtime_ns: int, size: int) -> tuple[dict[str, dict], str | None]:
    """(users, problem); a problem is cached with the file's version so it is logged once, not per page."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        log.error("users file %s unreadable: %s", path, exc)
        return {}, "无法读取"
    except json.JSONDecodeError as exc:
        log.error("users file %s is not valid JSON: %s", path, exc)
        return {}, f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列），可能被截断或手工改坏"
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        log.error("users file %s has no users list", path)
        return {}, "缺少 users 列表"
    users: dict[str, dict] = {}
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            log.error("users file %s: entry %d has no name", path, n)
            return {}, f"第 {n} 个用户缺少用户名"
        if entry.get("role", "viewer") not in ROLES:
            log.error("users file %s: %r has role %r", path, entry["name"], entry.get("role"))
            return {}, f"用户 {entry['name']} 的角色无效（应为 {'、'.join(ROLES)}）"
        if not _cost(entry):
            log.error("users file %s: %r has no valid bcrypt hash; it cannot sign in", path, entry["name"])
        users[entry["name"]] = entry
    _dummy(max((_cost(e) or 0 for e in users.values()), default=0) or DEFAULT_ROUNDS)  # warm, not on a sign-in
    return users, None


def _cost(entry: dict | None) -> int | None:
    """The bcrypt cost of an entry's hash, or None when the hash is missing or malformed."""
    stored = entry.get("hash") if entry else None
    match = _BCRYPT.fullmatch(stored) if isinstance(stored, str) else None
    return int(match.group(1)) if match and 4 <= int(match.group(1)) <= 31 else None


@lru_cache(maxsize=4)
def _dummy(rounds: int) -> bytes:
    """A hash of a random password at a given cost: unknown names are checked against it."""
    return bcrypt.hashpw(os.urandom(18).hex().encode(), bcrypt.gensalt(rounds))


def password_problem(password: str) -> str | None:
    """Why a password is not acceptable (for `user add` and for sign-in), or None."""
    if len("".join(password.split())) < MIN_PASSWORD:
        return f"密码至少需要 {MIN_PASSWORD} 个非空白字符"
    try:
        size = len(password.encode("utf-8"))
    except UnicodeEncodeError:
        return "密码含有无效字符"
    if size > MAX_PASSWORD_BYTES:
        return f"密码不能超过 {MAX_PASSWORD_BYTES} 字节（UTF-8；一个汉字为 3 字节）"
    return None


def new_entry(
    name: str,
    password: str,
    role: str,
    district: str | None = None,
    town: str | None = None,
    email: str | None = None,
    rounds: int = DEFAULT_ROUNDS,
) -> dict:
    """A checked user entry with a salted bcrypt hash (the password itself is never kept)."""
    if not name.strip():
        raise ValueError("用户名不能为空")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if district is not None and district not in DISTRICTS:
        raise ValueError(f"unknown district {district!r}")
    if town is not None and (town not in towns() or (district and towns()[town].district != district)):
        raise ValueError(f"unknown town {town!r} (or not in {district})")
    if town and not district:
        district = towns()[town].district
    if problem := password_problem(password):
        raise ValueError(problem)
    return {
        "name": name,
        "role": role,
        "district": district,
        "town": town,
        "email": email,
        "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds)).decode(),
    }


def add(
    name: str,
    password: str,
    role: str,
    district: str | None = None,
    town: str | None = None,
    email: str | None = None,
    path: Path | None = None,
    rounds: int = DEFAULT_ROUNDS,
) -> None:
    """Add or replace a user in the users file (the embedded default)."""
    write_entry(new_entry(name, password, role, district, town, email, rounds), path)


def write_entry(entry: dict, path: Path | None = None) -> None:
    """Add or replace a checked entry (from `new_entry`) in the users file."""
    path = path or users_file()
    users = load(path)  # a broken file raises here: it is never overwritten
    users[entry["name"]] = entry
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"users": list(users.values())}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def as_user(entry: dict) -> User:
    return User(entry["name"], entry.get("role", "viewer"), entry.get("district"), entry.get("town"))


class AttemptLimiter(Protocol):
    """The attempt limit (store/accounts.py keeps it in the shared store, so it holds across replicas).

    `take` reserves an attempt before the password is checked (attempts fired at once count) and
    returns its stamp, or None when the name is blocked; `give_back` returns it after a success."""

    def take(self, name: str, now: float | None = None) -> float | None: ...
    def give_back(self, name: str, stamp: float) -> None: ...


def _verify(password: str, entry: dict | None, users: dict[str, dict]) -> bool:
    """One bcrypt check whatever the name: unknown names and broken hashes cost what a real check does."""
    if entry is not None and _cost(entry):
        return bcrypt.checkpw(password.encode(), entry["hash"].encode())
    rounds = max((_cost(e) or 0 for e in users.values()), default=0) or DEFAULT_ROUNDS
    bcrypt.checkpw(password.encode(), _dummy(rounds))
    return False


def sign_in(
    name: str, password: str, users: dict[str, dict], limiter: AttemptLimiter, now: float | None = None
) -> tuple[User | None, str]:
    """(user, message). Failures and blocks are logged; the message never says which part was wrong."""
    stamp = limiter.take(name, now)
    if stamp is None:
        log.warning("sign-in blocked for %r: too many failures", name)
        return None, f"失败次数过多，请 {WINDOW_SECONDS // 60} 分钟后再试"
    if problem := password_problem(password):  # never checked against a hash (the empty password included)
        log.warning("failed sign-in for %r: the password breaks the rules", name)
        return None, problem
    entry = users.get(name)
    if not _verify(password, entry, users):
        log.warning("failed sign-in for %r", name)
        return None, WRONG
    limiter.give_back(name, stamp)
    log.info("signed in: %s (%s)", name, entry.get("role"))
    return as_user(entry), "ok"
