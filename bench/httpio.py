"""The few HTTP/1.1 pieces the bench clients (bench/connections.py, bench/drills.py) need, on asyncio streams."""
import asyncio
from urllib.parse import urlsplit


def target_of(url):
    parts = urlsplit(url)
    return parts.hostname, parts.port, parts.path + ("?" + parts.query if parts.query else "")


def request(host, port, target, keep_alive=True, range_header=None):
    lines = [f"GET {target} HTTP/1.1", f"Host: {host}:{port}"]
    if range_header:
        lines.append(f"Range: {range_header}")
    lines.append("Connection: " + ("keep-alive" if keep_alive else "close"))
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return int(lines[0].split(" ", 2)[1]), headers


async def read_body(reader, headers):
    if "content-length" in headers:
        return await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return body
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    return await reader.read()


def failure_name(e):
    if isinstance(e, asyncio.IncompleteReadError):
        return "eof"
    if isinstance(e, ConnectionRefusedError):
        return "refused"
    if isinstance(e, ConnectionResetError):
        return "reset"
    if isinstance(e, (asyncio.TimeoutError, TimeoutError)):
        return "timeout"
    return type(e).__name__


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def latency_summary(ms):
    return {"n": len(ms), "p50_ms": percentile(ms, 50), "p90_ms": percentile(ms, 90), "p99_ms": percentile(ms, 99),
            "max_ms": max(ms) if ms else None}
