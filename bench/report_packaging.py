"""The packaging group of bench/scenarios/packaging.sh (issue 12, "Performance") as report rows, notes and its method.

rows: (scenario, Marquee, baseline, ratio, goal, verdict). Used by bench/report.py.
"""
import math
import re


def _verdict(ok):
    return "**met**" if ok else "**not met**"


def _mib(b):
    return f"{b / 1048576:,.1f} MiB"


def _wrk_problems(r):
    """Why a wrk run of bench/wrk/segments.lua does not count: wrong answers, socket errors, nothing done."""
    w = r["wrk"]
    problems = []
    if w.get("bad"):
        problems.append(f"{w['bad']} wrong answers, e.g. {w.get('first_bad')}")
    errors = {k[7:]: v for k, v in w.items() if k.startswith("errors_") and v}
    if errors:
        problems.append("errors " + ", ".join(f"{k} {v}" for k, v in errors.items()))
    if not w.get("ok"):
        problems.append("no answer checked")
    return problems


def _per_s(r):
    return r["wrk"]["ok"] / (r["wrk"]["duration_us"] / 1e6)


def _per_cpu(r):
    return r["wrk"]["ok"] / r["cpu_s"] if r["cpu_s"] else float("nan")


def _ratio_row(name, m, b, base_name, goal, minimum, value, unit):
    problems = _wrk_problems(m) + [f"baseline: {p}" for p in _wrk_problems(b)]
    ratio = value(m) / value(b) if value(b) and math.isfinite(value(b)) else float("nan")
    # Rounded down, so that a ratio shown as the goal has met it.
    shown = f"{math.floor(ratio * 100) / 100:.2f}" if math.isfinite(ratio) else "-"
    return (name, f"{value(m):,.1f} {unit}", f"{base_name} {value(b):,.1f} {unit}", shown, goal,
            f"**invalid** ({'; '.join(problems)})" if problems else _verdict(ratio >= minimum))


def _run_note(label, r):
    w = r["wrk"]
    return (f"{label}: {w['ok']:,} answers checked ({w['bad']} wrong), {_mib(w['body_bytes'])} of bodies "
            f"({w['body_bytes'] / max(w['ok'], 1) / 1024:,.0f} KiB each), p50 {w['lat_p50_us'] / 1000:.1f} ms, "
            f"p99 {w['lat_p99_us'] / 1000:.1f} ms, {r['cpu_s']} CPU-s (S3Proxy JVM {r['s3_jvm_cpu_s']} CPU-s)")


def _segments(s, rows, notes):
    m, st, ng = s("pkg-segments-marquee"), s("pkg-segments-stream"), s("pkg-segments-nginx")
    if not m:
        return
    if st:
        rows.append(_ratio_row("Packaged segments (random, 3 renditions + audio), 64 conns: segments per CPU-second "
                               "of the serving process", m, st, "Marquee /stream, each segment's source range",
                               ">= 0.8 (issue 12)", 0.8, _per_cpu, "/CPU-s"))
    if ng:
        rows.append(_ratio_row("same, vs the film pre-packaged by ffmpeg (HLS fMP4) behind nginx proxy_pass", m, ng,
                               "nginx proxy_pass", ">= 0.8 (issue 12)", 0.8, _per_cpu, "/CPU-s"))
    for b, label in ((st, "Marquee /stream"), (ng, "nginx proxy_pass")):
        if b:
            rows.append(_ratio_row(f"Packaged segments, 64 conns: segments/s (vs {label})", m, b, label, "(context)",
                                   0, _per_s, "/s")[:5] + ("-",))
    lists = (s("pkg-lists") or {}).get("lists")
    if lists:
        notes.append(f"The mix: {lists['packaged_items']} items ({lists['video_segments']} video segments of the 3 "
                     f"renditions, {lists['audio_segments']} audio segments, each listed once per rendition), "
                     f"{lists['packaged_mean_bytes'] / 1024:,.0f} KiB per packaged segment on average, "
                     f"{lists['stream_mean_bytes'] / 1024:,.0f} KiB per source range (what /stream sends and what the "
                     f"packaged path reads from S3), {lists['prepackaged_mean_bytes'] / 1024:,.0f} KiB per ffmpeg "
                     f"segment. Bytes read from S3 per byte of samples served: video "
                     f"{lists['s3_read_per_served_video']}, audio {lists['s3_read_per_served_audio']} (each audio "
                     f"segment is read as one range of the top rendition, with its interleaved video).")
    notes.append("Segment runs: " + "; ".join(_run_note(n, r) for n, r in (
        ("Marquee packaged", m), ("Marquee /stream ranges", st), ("nginx pre-packaged", ng)) if r) + ".")


