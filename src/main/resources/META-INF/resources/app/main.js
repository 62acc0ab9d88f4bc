import { debounce, h, mount, toast } from './dom.js';
import * as session from './api.js';
import { route, dispatch, navigate, currentPath } from './router.js';
import { loginView, signupView } from './views/auth.js';
import { profilesView, avatar } from './views/profiles.js';
import { homeView, myListView, searchView, titleView } from './views/catalog.js';
import { playerView } from './views/player.js';
import { accountView } from './views/account.js';
import { adminListView, adminNewView, adminTitleView } from './views/admin.js';

// access: 'public' (signed out only), 'account' (signed in), 'profile' (a profile chosen), 'admin'
route('/login', loginView, { access: 'public' });
route('/signup', signupView, { access: 'public' });
route('/profiles', profilesView, { access: 'account', chrome: false });
route('/home', homeView, { access: 'profile', nav: 'home' });
route('/list', myListView, { access: 'profile', nav: 'list' });
route('/search', searchView, { access: 'profile' });
route('/title/:id', titleView, { access: 'profile' });
route('/watch/:id', playerView, { access: 'profile', chrome: false });
route('/account', accountView, { access: 'account', nav: 'account' });
route('/admin', adminListView, { access: 'admin', nav: 'admin' });
route('/admin/new', adminNewView, { access: 'admin', nav: 'admin' });
route('/admin/title/:id', adminTitleView, { access: 'admin', nav: 'admin' });
route('/', () => navigate('#/home', { replace: true }), { access: 'profile' });

let restored = false;

async function guard(options) {
  if (!restored) {
    restored = true;
    await session.resume();
  }
  const signedIn = session.isSignedIn();
  if (options.access === 'public') return signedIn ? '#/profiles' : null;
  if (!signedIn) return '#/login';
  if (options.access === 'profile' && !session.currentProfile()) return '#/profiles';
  if (options.access === 'admin' && !session.isAdmin()) return '#/home';
  updateChrome(options);
  return null;
}

function updateChrome(options) {
  const bar = document.getElementById('topbar');
  const withProfile = !!session.currentProfile();
  bar.hidden = options.chrome === false || !session.isSignedIn();
  document.body.classList.toggle('no-chrome', bar.hidden);
  document.getElementById('nav-admin').hidden = !session.isAdmin();
  for (const link of bar.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === options.nav;
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    if (link.dataset.nav === 'home' || link.dataset.nav === 'list') link.hidden = !withProfile;
  }
  document.getElementById('search-form').hidden = !withProfile;
  const profile = session.currentProfile();
  const slot = document.getElementById('current-avatar');
  if (profile) {
    const fresh = avatar(profile, 0, 'small');
    fresh.id = 'current-avatar';
    slot.replaceWith(fresh);
    document.getElementById('profile-switch').setAttribute('aria-label', `Profile ${profile.name}: switch profile`);
  }
}

function wireSearch() {
  const input = document.getElementById('search-input');
  const form = document.getElementById('search-form');
  const go = () => {
    const q = input.value.trim();
    const target = q ? `#/search?q=${encodeURIComponent(q)}` : '#/search';
    if (currentPath().path === '/search') {
      navigate(target, { replace: true });
    } else if (q) {
      location.hash = target;
    }
  };
  input.addEventListener('input', debounce(go, 250));
  form.addEventListener('submit', event => { event.preventDefault(); go(); });
  input.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      input.value = '';
      navigate('#/home');
    }
  });
}

async function run() {
  try {
    await dispatch(guard);
  } catch (error) {
    if (error instanceof session.ApiError && error.status === 401) {
      toast('Your session has ended. Please sign in again.');
      navigate('#/login', { replace: true });
      return;
    }
    console.error(error);
    mount(h('section.empty', h('h1', 'Something went wrong'), h('p', error.message || String(error)),
      h('a.button.secondary', { href: '#/home' }, 'Back to Home')));
  }
  if (!location.hash.startsWith('#/search')) {
    const input = document.getElementById('search-input');
    if (document.activeElement !== input) input.value = '';
  }
}

session.onSessionChange(() => {
  if (!session.isSignedIn() && !['/login', '/signup'].includes(currentPath().path)) navigate('#/login', { replace: true });
});

document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', run);
wireSearch();
run();
