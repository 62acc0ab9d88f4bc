import { h, mount, focusFirst, toast, ratingLabel } from '../dom.js';
import * as session from '../api.js';
import { navigate } from '../router.js';
import { showLadder } from './ladder.js';

const RATINGS = [0, 7, 13, 16, 18];
const LABELS = ['2160p', '1080p', '720p', '480p', '360p', '240p', '144p'];

export async function adminListView(params, query) {
  const page = await session.get(`/api/v1/titles?sort=title&limit=100${query.get('cursor')
    ? `&cursor=${encodeURIComponent(query.get('cursor'))}` : ''}`);
  const main = mount(h('section.admin', { 'aria-labelledby': 'admin-title' },
    h('div.admin-head', h('h1#admin-title', 'Catalog administration'),
      h('a.button.primary#new-title', { href: '#/admin/new' }, '+ New title')),
    page.items.length ? h('table.admin-table',
      h('caption.visually-hidden', 'Titles'),
      h('thead', h('tr', ['Name', 'Type', 'Year', 'Rating', ''].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', page.items.map(t => h('tr',
        h('td', t.name), h('td', t.type), h('td', t.year ? String(t.year) : ''), h('td', ratingLabel(t.maturityRating)),
        h('td', h('a', { href: `#/admin/title/${encodeURIComponent(t.id)}`, 'aria-label': `Edit ${t.name}` }, 'Edit'))))))
      : h('p.empty', 'No titles yet.'),
    page.nextCursor ? h('a.button.secondary', { href: `#/admin?cursor=${encodeURIComponent(page.nextCursor)}` }, 'Next page') : null));
  focusFirst(main, 'h1');
}

function field(label, id, control, hint) {
  return h('div.field', h('label', { for: id }, label), control, hint ? h('p.hint', { id: `${id}-hint` }, hint) : null);
}

function list(text) {
  return String(text || '').split(',').map(s => s.trim()).filter(Boolean);
}

function problemText(e) {
  const errors = (e.problem && e.problem.errors) || [];
  return errors.length ? errors.map(x => `${x.field}: ${x.message}`).join('. ') : e.message;
}

function titleForm(title, onSaved) {
  const error = h('p.form-error', { role: 'alert' });
  const chosen = new Set(title ? title.genres || [] : []);
  const genreBoxes = h('fieldset.genres', h('legend', 'Genres'), h('div.genre-options'));
  const form = h('form.admin-form#title-form', {
    onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      const body = {
        type: data.get('type'),
        name: data.get('name').trim(),
        synopsis: data.get('synopsis').trim(),
        year: Number(data.get('year')),
        maturityRating: Number(data.get('maturityRating')),
        genres: data.getAll('genres'),
        cast: list(data.get('cast')),
      };
      const minutes = Number(data.get('runtimeMinutes'));
      if (body.type === 'movie' && minutes > 0) body.runtimeSeconds = Math.round(minutes * 60);
      if (title) delete body.type; // the type of a title is fixed once created
      error.textContent = '';
      try {
        const saved = title
          ? await session.api('PATCH', `/api/v1/admin/titles/${encodeURIComponent(title.id)}`, body)
          : await session.api('POST', '/api/v1/admin/titles', body);
        onSaved(saved);
      } catch (e) {
        error.textContent = problemText(e);
      }
    },
  },
  h('div.form-grid',
    field('Type', 't-type', h('select#t-type', { name: 'type', disabled: !!title },
      h('option', { value: 'movie', selected: !title || title.type === 'movie' }, 'Movie'),
      h('option', { value: 'series', selected: !!title && title.type === 'series' }, 'Series'))),
    field('Name', 't-name', h('input#t-name', { name: 'name', required: true, maxlength: 200, value: title ? title.name : '' })),
    field('Year', 't-year', h('input#t-year', { name: 'year', type: 'number', min: 1870, max: 2200, required: true,
      value: String(title ? title.year : new Date().getFullYear()) })),
    field('Maturity rating', 't-rating', h('select#t-rating', { name: 'maturityRating' },
      RATINGS.map(r => h('option', { value: String(r), selected: title ? title.maturityRating === r : r === 13 }, ratingLabel(r))))),
    field('Runtime (minutes, movies)', 't-runtime', h('input#t-runtime', { name: 'runtimeMinutes', type: 'number', min: 0, step: 'any',
      value: title && title.runtimeSeconds ? String(Math.round(title.runtimeSeconds / 60)) : '' })),
    field('Cast', 't-cast', h('input#t-cast', { name: 'cast', 'aria-describedby': 't-cast-hint',
      value: title ? (title.cast || []).join(', ') : '' }), 'Names separated by commas')),
  field('Synopsis', 't-synopsis', h('textarea#t-synopsis', { name: 'synopsis', rows: 4, maxlength: 5000 }, title ? title.synopsis || '' : '')),
  genreBoxes,
  error,
  h('div.actions', h('button.primary', { type: 'submit' }, title ? 'Save changes' : 'Create title')));
  session.get('/api/v1/genres').then(g => genreBoxes.querySelector('.genre-options')
    .replaceChildren(...g.items.map(x => h('label.check', { for: `g-${x.slug}` },
      h('input', { type: 'checkbox', name: 'genres', value: x.slug, id: `g-${x.slug}`, checked: chosen.has(x.slug) }),
      x.name)))).catch(() => {});
  return form;
}

