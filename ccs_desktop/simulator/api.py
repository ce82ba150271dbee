"""The classic CCS function API (`GET /api/?function=...`): parameters in, JSON-ready dicts out.

Kept apart from HTTP so the answers can be read (and tested) as plain data. Error answers follow what CCS
clients rely on (ccs-api.md §2.10): `login: false` for session problems, `success: false` otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ccs_desktop.simulator.records import CdrQuery, Record, call_history, parse_local
from ccs_desktop.simulator.seed import Agent
from ccs_desktop.simulator.state import MANUAL_CALLS_REFUSAL, CallCenter

Params = Mapping[str, str]
Answer = dict[str, Any]
TRUE_WORDS = frozenset({"1", "on", "true", "yes"})
EXCLUSIVE_LOOKUPS = ("activecallkey", "uniqueid", "callkey")  # in order of precedence (ccs-api.md §2.6)


def _fail(message: str) -> Answer:
    return {"success": False, "message": message}


def _flag(params: Params, name: str) -> bool:
    return params.get(name, "").strip().lower() in TRUE_WORDS


def handle(cc: CallCenter, params: Params) -> Answer:
    """Answer one API request; unknown or missing functions get a `success: false`."""
    function = FUNCTIONS.get(params.get("function", ""))
    if function is None:
        return _fail("Unknown function")
    return function(cc, params)


def _ping(cc: CallCenter, params: Params) -> Answer:
    if not cc.check_app_token(params.get("app_token")):
        return _fail("Invalid app_token")
    return {"success": True, "message": "pong"}


def _login(cc: CallCenter, params: Params) -> Answer:
    if not cc.check_app_token(params.get("app_token")):
        return {"login": False, "message": "Invalid app_token"}
    email = params.get("email", "").strip()
    if not email:
        return {"login": False, "message": "email is required"}
    session = cc.login(email)
    if session is None:
        return {"login": False, "message": f"Unknown user {email}"}
    return {"login": True, "session": session}


SessionFunction = Callable[[CallCenter, Agent, Params], Answer]


def _with_session(function: SessionFunction) -> Callable[[CallCenter, Params], Answer]:
    """Session functions take only `session`; a bad or expired one answers `login: false` (CCS KB)."""

    def checked(cc: CallCenter, params: Params) -> Answer:
        agent, reason = cc.session_agent(params.get("session"))
        if agent is None:
            return {"login": False, "message": reason}
        return function(cc, agent, params)

    return checked


@_with_session
def _click2call(cc: CallCenter, agent: Agent, params: Params) -> Answer:
    phonenumber = params.get("phonenumber", "").strip()
    if not phonenumber:
        return _fail("phonenumber is required")
    if cc.manual_calls_restricted(agent):
        return _fail(MANUAL_CALLS_REFUSAL)
    transactionid = params.get("transactionid", "").strip() or str(uuid.uuid4())
    callid = cc.click2call(
        agent,
        phonenumber,
        transactionid=transactionid,
        hangup_url=params.get("hangup_url", "").strip(),
        masked=_flag(params, "masked"),
    )
    # CCS documents only "success"; the key and id are our additions so clients can correlate at once.
    return {
        "success": True,
        "message": "Call request accepted",
        "activecallkey": callid,
        "transactionid": transactionid,
    }


def _result(outcome: tuple[bool, str]) -> Answer:
    return {"success": outcome[0], "message": outcome[1]}


@_with_session
def _click2hang(cc: CallCenter, agent: Agent, params: Params) -> Answer:
    return _result(cc.hangup(agent))


@_with_session
def _click2hold(cc: CallCenter, agent: Agent, params: Params) -> Answer:
    return _result(cc.hold(agent))


@_with_session
def _click2unhold(cc: CallCenter, agent: Agent, params: Params) -> Answer:
    return _result(cc.unhold(agent))


def _reports_cdr_logs(cc: CallCenter, params: Params) -> Answer:
    if not cc.check_app_token(params.get("app_token")):
        return _fail("Invalid app_token")
    render = _renderer(cc, params)
    for name in EXCLUSIVE_LOOKUPS:
        value = params.get(name, "").strip()
        if value:
            return _final_page(cc, [render(r) for r in _lookup(cc, name, value)])
    query = _query(cc, params)
    if isinstance(query, str):
        return _fail(query)
    after = None
    if params.get("cursor"):
        after = cc.cursors.decode(params["cursor"], query)
        if after is None:
            return _fail("Invalid cursor")
    page, more = cc.store.page(query, after, cc.config.page_size, _matcher(cc, query))
    records = [render(record) for _, record in page]
    if cc.config.paging_end == "no-cursor" and not more:
        return {"CallList": records}
    return {"CallList": records, "cursor": cc.cursors.encode(page[-1][0], query) if page else ""}


def _final_page(cc: CallCenter, records: list[Record]) -> Answer:
    """A lookup's single page, ended the way the configured paging ends."""
    if cc.config.paging_end == "no-cursor":
        return {"CallList": records}
    return {"CallList": records, "cursor": ""}


