#!/usr/bin/env python3
"""Request lists, checks and time-to-first-byte summaries of the packaging group (bench/scenarios/packaging.sh).

usage:
  packaging.py lists DIR BUCKET            writes DIR/{packaged,stream,prepackaged,direct-s3}.list from
                                           DIR/assets.tsv, segments.tsv, playback.json, master.m3u8, prepackaged/
  packaging.py check LIST BASE EXPECTED    GETs every item of LIST once from BASE; each must answer 200 (206 for a
                                           range) with the listed length; writes "ETAG<TAB>LENGTH" lines to EXPECTED
  packaging.py curl-config LIST BASE SEED COUNT   a curl -K config of COUNT random items (seeded), one connection
  packaging.py ttfb FILE...                curl write-out lines of a run -> JSON: percentiles of the first byte, checks
  packaging.py slow-urls LIST BASE MIN_BYTES PREFIX   absolute URLs of LIST's whole items of at least MIN_BYTES
                                           whose path contains PREFIX (for bench/slow_readers.py)

A list has one request a line: PATH<TAB>RANGE<TAB>LENGTH (RANGE "-" for a whole object, else "first-last"; LENGTH the
body's expected length). The lists are in one order: item i of the packaged list is the same media as item i of the
stream and direct-s3 lists (its source byte range), so seeded random picks ask every server for the same media. The
mix is what a player asks for: every video segment of every rendition, and each audio segment once per rendition (one
audio segment for each video segment).
"""
import http.client
import json
import os
import random
import re
import sys
from urllib.parse import quote, urlsplit


