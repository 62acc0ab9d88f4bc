#!/usr/bin/env python3
"""Renders docs/BENCHMARKS.md from one bench/run.sh run: OUT/results.jsonl, OUT/machine.txt and the cold-start summary.

usage: report.py OUT_DIR COLD_START_SUMMARY_MD > docs/BENCHMARKS.md
"""
import json
import os
import re
import sys

import report_connections
import report_packaging

out, cold = sys.argv[1], sys.argv[2]
results = {}
if os.path.exists(os.path.join(out, "results.jsonl")):
    with open(os.path.join(out, "results.jsonl")) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                results[r["scenario"]] = r
machine_file = os.path.join(out, "machine.txt")
machine = open(machine_file).read() if os.path.exists(machine_file) else "(bench/run.sh did not run)"


def mib(b):
    return f"{b / 1048576:,.1f} MiB"


def rate(r):
    w = r["wrk"]
    return w["bytes"] / (w["duration_us"] / 1e6)


def per_cpu(r, with_s3=False):
    cpu = r["cpu_s"] + (r["s3_jvm_cpu_s"] if with_s3 else 0)
    return r["wrk"]["bytes"] / cpu if cpu else float("nan")


def errors(r):
    w = r["wrk"]
    e = {k[7:]: v for k, v in w.items() if k.startswith("errors_") and v}
    return ", ".join(f"{k} {v}" for k, v in e.items()) or "none"


def verdict(ok):
    return "**met**" if ok else "**not met**"


rows = []
notes = []
s = results.get


def pairs(conns, prefix="stream-"):
    """The back-to-back (Marquee, nginx proxy_pass) runs at CONNS connections, in order."""
    out, i = [], 1
    while s(f"{prefix}marquee-c{conns}-{i}") and s(f"{prefix}nginx-proxy-c{conns}-{i}"):
        out.append((s(f"{prefix}marquee-c{conns}-{i}"), s(f"{prefix}nginx-proxy-c{conns}-{i}")))
        i += 1
    return out


def pooled(runs):
    """The runs as one: bytes, duration and CPU summed."""
    return {"cpu_s": sum(r["cpu_s"] for r in runs), "s3_jvm_cpu_s": sum(r["s3_jvm_cpu_s"] for r in runs),
            "wrk": {"bytes": sum(r["wrk"]["bytes"] for r in runs),
                    "duration_us": sum(r["wrk"]["duration_us"] for r in runs),
                    "requests": sum(r["wrk"]["requests"] for r in runs)}}


def run_note(name, r):
    return (f"{name}: {r['wrk']['requests']} req, {r['cpu_s']} s (system {r.get('sys_cpu_s', '?')} s) / "
            f"{r['s3_jvm_cpu_s']} s, errors {errors(r)}, "
            f"load {r.get('load', '?')}")


for conns in (64, 32):
    ps = pairs(conns)
    if not ps:
        continue
    m, p = pooled([a for a, _ in ps]), pooled([b for _, b in ps])
    each = [per_cpu(a) / per_cpu(b) for a, b in ps]
    spread = ", ".join(f"{x:.2f}" for x in each)
    rows.append((f"Range streaming, random 1 MiB ranges, {conns} conns: bytes/s ({len(ps)} pairs of runs)",
                 f"{mib(rate(m))}/s", f"nginx proxy_pass {mib(rate(p))}/s", f"{rate(m) / rate(p):.2f}", "(none)",
                 "-"))
    rows.append((f"Bytes per CPU-second of the serving process, {conns} conns (each pair: {spread})",
                 f"{mib(per_cpu(m))}", f"nginx proxy_pass {mib(per_cpu(p))}", f"{per_cpu(m) / per_cpu(p):.2f}",
                 ">= 1.0 (stretch 1.3)", verdict(per_cpu(m) >= per_cpu(p))))
    rows.append((f"Bytes per CPU-second, serving process + S3Proxy JVM, {conns} conns", f"{mib(per_cpu(m, True))}",
                 f"nginx + S3Proxy {mib(per_cpu(p, True))}", f"{per_cpu(m, True) / per_cpu(p, True):.2f}",
                 "(context)", "-"))
    notes.append(f"Streaming runs at {conns} conns, Marquee then nginx proxy_pass in each pair (requests, CPU seconds "
                 "of the serving process / of the S3Proxy JVM, errors, load averages before -> after): " + "; ".join(
                     run_note(f"pair {i + 1} Marquee", a) + "; " + run_note("nginx", b) for i, (a, b) in enumerate(ps)))
