"""The connection scenarios and drills of bench/scenarios/connections.sh, as report rows, notes and drill lines.

rows: (scenario, Marquee, baseline, ratio, budget, verdict); drills: "what was lost" lines. Used by bench/report.py.
"""
import re


def _verdict(ok):
    return "**met**" if ok else "**not met**"


def _counts(state):
    """ "ended_early=8 ready=1000 status:200=992" -> {"ended_early": 8, ...}"""
    return {k: int(v) for k, v in re.findall(r"(\S+)=(\d+)", state or "")}


def _ms(v):
    return "-" if v is None else f"{v:,.1f} ms"


def _kib(v):
    return f"{v:,.1f} KiB"


def _ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "-"


def _readers_valid(r, expected):
    """Every slow reader got 200 and was still reading when its connection was closed by the client."""
    before, after = _counts(r.get("readers_state")), _counts(r.get("readers_after"))
    problems = []
    if before.get("status:200", 0) != expected:
        problems.append(f"{before.get('status:200', 0)} of {expected} got 200 "
                        f"({', '.join(f'{k} {v}' for k, v in before.items() if k.startswith(('status:', 'failed')) and k != 'status:200') or 'others never answered'})")
    if after.get("ended_early"):
        problems.append(f"{after['ended_early']} streams ended before the hold did")
    return problems


def _cut_mid_body(r, expected, late_key):
    """Streams Marquee cut while the clients were still reading (they may not notice before their hold ends)."""
    problems = []
    cut = (r.get("responses") or {}).get("s3_errors:mid-body", 0)
    if cut:
        problems.append(f"Marquee cut {cut} streams mid-body (marquee_s3_errors_total{{reason=mid-body}}; its log says "
                        f"why, e.g. an S3 ReadTimeoutException while the slow client held the pump back)")
    late = r.get(late_key)
    if late is not None and late != expected:
        problems.append(f"marquee_stream_active was {late} of {expected} near the end of the hold")
    return problems


def _memory(s, rows, notes):
    m, n = s("memory-per-stream"), s("memory-per-stream-nginx")
    if not m:
        return
    per = (m["loaded_rss_kib"] - m["idle_rss_kib"]) / m["readers"]
    problems = [p for p in _readers_valid(m, m["readers"]) if "ended before" not in p]
    if m.get("stream_active") is not None and m["stream_active"] != m["readers"]:
        problems.append(f"marquee_stream_active was {m['stream_active']} when RSS was sampled")
    base, ratio = "-", "-"
    if n:
        nper = (n["loaded_rss_kib"] - n["idle_rss_kib"]) / n["readers"]
        nproblems = _readers_valid(n, n["readers"])
        base = f"nginx proxy_pass {_kib(nper)}" + (f" ({'; '.join(nproblems)})" if nproblems else "")
        ratio = _ratio(per, nper)
    rows.append((f"Memory per stream: (RSS with {m['readers']:,} slow readers - RSS before) / {m['readers']:,}",
                 _kib(per) + (f" (not valid: {'; '.join(problems)})" if problems else ""), base, ratio,
                 "<= 128 KiB (issue 13; DESIGN.md: 256)",
                 "**not measured** (see details)" if problems else _verdict(per <= 128)))
    held = _cut_mid_body(m, m["readers"], "stream_active_late") + [
        p for p in _readers_valid(m, m["readers"]) if "ended before" in p]
    if m.get("stream_active_late") is not None:
        rows.append((f"The same {m['readers']:,} slow streams held {m.get('hold_s')} s: still streaming near the end",
                     f"{m['stream_active_late']:,} of {m['readers']:,}" + (f" ({'; '.join(held)})" if held else ""),
                     "-", "-", "slow connections held without errors", _verdict(not held)))
    java = ""
    if m.get("java_idle_kib") is not None and m.get("java_loaded_kib") is not None:
        java = (f"; heap after a full GC + direct buffers grew {(m['java_loaded_kib'] - m['java_idle_kib']) / m['readers']:,.1f}"
                f" KiB per stream")
    notes.append(f"Slow readers on Marquee: {m['readers_state']}; at the RSS sample marquee_stream_active "
                 f"{m.get('stream_active')}, marquee_s3_bodies_open {m.get('s3_bodies_open')}, Marquee-to-S3 connections "
                 f"{m.get('marquee_to_s3_connections')}, client connections {m.get('client_connections')}; "
                 f"stream responses and S3 errors during the scenario: {m.get('responses')}; RSS "
                 f"{m['idle_rss_kib'] / 1024:,.0f} -> {m['loaded_rss_kib'] / 1024:,.0f} MiB{java}; load at the end "
                 f"{m.get('load', '?')}.")
    if n:
        notes.append(f"Slow readers on nginx proxy_pass: {n['readers_state']}; RSS (master + workers) "
                     f"{n['idle_rss_kib'] / 1024:,.1f} -> {n['loaded_rss_kib'] / 1024:,.1f} MiB.")


