#!/usr/bin/env python3
"""Clients of the drills of bench/scenarios/connections.sh that check every byte; each prints one JSON object.

  drills.py drain URL PROBE_URL MEDIA_FILE N RANGE_BYTES RATE PID [LOOPERS]
      N slow readers each read a RANGE_BYTES range at RATE bytes/s, and LOOPERS (8) keep-alive connections request
      1 MiB ranges back to back; once every slow reader has its first bytes, SIGTERM goes to PID; new requests probe
      the server until PID has exited; every slow reader's bytes are compared with MEDIA_FILE, every looper's
      answer is counted as whole, truncated, or never answered (closed between two requests).
  drills.py paused URL MEDIA_FILE N RANGE_BYTES FIRST_BYTES PAUSE_SECONDS
      N players each read FIRST_BYTES of a RANGE_BYTES range, stop reading for PAUSE_SECONDS (a full player buffer),
      then read the rest; every byte is compared with MEDIA_FILE.
"""
import asyncio
import json
import os
import signal
import socket
import sys
import time
from collections import Counter

from httpio import failure_name, read_body, read_head, request, target_of


# ---- drain ----

def exited(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


async def drain(url, probe_url, media_file, n, range_bytes, rate, pid, loopers):
    host, port, target = target_of(url)
    _, _, probe_target = target_of(probe_url)
    media = os.open(media_file, os.O_RDONLY)
    size = os.fstat(media).st_size
    stats = Counter()
    ready = asyncio.Event()
    heads = [0]
    t_term = [None]
    finished_at = []

    async def reader_task(i):
        first = (size // (n + 1)) * (i + 1) // 4096 * 4096
        last = min(size, first + range_bytes) - 1
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sock.setblocking(False)
        got = 0
        matches = True
        try:
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (host, port)), 30)
            reader, writer = await asyncio.open_connection(sock=sock)
            writer.write(request(host, port, target, keep_alive=False, range_header=f"bytes={first}-{last}"))
            status, headers = await asyncio.wait_for(read_head(reader), 30)
            heads[0] += 1
            if heads[0] == n:
                ready.set()
            stats[f"status:{status}"] += 1
            if status != 206:
                await read_body(reader, headers)
                writer.close()
                return
            expected = int(headers.get("content-length", "-1"))
            while got < expected:
                chunk = await asyncio.wait_for(reader.read(min(8192, expected - got)), 60)
                if not chunk:
                    break
                if chunk != os.pread(media, len(chunk), first + got):
                    matches = False
                got += len(chunk)
                await asyncio.sleep(len(chunk) / rate)
            if got == expected and matches:
                stats["complete"] += 1
            elif got == expected:
                stats["wrong_bytes"] += 1
            else:
                stats["truncated"] += 1
                stats["bytes_missing"] += expected - got
            finished_at.append(time.monotonic() - t_term[0] if t_term[0] else 0)
            writer.close()
        except Exception as e:  # noqa: BLE001
            heads[0] += 1
            if heads[0] == n:
                ready.set()
            stats["failed:" + failure_name(e)] += 1
            stats["bytes_missing"] += (last - first + 1) - got
            sock.close()

    async def probe(path):
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 2)
            writer.write(request(host, port, path, keep_alive=False, range_header="bytes=0-1023"))
            status, headers = await asyncio.wait_for(read_head(reader), 2)
            writer.close()
            return str(status) + ("+retry-after" if "retry-after" in headers else "")
        except Exception as e:  # noqa: BLE001
            return failure_name(e)

    async def looper(i):
        """Back-to-back 1 MiB ranges on keep-alive connections: every answer is either whole or counted as lost."""
        reader = writer = None
        k = 0
        while not stop_loopers.is_set():
            k += 1
            first = ((i * 1009 + k * 7919) * 65536) % (size - 1048576)
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
                writer.write(request(host, port, target, range_header=f"bytes={first}-{first + 1048575}"))
                try:
                    status, headers = await asyncio.wait_for(read_head(reader), 30)
                except (asyncio.IncompleteReadError, ConnectionResetError):
                    # Closed between two requests: this one was never answered (a client retries it on a new connection).
                    stats["loop_closed_before_answer"] += 1
                    writer.close()
                    writer = None
                    continue
                length = int(headers.get("content-length", "0"))
                got = 0
                try:
                    while got < length:
                        chunk = await asyncio.wait_for(reader.read(min(65536, length - got)), 30)
                        if not chunk:
                            break
                        got += len(chunk)
                except (ConnectionResetError, asyncio.TimeoutError):
                    pass
                if got < length:
                    stats["loop_truncated"] += 1
                    stats["bytes_missing"] += length - got
                    writer.close()
                    writer = None
                    continue
                stats[f"loop_status:{status}"] += 1
                if headers.get("connection", "").lower() == "close":
                    writer.close()
                    writer = None
                if status == 503:
                    await asyncio.sleep(0.2)  # a player backs off (Retry-After) instead of spinning
            except Exception as e:  # noqa: BLE001
                stats["loop_failed:" + failure_name(e)] += 1
                if writer is not None:
                    writer.close()
                writer = None
                await asyncio.sleep(0.2)
        if writer is not None:
            writer.close()

    stop_loopers = asyncio.Event()
    loops = [asyncio.create_task(looper(i)) for i in range(loopers)]
    timeline = {"stream": [], "ready": []}

    def note(kind, t, outcome):
        spans = timeline[kind]
        if spans and spans[-1][2] == outcome:
            spans[-1][1] = round(t, 2)
            spans[-1][3] += 1
        else:
            spans.append([round(t, 2), round(t, 2), outcome, 1])

    readers = [asyncio.create_task(reader_task(i)) for i in range(n)]
    try:
        await asyncio.wait_for(ready.wait(), 60)
        await asyncio.sleep(1)
    except asyncio.TimeoutError:
        stats["sigterm_before_all_readers_started"] += 1
    os.kill(pid, signal.SIGTERM)
    t_term[0] = time.monotonic()
    exit_s = None
    gone_since = None
    while time.monotonic() - t_term[0] < 90:
        t = time.monotonic() - t_term[0]
        stream_outcome, ready_outcome = await asyncio.gather(probe(target), probe("/q/health/ready"))
        note("stream", t, stream_outcome)
        note("ready", t, ready_outcome)
        if exit_s is None and exited(pid):
            exit_s = round(time.monotonic() - t_term[0], 2)
            gone_since = time.monotonic()
        if gone_since and time.monotonic() - gone_since > 1:
            break
        await asyncio.sleep(0.2)
    stop_loopers.set()
    await asyncio.gather(*readers, *loops, return_exceptions=True)
    return {"readers": n, "loopers": loopers, "range_bytes": range_bytes, "rate": rate, "exit_s": exit_s,
            "readers_done_max_s": round(max(finished_at), 2) if finished_at else None, "counts": dict(stats),
            "timeline": timeline}