def _lookup(cc: CallCenter, name: str, value: str) -> list[Record]:
    if name == "uniqueid":
        return cc.store.by_uniqueid(value)
    record = cc.store.get(value)  # activecallkey == callkey == callid in the simulator
    return [record] if record is not None else []


def _query(cc: CallCenter, params: Params) -> CdrQuery | str:
    """The validated filters, or the message explaining what is wrong."""
    offset = cc.config.utc_offset_seconds
    bounds = []
    for name in ("startdate", "finishdate"):
        when = parse_local(params.get(name, "").strip(), offset)
        if when is None:
            return f"Invalid {name}: expected YYYY-MM-DD HH:MM:SS"
        bounds.append(when)
    if bounds[0] > bounds[1]:
        return "startdate is after finishdate"
    sorting = params.get("sorting", "").strip().lower() or "desc"
    if sorting not in ("asc", "desc"):
        return "Invalid sorting: expected asc or desc"
    return CdrQuery(
        start=bounds[0],
        finish=bounds[1],
        agent=params.get("agent", "").strip(),
        agent_username=params.get("agent_username", "").strip().lower(),
        queue=params.get("queue", "").strip(),
        untransferred=_flag(params, "untransferred"),
        csat_only=_flag(params, "csat_only"),
        descending=sorting == "desc",
    )


def _matcher(cc: CallCenter, query: CdrQuery) -> Callable[[Record], bool]:
    username_agentid = None
    if query.agent_username:
        agent = cc.tenant.agent_by_email(query.agent_username)
        username_agentid = agent.agentid if agent else "\0no such agent"
    store = cc.store

    def match(record: Record) -> bool:
        return not (
            (query.agent and record["agentid"] != query.agent)
            or (username_agentid is not None and record["agentid"] != username_agentid)
            or (query.queue and record["queuekey"] != query.queue)
            or (query.untransferred and record["transferred"])
            or (query.csat_only and not store.has_csat(record["callid"]))
        )

    return match


def _renderer(cc: CallCenter, params: Params) -> Callable[[Record], Record]:
    """Adds what the include_* flags ask for; the shapes are ours, the real ones are unknown."""
    csat, tags, history = (_flag(params, f"include_{n}") for n in ("csat", "call_tags", "call_history"))
    if not (csat or tags or history):
        return lambda record: record

    def render(record: Record) -> Record:
        extras = cc.store.extras(record["callid"])
        out = dict(record)
        if csat:
            out["csat"] = extras.get("csat")
        if tags:
            out["call_tags"] = list(extras.get("call_tags", []))
        if history:
            out["call_history"] = call_history(record)
        return out

    return render


def _recording_info(cc: CallCenter, params: Params) -> Answer:
    """ccs-api.md §2.7: by `callkey`; the answer's shape is unknown upstream, so ours mirrors the CDR's fields."""
    if not cc.check_app_token(params.get("app_token")):
        return _fail("Invalid app_token")
    callkey = params.get("callkey", "").strip()
    if not callkey:
        return _fail("callkey is required")
    record = cc.store.get(callkey)
    if record is None:
        return _fail("Call not found")
    url = record["recordingurl"] or ""
    return {
        "success": True,
        "callkey": callkey,
        "callid": record["callid"],
        "available": bool(url),
        "recordingurl": url,
        "duration": record["duration"] or 0,
        "calldate": record["calldate"],
    }