def _idle_problems(r):
    c = r.get("client") or {}
    n = r["connections"]
    problems = [f"{k} {v}" for k, v in c.items() if k.startswith(("open_failed", "end_failed")) and v]
    if c.get("opened", 0) != n:
        problems.append(f"{c.get('opened', 0)} of {n} opened")
    if c.get("closed_during_hold"):
        problems.append(f"{c['closed_during_hold']} closed by the server while held (idle for {c.get('closed_idle_ages_s')} s)")
    if c.get("alive_at_end", 0) != n:
        problems.append(f"{c.get('alive_at_end', 0)} of {n} still open at the end")
    for phase in ("fresh_before", "fresh_during"):
        for kind, f in (r.get(phase) or {}).items():
            bad = {k: v for k, v in f["statuses"].items() if not k.startswith("2")}
            if bad:
                problems.append(f"{phase.replace('_', ' ')} {kind}: {bad}")
    return problems


def _idle(s, rows, notes):
    m, n = s("idle-connections-marquee"), s("idle-connections-nginx")
    if not m:
        return
    per = (m["rss_held_kib"] - m["rss_before_kib"]) / m["connections"]
    problems = _idle_problems(m)
    base, ratio = "-", "-"
    if n:
        nper = (n["rss_held_kib"] - n["rss_before_kib"]) / n["connections"]
        nproblems = _idle_problems(n)
        base = f"nginx {_kib(nper)}" + (f" ({'; '.join(nproblems)})" if nproblems else "")
        ratio = _ratio(per, nper)
    c = m.get("client") or {}
    rows.append((f"{m['connections']:,} idle keep-alive connections held {c.get('hold_s')} s: RSS per connection",
                 _kib(per) + (f" ({'; '.join(problems)})" if problems else f", all {c.get('alive_at_end'):,} still open"),
                 base, ratio, f"{m['connections']:,} held without errors", _verdict(not problems)))
    fb, fd = m.get("fresh_before") or {}, m.get("fresh_during") or {}
    for kind, label in (("catalog", "authenticated catalog call"), ("stream", "1 MiB stream range")):
        if kind in fb and kind in fd:
            rows.append((f"A new {label} while they are held: p50 (5 requests)",
                         f"{_ms(fd[kind]['p50_ms'])} (max {_ms(fd[kind]['max_ms'])}), {fd[kind]['statuses']}",
                         f"before they opened {_ms(fb[kind]['p50_ms'])}", _ratio(fd[kind]["p50_ms"], fb[kind]["p50_ms"]),
                         "(served)", _verdict(all(k.startswith("2") for k in fd[kind]["statuses"]))))
    java = ""
    if m.get("java_before_kib") is not None and m.get("java_held_kib") is not None:
        java = (f"; heap after a full GC + direct buffers grew "
                f"{(m['java_held_kib'] - m['java_before_kib']) / m['connections']:,.2f} KiB per connection")
    for name, r in (("Marquee", m), ("nginx", n)):
        if r:
            c = r.get("client") or {}
            notes.append(f"Idle connections, {name}: {c.get('opened')} opened in {c.get('open_s')} s, "
                         f"{r['server_established']} established at the server, held {c.get('hold_s')} s (oldest idle "
                         f"{c.get('oldest_idle_s_at_end')} s at the end), {c.get('alive_at_end')} answered a second "
                         f"request at the end; RSS {r['rss_before_kib'] / 1024:,.1f} -> {r['rss_held_kib'] / 1024:,.1f} "
                         f"MiB; open files limit server {r['nofile_server']}, client {r['nofile_client']}"
                         + (java if r is m else "") + ".")


