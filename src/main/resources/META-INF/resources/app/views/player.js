import { h, mount, openDialog, toast } from '../dom.js';
import * as session from '../api.js';
import { ApiError } from '../api.js';
import { attachSource } from './sources.js';

export function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS'
    : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : 'web';
  return `Web: ${browser} on ${os}`;
}

/** The active streams listed in a 409 stream-limit problem (field names tolerated: see docs/WEB.md). */
export function activeStreams(problem) {
  const list = problem.activeStreams || problem.streams || problem.leases || problem.items || [];
  return Array.isArray(list) ? list : [];
}

/** Shows who is watching; resolves true when the user ended a stream (so playback can be retried). */
async function streamLimitDialog(problem) {
  const streams = activeStreams(problem);
  const error = h('p.form-error', { role: 'alert' });
  const items = streams.map(stream => {
    const button = h('button.danger.end-stream', {
      type: 'button',
      dataset: { leaseId: stream.leaseId },
      'aria-label': `End the stream of ${stream.titleName || 'a title'} on ${stream.deviceName || 'another device'}`,
      onclick: async () => {
        button.disabled = true;
        try {
          await session.api('DELETE', `/api/v1/playback/${encodeURIComponent(stream.leaseId)}`);
          close('ended');
        } catch (e) {
          if (e.status === 404 || e.status === 410) close('ended');
          else { error.textContent = e.message; button.disabled = false; }
        }
      },
    }, 'End this stream');
    const started = stream.startedAt ? new Date(stream.startedAt) : null;
    return h('li.stream',
      h('div.stream-text',
        h('strong', stream.titleName || 'Unknown title'),
        h('span.muted', [stream.profileName, stream.deviceName].filter(Boolean).join(' \u00B7 ')),
        started ? h('span.muted', 'Started ', h('time', { datetime: stream.startedAt }, started.toLocaleTimeString())) : null),
      button);
  });
  const { close, closed } = openDialog(h('div.stream-limit',
    h('h2#stream-limit-title', 'Too many people are watching'),
    h('p', problem.detail || 'Your plan allows no more streams at the same time.'),
    streams.length ? h('ul.streams', { 'aria-label': 'Active streams' }, items)
      : h('p.muted', 'Stop playback on another device, or change your plan.'),
    error,
    h('div.actions',
      h('a.button.secondary', { href: '#/account', onclick: () => close('') }, 'Change plan'),
      h('button.secondary', { type: 'button', onclick: () => close('') }, 'Cancel'))),
  { label: 'Stream limit reached', className: 'stream-limit-dialog' });
  return (await closed) === 'ended';
}

async function startPlayback(titleId, episodeId) {
  const body = { titleId, deviceName: deviceName() };
  if (episodeId) body.episodeId = episodeId;
  for (;;) {
    try {
      return await session.api('POST', '/api/v1/playback', body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && (e.kind === 'stream-limit' || activeStreams(e.problem).length)) {
        if (await streamLimitDialog(e.problem)) continue;
        return null;
      }
      throw e;
    }
  }
}

