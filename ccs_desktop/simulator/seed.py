"""The simulated tenant (agents, queues, app_token) and its seeded call history, deterministic per seed.

The data is shaped like a small Turkish call center so the desktop app's demo looks real: Turkish names
and queues, numbers in the mixed formats CCS systems show (05xx, 905xx, +90, landlines, a few foreign),
a handful of customers who call again and again, business hours, realistic durations.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ccs_desktop.simulator.config import SimulatorConfig
from ccs_desktop.simulator.keys import datastore_key, key_maker
from ccs_desktop.simulator.records import Record, build_record

_T = TypeVar("_T")
DAYS = 30
QUEUE_NAMES = ("Satış", "Destek", "Tahsilat", "Geri Arama")
AGENT_NAMES = (  # (display name, e-mail local part, default outbound queue); the first is the demo agent
    ("Deniz Yılmaz", "deniz.yilmaz", "Satış"),
    ("Elif Kaya", "elif.kaya", "Destek"),
    ("Burak Demir", "burak.demir", "Tahsilat"),
    ("Zeynep Şahin", "zeynep.sahin", "Destek"),
    ("Emre Çelik", "emre.celik", "Geri Arama"),
)
CALL_TAGS = ("Bilgi Talebi", "Şikayet", "Satış Fırsatı", "İade", "Randevu", "Ödeme", "Teknik Sorun")
SURVEYS = ("Çağrı Sonu Anketi", "IVR Memnuniyet Anketi")
MOBILE_PREFIXES = ("530", "532", "533", "535", "536", "541", "542", "505", "506", "551", "553", "555")
LANDLINE_CODES = ("212", "216", "312", "232", "224", "242")
FOREIGN = ("+4915112345678", "+442079460321", "00493012345678", "+31612345678", "+994502223344")
HANGUP_CAUSES = {
    "ANSWER": "NORMAL_CLEARING",
    "BUSY": "USER_BUSY",
    "NOANSWER": "NO_ANSWER",
    "CANCEL": "ORIGINATOR_CANCEL",
    "CONGESTION": "NORMAL_CIRCUIT_CONGESTION",
    "CHANUNAVAIL": "CHANNEL_UNACCEPTABLE",
    "INVALIDARGS": "INVALID_NUMBER_FORMAT",
    "ABANDON": "NORMAL_CLEARING",
}


@dataclass(frozen=True)
class Agent:
    agentid: str
    name: str
    email: str
    queue: Queue  # default outbound queue


@dataclass(frozen=True)
class Queue:
    queuekey: str
    name: str


@dataclass(frozen=True)
class Tenant:
    host: str
    app_token: str
    did: str  # the tenant's public number: caller id of outbound calls, called number of inbound ones
    agents: tuple[Agent, ...]
    queues: tuple[Queue, ...]

    @property
    def demo_agent(self) -> Agent:
        return self.agents[0]

    def agent_by_email(self, email: str) -> Agent | None:
        wanted = email.strip().lower()
        return next((a for a in self.agents if a.email.lower() == wanted), None)

    def queue_named(self, name_or_key: str) -> Queue | None:
        return next((q for q in self.queues if name_or_key in (q.name, q.queuekey)), None)


def build_tenant(config: SimulatorConfig) -> Tenant:
    """Agents, queues and the app_token: the same for the same random_seed, so demos can hard-code them."""
    rng = random.Random(f"tenant-{config.random_seed}")
    host = config.tenant_host

    def key(kind: str) -> str:
        return datastore_key(kind, rng.randrange(1 << 52, 1 << 53), host)

    queues = tuple(Queue(key("Queues"), name) for name in QUEUE_NAMES)
    by_name = {q.name: q for q in queues}
    agents = tuple(
        Agent(key("Users"), name, f"{local}@{host}", by_name[queue]) for name, local, queue in AGENT_NAMES
    )
    return Tenant(host, key("TenantApplications"), "908502220000", agents, queues)


def _mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def _landline(rng: random.Random) -> str:
    return rng.choice(LANDLINE_CODES) + f"{rng.randrange(2000000, 10**7):07d}"


class _QuickRandom(random.Random):
    """choice/randint/randrange from one float draw: 3x faster than the exact versions, fine for demo data."""

    def choice(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start) // step))


class Weighted:
    """A weighted choice with precomputed cumulative weights (random.choices recomputes them per call)."""

    def __init__(self, items: tuple[Any, ...], weights: tuple[float, ...]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


NUMBER_FORMS = Weighted(("0", "90", "+90", ""), (55, 30, 10, 5))
OUTBOUND_OUTCOMES = Weighted(("ANSWER", "NOANSWER", "BUSY", "CANCEL", "CONGESTION"), (62, 20, 9, 6, 3))
CSAT_SCORES = Weighted((1, 2, 3, 4, 5), (6, 6, 14, 34, 40))


def _shown(national: str, rng: random.Random) -> str:
    """A 10-digit national number in one of the forms CCS systems print."""
    return NUMBER_FORMS.pick(rng) + national


class _Numbers:
    """Remote parties: a few regulars (same number, mostly the same form) and many one-off callers.

    Each regular's first call shows the number as `customer_numbers` does, so every regular has a history as
    soon as there are as many seeded calls as regulars.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.regulars = [_mobile(rng) for _ in range(14)] + [_landline(rng) for _ in range(4)]
        self._first_calls = iter(self.regulars)

    def next(self) -> str:
        rng = self.rng
        first = next(self._first_calls, None)
        if first is not None:
            return "0" + first
        roll = rng.random()
        if roll < 0.4:
            national = rng.choice(self.regulars)
            return "0" + national if rng.random() < 0.75 else _shown(national, rng)
        if roll < 0.43:
            return rng.choice(FOREIGN)
        return _shown(_mobile(rng) if roll < 0.8 else _landline(rng), rng)


