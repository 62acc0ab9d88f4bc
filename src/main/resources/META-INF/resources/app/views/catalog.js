import { h, icon, mount, focusFirst, ratingLabel, formatDuration, toast } from '../dom.js';
import * as session from '../api.js';
import { ApiError } from '../api.js';
import { viewToken } from '../router.js';

/** A stable colour for a title without artwork. */
function hue(id) {
  let value = 0;
  for (const ch of String(id)) value = (value * 33 + ch.charCodeAt(0)) % 360;
  return value;
}

/** A poster card linking to the title page; the image is lazy and has a text fallback. */
export function card(title) {
  const fallback = h('span.poster-fallback', { 'aria-hidden': 'true' }, h('span.fallback-name', title.name));
  fallback.style.setProperty('--hue', String(hue(title.id)));
  let img = null;
  if (title.posterUrl) {
    img = h('img', { src: title.posterUrl, alt: '', loading: 'lazy', decoding: 'async', width: 200, height: 300 });
    img.addEventListener('error', () => { img.remove(); fallback.classList.add('show'); });
  } else {
    fallback.classList.add('show');
  }
  return h('a.card', {
    href: `#/title/${encodeURIComponent(title.id)}`,
    'aria-label': `${title.name}${title.year ? ` (${title.year})` : ''}, rated ${ratingLabel(title.maturityRating)}`,
    dataset: { titleId: title.id, maturity: String(title.maturityRating) },
  },
  h('span.poster', img, fallback),
  h('span.card-caption', { 'aria-hidden': 'true' },
    h('span.card-name', title.name),
    h('span.card-meta', [title.year, ratingLabel(title.maturityRating)].filter(Boolean).join(' \u00B7 '))));
}

function row(rowData, index) {
  const id = `row-${index}`;
  return h('section.row', { 'aria-labelledby': id, dataset: { rowId: rowData.id || '' } },
    h('h2.row-title', { id }, rowData.name),
    h('ul.row-items', { role: 'list' }, rowData.items.map(item => {
      const title = item.title || item;
      const li = h('li', card(title));
      if (item.positionSeconds && item.durationSeconds) {
        const bar = h('span.resume-bar', { role: 'progressbar', 'aria-label': 'Watched',
          'aria-valuemin': '0', 'aria-valuemax': '100',
          'aria-valuenow': String(Math.round(100 * item.positionSeconds / item.durationSeconds)) });
        bar.style.setProperty('--progress', `${Math.min(100, 100 * item.positionSeconds / item.durationSeconds)}%`);
        li.firstChild.querySelector('.poster').append(bar);
      }
      return li;
    })));
}

function hero(title) {
  // A summary has no backdrop URL: try the backdrop of a title that has artwork at all, else the poster.
  const img = title.posterUrl ? h('img.hero-img', { src: `/artwork/${encodeURIComponent(title.id)}/backdrop`, alt: '', decoding: 'async' }) : null;
  if (img) {
    img.addEventListener('error', () => {
      if (img.dataset.fallback) img.remove();
      else { img.dataset.fallback = '1'; img.classList.add('blurred'); img.src = title.posterUrl; }
    }, { once: false });
  }
  const section = h('section.hero', { 'aria-label': `Featured: ${title.name}` },
    img,
    h('div.hero-shade'),
    h('div.hero-text',
      h('p.eyebrow', 'Featured'),
      h('h2.hero-title', title.name),
      h('p.hero-meta', [title.year, ratingLabel(title.maturityRating), (title.genres || []).slice(0, 3).join(', ')]
        .filter(Boolean).join(' \u00B7 ')),
      h('div.actions',
        h('a.button.primary', { href: `#/watch/${encodeURIComponent(title.id)}` }, icon('play'), 'Play'),
        h('a.button.secondary', { href: `#/title/${encodeURIComponent(title.id)}` }, 'More info'))));
  section.style.setProperty('--hue', String(hue(title.id)));
  return section;
}

async function homeRows() {
  try {
    return (await session.get('/api/v1/me/home')).rows || [];
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 405)) throw e;
    // Before the home endpoint exists, show the catalog sorted two ways.
    const [popular, newest] = await Promise.all([
      session.get('/api/v1/titles?sort=popular&limit=30'), session.get('/api/v1/titles?sort=newest&limit=30')]);
    return [{ id: 'popular', name: 'Popular on Marquee', items: popular.items },
      { id: 'newest', name: 'New releases', items: newest.items }];
  }
}