export async function adminNewView() {
  const main = mount(h('section.admin', { 'aria-labelledby': 'admin-new-title' },
    h('p', h('a', { href: '#/admin' }, '\u2190 All titles')),
    h('h1#admin-new-title', 'New title'),
    titleForm(null, saved => {
      toast(`Created ${saved.name}.`);
      navigate(`#/admin/title/${encodeURIComponent(saved.id)}`);
    })));
  focusFirst(main, 'input');
}

/**
 * A file upload with a progress bar. target(form data) gives {path, contentType} for the chosen file.
 * Refusals show the problem detail (e.g. an MP4 whose moov box comes after mdat, or bytes that are not video).
 */
function uploader({ id, legend, accept, extra = [], target, onDone }) {
  const progress = h('progress', { id: `${id}-progress`, max: 100, value: 0, 'aria-label': `${legend} progress` });
  const percent = h('output', { id: `${id}-percent`, for: `${id}-file` }, '');
  const message = h('p.upload-message', { id: `${id}-message`, role: 'status', 'aria-live': 'polite' });
  const button = h('button.primary', { type: 'submit' }, 'Upload');
  const form = h('form.uploader', {
    id,
    onsubmit: async event => {
      event.preventDefault();
      const file = form.querySelector('input[type=file]').files[0];
      if (!file) {
        message.textContent = 'Choose a file first.';
        message.dataset.kind = 'error';
        return;
      }
      const { path, contentType } = target(new FormData(form), file);
      button.disabled = true;
      message.textContent = 'Uploading\u2026';
      message.dataset.kind = 'info';
      progress.value = 0;
      const show = fraction => {
        progress.value = Math.round(fraction * 100);
        percent.textContent = `${Math.round(fraction * 100)}%`;
      };
      try {
        const asset = await session.upload(path, file, contentType, show);
        message.textContent = `Uploaded ${file.name} (${formatBytes(asset && asset.sizeBytes || file.size)}).`;
        message.dataset.kind = 'ok';
        if (onDone) onDone(asset);
      } catch (e) {
        const refused = e.status === 415 ? 'The server refused this file: it is not of the expected type. '
          : e.status === 422 ? 'The server refused this file. ' : e.status === 413 ? 'The file is too large. ' : '';
        message.textContent = `${refused}${e.problem && e.problem.detail ? e.problem.detail : e.message}`;
        message.dataset.kind = 'error';
        // The bytes may all have been sent before the refusal: do not leave a "100%" that reads like success.
        progress.value = 0;
        percent.textContent = '';
      } finally {
        button.disabled = false;
      }
    },
  },
  h('fieldset', h('legend', legend),
    h('div.upload-row',
      h('label', { for: `${id}-file` }, 'File'),
      h('input', { type: 'file', id: `${id}-file`, name: 'file', accept }),
      extra,
      button),
    h('div.progress-row', progress, percent),
    message));
  return form;
}