def _day_starts(now: float, offset_seconds: int) -> list[tuple[int, int]]:
    """(UTC epoch of local midnight, weekday) for the last DAYS days, today included."""
    local = time.gmtime(now + offset_seconds)
    today = calendar.timegm((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0)) - offset_seconds
    return [
        (today - 86400 * back, time.gmtime(today - 86400 * back + offset_seconds).tm_wday)
        for back in range(DAYS)
    ]


def _call_time(rng: random.Random, days: list[tuple[int, int]], now: float) -> float:
    """Mostly weekday business hours (09-18), fewer on Saturdays and evenings, never in the future."""
    for _ in range(50):
        midnight, weekday = rng.choice(days)
        if (weekday == 6 and rng.random() < 0.9) or (weekday == 5 and rng.random() < 0.6):
            continue
        hour = rng.uniform(9, 18) if rng.random() < 0.92 else rng.uniform(18, 22)
        when = midnight + hour * 3600
        if when < now - 60:
            return when
    return now - rng.uniform(3600, DAYS * 86400)


def seed_records(
    config: SimulatorConfig, tenant: Tenant, now: float, recording_url: Callable[[str], str]
) -> Iterator[tuple[int, Record, dict[str, Any]]]:
    """`config.seed_calls` (calldate second, record, extras); most records belong to the demo agent.

    Who called, and how it went, come from one random stream and the call times from another: finding a time
    in the past takes more draws early in the day (most of today's business hours are still to come), so with
    one stream the callers, and so which customers have a history, changed with the hour of the seed.
    """
    seeder = _Seeder(config, tenant, recording_url)
    rng = seeder.rng
    times = _QuickRandom(f"times-{config.random_seed}")
    numbers = _Numbers(rng)
    days = _day_starts(now, config.utc_offset_seconds)
    demo, others = tenant.demo_agent, tenant.agents[1:]
    call_key = key_maker("Calls", tenant.host)
    for _ in range(config.seed_calls):
        callid = call_key(rng.getrandbits(52) | 1 << 52)
        agent = demo if rng.random() < 0.6 or not others else rng.choice(others)
        start = _call_time(times, days, now)
        remote = numbers.next()
        if rng.random() < 0.62:
            record, extras = seeder.inbound(agent, callid, start, remote)
        else:
            record, extras = seeder.outbound(agent, callid, start, remote)
        yield int(start), record, extras


def customer_numbers(config: SimulatorConfig) -> list[str]:
    """The seeded regular customers with a history, as their records mostly show them, for scripted inbound calls.

    Draws from the same random stream `seed_records` starts with, and the first seeded calls are one from each
    regular (see `_Numbers`), so each of these callers has a history, whatever the hour of the seed.
    """
    regulars = _Numbers(_QuickRandom(f"records-{config.random_seed}")).regulars
    return ["0" + national for national in regulars[: config.seed_calls]]


def _talk(rng: random.Random) -> int:
    return max(4, min(1800, round(rng.lognormvariate(4.7, 0.8))))


