// How a playback reaches the <video>: adaptive HLS through hls.js, the browser's own HLS, or the progressive MP4.

import { h } from '../dom.js';

/**
 * hls.js from the WebJar org.webjars.npm:hls.js (pom.xml, property hlsjs.version), served by Quarkus from the
 * dependency's META-INF/resources on this origin, so the CSP's script-src 'self' covers it.
 */
export const HLS_JS = '/webjars/hls.js/1.4.12/dist/hls.min.js';
const HLS_TYPE = 'application/vnd.apple.mpegurl';
const MSE_PROBE = 'video/mp4; codecs="avc1.42E01E,mp4a.40.2"';
const LOST = 'The video could not be loaded. The stream may have been ended on another device.';

/**
 * Which way to play: hls.js wherever Media Source Extensions take fMP4, because only there can the viewer pick a
 * rendition and see the manifest's subtitles in every browser (Chromium's own HLS, which canPlayType reports since
 * Chrome 142, offers neither); the browser's own HLS where there is no MSE (Safari on iPhone); else progressive.
 */
export function engineFor(video, playback) {
  if (playback.hlsUrl) {
    const mse = window.MediaSource || window.ManagedMediaSource;
    if (mse && typeof mse.isTypeSupported === 'function' && mse.isTypeSupported(MSE_PROBE)) return 'hls.js';
    if (video.canPlayType(HLS_TYPE) !== '') return 'native';
  }
  return 'progressive';
}

/** The progressive stream whose width best fits the screen, among those this browser can play. */
export function pickStream(streams) {
  const video = document.createElement('video');
  const usable = streams.filter(s => !s.contentType || video.canPlayType(s.contentType) !== '');
  const candidates = usable.length ? usable : streams;
  const target = window.innerWidth * (window.devicePixelRatio || 1);
  const sorted = [...candidates].sort((a, b) => (a.width || 0) - (b.width || 0));
  return sorted.filter(s => !s.width || s.width <= Math.max(target, 640)).pop() || sorted[0];
}

let hlsJs = null;
function loadHlsJs() {
  hlsJs ||= new Promise((resolve, reject) => {
    document.head.append(h('script', {
      src: HLS_JS,
      onload: () => (window.Hls ? resolve(window.Hls) : reject(new Error('hls.js did not load'))),
      onerror: () => { hlsJs = null; reject(new Error('hls.js could not be loaded')); },
    }));
  });
  return hlsJs;
}

const nameOf = (stream, height) => (stream && stream.label) || (height ? `${height}p` : 'Video');

function addTracks(video, subtitles) {
  if (video.querySelector('track')) return;
  for (const sub of subtitles || []) {
    video.append(h('track', { kind: 'subtitles', src: sub.url, srclang: sub.language, label: sub.label || sub.language }));
  }
}

/**
 * Plays a playback in the video element. `onChange(source)` is called when the renditions, the chosen one or the playing
 * one change; `onFailure(message)` when nothing is left to fall back to. Returns the source: { engine, renditions:
 * [{id, label}] (highest first), chosen (-1: automatic), playing (name of what plays), choose(id), destroy() }.
 * An adaptive source that fails before anything played falls back to the progressive stream.
 */
export function attachSource(video, playback, { onChange, onFailure }) {
  const streams = playback.streams || [];
  const source = { engine: '', renditions: [], chosen: -1, playing: '', choose: () => {}, destroy: () => {} };
  let started = false;
  video.addEventListener('playing', () => { started = true; });
  const use = (engine, destroy) => {
    source.destroy();
    source.engine = engine;
    source.renditions = [];
    source.chosen = -1;
    source.playing = '';
    source.destroy = destroy;
    video.dataset.engine = engine;
  };
  const listen = (type, handler) => {
    video.addEventListener(type, handler);
    return () => video.removeEventListener(type, handler);
  };

  const progressive = () => {
    const auto = pickStream(streams);
    if (!auto) { onFailure('No playable stream for this browser.'); return; }
    let stopListening = () => {};
    use('progressive', () => stopListening());
    stopListening = listen('error', () => onFailure(LOST));
    addTracks(video, playback.subtitles);
    source.renditions = streams.map((s, i) => ({ id: i, label: nameOf(s, s.height), height: s.height || 0 }))
      .sort((a, b) => b.height - a.height);
    const play = (stream, position) => {
      const paused = video.paused && started;
      source.playing = nameOf(stream, stream.height);
      video.src = stream.url;
      if (position > 0) video.addEventListener('loadedmetadata', () => { video.currentTime = position; }, { once: true });
      if (!paused) video.play().catch(() => { /* autoplay refused: the controls are there */ });
      onChange(source);
    };
    source.choose = id => {
      source.chosen = id;
      play(id < 0 ? auto : streams[id], video.currentTime);
    };
    play(auto, 0);
  };

  const fallBack = () => (started ? onFailure(LOST) : progressive());

  const native = () => {
    // Safari lists the manifest's subtitles itself; a browser that lists none gets the WebVTT files as <track>s.
    const stopMetadata = listen('loadedmetadata', () => {
      source.playing = video.videoHeight ? `${video.videoHeight}p` : '';
      if (![...video.textTracks].some(t => t.kind === 'subtitles' || t.kind === 'captions')) {
        addTracks(video, playback.subtitles);
      }
      onChange(source);
    });
    const stopErrors = listen('error', fallBack);
    use('native', () => { stopMetadata(); stopErrors(); });
    video.src = playback.hlsUrl;
    video.play().catch(() => {});
  };

  const adaptive = Hls => {
    // No worker: fMP4 segments need no transmuxing, and a worker would have to come from a blob: URL the CSP refuses.
    const hls = new Hls({ enableWorker: false, capLevelToPlayerSize: true });
    use('hls.js', () => hls.destroy());
    let recovered = false;
    const streamOf = level => streams.find(s => s.assetId && String(level.url).includes(s.assetId));
    const describe = () => {
      source.renditions = hls.levels.map((level, i) => ({ id: i, label: nameOf(streamOf(level), level.height), height: level.height || 0 }))
        .sort((a, b) => b.height - a.height);
      const current = hls.levels[hls.currentLevel];
      source.playing = current ? nameOf(streamOf(current), current.height) : '';
      source.chosen = hls.autoLevelEnabled ? -1 : hls.manualLevel;
      onChange(source);
    };
    for (const event of [Hls.Events.MANIFEST_PARSED, Hls.Events.LEVEL_SWITCHED, Hls.Events.FRAG_CHANGED]) hls.on(event, describe);
    hls.on(Hls.Events.ERROR, (event, data) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !recovered) {
        recovered = true;
        hls.recoverMediaError();
      } else {
        fallBack();
      }
    });
    // currentLevel switches at once (the buffer ahead is dropped); -1 hands the choice back to bandwidth estimation.
    source.choose = id => { hls.currentLevel = id; describe(); };
    hls.loadSource(playback.hlsUrl);
    hls.attachMedia(video);
    video.play().catch(() => {});
  };

  const engine = engineFor(video, playback);
  if (engine === 'hls.js') loadHlsJs().then(Hls => (Hls.isSupported() ? adaptive(Hls) : progressive()), progressive);
  else if (engine === 'native') native();
  else progressive();
  return source;
}