# ---- paused ----

async def paused(url, media_file, n, range_bytes, first_bytes, pause):
    host, port, target = target_of(url)
    media = os.open(media_file, os.O_RDONLY)
    size = os.fstat(media).st_size
    stats = Counter()
    cut_after = []

    async def player(i):
        first = (size // (n + 1)) * (i + 1) // 4096 * 4096
        last = min(size, first + range_bytes) - 1
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
        sock.setblocking(False)
        got = 0
        matches = True
        resumed = None
        try:
            await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, (host, port)), 30)
            reader, writer = await asyncio.open_connection(sock=sock, limit=16384)
            writer.write(request(host, port, target, keep_alive=False, range_header=f"bytes={first}-{last}"))
            status, headers = await asyncio.wait_for(read_head(reader), 30)
            stats[f"status:{status}"] += 1
            if status != 206:
                await read_body(reader, headers)
                writer.close()
                return
            expected = int(headers.get("content-length", "-1"))
            while got < expected:
                if resumed is None and got >= first_bytes:
                    await asyncio.sleep(pause)
                    resumed = time.monotonic()
                chunk = await asyncio.wait_for(reader.read(min(65536, expected - got)), 60)
                if not chunk:
                    break
                if chunk != os.pread(media, len(chunk), first + got):
                    matches = False
                got += len(chunk)
            if got == expected and matches:
                stats["complete"] += 1
            elif got == expected:
                stats["wrong_bytes"] += 1
            else:
                stats["truncated"] += 1
                stats["bytes_missing"] += expected - got
                cut_after.append(got)
            writer.close()
        except Exception as e:  # noqa: BLE001
            stats["failed:" + failure_name(e)] += 1
            stats["bytes_missing"] += (last - first + 1) - got
            cut_after.append(got)
            sock.close()

    started = time.monotonic()
    await asyncio.gather(*(player(i) for i in range(n)))
    return {"players": n, "range_bytes": range_bytes, "first_bytes": first_bytes, "pause_s": pause,
            "duration_s": round(time.monotonic() - started, 2), "counts": dict(stats),
            "cut_after_bytes": sorted(cut_after)[:10]}


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "drain":
        out = asyncio.run(drain(args[0], args[1], args[2], int(args[3]), int(args[4]), int(args[5]), int(args[6]),
                                int(args[7]) if len(args) > 7 else 8))
    elif cmd == "paused":
        out = asyncio.run(paused(args[0], args[1], int(args[2]), int(args[3]), int(args[4]), float(args[5])))
    else:
        sys.exit(__doc__)
    print(json.dumps(out, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
