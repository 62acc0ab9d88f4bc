#!/usr/bin/env bash
# Generates the small sample media used by the demo catalog and the tests:
#   src/main/resources/media/sample.mp4     40 s, 640x360@25, H.264 main + AAC stereo 44.1 kHz,
#                                           burnt-in timecode/frame number, faststart (moov before mdat)
#   src/main/resources/media/sample.240p.mp4  the same film at 426x240 (~150 kb/s video, 64 kb/s audio)
#   src/main/resources/media/sample.144p.mp4  the same film at 256x144 (~60 kb/s video, 48 kb/s audio)
#   src/main/resources/media/sample.en.vtt  WebVTT subtitle track, 8 cues over the 40 s
# The three MP4s are the demo's rendition ladder for adaptive streaming: keyframes every 2 s (GOP 50 at 25 fps, no
# scene-cut keyframes) in each, so their segments start at the same instants and a player can switch between them.
# Requires: ffmpeg (with libx264 and libfreetype), DejaVu fonts (Debian: fonts-dejavu-core).
# Output is reproducible for a given ffmpeg/x264 build (bitexact flags, no metadata, single thread).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/.." && pwd)"
cd "${REPO_ROOT}"

OUT_DIR="src/main/resources/media"
MP4="${OUT_DIR}/sample.mp4"
MP4_240="${OUT_DIR}/sample.240p.mp4"
MP4_144="${OUT_DIR}/sample.144p.mp4"
VTT="${OUT_DIR}/sample.en.vtt"

DURATION=40
FPS=25
SIZE=640x360
FONT="${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf}"

command -v ffmpeg >/dev/null 2>&1 || { echo "ffmpeg not found (apt-get install -y ffmpeg)" >&2; exit 1; }
[[ -f "${FONT}" ]] || { echo "font not found: ${FONT} (apt-get install -y fonts-dejavu-core, or set FONT=...)" >&2; exit 1; }

mkdir -p "${OUT_DIR}"

# Video: testsrc2 pattern + large centred running timecode (hh:mm:ss.mmm) and frame number.
VIDEO_FILTER="drawbox=x=(iw-520)/2:y=(ih-150)/2:w=520:h=150:color=black@0.6:t=fill,\
drawtext=fontfile=${FONT}:text='%{pts\:hms}':fontsize=56:fontcolor=white:x=(w-text_w)/2:y=(h/2)-text_h-6,\
drawtext=fontfile=${FONT}:text='frame %{n}':fontsize=40:fontcolor=yellow:x=(w-text_w)/2:y=(h/2)+10,\
format=yuv420p"

# Audio: sine tone whose pitch rises one semitone every 5 s (440 Hz upwards), phase-continuous
# (closed-form phase accumulation, so no clicks at the steps). Right channel an octave lower.
#   n = floor(t/5), f_n = 440*2^(n/12)
#   phase(t) = 2*pi*( 5*440*(2^(n/12)-1)/(2^(1/12)-1) + f_n*(t-5n) )
N='floor(t/5)'
PHASE="2*PI*(5*440*(pow(2,${N}/12)-1)/(pow(2,1/12)-1)+440*pow(2,${N}/12)*(t-5*${N}))"
AUDIO_EXPR="0.25*sin(${PHASE})|0.25*sin(${PHASE}/2)"

# One rendition: encode <output> <extra filter> <video kb/s> <max kb/s> <buffer kb> <audio kb/s>. The picture is drawn
# at 640x360 and scaled, so every rendition shows the same timecode; the GOP is what keeps them aligned.
encode() {
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${SIZE}:rate=${FPS}:duration=${DURATION}" \
    -f lavfi -i "aevalsrc=exprs='${AUDIO_EXPR}':sample_rate=44100:channel_layout=stereo:duration=${DURATION}" \
    -vf "${VIDEO_FILTER}$2" \
    -map 0:v:0 -map 1:a:0 \
    -c:v libx264 -profile:v main -pix_fmt yuv420p -preset medium \
    -b:v "$3k" -maxrate "$4k" -bufsize "$5k" \
    -g 50 -keyint_min 50 -sc_threshold 0 -threads 1 \
    -c:a aac -b:a "$6k" -ar 44100 -ac 2 \
    -t "${DURATION}" \
    -map_metadata -1 -map_chapters -1 \
    -flags +bitexact -fflags +bitexact \
    -movflags +faststart \
    "$1"
}

encode "${MP4}" "" 450 600 1200 96
encode "${MP4_240}" ",scale=426:240" 150 200 400 64
encode "${MP4_144}" ",scale=256:144" 60 80 160 48

# Subtitles: 8 cues, one every 5 s starting at 00:02, each shown for 3 s.
{
  printf 'WEBVTT\n\n'
  for i in 1 2 3 4 5 6 7 8; do
    start=$(( (i - 1) * 5 + 2 ))
    end=$(( start + 3 ))
    printf '%d\n00:00:%02d.000 --> 00:00:%02d.000\nSubtitle cue %d at 00:%02d\n\n' \
      "${i}" "${start}" "${end}" "${i}" "${start}"
  done
} > "${VTT}"

echo "Generated:"
for f in "${MP4}" "${MP4_240}" "${MP4_144}" "${VTT}"; do
  printf '  %-40s %10d bytes\n' "${f}" "$(stat -c %s "${f}")"
done
