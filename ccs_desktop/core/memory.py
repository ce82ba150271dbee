"""Proportional memory (PSS) of a process and its children: shared pages counted once across the app and its
QtWebEngine helpers, which is what an agent's machine actually pays for. Linux only; elsewhere None."""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def process_tree(pid: int) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        if current in tree:
            continue
        tree.append(current)
        todo += _children(current)
    return tree


def pss_kib(pid: int) -> int | None:
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return None


def tree_pss_mib(pid: int | None = None) -> float | None:
    """PSS of the process and all its descendants, in MiB."""
    root = os.getpid() if pid is None else pid
    if not (PROC / str(root) / "smaps_rollup").exists():
        return None
    total = sum(value for p in process_tree(root) if (value := pss_kib(p)) is not None)
    return round(total / 1024, 1)


def process_age(pid: int | None = None) -> float | None:
    """Seconds since the process started, from the kernel's own start time (covers interpreter start-up)."""
    root = os.getpid() if pid is None else pid
    try:
        stat = (PROC / str(root) / "stat").read_text()
        uptime = float((PROC / "uptime").read_text().split()[0])
    except OSError:
        return None
    start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
