"""A Streamlit session without a browser: Streamlit's own websocket protocol, for tests and load runs.

It speaks what the browser speaks on `/_stcore/stream`: it sends `BackMsg.rerun_script` (a page by
its URL path and query string, with widget states) and reads the `ForwardMsg`s back (`new_session`,
the deltas, `script_finished`). It keeps the elements of the last run, so a caller finds a widget by
its label or key, fills text inputs, selects and multiselects, and submits a form or clicks a button
the way the browser does: the form's values and the button's trigger in one rerun.

Before the websocket it GETs the page like a browser, so a proxy's affinity cookie (and, on the
development cluster, its `X-Upstream` header) is known and sent with the websocket.

It lives in dashboard/ because it imports `streamlit.proto`, and `oversight/` never imports streamlit.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from http.cookies import SimpleCookie
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {0: "ok", 1: "compile_error", 2: "early_for_rerun", 3: "fragment_ok"}
WIDGETS = {"text_input", "text_area", "selectbox", "multiselect", "date_input", "button", "number_input"}
_TEXT_KINDS = {"markdown", "heading", "text", "alert", "exception", "metric", "code"}


class SessionError(RuntimeError):
    """The server closed the session, or a run did not finish in time, or a widget is not there."""


@dataclass
class Element:
    path: tuple[int, ...]
    kind: str
    proto: Any

    @property
    def id(self) -> str:
        return getattr(self.proto, "id", "")

    @property
    def label(self) -> str:
        return getattr(self.proto, "label", "")

    @property
    def form_id(self) -> str:
        return getattr(self.proto, "form_id", "")

    @property
    def text(self) -> str:
        p = self.proto
        if self.kind == "metric":
            return f"{p.label} {p.body}"
        if self.kind == "exception":
            return f"{p.type}: {p.message}"
        return getattr(p, "body", "")


@dataclass
class Run:
    """One script run as the client saw it: seconds from the request to `script_finished`."""

    seconds: float
    status: str
    elements: list[Element] = field(default_factory=list)


class Session:
    """One browser-less session against `base` (http://host:port), through a proxy or straight to a replica."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None, timeout: float = 60) -> None:
        self.base = base.rstrip("/")
        self.cookies = dict(cookies or {})
        self.timeout = timeout
        self.upstream: str | None = None  # the replica the proxy said it chose (development cluster)
        self.ws: Any = None
        self.page_name = ""
        self.page_hash = ""
        self.query = ""
        self.elements: dict[tuple[int, ...], Element] = {}
        self.states: dict[str, WidgetState] = {}
        self.auto: dict[str, float] = {}  # fragments the page asked to rerun every so many seconds
        self.closed = False

    # -- connecting -------------------------------------------------------------------------------
    def _get_page(self, path: str) -> None:
        req = urllib.request.Request(self.base + path, headers=self._cookie_header())
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            resp.read()
            self.upstream = resp.headers.get("X-Upstream") or self.upstream
            for raw in resp.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(raw).items():
                    self.cookies[name] = morsel.value

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    async def open(self, path: str = "/") -> Run:
        """Load a page the way a browser does (the HTML, then the websocket and the first run)."""
        start = time.perf_counter()
        parsed = urllib.parse.urlsplit(path)
        if self.ws is not None:  # a reload: the old session ends, as when a browser tab reloads
            await self.ws.close()
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        try:
            await asyncio.to_thread(self._get_page, path)
            self.ws = await websockets.connect(
                ws_url,
                subprotocols=["streamlit"],
                additional_headers=self._cookie_header(),
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,
            )
        except (OSError, TimeoutError, websockets.InvalidHandshake) as exc:
            raise SessionError(f"could not open {path}: {exc}") from exc
        self.page_name = parsed.path.strip("/")
        self.page_hash = ""
        self.query = parsed.query
        self.states, self.auto = {}, {}
        return await self._rerun(start)

    async def goto(self, path: str) -> Run:
        """Navigate within the session (a sidebar link): another page by URL path + query, same websocket."""
        parsed = urllib.parse.urlsplit(path)
        self.page_name, self.page_hash, self.query = parsed.path.strip("/"), "", parsed.query
        self.states, self.auto = {}, {}
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        self.closed = True

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- running ----------------------------------------------------------------------------------
    async def rerun(self, triggers: dict[str, WidgetState] | None = None) -> Run:
        """Run the page again with the widget states set so far (and one-shot triggers)."""
        return await self._rerun(time.perf_counter(), triggers)

    async def watch(self, seconds: float) -> int:
        """Stay on the page like an open browser tab: rerun each `run_every` fragment when it is due
        (the browser's timers do this, not the server). Returns how many fragment runs there were."""
        end = time.perf_counter() + seconds
        due = {f: time.perf_counter() + every for f, every in self.auto.items()}
        runs = 0
        while (now := time.perf_counter()) < end:
            ready = [f for f, at in due.items() if at <= now and f in self.auto]
            if not ready:
                await asyncio.sleep(max(0.0, min([*due.values(), end]) - now))
                continue
            for fragment in ready:
                await self._rerun(time.perf_counter(), fragment=fragment)
                due[fragment] = time.perf_counter() + self.auto.get(fragment, 1e9)
                runs += 1
            due |= {f: time.perf_counter() + every for f, every in self.auto.items() if f not in due}
        return runs

    async def _rerun(
        self, start: float, triggers: dict[str, WidgetState] | None = None, fragment: str | None = None
    ) -> Run:
        msg = BackMsg()
        cs = msg.rerun_script
        if fragment:
            cs.fragment_id, cs.is_auto_rerun = fragment, True
        cs.query_string = self.query
        cs.page_name = self.page_name
        cs.page_script_hash = self.page_hash
        cs.context_info.timezone = "Asia/Shanghai"
        cs.context_info.locale = "zh-CN"
        for state in {**self.states, **(triggers or {})}.values():
            cs.widget_states.widgets.add().CopyFrom(state)
        try:
            await self.ws.send(msg.SerializeToString())
            status = await asyncio.wait_for(self._read_until_finished(), self.timeout)
        except (websockets.ConnectionClosed, OSError) as exc:
            self.closed = True
            raise SessionError(f"the session's connection ended: {exc}") from exc
        except TimeoutError as exc:
            raise SessionError(f"no script_finished within {self.timeout} s") from exc
        return Run(time.perf_counter() - start, status, list(self.elements.values()))

    async def _read_until_finished(self) -> str:
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.elements = {}
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.auto[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment in fwd.stop_auto_rerun.fragment_ids:
                    self.auto.pop(fragment, None)
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "delta":
                self._apply(fwd)
            elif kind == "script_finished":
                status = FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                if status != "early_for_rerun":  # st.rerun() or our own rerun: another run follows
                    return status

    def _apply(self, fwd: ForwardMsg) -> None:
        path = tuple(fwd.metadata.delta_path)
        delta = fwd.delta
        if delta.WhichOneof("type") == "new_element":
            kind = delta.new_element.WhichOneof("type") or ""
            self.elements[path] = Element(path, kind, getattr(delta.new_element, kind) if kind else None)
        elif delta.WhichOneof("type") == "add_block":
            self.elements = {p: e for p, e in self.elements.items() if p[: len(path)] != path}
            block = delta.add_block
            if block.WhichOneof("type") == "form":
                self.elements[path] = Element(path, "form", block.form)

    # -- reading and filling ----------------------------------------------------------------------
    def texts(self, kind: str | None = None) -> list[str]:
        """The text of every drawn text element (markdown, headings, alerts, metrics…), or of one kind."""
        return [e.text for e in self.elements.values() if e.kind in _TEXT_KINDS and kind in (None, e.kind)]

    def find(self, label: str | None = None, key: str | None = None, kind: str | None = None) -> Element:
        """The one widget with this label (exact) or user key (and kind, when given)."""
        found = [
            e
            for e in self.elements.values()
            if e.kind in WIDGETS
            and (kind is None or e.kind == kind)
            and (label is None or e.label == label)
            and (key is None or e.id.endswith(f"-{key}"))
        ]
        if len(found) != 1:
            shown = sorted({f"{e.kind}:{e.label}" for e in self.elements.values() if e.kind in WIDGETS})
            raise SessionError(f"{len(found)} widgets match label={label!r} key={key!r}; the page has {shown}")
        return found[0]

    def options(self, widget: Element) -> list[str]:
        return list(widget.proto.options)

    def fill(self, widget: Element, value: Any) -> None:
        """Set a widget's value for the next run: text, an option's label, a list of labels, or a date."""
        state = WidgetState(id=widget.id)
        if widget.kind in ("text_input", "text_area"):
            state.string_value = str(value)
        elif widget.kind == "selectbox":
            if value not in widget.proto.options:
                raise SessionError(f"{value!r} is not an option of {widget.label!r}")
            state.string_value = value
        elif widget.kind == "multiselect":
            unknown = [v for v in value if v not in widget.proto.options]
            if unknown:
                raise SessionError(f"{unknown!r} are not options of {widget.label!r}")
            state.string_array_value.data.extend(value)
        elif widget.kind == "date_input":
            state.string_array_value.data.extend([] if value is None else [date.isoformat(value)])
        elif widget.kind == "number_input":
            state.double_value = float(value)
        else:
            raise SessionError(f"cannot fill a {widget.kind}")
        self.states[widget.id] = state

    async def click(self, label: str | None = None, key: str | None = None) -> Run:
        """Click a button, or submit a form by its submit button: one rerun with the button's trigger."""
        button = self.find(label=label, key=key, kind="button")
        return await self.rerun({button.id: WidgetState(id=button.id, trigger_value=True)})
