#!/usr/bin/env python3
"""N slow viewers of one URL: raw sockets with a small receive buffer, each reading RATE bytes per second.

usage: slow_readers.py URL N RATE HOLD_SECONDS [READY_FILE] [CONNECTS_PER_SECOND]
URL may be @FILE, a file of URLs, one a line: viewer i reads line i modulo their number (e.g. different segments).
Connects all N (CONNECTS_PER_SECOND, default 1000, in batches of at most 50), waits until each has its response head
and first body bytes, writes "ready=<k> status:<code>=<n> ... ttfb_p50_ms=<t> ttfb_p99_ms=<t>" to READY_FILE (and
stdout), keeps reading slowly for HOLD_SECONDS, then closes all; "after:" adds how many ended early.
"""
import asyncio
import socket
import sys
import time
from collections import Counter
from urllib.parse import urlsplit


async def viewer(host, port, target, rate, started, stop, stats, ttfb):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    t0 = time.monotonic()
    try:
        await asyncio.wait_for(loop.sock_connect(sock, (host, port)), 30)
        reader, writer = await asyncio.open_connection(sock=sock)
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
        ttfb.append(time.monotonic() - t0)
        status = head.split(b" ", 2)[1].decode()
        first = await asyncio.wait_for(reader.read(1024), 60)
        stats["status:" + status] += 1
        stats["ready" if first else "empty"] += 1
        while not stop.is_set():
            chunk = await reader.read(min(rate, 4096))
            if not chunk:
                stats["ended_early"] += 1
                break
            await asyncio.sleep(len(chunk) / rate)
        writer.close()
    except Exception as e:  # noqa: BLE001 - every failure is counted
        stats["failed:" + type(e).__name__] += 1
        sock.close()


async def main():
    url, n, rate, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    ready_file = sys.argv[5] if len(sys.argv) > 5 else None
    per_second = float(sys.argv[6]) if len(sys.argv) > 6 else 1000.0
    batch = max(1, min(50, int(per_second / 20)))
    ttfb = []
    urls = [u.strip() for u in open(url[1:]) if u.strip()] if url.startswith("@") else [url]
    stats = Counter()
    stop = asyncio.Event()
    started = asyncio.Event()
    tasks = []
    for i in range(n):
        parts = urlsplit(urls[i % len(urls)])
        target = parts.path + ("?" + parts.query if parts.query else "")
        tasks.append(asyncio.create_task(viewer(parts.hostname, parts.port, target, rate, started, stop, stats, ttfb)))
        if i % batch == batch - 1:
            await asyncio.sleep(batch / per_second)
    deadline = time.time() + 120
    while time.time() < deadline:
        settled = sum(v for k, v in stats.items() if k in ("ready", "empty") or k.startswith("failed"))
        if settled >= n:
            break
        await asyncio.sleep(0.2)
    line = " ".join(f"{k}={v}" for k, v in sorted(stats.items()))
    if ttfb:
        ttfb.sort()
        line += (f" ttfb_p50_ms={ttfb[len(ttfb) // 2] * 1000:.0f} ttfb_p99_ms={ttfb[int(len(ttfb) * 0.99)] * 1000:.0f}"
                 f" ttfb_max_ms={ttfb[-1] * 1000:.0f}")
    print(line, flush=True)
    if ready_file:
        with open(ready_file, "w") as f:
            f.write(line + "\n")
    await asyncio.sleep(hold)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("after: " + " ".join(f"{k}={v}" for k, v in sorted(stats.items())), flush=True)


asyncio.run(main())