def _ttfb(s, rows, notes):
    for c in (1, 8):
        m, d = s(f"pkg-ttfb-marquee-c{c}"), s(f"pkg-ttfb-direct-s3-c{c}")
        if not (m and d):
            continue
        mt, dt = m["ttfb"], d["ttfb"]
        problems = [f"{who}: {t['bad']} wrong answers, e.g. {t['first_bad']}" for who, t in (("Marquee", mt),
                    ("S3", dt)) if t["bad"]] + [f"{who}: no answer" for who, t in (("Marquee", mt), ("S3", dt))
                                                if not t["ok"]]
        for pct, goal in (("p50", 3.0), ("p99", 15.0)):
            if problems:
                rows.append((f"Segment time to first byte, {c} conn, {pct}: added over a direct ranged S3 GET", "-",
                             "-", "-", f"added <= {goal:g} ms (issue 12)", f"**invalid** ({'; '.join(problems)})"))
                continue
            a, b = mt[f"{pct}_ms"], dt[f"{pct}_ms"]
            rows.append((f"Segment time to first byte, {c} conn, {pct}: added over a direct ranged S3 GET",
                         f"{a:.2f} ms (added {a - b:+.2f} ms)", f"{b:.2f} ms", f"{a / b:.2f}" if b else "-",
                         f"added <= {goal:g} ms (issue 12)", _verdict(a - b <= goal)))
        st = s(f"pkg-ttfb-stream-c{c}")
        if st and not problems and st["ttfb"]["ok"] and not st["ttfb"]["bad"]:
            for pct in ("p50", "p99"):
                a, b = mt[f"{pct}_ms"], st["ttfb"][f"{pct}_ms"]
                rows.append((f"same, {c} conn, {pct}: packaged segment vs Marquee /stream of its source range",
                             f"{a:.2f} ms", f"/stream {b:.2f} ms (added over S3 {b - dt[f'{pct}_ms']:+.2f} ms)",
                             f"{a / b:.2f}" if b else "-", "(context)", "-"))
        notes.append(f"Segment TTFB at {c} conn: Marquee {mt['ok']:,} segments (p90 {mt['p90_ms']:.2f} ms, whole "
                     f"segment p50 {mt['total_p50_ms']:.2f} / p99 {mt['total_p99_ms']:.2f} ms); direct S3 {dt['ok']:,} "
                     f"ranges (p90 {dt['p90_ms']:.2f} ms, whole range p50 {dt['total_p50_ms']:.2f} / p99 "
                     f"{dt['total_p99_ms']:.2f} ms)" + (f"; Marquee /stream {st['ttfb']['ok']:,} ranges ("
                                                        f"{st['ttfb']['bad']} wrong)" if st else "") + ".")


def _manifests(s, rows, notes):
    for kind, label in (("master", "master.m3u8"), ("media", "media playlist (video.m3u8)")):
        m, raw = s(f"pkg-manifest-{kind}-marquee"), s(f"pkg-manifest-{kind}-raw")
        if not (m and raw):
            continue
        rows.append(_ratio_row(f"Manifest {label}, 64 conns: requests/s", m, raw,
                               "raw Vert.x handler, same bytes", ">= 0.5 (issue 12)", 0.5, _per_s, "/s"))
        notes.append(f"Manifest {label}: " + "; ".join(
            f"{n} p50 {r['wrk']['lat_p50_us'] / 1000:.2f} ms, p99 {r['wrk']['lat_p99_us'] / 1000:.2f} ms, "
            f"{r['wrk']['ok'] / r['cpu_s'] if r['cpu_s'] else 0:,.0f} requests per CPU-s"
            for n, r in (("Marquee", m), ("raw", raw))) + ".")


def _counts(state):
    return {k: int(v) for k, v in re.findall(r"(\S+)=(\d+)", state or "")}


def _memory_problems(r):
    before, after = _counts(r.get("readers_state")), _counts(r.get("readers_after"))
    problems = []
    if before.get("status:200", 0) != r["readers"]:
        problems.append(f"{before.get('status:200', 0)} of {r['readers']} got 200")
    if after.get("ended_early"):
        problems.append(f"{after['ended_early']} streams ended before the hold did")
    for key in ("stream_active", "stream_active_late"):
        if r.get(key) is not None and r[key] != r["readers"]:
            problems.append(f"marquee_stream_active was {r[key]} ({'at the sample' if key == 'stream_active' else 'near the end'})")
    return problems


def _per_stream(r):
    return (r["loaded_rss_kib"] - r["idle_rss_kib"]) / r["readers"]


def _memory_note(label, r):
    heap = ""
    if r.get("java_idle_kib") is not None and r.get("java_loaded_kib") is not None:
        heap = (f"; heap after a full GC + direct buffers grew "
                f"{(r['java_loaded_kib'] - r['java_idle_kib']) / r['readers']:,.1f} KiB per stream")
    active = ""
    if r.get("stream_active") is not None:
        active = (f"; marquee_stream_active {r['stream_active']} at the sample, {r['stream_active_late']} near the "
                  f"end of the {r['hold_s']} s hold")
    return (f"{label} ({r['readers']:,} readers over {r['urls']} URLs at {r['rate']:,} B/s): {r['readers_state']}"
            f"{active}; RSS {r['idle_rss_kib'] / 1024:,.1f} -> {r['loaded_rss_kib'] / 1024:,.1f} MiB{heap}.")


