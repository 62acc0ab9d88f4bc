// Tiny DOM builder: every string becomes a text node, so catalog data can never inject markup.

/**
 * h('button.primary', {onclick, 'aria-label': 'Play'}, 'Play')
 * The tag may carry #id and .classes. Attributes starting with "on" become listeners; false/null are skipped.
 */
export function h(tag, attrs, ...children) {
  const [, name, rest] = /^([a-z0-9-]+)(.*)$/i.exec(tag);
  const el = document.createElement(name);
  for (const part of rest.match(/[#.][^#.]+/g) || []) {
    if (part[0] === '#') el.id = part.slice(1); else el.classList.add(part.slice(1));
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of the main region and moves focus there for screen readers. */
export function mount(...children) {
  const main = document.getElementById('main');
  main.replaceChildren();
  append(main, children);
  return main;
}

export function focusFirst(root, selector = 'h1, [autofocus], input, button') {
  const el = root.querySelector(selector);
  if (el) {
    if (!el.hasAttribute('tabindex') && /^H\d$/.test(el.tagName)) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: false });
  }
}

let toastTimer;
/** A short status message announced by screen readers. */
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.dataset.kind = kind;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A modal <dialog>; resolves when it closes. Focus is trapped by the browser and returns on close. */
export function openDialog(content, { label, className = '' } = {}) {
  const dialog = h(`dialog.modal${className ? '.' + className : ''}`, { 'aria-label': label });
  append(dialog, [content]);
  document.body.append(dialog);
  const previous = document.activeElement;
  const closed = new Promise(resolve => dialog.addEventListener('close', () => {
    dialog.remove();
    if (previous && previous.focus) previous.focus();
    resolve(dialog.returnValue);
  }));
  dialog.showModal();
  return { dialog, closed, close: value => dialog.close(value) };
}

export function formatDuration(seconds) {
  if (!seconds && seconds !== 0) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return h ? `${h} h ${m} min` : `${m} min`;
}

export function ratingLabel(rating) {
  return rating === 0 || rating === null || rating === undefined ? 'All' : `${rating}+`;
}