tls = pairs(64, "stream-tls-")
if tls:
    m, p = pooled([a for a, _ in tls]), pooled([b for _, b in tls])
    spread = ", ".join(f"{per_cpu(a) / per_cpu(b):.2f}" for a, b in tls)
    rows.append((f"S3 over TLS, 64 conns: bytes per CPU-second of the serving process ({len(tls)} pairs; each: {spread})",
                 f"{mib(per_cpu(m))} ({mib(rate(m))}/s)", f"nginx proxy_pass https {mib(per_cpu(p))} ({mib(rate(p))}/s)",
                 f"{per_cpu(m) / per_cpu(p):.2f}", "(context: production's S3 is HTTPS)", "-"))
    notes.append("Streaming runs over TLS to S3 at 64 conns (a TLS front before S3Proxy; a second Marquee instance "
                 "trusting its certificate, nginx proxy_pass https:// verifying it), Marquee then nginx in each pair: "
                 + "; ".join(run_note(f"pair {i + 1} Marquee", a) + "; " + run_note("nginx", b)
                             for i, (a, b) in enumerate(tls)))
m, f, d = pooled([a for a, _ in pairs(64)]) if pairs(64) else None, s("stream-nginx-sendfile"), s("stream-direct-s3")
if m and f and d:
    rows.append(("Range streaming, 64 conns: vs direct S3 GET", f"{mib(rate(m))}/s", f"S3Proxy {mib(rate(d))}/s",
                 f"{rate(m) / rate(d):.2f}", "(none)", "-"))
    rows.append(("same, vs nginx sendfile from disk (ceiling)", f"{mib(rate(m))}/s", f"{mib(rate(f))}/s",
                 f"{rate(m) / rate(f):.2f}", "(reference)", "-"))
    rows.append(("Bytes per CPU-second vs nginx sendfile", f"{mib(per_cpu(m))}", f"{mib(per_cpu(f))}",
                 f"{per_cpu(m) / per_cpu(f):.2f}", "(reference)", "-"))
    notes.append("Reference runs at 64 conns: " + run_note("nginx sendfile", f) + "; " + run_note("direct S3", d))
for c in (1, 8):
    m, d = s(f"ttfb-marquee-c{c}"), s(f"ttfb-direct-s3-c{c}")
    if m and d:
        for pct, budget in (("p50", 2.0), ("p99", 10.0)):
            a, b = m["wrk"][f"lat_{pct}_us"] / 1000, d["wrk"][f"lat_{pct}_us"] / 1000
            bad = m["wrk"]["errors_status"] + d["wrk"]["errors_status"]
            rows.append((f"Time to first byte (1 KiB range), {c} conn, {pct}: added over direct S3",
                         f"{a:.2f} ms (added {a - b:+.2f} ms)", f"{b:.2f} ms", f"{a / b:.2f}" if b else "-",
                         f"added <= {budget:g} ms",
                         verdict(a - b <= budget) if not bad else f"**invalid** ({bad} non-2xx answers)"))
        notes.append(f"TTFB runs at {c} conn: Marquee {m['wrk']['requests']} req (errors {errors(m)}), "
                     f"direct S3 {d['wrk']['requests']} req (errors {errors(d)}).")


def per_second(r, count=None):
    w = r["wrk"]
    return (w["requests"] if count is None else count) / (w["duration_us"] / 1e6)


def non_2xx(*runs):
    return sum(r["wrk"]["errors_status"] + r["wrk"].get("errors_timeout", 0) for r in runs)


