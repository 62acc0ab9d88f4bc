import { h, icon, mount, focusFirst, openDialog, toast } from '../dom.js';
import * as session from '../api.js';
import { navigate } from '../router.js';

const LEVELS = [
  [0, 'Little kids (all ages)'], [7, 'Kids (7+)'], [13, 'Teens (13+)'], [16, 'Older teens (16+)'], [18, 'Adults (18+)'],
];
const COLORS = ['#e50914', '#2a7de1', '#f5b50a', '#1db954', '#9b59b6'];

export function avatar(profile, index = 0, size = '') {
  const color = COLORS[Math.abs(hash(profile.id || profile.name)) % COLORS.length] || COLORS[index % 5];
  const el = h(`span.avatar${size ? '.' + size : ''}`, { 'aria-hidden': 'true' },
    (profile.name || '?').trim().charAt(0).toUpperCase());
  el.style.setProperty('--avatar', color);
  return el;
}

function hash(text) {
  let value = 0;
  for (const ch of String(text)) value = (value * 31 + ch.charCodeAt(0)) | 0;
  return value;
}

export async function profilesView(params, query) {
  const manage = query.get('manage') === '1';
  const { items } = await session.get('/api/v1/profiles');
  const list = h('ul.profile-grid', { role: 'list' },
    items.map((profile, i) => h('li', manage ? manageTile(profile, i) : pickTile(profile, i))));
  if (items.length < 5) {
    list.append(h('li', h('button.profile-tile.add', { type: 'button', onclick: () => editProfile(null) },
      h('span.avatar.add', { 'aria-hidden': 'true' }, '+'), h('span.profile-name', 'Add profile'))));
  }
  const main = mount(h('section.profiles', { 'aria-labelledby': 'profiles-title' },
    h('h1#profiles-title', manage ? 'Manage profiles' : 'Who\u2019s watching?'),
    list,
    manage
      ? h('a.button.secondary', { href: '#/profiles' }, 'Done')
      : h('a.button.secondary', { href: '#/profiles?manage=1' }, 'Manage profiles')));
  focusFirst(main, '.profile-tile');
}

function pickTile(profile, i) {
  return h('button.profile-tile', {
    type: 'button',
    'aria-label': `${profile.name}${profile.locked ? ', locked with a PIN' : ''}`,
    dataset: { profileName: profile.name },
    onclick: () => pick(profile),
  },
  avatar(profile, i, 'large'),
  h('span.profile-name', profile.name),
  profile.locked ? h('span.lock', { 'aria-hidden': 'true' }, icon('lock')) : null,
  profile.maturityLevel < 13 ? h('span.badge.kids', 'Kids') : null);
}

function manageTile(profile, i) {
  return h('button.profile-tile.editing', {
    type: 'button',
    'aria-label': `Edit ${profile.name}`,
    dataset: { profileName: profile.name },
    onclick: () => editProfile(profile),
  },
  avatar(profile, i, 'large'),
  h('span.edit-mark', { 'aria-hidden': 'true' }, '\u270E'),
  h('span.profile-name', profile.name));
}

async function pick(profile) {
  try {
    if (profile.locked) {
      const pin = await pinPad(profile);
      if (!pin) return;
      await session.selectProfile(profile, pin);
    } else {
      await session.selectProfile(profile);
    }
    navigate('#/home');
  } catch (e) {
    toast(e.kind === 'wrong-pin' ? 'Wrong PIN.' : e.message, 'error');
  }
}