def _memory(s, rows, notes):
    m, st, n = s("pkg-memory-marquee"), s("pkg-memory-stream"), s("pkg-memory-nginx")
    if not m:
        return
    per = _per_stream(m)
    problems = _memory_problems(m)
    base, ratio = "-", "-"
    if st:
        sproblems = _memory_problems(st)
        base = (f"Marquee /stream of the same title (byte path) {_per_stream(st):,.1f} KiB"
                + (f" (invalid: {'; '.join(sproblems)})" if sproblems else ""))
        # Under 1 KiB the baseline's RSS did not grow (pages an earlier run left): no ratio means anything then.
        ratio = f"{per / _per_stream(st):.2f}" if _per_stream(st) >= 1 and not sproblems else "-"
    rows.append((f"Memory per segment stream: (RSS with {m['readers']:,} slow segment readers - RSS before) / "
                 f"{m['readers']:,}", f"{per:,.1f} KiB", base, ratio, "<= 256 KiB (byte path; issue 13: 128 KiB)",
                 f"**invalid** ({'; '.join(problems)})" if problems
                 else _verdict(per <= 256) + ((" (within 128 KiB)" if per <= 128 else " (not within 128 KiB)")
                                               if per <= 256 else "")))
    if n:
        nproblems = _memory_problems(n)
        rows.append(("same readers, vs ffmpeg's segments behind nginx proxy_pass", f"{per:,.1f} KiB",
                     f"nginx {_per_stream(n):,.1f} KiB", f"{per / _per_stream(n):.2f}" if _per_stream(n) > 0 else "-",
                     "(context)", f"**invalid** ({'; '.join(nproblems)})" if nproblems else "-"))
    notes.append(" ".join(_memory_note(label, r) for label, r in (
        ("Slow segment readers on Marquee", m), ("Slow readers of /stream", st), ("Slow segment readers on nginx", n))
        if r))


HOW = """- Film: the tests' `TestFilm` (3 minutes of testsrc2 + AAC, 640x360 ~800 kb/s, 426x240 ~400 kb/s, 256x144
  ~150 kb/s, a keyframe every 2 s), uploaded through `PUT /api/v1/admin/titles/{id}/media?label=...` (indexed at
  ingest); a viewer of the group's own starts a playback and uses its `hlsUrl` grant and `/stream` URLs.
  `io.marquee.bench.SegmentTable` decodes the stored indexes with Marquee's `Fmp4Writer`: each segment's length and its
  source byte range. The mix is a player's: every video segment of every rendition, and each segment of the audio
  rendition `master.m3u8` names once per video rendition (as many audio as video requests).
- Baselines: (a) Marquee's progressive path, `GET /stream/{asset}?token=` with `Range:` the segment's source byte
  range (its samples and the other track's interleaved bytes, which the packaged path skips); (b) the same renditions
  packaged by ffmpeg (`-c copy -f hls -hls_segment_type fmp4 -hls_time 6 -hls_playlist_type vod`, video per rendition,
  the audio as its own rendition), put in the same S3 bucket, served by the streaming group's nginx `proxy_pass`
  (buffering off). Both are asked in the same seeded random order (`bench/wrk/segments.lua`, `wrk -t2 -c64`, each
  kind warmed up unmeasured first); every answer's status and body length is checked (Content-Range, or the length
  of the ETag's item). Throughput is checked segments per CPU-second (utime + stime) of the serving process only:
  Marquee's JVM, nginx's master and workers.
- Time to first byte: curl's `time_starttransfer` for whole segments, one keep-alive connection per client, 1 and 8
  clients, random segments (seeded), against the same segments' source ranges fetched directly from S3Proxy (without
  authentication); Marquee's `/stream` for the same ranges is context (what the byte path alone adds). Marquee writes a
  segment's head once S3 has answered its ranged GET.
- Manifests: `master.m3u8` and the top rendition's `video.m3u8` at `wrk -t2 -c64`, against
  `io.marquee.bench.RawManifestServer`: plain Vert.x core, one event loop per core, answering the bytes and header
  fields Marquee answered (same ETag), with no grant check or lookup.
- Memory: slow readers (`bench/slow_readers.py`, 4 KiB receive buffer, `SEGMENT_READ_RATE` bytes/s, 100 new a
  second) spread over the video segments of a second title: one 720p rendition at 8 Mb/s (testsrc2 with noise, 60 s,
  6 MB segments). The test film's segments (600 KB at most) fit whole in the kernel's socket send buffer (up to 4 MiB
  here), so Marquee writes them out at once and holds nothing for a slow reader. RSS once every reader has its first
  bytes (+5 s) minus RSS before (Marquee's after a full GC); valid only if every reader got 200 and
  `marquee_stream_active` counted them all at the sample and near the end of the hold. Baseline: the same readers of
  that title's whole object on `/stream` (the byte path, as `memory-per-stream` reads it), measured the same way in the
  same run; the same readers of ffmpeg's packaging of that film through nginx are context."""


def render(results):
    """(rows, notes, how): nothing when the packaging group did not run."""
    s = results.get
    rows, notes = [], []
    _segments(s, rows, notes)
    _ttfb(s, rows, notes)
    _manifests(s, rows, notes)
    _memory(s, rows, notes)
    return rows, notes, HOW if rows else ""