for kind in ("browse", "detail", "search"):
    m, raw, p = s(f"catalog-{kind}-marquee"), s(f"catalog-{kind}-raw"), s(f"catalog-{kind}-pgbench")
    if m and raw:
        a, b = per_second(m), per_second(raw)
        bad = non_2xx(m, raw)
        goal = 0.7 if kind == "browse" else 0.5  # browse: issue 13; detail and search: issue 8
        rows.append((f"Catalog {kind}, 64 conns: requests/s", f"{a:,.1f}", f"raw Vert.x PG handler {b:,.1f}",
                     f"{a / b:.2f}" if b else "-", f">= {goal:g}",
                     (verdict(b and a / b >= goal) if not bad else f"**invalid** ({bad} errors or non-2xx answers)")))
        rows.append((f"Catalog {kind}: requests per CPU-second of the serving process",
                     f"{m['wrk']['requests'] / m['cpu_s']:,.0f}" if m["cpu_s"] else "-",
                     f"raw {raw['wrk']['requests'] / raw['cpu_s']:,.0f}" if raw["cpu_s"] else "-",
                     f"{(m['wrk']['requests'] / m['cpu_s']) / (raw['wrk']['requests'] / raw['cpu_s']):.2f}"
                     if m["cpu_s"] and raw["cpu_s"] and raw["wrk"]["requests"] else "-", "(context)", "-"))
        notes.append(f"Catalog {kind}: Marquee {m['wrk']['requests']} req, p50 {m['wrk']['lat_p50_us'] / 1000:.1f} ms, "
                     f"p99 {m['wrk']['lat_p99_us'] / 1000:.1f} ms, {m['cpu_s']} CPU-s, errors {errors(m)}; raw "
                     f"{raw['wrk']['requests']} req, p50 {raw['wrk']['lat_p50_us'] / 1000:.1f} ms, p99 "
                     f"{raw['wrk']['lat_p99_us'] / 1000:.1f} ms, {raw['cpu_s']} CPU-s, errors {errors(raw)}.")
    v = s(f"catalog-{kind}-raw-verified")
    if m and v:
        a, b = per_second(m), per_second(v)
        rows.append((f"Catalog {kind}: vs the raw handler also verifying the ES256 token", f"{a:,.1f}",
                     f"raw + SmallRye JWT verification {b:,.1f}", f"{a / b:.2f}" if b else "-", "(context)",
                     "-" if not non_2xx(v) else f"**invalid** ({non_2xx(v)} errors or non-2xx answers)"))
        notes.append(f"Raw {kind} with token verification: {v['wrk']['requests']} req, p50 "
                     f"{v['wrk']['lat_p50_us'] / 1000:.1f} ms, {v['cpu_s']} CPU-s, errors {errors(v)}.")
    if m and p:
        a = per_second(m)
        rows.append((f"Catalog {kind}, 64 conns: vs pgbench (SQL only)", f"{a:,.1f}", f"pgbench {p['tps']:,.0f} tps",
                     f"{a / p['tps']:.2f}" if p["tps"] else "-", "(context)", "-"))
        notes.append(f"pgbench {kind}: failed transactions {p['failed']}.")
for variant, label in (("", "each on its own title"), ("-hot", "all on one title")):
    m, raw = s(f"playback{variant}-marquee"), s(f"playback{variant}-raw")
    if not (m and raw):
        continue
    a, b = per_second(m, m["wrk"]["starts"]), per_second(raw, raw["wrk"]["starts"])
    bad = m["wrk"]["others"] + raw["wrk"]["others"] + m["wrk"]["errors_timeout"] + raw["wrk"]["errors_timeout"]
    rows.append((f"Playback start (lease + grant) then end, {m['connections']} viewers {label}: starts/s",
                 f"{a:,.1f}", f"raw Vert.x PG handler, same statements {b:,.1f}", f"{a / b:.2f}" if b else "-",
                 "(none)" if not variant else "(context)",
                 "-" if not bad else f"**invalid** ({bad} errors or unexpected answers)"))
    notes.append(f"Playback, viewers {label}: " + "; ".join(
        f"{n} {r['wrk']['starts']} starts / {r['wrk']['ends']} ends / {r['wrk']['others']} other answers, request p50 "
        f"{r['wrk']['lat_p50_us'] / 1000:.1f} ms, p99 {r['wrk']['lat_p99_us'] / 1000:.1f} ms, {r['cpu_s']} CPU-s"
        for n, r in (("Marquee", m), ("raw", raw))) + ".")
    p = s("playback-pgbench")
    if p and not variant:
        rows.append(("same, vs pgbench core transaction (lock, count, insert; end)", f"{a:,.1f}",
                     f"pgbench {p['tps']:,.0f} tps", f"{a / p['tps']:.2f}" if p["tps"] else "-", "(context)", "-"))
        notes.append(f"pgbench playback: failed transactions {p['failed']}.")
