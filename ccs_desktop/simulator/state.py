"""Live state of the simulated tenant: sessions, calls in progress, and the record store.

Pure and thread-safe: no sockets and no timers of its own. Time comes from an injectable clock and a
driver (the server's timer thread, or a test) calls `run_due()` to move calls along, so tests can step
a fake clock deterministically. Listener callbacks, hangup callbacks and IVR call notifications run after
the state lock is released, so a listener may call back into the state.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ccs_desktop.simulator.config import SimulatorConfig
from ccs_desktop.simulator.keys import datastore_key, random_id
from ccs_desktop.simulator.records import CursorCodec, Record, RecordStore, build_record, format_local
from ccs_desktop.simulator.seed import HANGUP_CAUSES, Agent, Queue, Tenant, seed_records

log = logging.getLogger(__name__)

BUSY_RING_SECONDS = 1.0
MIN_DIGITS = 7
ANSWER = "ANSWER"
CALLBACK_TIMEOUT = 5.0
#: What an agent can set through v1 `POST /agent/status` (ccs-api.md §6.1); agents start `available`.
AGENT_STATUSES = ("available", "backoffice", "aftercallwork", "shortbreak", "lunch", "training", "meeting")
#: The statuses reportsAgentPerf counts as pauses (the simulator's choice: away from both calls and desk work).
PAUSE_STATUSES = frozenset({"shortbreak", "lunch", "training", "meeting"})
#: v1's word for the agent while a call is in this (direction, state): ccs-api.md §7b saw ringing, dialing and
#: talking in `get_agents_status`; a call on hold is still "talking" there (no other word was observed).
LIVE_STATUS = {
    ("in", "ringing"): "ringing",
    ("out", "ringing"): "dialing",
    ("in", "talking"): "talking",
    ("out", "talking"): "talking",
    ("in", "hold"): "talking",
    ("out", "hold"): "talking",
}
#: How a click2call of a user with "Restrict Manual Calls" is refused (the real wording is unknown, §7b).
MANUAL_CALLS_REFUSAL = "User is not allowed to make manual calls (Restrict Manual Calls)"

Event = dict[str, Any]
Listener = Callable[[Event], None]
HangupPoster = Callable[[str, dict[str, str]], None]
Notifier = Callable[[str], None]
_MACRO = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


@dataclass
class Session:
    key: str
    agent: Agent
    created: float
    expired: bool = False


@dataclass
class LiveCall:
    """A call in progress; `deadline`/`then` say what happens next by itself ("answer" or a disposition)."""

    callid: str
    agent: Agent
    direction: str  # "in" | "out"
    number: str  # the remote party as dialled or presented
    queue: Queue
    started: float
    transactionid: str = ""
    hangup_url: str = ""
    masked: bool = False
    state: str = "ringing"  # "ringing" | "talking" | "hold"
    answered_at: float | None = None
    hold_since: float | None = None
    hold_total: float = 0.0
    held: bool = False
    deadline: float | None = None
    then: str = ""


def mask_number(number: str) -> str:
    """Hide all but the first 4 and last 2 digits, as an agent screen does for `masked` calls."""
    positions = [i for i, ch in enumerate(number) if ch.isdigit()]
    hidden = set(positions[4:-2])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(number))


def post_form_in_background(url: str, fields: dict[str, str]) -> None:
    """POST the hangup callback form-encoded from a daemon thread; failures are swallowed like CCS does."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return

    def send() -> None:
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=CALLBACK_TIMEOUT) as response:
                response.read()
        except Exception:  # the receiver's problems are not the simulator's
            log.debug("hangup callback failed", exc_info=True)

    threading.Thread(target=send, name="ccs-sim-hangup-callback", daemon=True).start()


def notify_request_url(template: str, values: dict[str, str]) -> str:
    """The IVR notification URL (ccs-api.md §3.3): `{{macro}}`s expanded if it has any, else values appended.

    CCS admins pick the parameter names by writing e.g. `CallID={{call_activecallkey}}`; a macro with no
    value (`{{call_duration}}` while ringing, a tenant variable) becomes empty, as CCS leaves it blank.
    """
    if _MACRO.search(template):
        return _MACRO.sub(lambda m: urllib.parse.quote(values.get(m[1], ""), safe=""), template)
    parts = urllib.parse.urlsplit(template)
    query = "&".join(q for q in (parts.query, urllib.parse.urlencode(values)) if q)
    return urllib.parse.urlunsplit(parts._replace(query=query, fragment=""))


