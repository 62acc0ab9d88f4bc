import { h, mount, focusFirst } from '../dom.js';
import * as session from '../api.js';
import { navigate } from '../router.js';

function field(label, attrs) {
  const id = `f-${attrs.name}`;
  return h('div.field', h('label', { for: id }, label), h('input', { id, ...attrs }));
}

function errorBox() {
  return h('p.form-error', { role: 'alert', 'aria-live': 'assertive' });
}

function showProblem(box, error) {
  const fieldErrors = (error.problem && error.problem.errors) || [];
  box.textContent = fieldErrors.length
    ? fieldErrors.map(e => `${e.field}: ${e.message}`).join('. ')
    : error.message;
}

function authShell(title, form, footer) {
  const main = mount(h('section.auth', { 'aria-labelledby': 'auth-title' },
    h('div.auth-brand', { 'aria-hidden': 'true' }, 'MARQUEE'),
    h('div.auth-card', h('h1#auth-title', title), form, h('p.auth-footer', footer))));
  focusFirst(main, 'input');
}

export function loginView() {
  const error = errorBox();
  const submit = h('button.primary.wide', { type: 'submit' }, 'Sign in');
  const form = h('form', {
    novalidate: true,
    onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      submit.disabled = true;
      error.textContent = '';
      try {
        await session.login(data.get('email'), data.get('password'));
        navigate('#/profiles');
      } catch (e) {
        error.textContent = e.status === 429
          ? 'Too many attempts. Wait a moment and try again.'
          : e.status === 401 ? 'That email and password do not match an account.' : e.message;
      } finally {
        submit.disabled = false;
      }
    },
  },
  field('Email', { name: 'email', type: 'email', autocomplete: 'username', required: true }),
  field('Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  error, submit);
  authShell('Sign in', form, ['New to Marquee? ', h('a', { href: '#/signup' }, 'Create an account')]);
}

export function signupView() {
  const error = errorBox();
  const submit = h('button.primary.wide', { type: 'submit' }, 'Create account');
  const form = h('form', {
    novalidate: true,
    onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      const password = data.get('password');
      error.textContent = '';
      if (password.length < 8) {
        error.textContent = 'Choose a password of at least 8 characters.';
        return;
      }
      submit.disabled = true;
      try {
        await session.signup(data.get('email'), password, data.get('name'));
        await session.login(data.get('email'), password);
        navigate('#/profiles');
      } catch (e) {
        if (e.status === 409) error.textContent = 'An account with that email already exists. Sign in instead.';
        else showProblem(error, e);
      } finally {
        submit.disabled = false;
      }
    },
  },
  field('Your name', { name: 'name', autocomplete: 'name', required: true, maxlength: 100 }),
  field('Email', { name: 'email', type: 'email', autocomplete: 'email', required: true }),
  field('Password (8 to 128 characters)', { name: 'password', type: 'password', autocomplete: 'new-password',
    required: true, minlength: 8, maxlength: 128 }),
  error, submit);
  authShell('Create your account', form, ['Already a member? ', h('a', { href: '#/login' }, 'Sign in')]);
}
