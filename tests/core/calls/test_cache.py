import sqlite3

from ccs_desktop.core.api.records import CallRecord
from ccs_desktop.core.calls.cache import CallCache, account_key
from ccs_desktop.core.calls.timeline import Timeline
from ccs_desktop.core.contacts.model import Contact, ContactNumber
from ccs_desktop.core.contacts.store import ContactStore

ME = account_key("Demo.CallCenterStudio.com", "Deniz@x.com")
OTHER = account_key("demo.callcenterstudio.com", "someone@x.com")


def record(callid, calldate, number="05321234567", inbound=True, **extra):
    fields = {"callid": callid, "calldate": calldate, "inbound": inbound, "answered": True, "duration": 65}
    fields["callerid" if inbound else "called_num"] = number
    return CallRecord.from_api({**fields, **extra})


def test_records_share_the_file_with_contacts_and_keep_unknown_fields(tmp_path):
    path = tmp_path / "ccs.sqlite3"
    with ContactStore(path) as contacts:
        contacts.add(Contact(None, "Ayşe", numbers=[ContactNumber("0532 123 45 67")]))
    with CallCache(path) as cache:
        rows = cache.store(ME, [record("a", "2026-11-25 10:00:00", future_field={"x": 1})])
        assert rows[0].party == "5321234567" and rows[0].duration == 65
        assert cache.record(ME, "a").raw["future_field"] == {"x": 1}
    with ContactStore(path) as contacts:  # both parts migrated the same file without a quarrel
        assert contacts.count() == 1
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM call_records").fetchone()[0] == 1
    raw.close()


def test_rows_are_per_account_newest_first_and_a_record_seen_again_replaces_the_old(tmp_path):
    with CallCache(tmp_path / "c.db") as cache:
        cache.store(ME, [record("a", "2026-11-25 10:00:00"), record("b", "2026-11-25 11:00:00")])
        cache.store(OTHER, [record("z", "2026-11-25 12:00:00")])
        cache.store(ME, [record("a", "2026-11-25 10:00:00", answered=False)])
        rows = cache.rows(ME, "2026-11-25 00:00:00", "2026-11-25 23:59:59")
        assert [r.callid for r in rows] == ["b", "a"]
        assert rows[1].answered is False
        assert cache.count(ME) == 2


def test_coverage_spans_merge_when_they_touch(tmp_path):
    with CallCache(tmp_path / "c.db") as cache:
        cache.cover(ME, "2026-11-25 10:00:00", "2026-11-25 12:00:00")
        cache.cover(ME, "2026-11-25 08:00:00", "2026-11-25 09:59:59")
        cache.cover(ME, "2026-11-25 14:00:00", "2026-11-25 15:00:00")
        assert cache.coverage(ME) == [
            ("2026-11-25 08:00:00", "2026-11-25 12:00:00"),
            ("2026-11-25 14:00:00", "2026-11-25 15:00:00"),
        ]
        assert cache.coverage(OTHER) == []


def test_history_joins_every_number_format_of_a_contact(tmp_path):
    with CallCache(tmp_path / "c.db") as cache:
        cache.store(
            ME,
            [
                record("a", "2026-11-20 10:00:00", "+905321234567"),
                record("b", "2026-11-21 10:00:00", "05321234567", inbound=False),
                record("c", "2026-11-22 10:00:00", "02121112233"),
                record("d", "2026-11-23 10:00:00", "05550000000"),
            ],
        )
        found = cache.history(ME, ["5321234567", "2121112233"])
        assert [r.callid for r in found] == ["c", "b", "a"]


def test_notes_survive_reopening_and_empty_removes(tmp_path):
    path = tmp_path / "c.db"
    with CallCache(path) as cache:
        cache.save_note(ME, "a", "5321234567", "  wants a callback ", "Callback", "2028-02-29 23:59:59")
    with CallCache(path) as cache:
        note = cache.notes(ME)["a"]
        assert (note.note, note.outcome, note.party) == ("wants a callback", "Callback", "5321234567")
        assert note.updated == "2028-02-29 23:59:59"  # the caller's (tenant) clock, not this computer's
        assert cache.notes(OTHER) == {}
        assert cache.save_note(ME, "a", "5321234567", "", "", "2028-03-01 00:00:00") is None
        assert cache.notes(ME) == {}


def test_timelines_round_trip_and_are_found_by_call_or_transaction(tmp_path):
    with CallCache(tmp_path / "c.db") as cache:
        timeline = Timeline(
            "tx-1", "call-1", "out", "05321234567", "2026-11-25 10:00:00", hangup_expected=True
        )
        timeline.add("click2call", "click2call sent", "2026-11-25 10:00:00")
        cache.save_timeline(ME, timeline)
        assert cache.timeline_for(ME, "call-1") == timeline
        assert cache.timeline_for(ME, "", "tx-1") == timeline
        assert cache.timeline_for(OTHER, "call-1") is None
        assert cache.timelines(ME)[0].events[0].kind == "click2call"


def test_timeline_names_its_gaps():
    at = "2026-11-25 10:05:00"
    done = Timeline("tx", "k", "out", "1", "2026-11-25 10:00:00", hangup_expected=True)
    done.record_received(record("k", "2026-11-25 10:00:00", inbound=False, queue="Satış"), at)
    assert done.outcome == "answered, 1:05"
    assert done.gaps == ["The call record arrived without a hangup notification"]
    notified = Timeline("k2", "k2", "in", "1", "2026-11-25 10:00:00")
    notified.add("end", "Call ended", at)
    notified.gave_up(10, at)
    assert notified.gaps == ["A notification arrived but CCS has no call record"]
    missed = Timeline("k3", "k3", "out", "1", "2026-11-25 10:00:00")
    missed.record_received(CallRecord.from_api({"callid": "k3", "answered": False, "status": "BUSY"}), at)
    assert missed.outcome == "not answered (BUSY)" and missed.gaps == []
