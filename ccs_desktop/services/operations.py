"""Background work with one default failure path, as Anki's QueryOp: the work runs in a worker, the result comes
back on the GUI thread, and an error the caller does not handle is shown to the agent in words.

    run_op(runner, bus, lambda: store.count(), show_count, pool="serial", name="count contacts")

`work` must never touch a widget (it runs in a worker); `ok` and `fail` run on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from ccs_desktop.services.messages import MessageBus
from ccs_desktop.services.tasks import TaskRunner


def run_op(
    runner: TaskRunner,
    bus: MessageBus,
    work: Callable[[], Any],
    ok: Callable[[Any], None] | None = None,
    *,
    fail: Callable[[BaseException], None] | None = None,
    pool: str = "net",
    name: str = "",
) -> Future[Any]:
    """Run `work` in `pool`; `ok(result)` after, or `fail(exc)`, by default `core.errors.user_text` on the bus."""
    return runner.submit(work, ok, fail or bus.show_error, pool=pool, name=name)
