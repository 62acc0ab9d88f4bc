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

const ICONS = {
  thumbUp: 'M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z',
  thumbDown: 'M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1.1l1.1 1 6.6-6.6c.4-.4.6-.9.6-1.4V5a2 2 0 0 0-2-2H7c-.8 0-1.5.5-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z',
  play: 'M8 5v14l11-7z',
  lock: 'M12 1a5 5 0 0 0-5 5v4H5v13h14V10h-2V6a5 5 0 0 0-5-5zm-3 9V6a3 3 0 0 1 6 0v4H9z',
};

/** An inline SVG icon (built through the DOM, so the CSP needs no inline markup). */
export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('svg-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}