export async function homeView() {
  const current = viewToken();
  const main = mount(h('div.loading', { role: 'status' }, 'Loading\u2026'));
  let rows;
  try {
    rows = (await homeRows()).filter(r => r.items && r.items.length);
  } catch (e) {
    if (!current()) return;
    mount(h('section.empty', h('h1', 'Home'), h('p', `The catalog could not be loaded: ${e.message}`)));
    return;
  }
  // The user may have gone elsewhere while the rows loaded: a late home page must not replace that view.
  if (!current()) return;
  const featured = rows.find(r => r.id !== 'continue-watching') || rows[0];
  const first = featured && featured.items[0] && (featured.items[0].title || featured.items[0]);
  mount(
    h('h1.visually-hidden', 'Home'),
    first ? hero(first) : null,
    rows.length ? rows.map(row) : h('section.empty', h('p', 'Nothing to watch yet. An administrator adds titles in the Admin area.')));
  void main;
}

export async function myListView() {
  mount(h('div.loading', { role: 'status' }, 'Loading\u2026'));
  const page = await session.get('/api/v1/me/list?limit=100');
  const main = mount(h('section.grid-page', { 'aria-labelledby': 'list-title' },
    h('h1#list-title', 'My List'),
    page.items.length
      ? h('ul.grid', { role: 'list' }, page.items.map(t => h('li', card(t))))
      : h('p.empty', 'Titles you add to My List appear here.')));
  focusFirst(main, 'h1');
}

let searchSeq = 0;
export async function searchView(params, query) {
  const q = (query.get('q') || '').trim();
  const input = document.getElementById('search-input');
  if (input && document.activeElement !== input) input.value = q;
  const status = h('p.search-status', { role: 'status', 'aria-live': 'polite' });
  const grid = h('ul.grid', { role: 'list', id: 'search-results' });
  mount(h('section.grid-page', { 'aria-labelledby': 'search-title' },
    h('h1#search-title', q ? `Results for \u201C${q}\u201D` : 'Search'), status, grid));
  if (!q) {
    status.textContent = 'Type a title, a person or a genre.';
    return;
  }
  const seq = ++searchSeq;
  status.textContent = 'Searching\u2026';
  try {
    const result = await session.get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=40`);
    if (seq !== searchSeq) return;
    grid.replaceChildren(...result.items.map(t => h('li', card(t))));
    status.textContent = result.items.length
      ? `${result.items.length} result${result.items.length === 1 ? '' : 's'}`
      : `No titles match \u201C${q}\u201D.`;
  } catch (e) {
    if (seq === searchSeq) status.textContent = `Search failed: ${e.message}`;
  }
}

async function inMyList(titleId) {
  try {
    let cursor = null;
    for (let pages = 0; pages < 5; pages++) {
      const page = await session.get(`/api/v1/me/list?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (page.items.some(t => t.id === titleId)) return true;
      cursor = page.nextCursor;
      if (!cursor) return false;
    }
  } catch {
    return false;
  }
  return false;
}