function formatBytes(n) {
  if (!n && n !== 0) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function labelSelect(id) {
  return [h('label', { for: id }, 'Rendition'),
    h('select', { id, name: 'label' }, LABELS.map(l => h('option', { value: l, selected: l === '1080p' }, l)))];
}

function imageType(file) {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop().toLowerCase();
  return { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }[ext] || 'application/octet-stream';
}

export async function adminTitleView({ id }) {
  const title = await session.get(`/api/v1/titles/${encodeURIComponent(id)}`);
  const titlePath = `/api/v1/admin/titles/${encodeURIComponent(title.id)}`;
  const isSeries = title.type === 'series';
  const episodes = (title.seasons || []).flatMap(s => s.episodes.map(ep => ({ ...ep, season: s.number })));

  const episodeError = h('p.form-error', { role: 'alert' });
  const episodeForm = h('form.admin-form#episode-form', {
    onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(episodeForm);
      try {
        await session.api('POST', `${titlePath}/seasons/${Number(data.get('season'))}/episodes`, {
          number: Number(data.get('number')), name: data.get('name').trim(), synopsis: data.get('synopsis').trim(),
          durationSeconds: Math.round(Number(data.get('minutes')) * 60),
        });
        toast('Episode added.');
        navigate(location.hash);
      } catch (e) {
        episodeError.textContent = problemText(e);
      }
    },
  },
  h('fieldset', h('legend', 'Add an episode'),
    h('div.form-grid',
      field('Season', 'e-season', h('input#e-season', { name: 'season', type: 'number', min: 1, required: true, value: '1' })),
      field('Episode number', 'e-number', h('input#e-number', { name: 'number', type: 'number', min: 1, required: true,
        value: String(episodes.filter(e => e.season === 1).length + 1) })),
      field('Name', 'e-name', h('input#e-name', { name: 'name', required: true, maxlength: 200 })),
      field('Duration (minutes)', 'e-minutes', h('input#e-minutes', { name: 'minutes', type: 'number', min: 0, step: 'any', required: true }))),
    field('Synopsis', 'e-synopsis', h('textarea#e-synopsis', { name: 'synopsis', rows: 2 })),
    episodeError,
    h('button.primary', { type: 'submit' }, 'Add episode')));

  const mediaTarget = (data) => {
    const episodeId = data.get('episode');
    const base = episodeId ? `/api/v1/admin/episodes/${encodeURIComponent(episodeId)}/media` : `${titlePath}/media`;
    return { path: `${base}?label=${encodeURIComponent(data.get('label'))}`, contentType: 'video/mp4' };
  };
  const mediaExtra = [
    isSeries ? [h('label', { for: 'media-episode' }, 'Episode'),
      h('select#media-episode', { name: 'episode' }, episodes.map(ep => h('option', { value: ep.id },
        `S${ep.season}:E${ep.number} ${ep.name}`)))] : null,
    labelSelect('media-label')];
  const ladder = h('section.ladder-section#ladder', { 'aria-labelledby': 'ladder-title', 'aria-live': 'polite' },
    h('h2#ladder-title', 'Renditions'), h('p.hint', 'Loading\u2026'));
  const refreshLadder = () => showLadder(ladder, title.id);

  const main = mount(h('section.admin', { 'aria-labelledby': 'admin-edit-title', dataset: { titleId: title.id } },
    h('p', h('a', { href: '#/admin' }, '\u2190 All titles'), ' \u00B7 ',
      h('a', { href: `#/title/${encodeURIComponent(title.id)}` }, 'View as a subscriber')),
    h('h1#admin-edit-title', `Edit: ${title.name}`),
    titleForm(title, saved => { toast(`Saved ${saved.name}.`); navigate(location.hash); }),
    h('h2', 'Video'),
    isSeries && !episodes.length ? h('p.hint', 'Add an episode first, then upload its video.') : null,
    uploader({ id: 'media-upload', legend: isSeries ? 'Upload an episode video (MP4)' : 'Upload a video rendition (MP4)',
      accept: 'video/mp4,.mp4,.m4v', extra: mediaExtra, target: mediaTarget, onDone: refreshLadder }),
    h('p.hint', 'Each rendition of a title (or of an episode) needs its keyframes at the same times as the others,'
      + ' e.g. every 2 s: ffmpeg -g 48 -keyint_min 48 -sc_threshold 0 at 24 fps.'),
    ladder,
    h('h2', 'Artwork'),
    h('div.artwork-uploads',
      ['poster', 'backdrop'].map(kind => h('div.artwork-slot',
        h('img.artwork-preview', { src: `/artwork/${encodeURIComponent(title.id)}/${kind}?v=${Date.now()}`, alt: `Current ${kind}`,
          onerror: e => e.target.classList.add('missing') }),
        uploader({ id: `${kind}-upload`, legend: `Upload the ${kind} (JPEG, PNG or WebP)`, accept: 'image/jpeg,image/png,image/webp',
          target: (data, file) => ({ path: `${titlePath}/artwork/${kind}`, contentType: imageType(file) }),
          onDone: () => {
            const img = document.querySelector(`.artwork-slot img[alt="Current ${kind}"]`);
            img.classList.remove('missing');
            img.src = `/artwork/${encodeURIComponent(title.id)}/${kind}?v=${Date.now()}`;
          } })))),
    h('h2', 'Subtitles'),
    uploader({ id: 'subtitle-upload', legend: 'Upload subtitles (WebVTT)', accept: 'text/vtt,.vtt',
      extra: [h('label', { for: 'sub-language' }, 'Language'),
        h('input#sub-language', { name: 'language', required: true, pattern: '[a-z]{2,3}(-[A-Za-z0-9]+)?', value: 'en', size: 6 })],
      target: data => ({ path: `${titlePath}/subtitles/${encodeURIComponent(data.get('language'))}`, contentType: 'text/vtt' }),
      onDone: refreshLadder }),
    isSeries ? [h('h2', 'Episodes'),
      episodes.length ? h('ol.admin-episodes', episodes.map(ep => h('li', `S${ep.season}:E${ep.number} ${ep.name}`))) : null,
      episodeForm] : null,
    h('section.danger-zone', h('h2', 'Delete'),
      h('button.danger', {
        type: 'button',
        onclick: async () => {
          if (!confirm(`Delete ${title.name} with its episodes, artwork and video?`)) return;
          try {
            await session.api('DELETE', titlePath);
            toast(`Deleted ${title.name}.`);
            navigate('#/admin');
          } catch (e) {
            toast(e.message, 'error');
          }
        },
      }, 'Delete title'))));
  focusFirst(main, 'h1');
  refreshLadder();
}