def read_tsv(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def write_list(path, items):
    with open(path, "w") as f:
        for p, r, n in items:
            f.write(f"{p}\t{r}\t{n}\n")


def root_relative(url):
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def lists(d, bucket):
    assets = read_tsv(os.path.join(d, "assets.tsv"))  # label, asset id, file
    playback = json.load(open(os.path.join(d, "playback.json")))
    stream_url = {s["assetId"]: root_relative(s["url"]) for s in playback["streams"]}
    grant_path = root_relative(playback["hlsUrl"]).rsplit("/", 1)[0] + "/"
    master = open(os.path.join(d, "master.m3u8")).read()
    audio = re.search(r'TYPE=AUDIO[^\n]*URI="([0-9a-f-]{36})/audio\.m3u8"', master)
    if not audio:
        sys.exit("master.m3u8 lists no audio rendition")
    audio_asset = audio.group(1)
    rows = read_tsv(os.path.join(d, "segments.tsv"))  # asset track n length first last payload key
    packaged, stream, direct = [], [], []

    def add(r):
        asset, track, n, length, first, last, _, key = r
        packaged.append((f"{grant_path}{asset}/{track}/{n}.m4s", "-", length))
        rng = f"{first}-{last}"
        size = int(last) - int(first) + 1
        stream.append((stream_url[asset], rng, size))
        direct.append((f"/{bucket}/{quote(key, safe='/')}", rng, size))

    for label, asset, _ in assets:
        for r in rows:
            if r[0] == asset and r[1] == "video":
                add(r)
    audio_rows = [r for r in rows if r[0] == audio_asset and r[1] == "audio"]
    for _ in assets:
        for r in audio_rows:
            add(r)
    pre = []
    base = os.path.join(d, "prepackaged")
    for label in [a[0] for a in assets] + ["audio"] * len(assets):
        folder = os.path.join(base, label)
        playlist = open(os.path.join(folder, "index.m3u8")).read()
        for name in re.findall(r"^(?!#)(\S+\.m4s)$", playlist, re.M):
            pre.append((f"/{bucket}/prepackaged/{label}/{name}", "-", os.path.getsize(os.path.join(folder, name))))
    write_list(os.path.join(d, "packaged.list"), packaged)
    write_list(os.path.join(d, "stream.list"), stream)
    write_list(os.path.join(d, "direct-s3.list"), direct)
    write_list(os.path.join(d, "prepackaged.list"), pre)
    video = sum(1 for r in rows if r[1] == "video")

    def read_per_served(kind):  # bytes of the one ranged S3 GET per byte of samples served, over the mix's items
        picked = [r for r in rows if r[1] == kind and (kind == "video" or r[0] == audio_asset)]
        return round(sum(int(r[5]) - int(r[4]) + 1 for r in picked) / sum(int(r[6]) for r in picked), 2)

    print(json.dumps({"video_segments": video, "audio_segments": len(audio_rows), "audio_asset": audio_asset,
                      "s3_read_per_served_video": read_per_served("video"),
                      "s3_read_per_served_audio": read_per_served("audio"),
                      "packaged_items": len(packaged), "prepackaged_items": len(pre),
                      "packaged_mean_bytes": round(sum(int(x[2]) for x in packaged) / len(packaged)),
                      "stream_mean_bytes": round(sum(int(x[2]) for x in stream) / len(stream)),
                      "prepackaged_mean_bytes": round(sum(int(x[2]) for x in pre) / len(pre))}))


def items(path):
    return [(p, r, int(n)) for p, r, n in read_tsv(path)]


def check(path, base, expected_out):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    etags, bad, seen = {}, [], set()
    for p, r, n in items(path):
        if (p, r) in seen:
            continue
        seen.add((p, r))
        conn.request("GET", p, headers={} if r == "-" else {"Range": f"bytes={r}"})
        resp = conn.getresponse()
        body = resp.read()
        want = 200 if r == "-" else 206
        if resp.status != want or len(body) != n:
            bad.append(f"{p} {r}: {resp.status}, {len(body)} bytes (expected {want}, {n})")
        elif r == "-":
            etag = resp.getheader("ETag")
            if etags.get(etag, n) != n:
                bad.append(f"{p}: ETag {etag} also answers an item of another length (the load's check needs them apart)")
            etags[etag] = n
    if bad:
        sys.exit(f"{len(bad)} of {len(seen)} answers wrong, e.g. " + "; ".join(bad[:3]))
    with open(expected_out, "w") as f:
        for etag, n in etags.items():
            f.write(f"{etag}\t{n}\n")
    print(f"{len(seen)} items checked")


def curl_config(path, base, seed, count):
    all_items = items(path)
    rnd = random.Random(int(seed))
    out = []
    for _ in range(int(count)):
        p, r, n = all_items[rnd.randrange(len(all_items))]
        out.append(f'url = "{base}{p}"\noutput = /dev/null\n' + ("" if r == "-" else f"range = {r}\n")
                   + 'write-out = "%{stderr}%{time_starttransfer} %{time_total} %{http_code} %{size_download} '
                   + f'{n} {206 if r != "-" else 200}\\n"\nnext\n')
    sys.stdout.write("".join(out))


def pct(values, q):
    return values[min(len(values) - 1, int(len(values) * q))] if values else None


def ttfb(files):
    first, total, bad, sample = [], [], 0, ""
    for name in files:
        with open(name) as f:
            for line in f:
                fields = line.split()
                if len(fields) != 6:
                    continue  # the transfer cut by the run's end, or a curl message
                t0, t1, code, size, want_size, want_code = fields
                if code != want_code or size != want_size:
                    bad += 1
                    sample = sample or line.strip()
                    continue
                first.append(float(t0) * 1000)
                total.append(float(t1) * 1000)
    first.sort()
    total.sort()
    print(json.dumps({"requests": len(first) + bad, "ok": len(first), "bad": bad, "first_bad": sample,
                      "p50_ms": pct(first, 0.5), "p90_ms": pct(first, 0.9), "p99_ms": pct(first, 0.99),
                      "mean_ms": sum(first) / len(first) if first else None,
                      "total_p50_ms": pct(total, 0.5), "total_p99_ms": pct(total, 0.99)}))


def slow_urls(path, base, min_bytes, prefix):
    for p, r, n in items(path):
        if r == "-" and n >= int(min_bytes) and prefix in p:
            print(base + p)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"lists": lists, "check": check, "curl-config": curl_config, "ttfb": ttfb, "slow-urls": slow_urls}[cmd](
        *([args] if cmd == "ttfb" else args))