def _day_bound(cc: CallCenter, text: str, end: bool) -> int | None:
    """A `Y-m-d` (reportsAgentPerf, ccs-api.md §2.8) as the epoch second its day starts or ends."""
    when = parse_local(f"{text} {'23:59:59' if end else '00:00:00'}", cc.config.utc_offset_seconds)
    return when if when is not None and len(text) == 10 else None


def _reports_agent_perf(cc: CallCenter, params: Params) -> Answer:
    """ccs-api.md §2.8: every filter optional; without dates, the last 30 days (today included). The answer's
    shape is unknown upstream: one row of counts and seconds per agent, in `AgentPerfList`."""
    if not cc.check_app_token(params.get("app_token")):
        return _fail("Invalid app_token")
    offset = cc.config.utc_offset_seconds
    now = int(cc.now())
    today_end = (now + offset) // 86400 * 86400 + 86399 - offset
    bounds = [today_end - 30 * 86400 + 1, today_end]
    for index, name in enumerate(("startdate", "finishdate")):
        text = params.get(name, "").strip()
        if text:
            when = _day_bound(cc, text, end=index == 1)
            if when is None:
                return _fail(f"Invalid {name}: expected YYYY-MM-DD")
            bounds[index] = when
    if bounds[0] > bounds[1]:
        return _fail("startdate is after finishdate")
    agents = list(cc.tenant.agents)
    wanted_id = params.get("agent", "").strip() or params.get("agentcustomid", "").strip()
    email = params.get("email", "").strip().lower()
    team = params.get("team", "").strip().lower()
    if wanted_id:
        agents = [a for a in agents if a.agentid == wanted_id]
    if email:
        agents = [a for a in agents if a.email.lower() == email]
    if team:  # the simulator's teams are the agents' default queues
        agents = [a for a in agents if team in (a.queue.name.lower(), a.queue.queuekey.lower())]
    rows = {a.agentid: _perf_row(a) for a in agents}
    for record in cc.store.between(bounds[0], bounds[1]):
        row = rows.get(record["agentid"])
        if row is None:
            continue
        row["total_calls"] += 1
        row["inbound_calls" if record["inbound"] else "outbound_calls"] += 1
        if record["answered"]:
            row["answered_calls"] += 1
            row["talk_duration"] += record["duration"] or 0
            row["hold_duration"] += record["holdduration"] or 0
        else:
            row["missed_calls"] += 1
    for agent in agents:
        rows[agent.agentid]["pause_count"], rows[agent.agentid]["pause_duration"] = cc.pauses(agent, *bounds)
    for row in rows.values():
        answered = row["answered_calls"]
        row["avg_talk_duration"] = round(row["talk_duration"] / answered) if answered else 0
    return {"success": True, "AgentPerfList": list(rows.values())}


def _perf_row(agent: Agent) -> dict[str, Any]:
    return {
        "agent": agent.name,
        "agentid": agent.agentid,
        "email": agent.email,
        "team": agent.queue.name,
        "total_calls": 0,
        "inbound_calls": 0,
        "outbound_calls": 0,
        "answered_calls": 0,
        "missed_calls": 0,
        "talk_duration": 0,
        "hold_duration": 0,
        "avg_talk_duration": 0,
        "pause_count": 0,
        "pause_duration": 0,
    }


FUNCTIONS: dict[str, Callable[[CallCenter, Params], Answer]] = {
    "ping": _ping,
    "login": _login,
    "click2call": _click2call,
    "click2hang": _click2hang,
    "click2hold": _click2hold,
    "click2unhold": _click2unhold,
    "reportsCDRLogs": _reports_cdr_logs,
    "recordinginfo": _recording_info,
    "reportsAgentPerf": _reports_agent_perf,
}
