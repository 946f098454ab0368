"""Sign-in for the app: users from the users file, or from PostgreSQL when `OVERSIGHT_DB_URL` is set
(or an OIDC provider via st.login); idle time-out. The attempt limit lives in the shared store, so
it holds across replicas, and every sign-in, failure and block goes to the audit log.

Without users (and without OIDC) the embedded app is an open, read-only demo and says so. A users
file that cannot be read, or that lists nobody, closes the app with one message instead; so does a
shared database without users (a deployment is never an open demo).
"""

from __future__ import annotations

import os
import time
from typing import NoReturn

import streamlit as st

from dashboard import ui
from oversight.access import auth
from oversight.access.embed import SECRET_ENV

IDLE_MINUTES = float(os.environ.get("OVERSIGHT_IDLE_MINUTES", "30"))
ROLE_ZH = {"viewer": "查看", "editor": "编辑", "admin": "管理员"}


def secret(key: str) -> object | None:
    """A value from .streamlit/secrets.toml, or None when there is no such file or key."""
    try:
        return st.secrets.get(key)
    except Exception:  # noqa: BLE001 - no secrets file is the common case
        return None


def embed_secret() -> str | None:
    """The wall's signing secret: secrets.toml `embed_secret`, else $OVERSIGHT_EMBED_SECRET."""
    return secret("embed_secret") or os.environ.get(SECRET_ENV) or None


def _oidc_configured() -> bool:
    return secret("auth") is not None


def sign_out() -> None:
    st.session_state.pop("user", None)
    if _oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def _closed(message: str) -> NoReturn:
    """Nobody can sign in: say why once, on whatever page was asked for, and draw nothing else."""
    st.session_state.pop("user", None)
    st.title("绩效驾驶舱")
    st.error(message)
    st.stop()


def users() -> dict[str, dict]:
    """Users by name: from the shared database when one is configured, else the users file."""
    in_db = ui.shared().users
    return in_db.load() if in_db else auth.load()


def require() -> None:
    """Make sure the session has a user when users are configured; draw the user box in the sidebar."""
    in_db = ui.shared().users
    try:
        users = in_db.load() if in_db else auth.load()
    except auth.UsersFileError as exc:
        _closed(ui.md_text(exc))
    if not users and in_db:
        _closed("共享数据库中没有任何用户，因此无法登录。请用 `python -m oversight user add` 添加用户。")
    if not users and auth.users_file().exists():  # an emptied list is a mistake, not a wish for demo mode
        _closed(
            f"用户文件 {auth.users_file().name} 中没有任何用户，因此无法登录。请用 "
            "`python -m oversight user add` 添加用户；若要开放的只读演示模式，请删除该文件。"
        )
    if not users and not _oidc_configured():
        st.session_state.pop("user", None)
        st.sidebar.caption("演示模式：未配置用户，所有人只读访问（见 README“登录与权限”）。")
        return
    user = st.session_state.get("user")
    last = st.session_state.get("last_active", time.time())
    if user and time.time() - last > IDLE_MINUTES * 60:
        sign_out()
        st.session_state["signed_out_idle"] = True
        user = None
    st.session_state["last_active"] = time.time()
    if user is None and _oidc_configured() and getattr(st.user, "is_logged_in", False):
        entry = next((u for u in users.values() if u.get("email") == st.user.get("email")), None)
        if entry:
            user = st.session_state["user"] = auth.as_user(entry)
    if user is not None:
        scope = f"{user.district or '全市'}{user.town or ''}"
        st.sidebar.caption(f"已登录：{ui.md_text(user.name)}（{ROLE_ZH[user.role]} · {scope}）")
        st.sidebar.button("退出登录", on_click=sign_out, key="sign_out")
        return
    st.title("绩效驾驶舱 · 登录")
    if st.session_state.pop("signed_out_idle", False):
        st.info(f"超过 {IDLE_MINUTES:.0f} 分钟未操作，已自动退出，请重新登录。")
    with st.form("sign_in"):
        name = st.text_input("用户名")
        password = st.text_input("密码", type="password")
        submitted = st.form_submit_button("登录", type="primary")
    if submitted:
        signed, message = auth.sign_in(name, password, users, ui.shared().limiter)
        ui.shared().record(name, "sign_in" if signed else "sign_in_refused", None if signed else message)
        if signed:
            st.session_state["user"] = signed
            st.rerun()
        st.error(message)
    if _oidc_configured():
        st.button("使用统一身份认证登录", on_click=st.login)
    st.stop()
