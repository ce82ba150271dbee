"""What the agent does with contacts (search, card, save, delete, favourite, import, export) and the two
look-ups that put a name to a number (a copied number, a ringing call), with the customer's record in the CRM
("Open in CRM", opened here and only here: `open_url` is the one door to the browser). Every store access runs on
the serial worker; results come back as signals the panels and the popup show."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ccs_desktop.core.bulk import collection_paused
from ccs_desktop.core.contacts.fold import fold
from ccs_desktop.core.crm import crm_url_for
from ccs_desktop.core.errors import InvalidInput
from ccs_desktop.core.settings import Settings
from ccs_desktop.services.call_history import CallHistory
from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.operations import run_op
from ccs_desktop.services.stores import Stores
from ccs_desktop.services.tasks import TaskRunner

if TYPE_CHECKING:
    from ccs_desktop.core.calls.rows import CallRow, Note
    from ccs_desktop.core.contacts.model import Contact
    from ccs_desktop.core.contacts.store import ContactStore
    from ccs_desktop.core.phone import PhoneNumber
    from ccs_desktop.services.call_state import LiveCall

log = logging.getLogger(__name__)
# call keys remembered for "once per call" (and ringing calls' queues): the oldest are forgotten past this
REMEMBERED_CALLS = 200
CARD_CALLS = 3  # calls on a contact's card
LISTED = 200  # contacts listed when nothing is searched (a search lists up to 100)


def open_in_browser(url: str) -> None:
    """The default browser, as the desktop chooses it."""
    from PySide6.QtCore import QUrl  # noqa: PLC0415
    from PySide6.QtGui import QDesktopServices  # noqa: PLC0415

    QDesktopServices.openUrl(QUrl(url))


def with_note(line: str, note: Note | None) -> str:
    if note is None:
        return line
    return " — ".join(part for part in (line, note.outcome, note.note.replace("\n", " ")) if part)


LAST_CALLS_REFRESH_MS = 1500

class ContactsController(QObject):
    """Signals: `results(contacts, total)` for the list and then `last_calls({id: row})`, `card(contact, call lines)`
    (the last CARD_CALLS calls, with notes), `changed()` when the list should be read again, `deleted(contact)` for
    its Undo, `import_report(title, summary, details)` when an import left rows out,
    `copied_card(number, region, who, last call)`, `incoming_card(parsed, raw number, region, who, last calls, queue)`
    and `incoming_selected(callid)`; `crm_link(url)` just before each card ("" when no CRM template is set).

    The ring desk (services/rings.py) hands it each ringing call once (`look_up_incoming`); it hears of answered
    ones (`history.tracker`) itself, so the CRM record can open by itself (`crm_auto_open`), once per call key."""

    results = Signal(object, int)
    last_calls = Signal(
        object
    )  # {contact id: CallRow}: each listed contact's last call, right after `results`
    card = Signal(object, object)
    changed = Signal()
    deleted = Signal(object)  # the Contact as it was, for Undo
    import_report = Signal(str, str, str)
    copied_card = Signal(object, str, object, object)
    incoming_card = Signal(object, str, str, object, object, str)
    incoming_selected = Signal(str)
    crm_link = Signal(str)
    card_named = Signal(str, str)  # (E.164, who): a CRM look-up named a card's unknown number after it showed

    def __init__(
        self,
        runner: TaskRunner,
        bus: MessageBus,
        settings: Settings,
        stores: Stores,
        history: CallHistory,
        parent: QObject | None = None,
        *,
        open_url: Callable[[str], None] = open_in_browser,
    ) -> None:
        super().__init__(parent)
        self.runner, self.bus, self.settings, self.stores, self.history = (
            runner,
            bus,
            settings,
            stores,
            history,
        )
        self.open_url = open_url
        self._crm_opened: dict[str, None] = {}  # call keys whose record opened by itself, oldest first
        self._queues: dict[str, str] = {}  # ringing call key -> its queue, for {queue} when it is answered
        history.tracker.call_changed.connect(self._call_changed)
        # the list shows each contact's last call: read again once the calls change (the first time: the agent's
        # account is known only after the list was first read), at most once a second and a half
        self._calls_moved = QTimer(self)
        self._calls_moved.setSingleShot(True)
        self._calls_moved.setInterval(LAST_CALLS_REFRESH_MS)
        self._calls_moved.timeout.connect(self.changed)
        history.records_changed.connect(self._calls_moved.start)  # (the signal has no argument to take for msec)
        # `ask_crm(e164, complete)`: a card nobody could name is completed when the CRM answers (directories)
        self.ask_crm: Callable[[str, Callable[[str], None]], None] | None = None

    def with_store(
        self, work: Callable[[ContactStore], Any], done: Any = None, name: str = "contacts"
    ) -> None:
        """`work(store)` on the serial worker, `done(result)` back here; errors in words on the bus."""
        run_op(self.runner, self.bus, lambda: work(self.stores.contacts()), done, pool="serial", name=name)

    def set_region(self, region: str) -> None:
        """The region setting changed: the store reads new numbers in it (on its own worker)."""
        self.runner.submit(lambda: self.stores.set_region(region), pool="serial", name="contacts region")

    def search(self, query: str) -> None:
        account = self.history.account

        def work(store: ContactStore) -> tuple[list[Contact], int, dict[int, CallRow]]:
            found = store.search(query, limit=100) if query else store.first(LISTED)
            return found, store.count(), self._last_calls(found, account)

        def done(result: tuple[list[Contact], int, dict[int, CallRow]]) -> None:
            found, total, last = result
            self.results.emit(found, total)
            self.last_calls.emit(last)

        self.with_store(work, done, "contact search")

    def _last_calls(self, contacts: list[Contact], account: str) -> dict[int, CallRow]:
        """Serial worker: each contact's last call (one index range per contact: about 200 µs for a page)."""
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

        cache = self.stores.calls()
        last: dict[int, CallRow] = {}
        for contact in contacts:
            if contact.id is None or not contact.numbers:
                continue
            rows = cache.history(account, {digits_suffix(n.e164) for n in contact.numbers}, 1)
            if rows:
                last[contact.id] = rows[0]
        return last

    def _card_lines(self, contact: Contact, account: str) -> list[str]:
        """Serial worker: the contact's last CARD_CALLS calls, each with its note and outcome tag."""
        from ccs_desktop.core.calls.rows import describe_row  # noqa: PLC0415
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

        cache = self.stores.calls()
        rows = cache.history(account, {digits_suffix(n.e164) for n in contact.numbers}, CARD_CALLS)
        notes = cache.notes(account) if rows else {}
        return [with_note(describe_row(row), notes.get(row.callid)) for row in rows]

    def show_card(self, contact_id: int) -> None:
        account = self.history.account

        def work(store: ContactStore) -> tuple[Contact | None, list[str]]:
            contact = store.get(contact_id)
            return (contact, self._card_lines(contact, account)) if contact is not None else (None, [])

        def done(result: tuple[Contact | None, list[str]]) -> None:
            contact, calls = result
            if contact is not None:
                self.card.emit(contact, calls)

        self.with_store(work, done, "contact card")

    def open_number(self, e164: str) -> None:
        """A card's Open: the unfiltered list (with the number's contact in it, in its place, even past the first
        LISTED) and then that contact's card."""
        account = self.history.account

        def work(
            store: ContactStore,
        ) -> tuple[list[Contact], int, dict[int, CallRow], Contact | None, list[str]]:
            found = store.find_by_number(e164) if e164 else []
            listed = store.first(LISTED)
            contact = found[0] if found else None
            if contact is not None and contact.id not in {c.id for c in listed}:
                listed.append(contact)
                listed.sort(key=lambda c: (not c.favourite, fold(c.name.strip()), c.id or 0))
            calls = self._card_lines(contact, account) if contact is not None else []
            return listed, store.count(), self._last_calls(listed, account), contact, calls

        def done(result: tuple[list[Contact], int, dict[int, CallRow], Contact | None, list[str]]) -> None:
            listed, total, last, contact, calls = result
            self.results.emit(listed, total)
            self.last_calls.emit(last)
            if contact is not None:
                self.card.emit(contact, calls)

        self.with_store(work, done, "open contact")

    def save(self, contact: Contact) -> None:
        def work(store: ContactStore) -> Contact:
            return store.update(contact) if contact.id is not None else store.add(contact)

        def done(saved: Contact) -> None:
            self.changed.emit()
            self.history.names_changed()
            self.show_card(saved.id or 0)
            self.bus.info(self.tr("Saved {name}.").format(name=saved.name))

        self.with_store(work, done, "save contact")

    def delete(self, contact_id: int) -> None:
        """Delete, and say what was deleted (`deleted`), so Undo can bring it back whole."""

        def work(store: ContactStore) -> Contact | None:
            contact = store.get(contact_id)
            store.delete(contact_id)
            return contact

        def done(contact: Contact | None) -> None:
            self.changed.emit()
            self.history.names_changed()
            if contact is not None:
                self.deleted.emit(contact)

        self.with_store(work, done, "delete contact")

    def restore(self, contact: Contact) -> None:
        """Undo a delete: the contact comes back with its id, numbers, notes and favourite, and its card opens."""

        def done(restored: Contact) -> None:
            self.changed.emit()
            self.history.names_changed()
            self.show_card(restored.id or 0)

        self.with_store(lambda store: store.restore(contact), done, "restore contact")

    def set_favourite(self, contact_id: int, on: bool) -> None:
        def done(_r: object) -> None:
            self.changed.emit()
            self.show_card(contact_id)

        self.with_store(lambda s: s.set_favourite(contact_id, on), done, "favourite")

    def import_contacts(self, path: Path) -> None:
        """Bad rows are listed with their line numbers, good rows are kept. The import runs on its own thread and
        SQLite connection, in batches, so a ringing call's card or a copied number is answered meanwhile."""
        database, region = self.stores.path(), self.settings.get_str("region")

        def work() -> Any:
            from ccs_desktop.core.contacts.io import import_csv, import_vcard  # noqa: PLC0415
            from ccs_desktop.core.contacts.store import ContactStore  # noqa: PLC0415

            vcard = path.suffix.lower() in (".vcf", ".vcard")
            with collection_paused(), ContactStore(database, region) as store:  # no window-freezing collections
                return (import_vcard if vcard else import_csv)(store, path)

        def done(report: Any) -> None:
            from ccs_desktop.core.contacts.io import import_summary  # noqa: PLC0415

            summary = f"{path.name}: " + import_summary(
                report.added, report.merged, len(report.skipped), len(report.dropped)
            )
            self.bus.info(summary)
            self.with_store(lambda store: store.changed_elsewhere(), None, "after import")
            self.changed.emit()
            self.history.names_changed()
            if report.problems():
                title = (
                    self.tr("Some rows were skipped")
                    if report.skipped
                    else self.tr("Some numbers need a look")
                )
                details = "\n".join(
                    self.tr("line {line}: {reason}").format(line=p.line, reason=p.reason)
                    for p in report.problems()
                )
                self.import_report.emit(title, summary, details)

        run_op(self.runner, self.bus, work, done, pool="bulk", name="import contacts")

    def export_contacts(self, path: Path) -> None:
        def work(store: ContactStore) -> int:
            from ccs_desktop.core.contacts.io import export_csv, export_vcard  # noqa: PLC0415

            vcard = path.suffix.lower() in (".vcf", ".vcard")
            return (export_vcard if vcard else export_csv)(store, path)  # InvalidInput when it cannot write

        self.with_store(
            work,
            lambda n: self.bus.info(self.tr("Exported %Ln contact(s) to {path}.", "", n).format(path=path)),
            "export contacts",
        )

    def export_calls(self, path: Path, delimiter: str = ",") -> None:
        """The rows the calls panel shows, in its order, with notes and every CCS field."""
        self.history.export(
            path,
            lambda n: self.bus.info(self.tr("Exported %Ln call(s) to {path}.", "", n).format(path=path)),
            delimiter,
        )

    # --- a name for a number ----------------------------------------------------------------------------------

    def who_and_last_call(self, e164: str, account: str) -> tuple[str | None, str | None]:
        """Serial worker: the contact's name (and company) and the last CARD_CALLS calls with the number, a line
        each with its note and outcome tag ("Last call …" first), None when there were none."""
        from ccs_desktop.core.calls.rows import describe_row  # noqa: PLC0415
        from ccs_desktop.core.phone import digits_suffix  # noqa: PLC0415

        who = self.stores.identify(e164).card_text() if e164 else None  # local contacts and directories
        cache = self.stores.calls()
        rows = cache.history(account, [digits_suffix(e164)], CARD_CALLS) if e164 else []
        notes = cache.notes(account) if rows else {}
        lines = [
            with_note(describe_row(row, last=i == 0), notes.get(row.callid)) for i, row in enumerate(rows)
        ]
        return who, "\n".join(lines) or None

    def look_up_copied(self, number: Any) -> None:
        """A number was copied: who it is and the last call with it, for the popup."""
        region, account = self.settings.get_str("region"), self.history.account
        run_op(
            self.runner,
            self.bus,
            lambda: self.who_and_last_call(number.e164, account),
            lambda result: self._copied(number, region, *result),
            pool="serial",
            name="clipboard card",
        )

    def _copied(self, number: PhoneNumber, region: str, who: str | None, last: str | None) -> None:
        self.crm_link.emit(self.crm_url(number))
        self.copied_card.emit(number, region, who, last)
        if who is None and self.ask_crm is not None:
            self.ask_crm(number.e164, lambda crm: self.card_named.emit(number.e164, crm))

    def look_up_incoming(self, number: str, callid: str, queue: str = "") -> None:
        """A notification says the phone rings: the caller's card (or "unknown caller" with Add contact), and the
        CRM record when it opens on ringing."""
        region, account = self.settings.get_str("region"), self.history.account
        self._remember(self._queues, callid, queue)

        def look() -> tuple[Any, str | None, str | None]:
            from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

            parsed = try_parse(number, region) if number else None
            who, last = self.who_and_last_call(parsed.e164 if parsed else "", account)
            return parsed, who, last

        def show(result: tuple[Any, str | None, str | None]) -> None:
            parsed, who, last = result
            url = self.crm_url(parsed, number, callid, queue)
            self.crm_link.emit(url)
            self.incoming_card.emit(parsed, number, region, who, last, queue)
            if who is None and parsed is not None and self.ask_crm is not None:
                self.ask_crm(parsed.e164, lambda crm: self.card_named.emit(parsed.e164, crm))
            self.incoming_selected.emit(callid)
            self._open_once("ring", callid, url)

        run_op(self.runner, self.bus, look, show, pool="serial", name="incoming call card")

    def ring_completed(self, number: str, callid: str, queue: str) -> None:
        """A later witness of a ringing call told its key or queue (the first had not): the calls panel selects
        it, {queue} fills on answer, and a record set to open on ringing opens now if it could not before."""
        if callid:
            self._remember(self._queues, callid, queue)
            self.incoming_selected.emit(callid)
            if callid not in self._crm_opened:
                self._open_once("ring", callid, self.crm_url_of(number, callid, queue))

    # --- the customer's record in the CRM ---------------------------------------------------------------------

    def crm_url(self, number: PhoneNumber | None, raw: str = "", callkey: str = "", queue: str = "") -> str:
        """The CRM URL for a number, "" when no template is set or the number cannot fill it (logged)."""
        try:
            return crm_url_for(self.settings, number, raw, callkey=callkey, queue=queue) or ""
        except InvalidInput as exc:
            log.warning("no CRM link: %s", exc)
            return ""

    def crm_url_of(self, text: str, callkey: str = "", queue: str = "") -> str:
        """The CRM URL for a number as text (a contact's, a call row's), read in the region setting."""
        from ccs_desktop.core.phone import try_parse  # noqa: PLC0415

        parsed = try_parse(text, self.settings.get_str("region")) if text else None
        return self.crm_url(parsed, text, callkey, queue or self._queues.get(callkey, ""))

    def open_crm(self, url: str) -> None:
        """The agent asked for the record (a card's, a contact's or a call row's Open in CRM)."""
        if url:
            self.open_url(url)

    def _open_once(self, phase: str, callkey: str, url: str) -> None:
        if not url or not callkey or callkey in self._crm_opened:
            return
        if self.settings.get_str("crm_auto_open") != phase:
            return
        self._remember(self._crm_opened, callkey, None)
        self.open_url(url)

    def _call_changed(self, call: LiveCall | None) -> None:
        """The softphone says a call is being talked on: an inbound one's record opens when set to "answer"."""
        if call is None or call.direction != "in" or call.state != "talking":
            return
        if self.settings.get_str("crm_auto_open") == "answer" and call.key not in self._crm_opened:
            self._open_once("answer", call.key, self.crm_url_of(call.number, call.key))

    @staticmethod
    def _remember(memory: dict[str, Any], key: str, value: Any) -> None:
        memory[key] = value
        while len(memory) > REMEMBERED_CALLS:
            del memory[next(iter(memory))]
