"""The notification listener under load, over loopback: what CCS (or a flood) sees.

1. A burst: 500 valid notifications (each a new call key) sent at once, each on its own connection; how many are
   answered within 5 s, and p50/p99 of the answer time.
2. Slow clients: 150 connections that send nothing or trickle a byte every 0.5 s (and reconnect when dropped,
   as a persistent attacker would) while valid notifications arrive one at a time; p50/p99 of their answer time,
   and the most threads the listener's process had.

The listener runs in its own process (as in the app, where its loop shares no interpreter with the client), so
the client's work does not slow it down. `--code DIR` runs the listener from another checkout (the code before
a change: `git archive <commit> ccs_desktop | tar -x -C DIR`); `--max-open 64` measures the connection limit
an app gets on macOS (a quarter of its 256 file descriptors). Run: python bench/bench_listener.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import machine

REPO = Path(__file__).resolve().parent.parent
BURST = 500
SLOW = 150
VALID_DURING_SLOW = 100  # valid notifications sent one after another while the slow clients are connected
ANSWER_WITHIN = 5.0
GIVE_UP = 15.0  # a client's own limit on one request


def serve(max_open: int | None) -> None:
    """The listener's process: prints `port token`, serves until stdin closes."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from ccs_desktop.core.notifications import new_token
    from ccs_desktop.services.listener import NotificationListener
    from ccs_desktop.services.tasks import TaskRunner

    qapp = QCoreApplication(sys.argv[:1])
    runner = TaskRunner()
    token = new_token()
    limits = {"max_open": max_open} if max_open else {}  # the code before the change has no such limit
    listener = NotificationListener(runner, token, lambda n: None, **limits)
    listener.start()
    import ccs_desktop

    print(listener.port, token, Path(ccs_desktop.__file__).parent.parent, flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), qapp.quit()), daemon=True).start()
    qapp.exec()
    listener.stop()
    runner.shutdown(wait=True)


def threads_of(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def request(token: str, key: str) -> bytes:
    query = f"call_callerid=05321234567&call_activecallkey={key}&call_agent_email=ayse%40demo.com"
    return f"GET /{token}/call?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()


async def timed(port: int, data: bytes) -> float | None:
    """Seconds from connect to a 200's status line; None: no 200 within GIVE_UP."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    writer = None
    try:
        async with asyncio.timeout(GIVE_UP):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(data)
            line = await reader.readline()
    except (TimeoutError, OSError):
        return None
    finally:
        if writer is not None:
            writer.close()
    return loop.time() - started if b" 200 " in line else None


def figures(times: list[float | None]) -> str:
    answered = sorted(t * 1000 for t in times if t is not None and t <= ANSWER_WITHIN)
    text = f"{len(answered)} of {len(times)} answered within {ANSWER_WITHIN:.0f} s"
    if len(answered) >= 2:
        p99 = statistics.quantiles(answered, n=100)[98]
        text += f"; p50 {statistics.median(answered):.1f} ms, p99 {p99:.1f} ms, max {answered[-1]:.0f} ms"
    return text


async def burst(port: int, token: str) -> str:
    times = await asyncio.gather(*(timed(port, request(token, f"burst-{i}")) for i in range(BURST)))
    return figures(list(times))


async def slow_client(port: int, trickle: bytes | None, stop: asyncio.Event, drops: list[int]) -> None:
    """Connects and sends nothing (or a byte every 0.5 s); when dropped, connects again."""
    while not stop.is_set():
        writer = None
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            for byte in trickle or b"":
                if stop.is_set() or reader.at_eof():
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.5)
            while not stop.is_set() and not reader.at_eof():
                with_timeout = asyncio.wait_for(reader.read(1024), 0.5)
                try:
                    await with_timeout
                except TimeoutError:
                    continue
            drops[0] += 1
        except OSError:
            await asyncio.sleep(0.05)
        finally:
            if writer is not None:
                writer.close()


async def slow(port: int, token: str, pid: int) -> str:
    stop = asyncio.Event()
    drops = [0]
    trickle = request(token, "slow")[:-2]  # never the final CRLF
    clients = [
        asyncio.create_task(slow_client(port, trickle if i % 2 else None, stop, drops)) for i in range(SLOW)
    ]
    await asyncio.sleep(1.0)  # all connected, the first ones already waiting
    most_threads = threads_of(pid) or 0
    times = []
    for i in range(VALID_DURING_SLOW):
        times.append(await timed(port, request(token, f"during-slow-{i}")))
        most_threads = max(most_threads, threads_of(pid) or 0)
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*clients, return_exceptions=True)
    threads = f"{most_threads}" if most_threads else "unknown"
    return (
        f"{figures(times)}; the listener's process had at most {threads} threads; "
        f"slow connections dropped by the listener: {drops[0]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose listener is measured")
    parser.add_argument("--max-open", type=int, help="the listener's connection limit (64: as on macOS)")
    args = parser.parse_args()
    if args.serve:
        serve(args.max_open)
        return
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve()), "QT_QPA_PLATFORM": "offscreen"}
    print(machine())
    for name in ("burst", "slow clients"):
        server = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--serve",
                *(["--max-open", str(args.max_open)] if args.max_open else []),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        try:
            assert server.stdout is not None
            port_text, token, code = server.stdout.readline().split()
            if name == "burst":
                print(f"listener code: {code}")
            started = time.perf_counter()
            if name == "burst":
                result = asyncio.run(burst(int(port_text), token))
                print(f"{BURST} valid notifications at once: {result}")
            else:
                result = asyncio.run(slow(int(port_text), token, server.pid))
                print(
                    f"{VALID_DURING_SLOW} valid notifications while {SLOW} slow clients are connected: {result}"
                )
            print(f"  ({time.perf_counter() - started:.1f} s)")
        finally:
            assert server.stdin is not None
            server.stdin.close()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    main()
