import { h, mount, focusFirst, toast } from '../dom.js';
import * as session from '../api.js';
import { navigate } from '../router.js';

const PLANS = [
  ['BASIC', 'Basic', '1 screen at a time'],
  ['STANDARD', 'Standard', '2 screens at a time'],
  ['PREMIUM', 'Premium', '4 screens at a time'],
];

export async function accountView() {
  const account = await session.loadAccount();
  const status = h('p.form-status', { role: 'status' });
  const form = h('form.plans', {
    onsubmit: async event => {
      event.preventDefault();
      const plan = new FormData(form).get('plan');
      try {
        const updated = await session.api('PUT', '/api/v1/account/plan', { plan });
        status.textContent = `Your plan is now ${updated.plan.toLowerCase()}: up to ${updated.maxStreams} streams at once.`;
        toast('Plan changed.');
      } catch (e) {
        status.textContent = e.message;
      }
    },
  },
  h('fieldset',
    h('legend', 'Plan'),
    h('div.plan-options', PLANS.map(([value, name, description]) => h('label.plan', { for: `plan-${value}` },
      h('input', { type: 'radio', name: 'plan', value, id: `plan-${value}`, checked: account.plan === value }),
      h('span.plan-name', name), h('span.plan-desc', description))))),
  h('button.primary', { type: 'submit' }, 'Change plan'), status);

  const profile = session.currentProfile();
  const main = mount(h('section.account', { 'aria-labelledby': 'account-title' },
    h('h1#account-title', 'Account'),
    h('dl.facts',
      h('dt', 'Name'), h('dd', account.name),
      h('dt', 'Email'), h('dd', account.email),
      h('dt', 'Streams at once'), h('dd', String(account.maxStreams)),
      profile ? [h('dt', 'Profile'), h('dd', profile.name)] : null),
    form,
    h('section.danger-zone', { 'aria-labelledby': 'signout-title' },
      h('h2#signout-title', 'Sign out'),
      h('div.actions',
        h('a.button.secondary', { href: '#/profiles' }, 'Switch profile'),
        h('button.secondary#sign-out', {
          type: 'button',
          onclick: async () => { await session.logout().catch(() => {}); navigate('#/login'); },
        }, 'Sign out'),
        h('button.danger#sign-out-all', {
          type: 'button',
          onclick: async () => {
            if (!confirm('Sign out of Marquee on every device, this one included?')) return;
            try {
              await session.logoutAll();
              toast('Signed out of all devices.');
            } catch (e) {
              toast(e.message, 'error');
            }
            navigate('#/login');
          },
        }, 'Sign out of all devices')))));
  focusFirst(main, 'h1');
}