class _Seeder:
    """Builds one seeded record at a time from a shared random stream."""

    def __init__(self, config: SimulatorConfig, tenant: Tenant, recording_url: Callable[[str], str]) -> None:
        self.rng = _QuickRandom(f"records-{config.random_seed}")
        self.offset = config.utc_offset_seconds
        self.tenant = tenant
        self.recording_url = recording_url
        self.inbound_queues = [q for q in tenant.queues if q.name != "Geri Arama"] or list(tenant.queues)

    def extras(self, answered: bool, inbound: bool) -> dict[str, Any]:
        rng = self.rng
        extras: dict[str, Any] = {}
        if answered and inbound and rng.random() < 0.35:
            score = CSAT_SCORES.pick(rng)
            extras["csat"] = {"score": score, "survey": rng.choice(SURVEYS)}
        if answered and rng.random() < 0.5:
            extras["call_tags"] = rng.sample(CALL_TAGS, rng.choice((1, 1, 2)))
        return extras

    def inbound(self, agent: Agent, callid: str, start: float, remote: str) -> tuple[Record, dict[str, Any]]:
        rng = self.rng
        queue = rng.choice(self.inbound_queues)
        queued_at = start + rng.randint(3, 25)  # IVR menu before the queue
        outcome = rng.random()
        answered = outcome < 0.8
        abandon = not answered and outcome < 0.95
        wait = round(rng.expovariate(1 / 25)) if answered else round(rng.expovariate(1 / 60)) + 5
        talk = _talk(rng) if answered else 0
        holdduration = (
            rng.randint(10, max(10, talk // 3)) if answered and talk > 40 and rng.random() < 0.15 else 0
        )
        talk_at = queued_at + wait if answered else None
        record = build_record(
            callid=callid,
            offset_seconds=self.offset,
            calldate=start,
            queuedate=queued_at,
            talkdate=talk_at,
            hangupdate=(talk_at + talk) if talk_at is not None else queued_at + wait,
            inbound=True,
            click2call=False,
            queued=True,
            assigned=not abandon,
            abandon=abandon,
            waitduration=wait,
            callerid=remote,
            called_num=self.tenant.did,
            queue=queue.name,
            queuekey=queue.queuekey,
            agent="" if abandon else agent.name,
            agentid="" if abandon else agent.agentid,
            answeredby=agent.email,
            recordingurl=self.recording_url(callid),
            status="ANSWER" if answered else ("ABANDON" if abandon else "NOANSWER"),
            hangupcause=HANGUP_CAUSES["NOANSWER" if not (answered or abandon) else "ANSWER"],
            hold=holdduration > 0,
            holdduration=holdduration,
            localrelease=answered and rng.random() < 0.45,
            transferred=answered and rng.random() < 0.05,
            voicemail=not answered and not abandon and rng.random() < 0.5,
            around=rng.random() < 0.03,
        )
        return record, self.extras(answered, inbound=True)

    def outbound(self, agent: Agent, callid: str, start: float, remote: str) -> tuple[Record, dict[str, Any]]:
        rng = self.rng
        disposition = OUTBOUND_OUTCOMES.pick(rng)
        answered = disposition == "ANSWER"
        ring = {"ANSWER": rng.randint(3, 20), "NOANSWER": 30, "BUSY": rng.randint(1, 6)}.get(disposition, 2)
        talk_at = start + ring if answered else None
        talk = _talk(rng) if answered else 0
        holdduration = (
            rng.randint(10, max(10, talk // 3)) if answered and talk > 40 and rng.random() < 0.12 else 0
        )
        click2call = rng.random() < 0.7
        record = build_record(
            callid=callid,
            offset_seconds=self.offset,
            calldate=start,
            queuedate=None,
            talkdate=talk_at,
            hangupdate=(talk_at + talk) if talk_at is not None else start + ring,
            inbound=False,
            click2call=click2call,
            queued=False,
            assigned=True,
            abandon=False,
            waitduration=0,
            callerid=self.tenant.did,
            called_num=remote,
            queue=agent.queue.name,
            queuekey=agent.queue.queuekey,
            agent=agent.name,
            agentid=agent.agentid,
            answeredby=agent.email,
            recordingurl=self.recording_url(callid),
            status=disposition,
            hangupcause=HANGUP_CAUSES[disposition],
            hold=holdduration > 0,
            holdduration=holdduration,
            localrelease=disposition == "CANCEL" or (answered and rng.random() < 0.55),
            uniqueid=f"crm-{rng.randrange(10**8):08d}" if click2call else "",
        )
        return record, self.extras(answered, inbound=False)