def _cap(s, rows, notes):
    r = s("stream-cap")
    if not r:
        return
    if "error" in r:
        rows.append((f"Over the stream cap ({r['cap']})", r["error"], "-", "-", "fast 503 with Retry-After",
                     "**not measured**"))
        return
    sb, hb = r["stream_burst"], r["health_burst"]
    counts = sb["counts"]
    n503 = counts.get("status:503", 0)
    with_retry = sum(v for k, v in counts.items() if k.startswith("retry_after:"))
    lat, hlat = sb["latency"].get("503", {}), hb["latency"].get("200", {})
    problems = [p for p in _readers_valid(r, r["cap"]) if "ended before" not in p]
    if r["active_before_burst"] != r["cap"] or r["active_after_burst"] != r["cap"]:
        problems.append(f"marquee_stream_active {r['active_before_burst']} before and {r['active_after_burst']} after "
                        f"the burst (cap {r['cap']})")
    cut = (r.get("responses") or {}).get("s3_errors:mid-body", 0)
    if n503 != r["burst"] or with_retry != r["burst"]:
        problems.append(f"{n503} of {r['burst']} got 503, {with_retry} with Retry-After: {counts}")
    for pct in ("p50", "p99"):
        rows.append((f"Over the stream cap ({r['cap']} streams held): {r['burst']:,} more stream requests, "
                     f"{sb['concurrency']} at a time, each on a new connection: {pct}",
                     f"{_ms(lat.get(pct + '_ms'))}, {n503:,} x 503, {with_retry:,} with Retry-After",
                     f"GET /q/health/live, same burst: {_ms(hlat.get(pct + '_ms'))}",
                     _ratio(lat.get(pct + "_ms"), hlat.get(pct + "_ms")), "fast 503 with Retry-After",
                     _verdict(not problems) if pct == "p50" else "-"))
    notes.append(f"Stream cap: {r['cap']} slow readers held ({r['readers_state']}; at the end: {r['readers_after']}); "
                 f"marquee_stream_active {r['active_before_burst']} before the burst, {r['active_after_burst']} after, "
                 f"{r['active_at_end']} once the readers left; burst took {sb['duration_s']} s; responses: "
                 f"{r['responses']}" + (f"; problems: {'; '.join(problems)}" if problems else "")
                 + (f"; {cut} held streams were cut mid-body after the burst (the paused-players finding)" if cut else "")
                 + ".")


def _paused(s, rows, notes):
    m, n = s("paused-players-marquee"), s("paused-players-nginx")
    if not m:
        return

    def figure(r):
        c = (r.get("client") or {}).get("counts", {})
        return c.get("complete", 0), c

    done, c = figure(m)
    base = "-"
    if n:
        ndone, nc = figure(n)
        base = f"nginx proxy_pass {ndone} of {n['players']}"
    cut = (m.get("responses") or {}).get("s3_errors:mid-body", 0)
    rows.append((f"Players that stop reading for {m['pause_s']:g} s mid-stream (full buffer), then read on: streams "
                 f"that arrive whole", f"{done} of {m['players']}" + (f" ({cut} cut mid-body by Marquee)" if cut else "")
                 + (f"; statuses {dict((k, v) for k, v in c.items() if k.startswith('status:'))}"
                    if c.get("status:206", 0) != m["players"] else ""),
                 base, _ratio(done, figure(n)[0] if n else None), "slow connections held without errors",
                 _verdict(done == m["players"])))
    notes.append(f"Paused players, Marquee: {c}; Marquee's counters: {m.get('responses')}; cut after (bytes received) "
                 f"{(m.get('client') or {}).get('cut_after_bytes')}." + (f" nginx: {figure(n)[1]}." if n else ""))


def _abort(s, drills):
    r = s("abort-drill")
    if not r:
        return
    c = (r.get("client") or {}).get("counts", {})
    b, e, f = r["baseline"], r["at_end_of_clients"], r["final"]
    left = {k: f[k] - (b[k] or 0) for k in b if f[k] is None or f[k] > (b[k] or 0)}
    drills.append(f"**{r['clients']:,} clients aborting mid-stream** (read 64 KiB, then half FIN, half RST): "
                  f"client side {c}; Marquee responses {r['responses']}. Gauges and connections "
                  f"(marquee_stream_active, marquee_s3_bodies_open, Marquee-to-S3, client connections): baseline "
                  f"{b['stream_active']}/{b['s3_bodies_open']}/{b['s3_connections']}/{b['client_connections']}, "
                  f"when the last client left {e['stream_active']}/{e['s3_bodies_open']}/{e['s3_connections']}/"
                  f"{e['client_connections']}, final {f['stream_active']}/{f['s3_bodies_open']}/{f['s3_connections']}/"
                  f"{f['client_connections']}. "
                  + (f"Back to baseline {r['settled_s']} s after the last client left (deadline {r['deadline_s']} s): "
                     f"nothing left." if r["settled_s"] is not None else
                     f"**Not back to baseline within {r['deadline_s']} s**: left {left}.")
                  + f" A new range request afterwards: {r['stream_after']}.")
    if c.get("status:200", 0) + c.get("status:206", 0) < r["clients"]:
        drills.append(f"  Only {c.get('status:200', 0) + c.get('status:206', 0)} of {r['clients']} clients got a "
                      f"stream to abort: the drill exercised fewer aborts than it names.")