/** A four-digit PIN pad: digits by keyboard or buttons; resolves with the PIN or null. */
export function pinPad(profile) {
  let pin = '';
  const dots = h('div.pin-dots', { 'aria-hidden': 'true' }, [0, 1, 2, 3].map(() => h('span.pin-dot')));
  const input = h('input.pin-input#pin-input', {
    type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 4, pattern: '\\d{4}',
    'aria-label': `PIN for ${profile.name}`,
  });
  const status = h('p.form-error', { role: 'alert' });
  const { dialog, closed, close } = openDialog(h('form.pinpad', {
    method: 'dialog',
    onsubmit: event => {
      event.preventDefault();
      if (pin.length === 4) close(pin); else status.textContent = 'Enter all four digits.';
    },
  },
  h('h2', `Enter the PIN for ${profile.name}`),
  input, dots, status,
  h('div.pin-keys', ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'].map(key => h('button.pin-key', {
    type: key === 'ok' ? 'submit' : 'button',
    'aria-label': key === 'clear' ? 'Delete last digit' : key === 'ok' ? 'Unlock' : key,
    onclick: key === 'ok' ? null : () => { press(key); input.focus(); },
  }, key === 'clear' ? '\u232B' : key === 'ok' ? '\u2713' : key))),
  h('button.link', { type: 'button', onclick: () => close('') }, 'Cancel')), { label: `PIN for ${profile.name}` });

  function render() {
    input.value = pin;
    dots.querySelectorAll('.pin-dot').forEach((dot, i) => dot.classList.toggle('filled', i < pin.length));
    status.textContent = '';
  }
  function press(key) {
    if (key === 'clear') pin = pin.slice(0, -1);
    else if (pin.length < 4) pin += key;
    render();
    if (pin.length === 4) close(pin);
  }
  input.addEventListener('input', () => {
    pin = input.value.replace(/\D/g, '').slice(0, 4);
    render();
    if (pin.length === 4) close(pin);
  });
  input.focus();
  void dialog;
  return closed.then(value => value || null);
}

function editProfile(profile) {
  const creating = profile === null;
  const error = h('p.form-error', { role: 'alert' });
  const pinMode = profile && profile.locked ? 'keep' : 'none';
  const form = h('form.profile-form', {
    method: 'dialog',
    onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      const body = { name: data.get('name').trim(), maturityLevel: Number(data.get('maturityLevel')) };
      const pin = data.get('pin');
      if (pin) body.pin = pin;
      else if (!creating && data.get('removePin') === 'on') body.pin = null;
      try {
        if (creating) await session.api('POST', '/api/v1/profiles', body);
        else await session.api('PATCH', `/api/v1/profiles/${encodeURIComponent(profile.id)}`, body);
        close('saved');
      } catch (e) {
        const errors = (e.problem && e.problem.errors) || [];
        error.textContent = errors.length ? errors.map(x => `${x.field}: ${x.message}`).join('. ') : e.message;
      }
    },
  },
  h('h2', creating ? 'Add profile' : `Edit ${profile.name}`),
  h('div.field', h('label', { for: 'p-name' }, 'Name'),
    h('input#p-name', { name: 'name', required: true, maxlength: 50, value: profile ? profile.name : '' })),
  h('div.field', h('label', { for: 'p-maturity' }, 'Maturity rating'),
    h('select#p-maturity', { name: 'maturityLevel' }, LEVELS.map(([level, label]) => h('option', {
      value: String(level), selected: profile ? profile.maturityLevel === level : level === 18,
    }, label)))),
  h('div.field', h('label', { for: 'p-pin' }, pinMode === 'keep' ? 'New PIN (leave empty to keep it)' : 'PIN (optional, 4 digits)'),
    h('input#p-pin', { name: 'pin', type: 'password', inputmode: 'numeric', pattern: '\\d{4}', maxlength: 4,
      autocomplete: 'new-password' })),
  pinMode === 'keep' ? h('label.check', h('input', { type: 'checkbox', name: 'removePin' }), 'Remove the PIN') : null,
  error,
  h('div.actions',
    h('button.primary', { type: 'submit' }, 'Save'),
    h('button.secondary', { type: 'button', onclick: () => close('') }, 'Cancel'),
    creating ? null : h('button.danger', {
      type: 'button',
      onclick: async () => {
        if (!confirm(`Delete the profile ${profile.name}? Its list and history go with it.`)) return;
        try {
          await session.api('DELETE', `/api/v1/profiles/${encodeURIComponent(profile.id)}`);
          close('deleted');
        } catch (e) {
          error.textContent = e.message;
        }
      },
    }, 'Delete profile')));
  const { close, closed } = openDialog(form, { label: creating ? 'Add profile' : `Edit ${profile.name}` });
  form.querySelector('input').focus();
  closed.then(result => {
    if (result) {
      toast(result === 'deleted' ? 'Profile deleted.' : 'Profile saved.');
      navigate(location.hash);
    }
  });
}