export async function titleView({ id }) {
  mount(h('div.loading', { role: 'status' }, 'Loading\u2026'));
  let title;
  try {
    title = await session.get(`/api/v1/titles/${encodeURIComponent(id)}`);
  } catch (e) {
    mount(h('section.empty', h('h1', 'Title not found'),
      h('p', e.status === 404 ? 'This title does not exist or is not available for this profile.' : e.message),
      h('a.button.secondary', { href: '#/home' }, 'Back to Home')));
    return;
  }
  const listed = await inMyList(title.id);
  const listButton = h('button.secondary#my-list-toggle', { type: 'button', 'aria-pressed': String(listed) });
  const renderList = on => {
    listButton.setAttribute('aria-pressed', String(on));
    listButton.textContent = on ? '\u2713 In My List' : '+ My List';
  };
  renderList(listed);
  listButton.addEventListener('click', async () => {
    const on = listButton.getAttribute('aria-pressed') !== 'true';
    listButton.disabled = true;
    try {
      await session.api(on ? 'PUT' : 'DELETE', `/api/v1/me/list/${encodeURIComponent(title.id)}`);
      renderList(on);
      toast(on ? `Added ${title.name} to My List.` : `Removed ${title.name} from My List.`);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      listButton.disabled = false;
    }
  });

  const thumbs = h('div.thumbs', { role: 'group', 'aria-label': 'Rate this title' });
  const rate = async value => {
    const current = thumbs.querySelector('[aria-pressed="true"]');
    const next = current && current.dataset.rating === value ? 'none' : value;
    try {
      await session.api('PUT', `/api/v1/me/ratings/${encodeURIComponent(title.id)}`, { rating: next });
      thumbs.querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.rating === next)));
      toast(next === 'none' ? 'Rating removed.' : next === 'up' ? 'Glad you like it.' : 'Thanks, we\u2019ll show less like this.');
    } catch (e) {
      toast(e.message, 'error');
    }
  };
  thumbs.append(
    h('button.icon', { type: 'button', 'aria-label': 'I like this', 'aria-pressed': 'false', dataset: { rating: 'up' },
      onclick: () => rate('up') }, icon('thumbUp')),
    h('button.icon', { type: 'button', 'aria-label': 'Not for me', 'aria-pressed': 'false', dataset: { rating: 'down' },
      onclick: () => rate('down') }, icon('thumbDown')));

  const seasons = title.seasons || [];
  const isSeries = title.type === 'series' || seasons.length > 0;
  const firstEpisode = seasons[0] && seasons[0].episodes && seasons[0].episodes[0];
  const playHref = isSeries && firstEpisode
    ? `#/watch/${encodeURIComponent(title.id)}?episode=${encodeURIComponent(firstEpisode.id)}`
    : `#/watch/${encodeURIComponent(title.id)}`;
  const img = title.backdropUrl ? h('img.hero-img', { src: title.backdropUrl, alt: '' })
    : title.posterUrl ? h('img.hero-img.blurred', { src: title.posterUrl, alt: '' }) : null;
  if (img) img.addEventListener('error', () => img.remove());

  const page = h('article.title-page', { 'aria-labelledby': 'title-name', dataset: { titleId: title.id } },
    h('div.hero.title-hero', img, h('div.hero-shade'),
      h('div.hero-text',
        h('h1#title-name.hero-title', title.name),
        h('p.hero-meta',
          h('span.rating-badge', { 'aria-label': `Rated ${ratingLabel(title.maturityRating)}` }, ratingLabel(title.maturityRating)),
          ' ', [title.year, title.runtimeSeconds ? formatDuration(title.runtimeSeconds) : null,
            isSeries ? `${seasons.length} season${seasons.length === 1 ? '' : 's'}` : null,
            (title.genres || []).join(', ')].filter(Boolean).join(' \u00B7 ')),
        h('div.actions',
          title.playable === false && !isSeries
            ? h('span.button.disabled', { 'aria-disabled': 'true' }, 'Not yet available')
            : h('a.button.primary#play-button', { href: playHref }, icon('play'), 'Play'),
          listButton, thumbs))),
    h('div.title-body',
      h('p.synopsis', title.synopsis || ''),
      title.cast && title.cast.length ? h('p.cast', h('span.muted', 'Cast: '), title.cast.join(', ')) : null,
      isSeries ? episodes(title, seasons) : null));
  page.style.setProperty('--hue', String(hue(title.id)));
  const main = mount(page);
  focusFirst(main, '#play-button, h1');
}

function episodes(title, seasons) {
  const list = h('ol.episodes', { 'aria-label': 'Episodes' });
  const render = number => {
    const season = seasons.find(s => s.number === number) || seasons[0];
    list.replaceChildren(...(season ? season.episodes : []).map(ep => h('li.episode',
      h('a.episode-link', {
        href: `#/watch/${encodeURIComponent(title.id)}?episode=${encodeURIComponent(ep.id)}`,
        'aria-label': `Play episode ${ep.number}: ${ep.name}`,
      },
      h('span.episode-number', { 'aria-hidden': 'true' }, String(ep.number)),
      h('span.episode-text',
        h('span.episode-name', ep.name),
        h('span.episode-meta', formatDuration(ep.durationSeconds)),
        h('span.episode-synopsis', ep.synopsis || ''))))));
  };
  const picker = h('select#season-picker', { onchange: e => render(Number(e.target.value)) },
    seasons.map(s => h('option', { value: String(s.number) }, `Season ${s.number}`)));
  render(seasons[0] ? seasons[0].number : 1);
  return h('section.episodes-section', { 'aria-labelledby': 'episodes-title' },
    h('div.episodes-head', h('h2#episodes-title', 'Episodes'),
      h('label.visually-hidden', { for: 'season-picker' }, 'Season'), picker),
    list);
}
