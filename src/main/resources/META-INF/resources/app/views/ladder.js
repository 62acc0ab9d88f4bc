import { h } from '../dom.js';
import * as session from '../api.js';

// The admin's view of a title's media: the rendition ladder adaptive streaming offers, subtitles and artwork.

function kbps(bits) {
  return `${Math.round(bits / 1000).toLocaleString('en')} kb/s`;
}

function clock(seconds) {
  const s = Math.round(seconds);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  return (hms[0] ? [hms[0], String(hms[1]).padStart(2, '0')] : [hms[1]]).concat(String(hms[2]).padStart(2, '0')).join(':');
}

const INDEX_STATES = { indexed: 'Ready', failed: 'Cannot be packaged', pending: 'Not indexed yet' };

/** The renditions of a title or an episode, highest first, as the adaptive streaming ladder will offer them. */
function ladderTable(caption, renditions) {
  if (!renditions.length) return h('p.hint', `${caption}: no video yet.`);
  return h('table.admin-table.ladder',
    h('caption', caption),
    h('thead', h('tr', ['Rendition', 'Resolution', 'Codecs', 'Bitrate (average / peak)', 'Frame rate', 'Duration',
      'Segments', 'Adaptive streaming'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', renditions.map(r => h('tr', { dataset: { label: r.label, index: r.index } },
      h('th', { scope: 'row' }, r.label),
      h('td', r.width && r.height ? `${r.width}\u00D7${r.height}` : ''),
      h('td', [r.videoCodec, r.audioCodec].filter(Boolean).join(', ')),
      h('td', r.averageBitrate ? `${kbps(r.averageBitrate)} / ${kbps(r.peakBitrate)}` : ''),
      h('td', r.frameRate ? `${Number(r.frameRate.toFixed(3))} fps` : ''),
      h('td', r.durationSeconds == null ? '' : clock(r.durationSeconds)),
      h('td', r.segmentCount == null ? '' : String(r.segmentCount)),
      h('td', { class: `index-${r.index}` }, INDEX_STATES[r.index] || r.index,
        r.indexProblem ? h('span.hint', ` ${r.indexProblem}`) : null)))));
}

/** Fills the ladder section with the title's media: renditions (per episode for a series), subtitles, artwork. */
export async function showLadder(section, titleId) {
  try {
    const media = await session.get(`/api/v1/admin/titles/${encodeURIComponent(titleId)}/media`);
    const subtitles = list => list.length ? list.map(s => s.language).join(', ') : 'none';
    section.replaceChildren(h('h2#ladder-title', 'Renditions'),
      media.type === 'series'
        ? (media.episodes.length ? media.episodes.map(ep => [
          ladderTable(`S${ep.seasonNumber}:E${ep.number} ${ep.name}`, ep.renditions),
          h('p.hint', `Subtitles: ${subtitles(ep.subtitles)}`)]) : h('p.hint', 'No episodes yet.'))
        : ladderTable('Video renditions', media.renditions),
      h('p.hint#ladder-extras', `Subtitles: ${subtitles(media.subtitles)}. Artwork: ${media.artwork.length
        ? media.artwork.map(a => `${a.kind}${a.width ? ` ${a.width}\u00D7${a.height}` : ''}`).join(', ') : 'none'}.`));
  } catch (e) {
    section.replaceChildren(h('h2#ladder-title', 'Renditions'), h('p.form-error', { role: 'alert' }, e.message));
  }
}
