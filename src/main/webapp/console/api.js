// The console's one way to the server: the same /api as the CLI, with the session cookie (HttpOnly, set by
// POST /api/console/session) and, on every state-changing request, the session's CSRF token in X-CSRF-Token.

const API = new URL('../api/', import.meta.url);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of the session; in memory only (a reload asks GET /api/console/session again). */
let csrfToken = null;
/** Called when the server says the session has ended. */
let onSessionEnded = () => {};
/** Asks the person for a TOTP or recovery code (resolves null when they cancel). */
let askForCode = null;

/** A refusal of the API: status and the problem document's code, detail and errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    const body = problem && typeof problem === 'object' ? problem : {};
    super(body.detail || body.title || `The server answered ${status}`);
    this.status = status;
    this.code = body.code || null;
    this.detail = body.detail || this.message;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.problem = body;
  }
}

/** Whether the error says the session is over (not an operation asking for a second factor). */
export function sessionEnded(error) {
  return Boolean(error) && error.status === 401
    && (error.code === 'session_expired' || error.code === 'invalid_credentials');
}

export function whenSessionEnds(callback) {
  onSessionEnded = callback;
}

/** Registers the prompt for a second factor, asked when an operation answers 401 mfa_required or mfa_invalid. */
export function whenCodeNeeded(callback) {
  askForCode = callback;
}

/** The path below /api with each segment escaped: path`agents/${name}/keys`. */
export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ''), '');
}

/**
 * Calls the API; resolves with the parsed JSON (null for 204), rejects with ApiError. An operation the agent's config
 * protects with MFA (401 mfa_required, or mfa_invalid for a wrong code) is asked again with the code the person
 * enters in X-MFA-Code, until they cancel.
 */
export async function call(method, relative, body, extraHeaders) {
  try {
    return await send(method, relative, body, extraHeaders);
  } catch (e) {
    const stepUp = e.status === 401 && (e.code === 'mfa_required' || e.code === 'mfa_invalid');
    if (!stepUp || !askForCode || relative === 'console/session') {
      throw e;
    }
    const code = await askForCode(e);
    if (!code) {
      throw e;
    }
    return call(method, relative, body, { ...(extraHeaders || {}), 'X-MFA-Code': code });
  }
}

async function send(method, relative, body, extraHeaders) {
  const headers = { Accept: 'application/json', ...(extraHeaders || {}) };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (!SAFE.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(new URL(relative, API), init);
  } catch (e) {
    throw new ApiError(0, { detail: 'The server could not be reached' });
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (response.ok && extraHeaders && extraHeaders.Accept === '*/*') {
    data = await response.blob(); // a download
  } else if (response.status !== 204) {
    data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    // 401 mfa_required / mfa_invalid is an operation asking for a second factor, not the end of the session.
    if (sessionEnded(error) && relative !== 'console/session') {
      csrfToken = null;
      onSessionEnded(error);
    }
    throw error;
  }
  return data;
}

export const get = (relative) => call('GET', relative);

/** Downloads what relative answers (a second factor asked for when needed) as a file named filename. */
export async function download(relative, filename) {
  const blob = await call('GET', relative, undefined, { Accept: '*/*' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Signs in; resolves with {username, roles, mfa, csrf_token, idle_timeout}. */
export async function signIn(username, password, mfaCode) {
  const body = { username, password };
  if (mfaCode) {
    body.mfa_code = mfaCode;
  }
  const session = await call('POST', 'console/session', body);
  csrfToken = session.csrf_token;
  return session;
}

/** Whether the server signs people in through an OpenID provider (learnt from GET /api/console/session). */
let providerSignIn = false;

export function hasProviderSignIn() {
  return providerSignIn;
}

/** Where "Sign in with your identity provider" goes: the code flow, back to the console with a session cookie. */
export function providerSignInUrl() {
  return new URL('auth/oauth2/authorize?return_to=' + encodeURIComponent('/console/'), API).href;
}

/** Who is signed in (after a reload), or null. */
export async function currentSession() {
  try {
    const session = await call('GET', 'console/session');
    csrfToken = session.csrf_token;
    return session;
  } catch (e) {
    if (e.status === 401) {
      providerSignIn = Boolean(e.problem && e.problem.oidc === true);
      return null;
    }
    throw e;
  }
}

export async function signOut() {
  try {
    await call('DELETE', 'console/session');
  } finally {
    csrfToken = null;
  }
}
