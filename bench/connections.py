#!/usr/bin/env python3
"""Clients of the connection scenarios (bench/scenarios/connections.sh); each prints one JSON object.

  connections.py idle URL N HOLD_SECONDS READY_FILE
      N keep-alive HTTP/1.1 connections, each completing one GET of URL, then held idle; once all are open (or have
      failed) writes READY_FILE; after HOLD_SECONDS (shortened so that no connection reaches IDLE_TIMEOUT, 60 s, the
      server's quarkus.http.idle-timeout) sends one more GET on every connection to prove it is still open.
  connections.py burst URL N CONCURRENCY [RANGE]
      N GETs, each on a new connection (Connection: close), CONCURRENCY at a time: statuses, Retry-After, latency.
  connections.py abort URL N READ_BYTES RANGE_BYTES OBJECT_SIZE [STARTS_PER_SECOND]
      N clients start a stream (half the whole object, half a RANGE_BYTES range), STARTS_PER_SECOND (100) of them a
      second, read READ_BYTES of the body and go away (half with FIN, half with RST).
"""
import asyncio
import json
import os
import socket
import struct
import sys
import time
from collections import Counter

from httpio import failure_name, latency_summary, read_body, read_head, request, target_of


# ---- idle ----

IDLE_TIMEOUT = float(os.environ.get("IDLE_TIMEOUT", "60"))  # quarkus.http.idle-timeout

async def idle(url, n, hold, ready_file):
    host, port, target = target_of(url)
    opening = asyncio.Semaphore(200)
    stop = asyncio.Event()
    stats = Counter()
    closed_idle_ages = []
    last_activity = {}

    async def one(i):
        try:
            async with opening:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
                writer.write(request(host, port, target))
                status, headers = await asyncio.wait_for(read_head(reader), 30)
                await asyncio.wait_for(read_body(reader, headers), 30)
            last_activity[i] = time.monotonic()
            stats[f"first_status:{status}"] += 1
            stats["opened"] += 1
        except Exception as e:  # noqa: BLE001 - every failure is counted
            stats["open_failed:" + failure_name(e)] += 1
            return
        peek = asyncio.ensure_future(reader.read(1))
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait({peek, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if peek.done():
            stopped.cancel()
            closed_idle_ages.append(time.monotonic() - last_activity[i])
            stats["closed_during_hold"] += 1
            writer.close()
            return
        peek.cancel()
        try:
            writer.write(request(host, port, target, keep_alive=False))
            status, headers = await asyncio.wait_for(read_head(reader), 60)
            await asyncio.wait_for(read_body(reader, headers), 60)
            stats[f"end_status:{status}"] += 1
            if status == 200:
                stats["alive_at_end"] += 1
        except Exception as e:  # noqa: BLE001
            timed_out = time.monotonic() - last_activity[i] >= IDLE_TIMEOUT - 1
            stats[("end_failed_after_idle_timeout:" if timed_out else "end_failed:") + failure_name(e)] += 1
        writer.close()

    started = time.monotonic()
    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    while time.monotonic() - started < 300:
        settled = stats["opened"] + sum(v for k, v in stats.items() if k.startswith("open_failed"))
        if settled >= n:
            break
        await asyncio.sleep(0.2)
    open_s = time.monotonic() - started
    # The first connections have been idle since the opening began: end the hold well before the server's idle timeout.
    held = max(10.0, min(hold, IDLE_TIMEOUT - 10 - open_s))
    with open(ready_file, "w") as f:
        f.write(" ".join(f"{k}={v}" for k, v in sorted(stats.items())) + "\n")
    await asyncio.sleep(held)
    oldest_idle = time.monotonic() - min(last_activity.values()) if last_activity else 0
    stop.set()
    end_started = time.monotonic()
    await asyncio.gather(*tasks, return_exceptions=True)
    out = dict(stats)
    out.update({"connections": n, "open_s": round(open_s, 2), "hold_s": round(held, 1),
                "oldest_idle_s_at_end": round(oldest_idle, 1), "end_check_s": round(time.monotonic() - end_started, 2),
                "closed_idle_ages_s": sorted(round(a, 1) for a in closed_idle_ages)[:20]})
    return out


# ---- burst ----

async def burst(url, n, concurrency, range_header):
    host, port, target = target_of(url)
    gate = asyncio.Semaphore(concurrency)
    stats = Counter()
    ms_by_status = {}

    async def one():
        async with gate:
            t0 = time.perf_counter()
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
                writer.write(request(host, port, target, keep_alive=False, range_header=range_header))
                status, headers = await asyncio.wait_for(read_head(reader), 30)
                if status >= 300:
                    await asyncio.wait_for(read_body(reader, headers), 30)
                ms = (time.perf_counter() - t0) * 1000
                writer.close()
                stats[f"status:{status}"] += 1
                if "retry-after" in headers:
                    stats[f"retry_after:{headers['retry-after']}"] += 1
                ms_by_status.setdefault(status, []).append(ms)
            except Exception as e:  # noqa: BLE001
                stats["failed:" + failure_name(e)] += 1

    started = time.monotonic()
    await asyncio.gather(*(one() for _ in range(n)))
    out = {"requests": n, "concurrency": concurrency, "duration_s": round(time.monotonic() - started, 2),
           "counts": dict(stats), "latency": {}}
    for status, ms in ms_by_status.items():
        out["latency"][str(status)] = {k: (round(v, 2) if isinstance(v, float) else v)
                                       for k, v in latency_summary(ms).items()}
    return out


# ---- abort ----

async def abort(url, n, read_bytes, range_bytes, size, per_second):
    host, port, target = target_of(url)
    stats = Counter()

    async def one(i):
        whole = i % 2 == 0
        rst = i % 4 >= 2
        first = (i * 7919 * 1048576) % max(1, size - range_bytes)
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 30)
            writer.write(request(host, port, target, keep_alive=False,
                                 range_header=None if whole else f"bytes={first}-{first + range_bytes - 1}"))
            status, headers = await asyncio.wait_for(read_head(reader), 30)
            stats[f"status:{status}"] += 1
            if status in (200, 206):
                await asyncio.wait_for(reader.readexactly(read_bytes), 30)
                stats["read_then_aborted_" + ("rst" if rst else "fin")] += 1
            if rst:
                writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.close()
        except Exception as e:  # noqa: BLE001
            stats["failed:" + failure_name(e)] += 1

    started = time.monotonic()
    tasks = []
    batch = max(1, min(50, int(per_second / 20)))
    for i in range(n):
        tasks.append(asyncio.create_task(one(i)))
        if i % batch == batch - 1:
            await asyncio.sleep(batch / per_second)
    await asyncio.gather(*tasks)
    return {"clients": n, "read_bytes": read_bytes, "starts_per_second": per_second, "duration_s": round(time.monotonic() - started, 2),
            "counts": dict(stats)}


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "idle":
        out = asyncio.run(idle(args[0], int(args[1]), float(args[2]), args[3]))
    elif cmd == "burst":
        out = asyncio.run(burst(args[0], int(args[1]), int(args[2]), args[3] if len(args) > 3 else None))
    elif cmd == "abort":
        out = asyncio.run(abort(args[0], int(args[1]), int(args[2]), int(args[3]), int(args[4]),
                                float(args[5]) if len(args) > 5 else 100.0))
    else:
        sys.exit(__doc__)
    print(json.dumps(out, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