export async function playerView({ id }, query) {
  const episodeId = query.get('episode');
  mount(h('div.loading', { role: 'status' }, 'Starting playback\u2026'));
  let title = null;
  try {
    title = await session.get(`/api/v1/titles/${encodeURIComponent(id)}`);
  } catch { /* the playback answer below says what is wrong */ }

  let playback;
  try {
    playback = await startPlayback(id, episodeId);
  } catch (e) {
    const message = e.kind === 'maturity-restricted' ? 'This title is not available for this profile.'
      : e.status === 422 ? 'This title cannot be played yet.' : e.message;
    mount(h('section.empty', h('h1', 'Playback unavailable'), h('p', message),
      h('a.button.secondary', { href: `#/title/${encodeURIComponent(id)}` }, 'Back')));
    return;
  }
  if (!playback) {
    location.hash = `#/title/${encodeURIComponent(id)}`;
    return;
  }

  const episode = title && episodeId
    ? (title.seasons || []).flatMap(s => s.episodes.map(ep => ({ ...ep, season: s.number }))).find(ep => ep.id === episodeId)
    : null;
  const heading = title ? title.name : 'Now playing';
  const subheading = episode ? `S${episode.season}:E${episode.number} ${episode.name}` : '';
  const video = h('video#player', {
    controls: true, autoplay: true, preload: 'auto', playsinline: true,
    'aria-label': `${heading}${subheading ? ', ' + subheading : ''}`,
    dataset: { leaseId: playback.leaseId },
  });
  video.setAttribute('aria-describedby', 'player-keys');
  const keysHint = h('p#player-keys.visually-hidden', 'Space or K plays and pauses, the left and right arrows go 10 seconds back or forward, F toggles full screen.');
  const notice = h('p.player-notice', { role: 'alert' });
  const back = h('a.player-back', { href: `#/title/${encodeURIComponent(id)}`, 'aria-label': 'Back to the title page' }, '\u2190 Back');
  const quality = h('select#player-quality', { 'aria-label': 'Quality' });
  const subtitles = h('select#player-subtitles', { 'aria-label': 'Subtitles' });
  mount(h('section.player', { 'aria-label': 'Video player' },
    h('div.player-bar', back, h('div.player-title', h('h1', heading), subheading ? h('p', subheading) : null),
      h('div.player-options',
        h('label', { for: 'player-quality' }, 'Quality'), quality,
        h('label', { for: 'player-subtitles' }, 'Subtitles'), subtitles)),
    video, keysHint, notice));

  let ended = false;
  let resumed = false;
  video.addEventListener('loadedmetadata', () => {
    const resumeAt = Number(playback.resumeFromSeconds) || 0;
    if (!resumed && resumeAt > 0 && resumeAt < (video.duration || Infinity) - 5) {
      video.currentTime = resumeAt;
      toast(`Resuming from ${Math.floor(resumeAt / 60)}:${String(Math.floor(resumeAt % 60)).padStart(2, '0')}`);
    }
    resumed = true;
  });
  const source = attachSource(video, playback, {
    onChange: current => showRenditions(quality, current),
    onFailure: message => { if (!ended) notice.textContent = message; },
  });
  quality.addEventListener('change', () => source.choose(Number(quality.value)));
  followSubtitles(video, subtitles);
  video.focus();

  const position = () => Math.floor(video.currentTime || 0);
  const beat = async () => {
    if (ended) return;
    try {
      await session.api('PUT', `/api/v1/playback/${encodeURIComponent(playback.leaseId)}/heartbeat`,
        { positionSeconds: position() });
    } catch (e) {
      if (e.status === 404 || e.status === 410) {
        ended = true;
        clearInterval(timer);
        video.pause();
        notice.textContent = 'Playback was stopped from another device.';
      }
    }
  };
  const timer = setInterval(beat, Math.max(1, Number(playback.heartbeatSeconds) || 30) * 1000);
  video.addEventListener('pause', beat);
  video.addEventListener('seeked', beat);
  const onPageHide = () => {
    if (!ended) session.endLeaseOnUnload(playback.leaseId, position());
    ended = true;
  };
  window.addEventListener('pagehide', onPageHide);
  const onKey = event => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest('a, button, input, select, textarea, dialog')) return;
    const key = event.key.toLowerCase();
    if (key === ' ' || key === 'k') {
      if (video.paused) video.play().catch(() => {}); else video.pause();
    } else if (key === 'arrowleft' || key === 'arrowright') {
      const delta = key === 'arrowleft' ? -10 : 10;
      video.currentTime = Math.max(0, Math.min((video.duration || Infinity) - 0.5, video.currentTime + delta));
    } else if (key === 'f') {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      else video.requestFullscreen().catch(() => {});
    } else {
      return;
    }
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);

  return async () => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('keydown', onKey);
    clearInterval(timer);
    const at = position();
    video.pause();
    source.destroy();
    video.removeAttribute('src');
    video.load();
    if (ended) return;
    ended = true;
    try {
      await session.api('DELETE', `/api/v1/playback/${encodeURIComponent(playback.leaseId)}`, { positionSeconds: at });
    } catch { /* the lease expires by itself without heartbeats */ }
  };
}

/** The quality menu: automatic (saying what plays now) and each rendition, highest first. */
function showRenditions(select, source) {
  const entries = [['-1', source.playing ? `Auto (${source.playing})` : 'Auto'],
    ...source.renditions.map(r => [String(r.id), r.label])];
  // Rebuilt only when the entries change, so that an open menu is not replaced at every segment.
  const key = JSON.stringify(entries);
  if (select.dataset.entries !== key) {
    select.replaceChildren(...entries.map(([value, text]) => h('option', { value }, text)));
    select.dataset.entries = key;
  }
  select.value = String(source.chosen);
  select.disabled = source.renditions.length < 2;
}

/** The subtitles menu follows the video's text tracks (from <track>s or from the HLS manifest) and switches them. */
function followSubtitles(video, select) {
  const tracks = () => [...video.textTracks].filter(t => t.kind === 'subtitles' || t.kind === 'captions');
  const render = () => {
    const list = tracks();
    const showing = list.findIndex(t => t.mode === 'showing');
    select.replaceChildren(h('option', { value: '-1' }, 'Off'),
      ...list.map((t, i) => h('option', { value: String(i), lang: t.language || null }, t.label || t.language || `Track ${i + 1}`)));
    select.value = String(showing);
    select.disabled = list.length === 0;
  };
  select.addEventListener('change', () => {
    const chosen = Number(select.value);
    tracks().forEach((t, i) => { t.mode = i === chosen ? 'showing' : 'disabled'; });
  });
  video.textTracks.addEventListener('addtrack', render);
  video.textTracks.addEventListener('removetrack', render);
  video.textTracks.addEventListener('change', render);
  render();
}
