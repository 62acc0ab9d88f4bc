// The JSON API client and the session: the access token lives only in this module's memory.
// The refresh token is kept in sessionStorage (this tab only, gone when the tab closes) so a reload does not
// sign the user out; docs/WEB.md explains that trade-off. Tokens are only ever sent in headers or JSON bodies.

const REFRESH_KEY = 'marquee.refresh';
const PROFILE_KEY = 'marquee.profile';

let accessToken = null;
let accessExpiresAt = 0;
let refreshing = null;
let account = null;
const listeners = new Set();

/** An HTTP failure with the parsed problem+json body (RFC 9457) when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The last segment of the problem type, e.g. "stream-limit". */
  get kind() {
    const type = this.problem.type || '';
    return type.slice(type.lastIndexOf('/') + 1);
  }
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

function notify() {
  for (const listener of listeners) listener();
}

export function isSignedIn() {
  return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
}

export function currentProfile() {
  const raw = sessionStorage.getItem(PROFILE_KEY);
  return raw ? JSON.parse(raw) : null;
}

export function currentAccount() {
  return account;
}

export function isAdmin() {
  return !!(account && account.roles && account.roles.includes('admin'));
}

function store(pair) {
  accessToken = pair.accessToken;
  // Refresh a little before the server would refuse the token.
  accessExpiresAt = Date.now() + Math.max(5, pair.expiresIn - 30) * 1000;
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
}

function forget() {
  accessToken = null;
  accessExpiresAt = 0;
  account = null;
  sessionStorage.removeItem(REFRESH_KEY);
  sessionStorage.removeItem(PROFILE_KEY);
  notify();
}

async function refresh() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) throw new ApiError(401, { title: 'Signed out' });
  // One refresh at a time: the refresh token rotates, and replaying a used one revokes the whole login.
  if (!refreshing) {
    refreshing = raw('POST', '/api/v1/auth/refresh', { refreshToken }, false)
      .then(store)
      .catch(error => {
        if (error.status === 400 || error.status === 401) forget();
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function raw(method, path, body, auth, extraHeaders = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A valid access token, refreshing first when it is about to expire. */
export async function token() {
  if (!accessToken || Date.now() >= accessExpiresAt) await refresh();
  return accessToken;
}

/** An authenticated call; one retry after a refresh when the access token was refused. */
export async function api(method, path, body) {
  await token();
  try {
    return await raw(method, path, body, true);
  } catch (error) {
    if (error.status !== 401) throw error;
    await refresh();
    return raw(method, path, body, true);
  }
}

export const get = path => api('GET', path);

export async function signup(email, password, name) {
  return raw('POST', '/api/v1/auth/signup', { email, password, name }, false);
}

export async function login(email, password) {
  forget();
  store(await raw('POST', '/api/v1/auth/login', { email, password }, false));
  await loadAccount();
}

export async function loadAccount() {
  account = await get('/api/v1/account');
  notify();
  return account;
}

export async function selectProfile(profile, pin) {
  const pair = await api('POST', `/api/v1/profiles/${encodeURIComponent(profile.id)}/select`,
    pin ? { pin } : {});
  store(pair);
  sessionStorage.setItem(PROFILE_KEY, JSON.stringify({ id: profile.id, name: profile.name,
    maturityLevel: profile.maturityLevel }));
  notify();
}

export async function logout() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  try {
    if (refreshToken) await api('POST', '/api/v1/auth/logout', { refreshToken });
  } finally {
    forget();
  }
}

export async function logoutAll() {
  try {
    await api('POST', '/api/v1/auth/logout-all');
  } finally {
    forget();
  }
}

/** A DELETE that survives the page being closed (keepalive): ends a playback lease on leave. */
export function endLeaseOnUnload(leaseId, positionSeconds) {
  if (!accessToken) return;
  fetch(`/api/v1/playback/${encodeURIComponent(leaseId)}`, {
    method: 'DELETE',
    keepalive: true,
    headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ positionSeconds }),
    credentials: 'omit',
  }).catch(() => {});
}

/**
 * Uploads a file with XMLHttpRequest so the progress can be shown (fetch has no upload progress).
 * onProgress receives a fraction 0..1; resolves with the JSON answer or rejects with an ApiError.
 */
export async function upload(path, file, contentType, onProgress) {
  const bearer = await token();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', event => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data);
      } else {
        reject(new ApiError(xhr.status, data));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'The upload was interrupted (network error).' })));
    xhr.addEventListener('abort', () => reject(new ApiError(0, { detail: 'The upload was cancelled.' })));
    xhr.send(file);
  });
}

/** Restores the session after a reload from the refresh token, if there is one. */
export async function resume() {
  if (!sessionStorage.getItem(REFRESH_KEY)) return false;
  try {
    await refresh();
    await loadAccount();
    return true;
  } catch {
    return false;
  }
}