def _timeline(spans):
    return ", ".join(f"{a}-{b} s {o}" + (f" x{n}" if n > 1 else "") for a, b, o, n in spans)


def _sigterm(s, drills):
    r = s("sigterm-drill")
    if not r:
        return
    d = r.get("drain") or {}
    c = d.get("counts", {})
    w = r.get("wrk") or {}
    delay = r.get("delay_s")
    late_ok = [sp for sp in (d.get("timeline") or {}).get("stream", [])
               if delay is not None and sp[1] > delay + 0.5 and sp[2].startswith("2")]
    lost = c.get("truncated", 0) + c.get("wrong_bytes", 0) + sum(v for k, v in c.items() if k.startswith("failed"))
    c_readers = {k: v for k, v in c.items() if not k.startswith("loop_")}
    drills.append(f"**SIGTERM under load** (wrk 16 connections of 1 MiB ranges + {d.get('readers')} slow readers of "
                  f"{(d.get('range_bytes') or 0) // 1048576} MiB ranges at {(d.get('rate') or 0) // 1024} KiB/s; "
                  f"quarkus.shutdown.delay {delay} s, timeout {r.get('timeout_s')} s): exit code {r['exit_code']} "
                  f"after {d.get('exit_s')} s; slow readers {c.get('complete', 0)} of {d.get('readers')} received every "
                  f"byte, checked against the file (last done {d.get('readers_done_max_s')} s after SIGTERM)"
                  + (f", **{lost} lost** ({c_readers})" if lost else ", none lost")
                  + (f" (answers: { {k: v for k, v in c.items() if k.startswith('status:')} })"
                     if c.get("status:206", 0) != d.get("readers") else "")
                  + f"; Marquee log after SIGTERM: {r['log_warnings_after_sigterm']} WARN/ERROR lines"
                  + (f" (first: `{r['log_first_warning']}`)" if r.get("log_first_warning") else "") + ".")
    if d.get("loopers"):
        drills.append(f"  {d['loopers']} keep-alive connections requesting 1 MiB ranges back to back: "
                      f"{c.get('loop_status:206', 0)} whole 206, {c.get('loop_status:503', 0)} x 503, "
                      f"**{c.get('loop_truncated', 0)} truncated mid-body**, {c.get('loop_closed_before_answer', 0)} "
                      f"requests never answered (connection closed between two requests: safe to retry), failures "
                      f"{ {k[12:]: v for k, v in c.items() if k.startswith('loop_failed:')} }."
                      .replace("**0 truncated mid-body**", "0 truncated mid-body"))
    if w:
        drills.append(f"  wrk during the drill: {w.get('requests')} responses; read errors (a response cut, or a "
                      f"kept-alive connection closed under a request) {w.get('errors_read')}, non-2xx "
                      f"{w.get('errors_status')} (the 503s after the delay), connect/write errors "
                      f"{w.get('errors_connect')}/{w.get('errors_write')} (wrk counts a refused reconnect as a write "
                      f"error), timeouts {w.get('errors_timeout')}.")
    tl = d.get("timeline") or {}
    if tl:
        drills.append(f"  New requests after SIGTERM (seconds after it): stream range {_timeline(tl.get('stream', []))}; "
                      f"readiness {_timeline(tl.get('ready', []))}."
                      + (f" **New requests were still served after the delay**: {late_ok}." if late_ok else ""))


def render(results):
    s = results.get
    rows, notes, drills = [], [], []
    _memory(s, rows, notes)
    _idle(s, rows, notes)
    _paused(s, rows, notes)
    _cap(s, rows, notes)
    _abort(s, drills)
    _sigterm(s, drills)
    return rows, notes, drills