class OrderedGetter:
    """GETs URLs one at a time, in the order given, from a daemon thread that lives only while there is work.

    One thread per request (as for hangup callbacks) could let a call's end overtake its ring.
    """

    def __init__(self, timeout: float = CALLBACK_TIMEOUT) -> None:
        self._timeout = timeout
        self._queue: deque[str] = deque()
        self._lock = threading.Lock()
        self._running = False

    def __call__(self, url: str) -> None:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            return
        with self._lock:
            self._queue.append(url)
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="ccs-sim-notify", daemon=True).start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._running = False
                    return
                url = self._queue.popleft()
            try:
                with urllib.request.urlopen(url, timeout=self._timeout) as response:
                    response.read()
            except Exception:  # the receiver's problems are not the simulator's
                log.debug("call notification failed", exc_info=True)


class CallCenter:
    """Sessions, live calls and records of one simulated tenant."""

    def __init__(
        self,
        config: SimulatorConfig,
        tenant: Tenant,
        *,
        now: Callable[[], float] | None = None,  # default: the config's clock
        post_hangup: HangupPoster = post_form_in_background,
        notify: Notifier | None = None,
    ) -> None:
        self.config = config
        self.tenant = tenant
        self.now = now or config.clock
        self.store = RecordStore()
        self.cursors = CursorCodec(secrets.token_bytes(16))
        self.changed = threading.Event()  # set whenever the next deadline may have moved
        self.recording_base = ""  # the server's base URL, known once it listens
        self._post_hangup = post_hangup
        self._notify = notify or OrderedGetter()
        self._lock = threading.Lock()
        self._deliver_lock = threading.RLock()  # keeps events in order across threads
        self._sessions: dict[str, Session] = {}
        self._live: dict[str, LiveCall] = {}
        self._listeners: list[Listener] = []
        self._pending: list[tuple[str, Any]] = []
        self._last_ended: dict[str, Event] = {}  # agentid -> the event that ended their latest call
        self._status: dict[str, str] = {}  # agentid -> the status they set (v1); absent: "available"
        self._status_log: dict[str, list[tuple[float, str]]] = {}  # agentid -> (when, status) as set, in order
        self._restricted: set[str] = set()  # agentids with "Restrict Manual Calls"

    # --- seeding and credentials ---------------------------------------------------------------------------

    def recording_url(self, callid: str) -> str:
        return f"{self.recording_base}/recordings/{callid}.wav"

    def seed(self) -> None:
        self.store.load(seed_records(self.config, self.tenant, self.now(), self.recording_url))

    def check_app_token(self, token: str | None) -> bool:
        return bool(token) and secrets.compare_digest(str(token).encode(), self.tenant.app_token.encode())

    def login(self, email: str) -> str | None:
        """A new session key for a known agent (older sessions stay valid until their TTL), else None."""
        agent = self.tenant.agent_by_email(email)
        if agent is None:
            return None
        key = datastore_key("Session", random_id(), self.tenant.host)
        with self._lock:
            self._sessions[key] = Session(key, agent, self.now())
        return key

    def session_agent(self, key: str | None) -> tuple[Agent | None, str]:
        """The session's agent, or None and the CCS-style reason."""
        with self._lock:
            session = self._sessions.get(key or "")
            if session is None:
                return None, "Invalid session"
            if self._is_expired(session):
                return None, "Session expired"
            return session.agent, ""

    def _is_expired(self, session: Session) -> bool:
        return session.expired or self.now() - session.created > self.config.session_ttl

    def expire_sessions(self) -> int:
        with self._lock:
            live = [s for s in self._sessions.values() if not self._is_expired(s)]
            for session in live:
                session.expired = True
        return len(live)

    # --- call control --------------------------------------------------------------------------------------

    def click2call(
        self,
        agent: Agent,
        phonenumber: str,
        *,
        transactionid: str,
        hangup_url: str = "",
        masked: bool = False,
    ) -> str:
        """Start an outbound call; CCS only says "success" at once, so the outcome is scripted by the number.

        Fewer than 7 digits: INVALIDARGS at once. Agent already on a call: CHANUNAVAIL at once. Last digit 8:
        CONGESTION at once; 9: BUSY after 1 s; 0: NOANSWER after no_answer_seconds; otherwise answered after
        ring_seconds, and the customer hangs up after call_seconds.
        """
        now = self.now()
        digits = re.sub(r"\D", "", phonenumber)
        call = LiveCall(
            callid=self._new_callid(),
            agent=agent,
            direction="out",
            number=phonenumber.strip(),
            queue=agent.queue,
            started=now,
            transactionid=transactionid,
            hangup_url=hangup_url,
            masked=masked,
        )
        with self._lock:
            if len(digits) < MIN_DIGITS:
                self._end(call, "INVALIDARGS", now)
            elif self._call_of(agent) is not None:
                self._end(call, "CHANUNAVAIL", now)
            elif digits[-1] == "8":
                self._end(call, "CONGESTION", now)
            elif digits[-1] == "9":
                self._ring(call, now + BUSY_RING_SECONDS, "BUSY")
            elif digits[-1] == "0":
                self._ring(call, now + self.config.no_answer_seconds, "NOANSWER")
            else:
                self._ring(call, now + self.config.ring_seconds, "answer")
        self._flush()
        return call.callid

    def start_inbound_call(self, callerid: str, queue: str | None = None) -> str:
        """Ring the demo agent; it answers after ring_seconds. Busy agent: the caller abandons at once."""
        chosen = self.tenant.queue_named(queue) if queue else self.tenant.queue_named("Destek")
        if chosen is None:
            raise ValueError(f"Unknown queue {queue!r}")
        now = self.now()
        agent = self.tenant.demo_agent
        call = LiveCall(self._new_callid(), agent, "in", callerid.strip(), chosen, now)
        with self._lock:
            if self._call_of(agent) is not None:
                self._end(call, "BUSY", now)
            else:
                self._ring(call, now + self.config.ring_seconds, "answer")
        self._flush()
        return call.callid

    def hangup(self, agent: Agent) -> tuple[bool, str]:
        now = self.now()
        with self._lock:
            call = self._call_of(agent)
            if call is None:
                return False, "No active call"
            self._end(call, "CANCEL" if call.state == "ringing" else ANSWER, now, localrelease=True)
        self._flush()
        return True, "Call hung up"

    def hold(self, agent: Agent) -> tuple[bool, str]:
        now = self.now()
        with self._lock:
            call = self._call_of(agent)
            if call is None:
                return False, "No active call"
            if call.state == "hold":
                return False, "Call is already on hold"
            if call.state != "talking":
                return False, "Call is not answered yet"
            call.state, call.hold_since, call.held = "hold", now, True
            self._emit(call, now)
        self._flush()
        return True, "Call on hold"

    def unhold(self, agent: Agent) -> tuple[bool, str]:
        now = self.now()
        with self._lock:
            call = self._call_of(agent)
            if call is None:
                return False, "No active call"
            if call.state != "hold":
                return False, "Call is not on hold"
            self._stop_hold(call, now)
            call.state = "talking"
            self._emit(call, now)
        self._flush()
        return True, "Call resumed"

    def run_due(self) -> float | None:
        """Apply every transition whose time has come; seconds until the next one, None if none is pending."""
        now = self.now()
        with self._lock:
            while due := sorted(
                (c for c in self._live.values() if c.deadline is not None and c.deadline <= now),
                key=lambda c: c.deadline or 0.0,
            ):
                for call in due:
                    at = call.deadline or now
                    if call.then == "answer":
                        call.state, call.answered_at = "talking", at
                        call.deadline, call.then = at + self.config.call_seconds, ANSWER
                        self._emit(call, at)
                    else:
                        self._end(call, call.then, at)
            deadlines = [c.deadline for c in self._live.values() if c.deadline is not None]
        self._flush()
        return max(0.0, min(deadlines) - now) if deadlines else None

    # --- agent status and permissions (v1) ------------------------------------------------------------------

    def agent_status(self, agent: Agent) -> str:
        """What v1 shows: a live word while the agent is on a call, else the status they set."""
        with self._lock:
            return self._status_locked(agent)

    def _status_locked(self, agent: Agent) -> str:
        call = self._call_of(agent)
        if call is not None:
            return LIVE_STATUS.get((call.direction, call.state), "talking")
        return self._status.get(agent.agentid, "available")

    def agents_status(self) -> list[dict[str, str]]:
        """v1 `agents_status_list`: every agent of the tenant."""
        with self._lock:
            return [
                {
                    "email": a.email,
                    "agentname": a.name,
                    "agentid": a.agentid,
                    "status": self._status_locked(a),
                }
                for a in self.tenant.agents
            ]

    def set_status(self, agent: Agent, status: str) -> tuple[bool, str]:
        """Refused for an unknown status and while the agent rings, dials, talks or holds (ccs-api.md §6.1)."""
        if status not in AGENT_STATUSES:
            return False, f"Invalid status: {status}"
        with self._lock:
            call = self._call_of(agent)
            if call is not None:
                live = (
                    "on hold" if call.state == "hold" else LIVE_STATUS.get((call.direction, call.state), "")
                )
                return False, f"Agent status cannot be changed while the agent is {live or 'on a call'}"
            self._status[agent.agentid] = status
            self._status_log.setdefault(agent.agentid, []).append((self.now(), status))
        return True, f"Agent status set to {status}"

    def pauses(self, agent: Agent, start: float, finish: float) -> tuple[int, int]:
        """(how many pauses began, how many seconds of pause) in [start, finish] (epoch seconds): reportsAgentPerf.
        A pause still going counts up to now."""
        with self._lock:
            log = list(self._status_log.get(agent.agentid, ()))
        now, count, seconds = self.now(), 0, 0.0
        for index, (since, status) in enumerate(log):
            if status not in PAUSE_STATUSES:
                continue
            until = log[index + 1][0] if index + 1 < len(log) else now
            if start <= since <= finish:
                count += 1
            seconds += max(0.0, min(until, finish + 1) - max(since, start))
        return count, round(seconds)

    def restrict_manual_calls(self, agent: Agent, restricted: bool = True) -> None:
        """Give (or take) the agent the "Restrict Manual Calls" permission: click2call is then refused."""
        with self._lock:
            if restricted:
                self._restricted.add(agent.agentid)
            else:
                self._restricted.discard(agent.agentid)

    def manual_calls_restricted(self, agent: Agent) -> bool:
        with self._lock:
            return agent.agentid in self._restricted

    def active_calls(self, agent: Agent) -> list[dict[str, Any]]:
        """v1 `MyActiveCalls` rows of the agent's live calls (ccs-api.md §6.1); `inbound` stays true after the
        answer, only `status` moves (§7b). `key` is the live-call key, which CDR lookups take as activecallkey."""
        offset = self.config.utc_offset_seconds
        with self._lock:
            calls = [c for c in self._live.values() if c.agent.agentid == agent.agentid]
            rows = []
            for call in calls:
                inbound = call.direction == "in"
                number = mask_number(call.number) if call.masked else call.number
                rows.append(
                    {
                        "callid": call.callid,
                        "callerid": number if inbound else self.tenant.did,
                        "called_num": self.tenant.did if inbound else number,
                        "queue": call.queue.name,
                        "inbound": inbound,
                        "status": call.state,
                        "calldate": format_local(call.started, offset),
                        "talkdate": format_local(call.answered_at, offset) or "",
                        "key": call.callid,
                    }
                )
        return rows

    # --- observation ---------------------------------------------------------------------------------------

    def subscribe(self, callback: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._listeners:
                    self._listeners.remove(callback)

        return unsubscribe

    def listener_count(self) -> int:
        """How many subscribers there are; tests use it to prove closed streams unsubscribe."""
        with self._lock:
            return len(self._listeners)

    def agent_calls(self, agent: Agent) -> tuple[Event | None, Event | None]:
        """(the agent's live call, the event that ended their latest call), as events of right now.

        A softphone page that (re)connects uses them to show a call in progress, or to close one it
        still shows but which ended while it was away.
        """
        with self._lock:
            call = self._call_of(agent)
            live = self._event(call, self.now()) if call is not None else None
            ended = self._last_ended.get(agent.agentid)
            return live, dict(ended) if ended is not None else None

    def is_busy(self, agent: Agent) -> bool:
        with self._lock:
            return self._call_of(agent) is not None

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            calls = [self._event(c, self.now()) for c in self._live.values()]
            sessions = sum(1 for s in self._sessions.values() if not self._is_expired(s))
        return {"live_calls": calls, "sessions": sessions, "records": len(self.store)}

    # --- internals (lock held) -----------------------------------------------------------------------------

    def _new_callid(self) -> str:
        return datastore_key("Calls", random_id(), self.tenant.host)

    def _call_of(self, agent: Agent) -> LiveCall | None:
        return next((c for c in self._live.values() if c.agent.agentid == agent.agentid), None)

    def _ring(self, call: LiveCall, deadline: float, then: str) -> None:
        call.deadline, call.then = deadline, then
        self._live[call.callid] = call
        self._emit(call, call.started)
        if call.direction == "in":
            self._queue_notification(call, None)
        self.changed.set()

    def _queue_notification(self, call: LiveCall, duration: int | None) -> None:
        """The IVR call notification of an inbound call (ring: no duration), sent after the lock is released."""
        if not self.config.notify_url:
            return
        values = {
            "call_callerid": call.number,
            "call_activecallkey": call.callid,
            "call_agent_email": call.agent.email,
            "queue": call.queue.name,
        }
        if duration is not None:
            values["call_duration"] = str(duration)
        self._pending.append(("notify", notify_request_url(self.config.notify_url, values)))

    def _stop_hold(self, call: LiveCall, when: float) -> None:
        if call.hold_since is not None:
            call.hold_total += max(0.0, when - call.hold_since)
            call.hold_since = None

    def _event(self, call: LiveCall, when: float) -> Event:
        return {
            "type": "call",
            "callid": call.callid,
            "state": call.state,
            "direction": call.direction,
            "number": mask_number(call.number) if call.masked else call.number,
            "masked": call.masked,
            "queue": call.queue.name,
            "agent": call.agent.email,
            "transactionid": call.transactionid,
            "time": when,
            "answered_at": call.answered_at,  # talk start, so a page (re)loaded mid-call can run its timer
        }

    def _emit(self, call: LiveCall, when: float, **extra: Any) -> Event:
        event = {**self._event(call, when), **extra}
        self._pending.append(("event", event))
        return event

    def _end(self, call: LiveCall, disposition: str, when: float, *, localrelease: bool = False) -> None:
        rang = self._live.pop(call.callid, None) is not None
        self._stop_hold(call, when)
        if disposition != ANSWER:
            call.answered_at = None
        record = self._record(call, disposition, when, localrelease)
        self.store.add(int(call.started), record)
        call.state = "ended"
        duration = record["duration"] or 0
        ended = self._emit(call, when, disposition=disposition, duration=duration)
        self._last_ended[call.agent.agentid] = ended
        if call.direction == "in" and rang:  # a caller turned away busy never rang the agent: no notification
            self._queue_notification(call, duration)
        if call.hangup_url:
            self._pending.append(
                ("hangup", (call.hangup_url, self._callback_fields(call, record, disposition)))
            )
        self.changed.set()

    def _record(self, call: LiveCall, disposition: str, when: float, localrelease: bool) -> Record:
        inbound = call.direction == "in"
        answered = call.answered_at is not None
        agent_known = answered or disposition != "BUSY" or not inbound
        waited = (call.answered_at or when) - call.started if inbound else 0.0
        return build_record(
            callid=call.callid,
            offset_seconds=self.config.utc_offset_seconds,
            calldate=call.started,
            queuedate=call.started if inbound else None,
            talkdate=call.answered_at,
            hangupdate=when,
            inbound=inbound,
            click2call=not inbound,
            queued=inbound,
            assigned=agent_known,
            abandon=inbound and disposition == "BUSY",
            waitduration=round(waited),
            callerid=call.number if inbound else self.tenant.did,
            called_num=self.tenant.did if inbound else call.number,
            queue=call.queue.name,
            queuekey=call.queue.queuekey,
            agent=call.agent.name if agent_known else "",
            agentid=call.agent.agentid if agent_known else "",
            answeredby=call.agent.email,
            recordingurl=self.recording_url(call.callid),
            status=disposition,
            hangupcause=HANGUP_CAUSES.get(disposition, "NORMAL_CLEARING"),
            hold=call.held,
            holdduration=round(call.hold_total),
            localrelease=localrelease,
            uniqueid=call.transactionid,
        )

    def _callback_fields(self, call: LiveCall, record: Record, disposition: str) -> dict[str, str]:
        """The hangup_url form (ccs-api.md §3.1)."""
        return {
            "call_id": call.callid,
            "caller_id": record["callerid"],
            "called_num": record["called_num"],
            "call_date": format_local(call.started, self.config.utc_offset_seconds) or "",
            "transaction_id": call.transactionid,
            "agent_username": call.agent.email,
            "duration": str(record["duration"] or 0),
            "disposition": disposition,
            "tenant": self.config.tenant_label,
        }

    # --- delivery (lock released) --------------------------------------------------------------------------

    def _flush(self) -> None:
        with self._deliver_lock:
            with self._lock:
                batch, self._pending = self._pending, []
                listeners = list(self._listeners)
            for kind, payload in batch:
                if kind == "hangup":
                    self._post_hangup(*payload)
                    continue
                if kind == "notify":
                    self._notify(payload)
                    continue
                for listener in listeners:
                    try:
                        listener(dict(payload))
                    except Exception:
                        log.exception("call-event listener failed")
