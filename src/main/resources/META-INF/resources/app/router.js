// Hash routes (#/home, #/title/{id}, #/watch/{id}?episode=...): the server serves one page and needs no routes.

const routes = [];
let cleanup = null;
let generation = 0;

/** Called when a view starts: the returned check is false once the user has gone to another route. */
export function viewToken() {
  const mine = generation;
  return () => mine === generation;
}

/** pattern like '/title/:id'; view(params, query) may return a cleanup function run when leaving. */
export function route(pattern, view, options = {}) {
  const names = [];
  const regex = new RegExp('^' + pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  }) + '$');
  routes.push({ regex, names, view, options });
}

export function currentPath() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** Goes to a hash route; replace keeps the history clean (redirects, search as you type). */
export function navigate(hash, { replace = false } = {}) {
  if (replace || location.hash === hash) {
    if (replace) history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** Runs the current route's view; guard(options) may redirect (returns a hash) before the view runs. */
export async function dispatch(guard) {
  dispatch.guard = guard || dispatch.guard;
  const { path, query } = currentPath();
  for (const { regex, names, view, options } of routes) {
    const match = regex.exec(path);
    if (!match) continue;
    const redirect = dispatch.guard ? await dispatch.guard(options, path) : null;
    if (redirect && redirect !== location.hash) {
      navigate(redirect, { replace: true });
      return;
    }
    if (cleanup) {
      const previous = cleanup;
      cleanup = null;
      try { await previous(); } catch (error) { console.warn('cleanup failed', error); }
    }
    generation++;
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    const result = await view(params, query);
    if (typeof result === 'function') cleanup = result;
    return;
  }
  navigate('#/home', { replace: true });
}