m, h = s("login-marquee"), s("login-hash-rate")
if m and h:
    a, b = per_second(m), h["hash"]["per_second"]
    bad = non_2xx(m)
    rows.append((f"Login, {m['connections']} conns: logins/s", f"{a:,.1f}",
                 f"Argon2id verifications/s on {h['hash']['threads']} threads {b:,.1f}", f"{a / b:.2f}" if b else "-",
                 "(none)", "-" if not bad else f"**invalid** ({bad} errors or non-2xx answers)"))
    notes.append(f"Login: {m['wrk']['requests']} logins, p50 {m['wrk']['lat_p50_us'] / 1000:.0f} ms, p99 "
                 f"{m['wrk']['lat_p99_us'] / 1000:.0f} ms, {m['cpu_s']} CPU-s of Marquee, errors {errors(m)}; Argon2id "
                 f"m={h['hash']['memory_kib']} KiB, t={h['hash']['iterations']}, p={h['hash']['parallelism']}: "
                 f"{h['hash']['verifications']} verifications in {h['hash']['duration_us'] / 1e6:.1f} s.")
pkg_rows, pkg_notes, pkg_how = report_packaging.render(results)
rows += pkg_rows
notes += pkg_notes
conn_rows, conn_notes, drills = report_connections.render(results)
rows += conn_rows
notes += conn_notes
cold_text = open(cold).read() if os.path.exists(cold) else ""
mm = re.search(r"\| Java 25, plain \| [^|]* \| ([0-9.]+) \|", cold_text)
ma = re.search(r"\| Java 25, AOT cache [^|]* \| [^|]* \| ([0-9.]+) \|", cold_text)
if mm and ma:
    plain, aot = float(mm.group(1)), float(ma.group(1))
    rows.append(("Cold start to first authenticated catalog 200 (median)", f"AOT cache {aot:,.0f} ms",
                 f"plain JVM {plain:,.0f} ms", f"{aot / plain:.2f}", "<= 0.4", verdict(aot / plain <= 0.4)))

print("# Benchmarks\n")
print("Generated by `bench/run.sh` (one command; raw output in `bench/out/run/`, gitignored) and "
      "`bench/cold-start.sh`. Ratios are Marquee / baseline measured in the same run on the same machine.\n")
