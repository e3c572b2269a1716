// The hub's HTTP API (API.md) with the tab's bearer token. Every failure becomes an ApiError
// carrying the problem document's detail, which is what the user is shown.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export function authHeaders() {
  const s = session.current();
  return s ? { Authorization: `Bearer ${s.token}` } : {};
}

/** JSON in, JSON out; throws ApiError. A 401 on a /v1 call ends the session (expired or revoked token). */
export async function call(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json', ...authHeaders(), ...extraHeaders };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  return read(response, path);
}

export async function read(response, path) {
  const text = await response.text();
  const json = text ? parse(text) : {};
  if (response.ok) return json;
  const error = new ApiError(response.status, json);
  if (response.status === 401 && path.startsWith('/v1/')) session.end('Your session has expired: please sign in again.');
  throw error;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