print("## Results\n")
print("| Scenario | Marquee | Baseline | Ratio | Budget (DESIGN.md) | Verdict |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print("\n### Details\n")
for n in notes:
    print(f"- {n}")
if drills:
    print("\n## Fault drills: what was lost\n")
    for d in drills:
        print(f"- {d}" if not d.startswith("  ") else f"  {d.strip()}")
if pkg_how:
    print("\n## Adaptive streaming (packaging group): how it was measured\n")
    print(pkg_how)
print("\n## Machine\n")
print(machine.strip())
if cold_text:
    print("\n## Cold start\n")
    print(cold_text.strip().replace("### Cold start", "Cold start"))

print("""
## How it was measured

- Command: `bench/run.sh` (`DURATION` seconds per load run, default 15); it first runs `bench/cold-start.sh --build
  --runs 5` (the cold-start section comes from its `bench/out/cold-start/summary.md`).
- Marquee: `target/quarkus-app/quarkus-run.jar`, production profile, configured only by the DESIGN.md environment
  variables, Java 25 with the JVM options of the container image (`marquee_jvm_options` in `bench/common.sh`: the
  `-XX:` flags of `src/main/docker/Dockerfile.jvm` plus `-XX:MaxRAM=1g`, the Kubernetes memory limit; the line
  `marquee_jvm` under Machine shows them), against embedded PostgreSQL 17 and S3Proxy (filesystem store) started by
  `io.marquee.bench.BenchServices` in one JVM; a second S3Proxy without authentication over the same files serves the
  direct S3 GETs and nginx's `proxy_pass`.
- nginx (Debian), 2 workers: one server with `sendfile on` for the same 256 MiB file from disk, one with `proxy_pass`
  to S3Proxy and `proxy_buffering off` (upstream keepalive).
- Load: `wrk -t2 -c64` and `-t2 -c32` with `bench/wrk/ranges.lua` (random 1 MiB `Range` requests over the 256 MiB
  object), Marquee and nginx proxy_pass in `STREAM_PAIRS` (default 3) pairs of runs back to back, so that a change in
  the machine's load falls on both sides of a pair; the ratio is that of the sums, each pair's ratio is listed. TTFB is
  wrk's request latency for `bytes=0-1023` at `-c1 -t1` and `-c8 -t2`. Each run records the load averages before and
  after it, and the kernel part (system time) of the serving process's CPU.
- JSON API (`bench/scenarios/api.sh`), after `bench/synthetic-catalog.sql` (10,000 titles): catalog with
  `bench/wrk/catalog.lua` at `-t2 -c64` and an adult profile's token (`GET /api/v1/titles?sort=popular&limit=20`,
  `GET /api/v1/titles/{id}` for random synthetic titles, `GET /api/v1/search?q=<word>&limit=20`) against
  `io.marquee.bench.RawCatalogServer`: plain Vert.x core and the reactive PG client on Java 25 with Marquee's JVM options, one
  event loop per core, one pool of Marquee's `quarkus.datasource.reactive.max-size`, prepared statements cached as
  Quarkus does, running the same SQL (the profile lookup Hibernate sends, then `TitleQueries`' statements) and
  answering byte-identical JSON with the same ETag; it reads the profile from the token without verifying it (no
  signature check, no revocation check, no filters); one more browse run has it verify each token as Marquee does
  (SmallRye JWT, ES256). Each server and kind gets a discarded warm-up run first.
  `pgbench -M prepared -c 64 -j 2` with the same SQL (`bench/pgbench/`) is context. Playback: 64 viewers (own
  account, own connection: `wrk -t64 -c64`, `bench/wrk/playback.lua`) each alternating `POST /api/v1/playback` and
  `DELETE /api/v1/playback/{leaseId}`, each viewer on its own synthetic movie (made playable with a copy of the
  uploaded video's row), then all on the uploaded title (every start updates the title's play count: the row lock
  serialises them); the raw server runs, in one transaction each, the statements Hibernate sends for them;
  `bench/pgbench/playback.sql.in` (lock the account, count active leases, insert; read, end, notify) is context.
  Login: `bench/wrk/login.lua` at `-t2 -c8` for one account against `io.marquee.bench.PasswordHashRate`, Marquee's
  `Argon2idHasher` with Marquee's parameters verifying on one thread per core.
- CPU: utime + stime of the serving process (`/proc/<pid>/stat`, nginx master + workers) before and after each run.
  Marquee's bytes also cost S3Proxy CPU (it fetches every range from S3): the "+ S3Proxy JVM" row counts both.
- Connection scenarios (`bench/scenarios/connections.sh`; clients `bench/slow_readers.py`, `bench/connections.py`,
  `bench/drills.py`; new streams start 100 a second):
  - Memory per stream: 1,000 connections to the stream URL (whole object, 4 KiB receive buffer, 16 KiB/s each),
    VmRSS once all have their first bytes (+5 s) minus VmRSS before (Marquee's taken right after a full GC); the same
    readers through nginx proxy_pass as the baseline. Valid only if all 1,000 got 200 and were streaming when RSS was
    sampled; a second row says whether they were all still streaming near the end of the 20 s hold.
  - Idle connections: 10,000 keep-alive connections each answer one `GET /q/health/live`, are held idle (less than
    `quarkus.http.idle-timeout`) and then each answer a second request; RSS growth per connection against an nginx
    (2 workers, `worker_connections 12000`) holding the same; 5 new authenticated catalog calls and 5 stream ranges
    before and during the hold. `ulimit -n` is raised to the hard limit for Marquee, nginx and the clients.
  - Paused players: 20 players read 1 MiB of a 32 MiB range, stop reading for 20 s, then read the rest; bytes compared
    with the file; the same through nginx proxy_pass.
  - Stream cap: a second Marquee with `MARQUEE_STREAMING_MAX_CONCURRENT_STREAMS=20` holding 20 streams, then at once
    1,000 more stream requests (50 at a time, each on a new connection); baseline: the same burst on
    `GET /q/health/live`.
  - Drills: 1,000 clients abort mid-stream (gauges `marquee_stream_active`, `marquee_s3_bodies_open` and the
    established connections from `ss` must return to their baseline within 30 s); SIGTERM under wrk range load with
    20 slow readers of 16 MiB ranges whose bytes are compared with the file, 8 keep-alive loopers counting every
    answer, and new requests probing every 0.2 s.
- Warm-up: before the streaming and connection scenarios, 20 s of 1 MiB ranges and 10 s of 1 KiB ranges go to
  Marquee and to the direct S3 GET unmeasured (`WARMUP`), so JIT compilation and class loading of the JVMs (Marquee,
  S3Proxy) are not billed as serving cost; the JSON API scenarios warm up each server the same way.
- Everything (wrk, pgbench, nginx, S3Proxy, PostgreSQL, Marquee) shares the same 2 cores (see the load averages
  above): absolute figures are low, the ratios are what counts, and even they carry the noise of one run.

## Not measured (yet)

- Fault drills (S3 stopped or slow mid-stream, PostgreSQL stopped, slowloris) as bench scenarios.
- Profiling and fixing the budgets that are not met (issue 8, item 4).
""")
