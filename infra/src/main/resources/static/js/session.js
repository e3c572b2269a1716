// The signed-in user, kept for this tab only (sessionStorage: a reload keeps it, another tab
// or a closed browser does not). The token's own exp ends the session in time.
const KEY = 'chat4all.session';
let expiryTimer = null;
const listeners = [];

export function current() {
  const saved = sessionStorage.getItem(KEY);
  if (!saved) return null;
  const session = JSON.parse(saved);
  return session.expiresAt > Date.now() ? session : null;
}

/** Keeps the answer of POST /auth/token and arms the expiry. */
export function start(tokenAnswer) {
  const session = {
    token: tokenAnswer.access_token,
    userId: tokenAnswer.user_id,
    username: tokenAnswer.username,
    expiresAt: Date.now() + tokenAnswer.expires_in * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  arm(session);
  return session;
}

export function arm(session) {
  clearTimeout(expiryTimer);
  // setTimeout holds at most 2^31-1 ms (~24.8 days), less than a long-lived token: wake up and look again.
  const wait = Math.min(session.expiresAt - Date.now(), 2147483647);
  expiryTimer = setTimeout(() => {
    if (current()) arm(session);
    else end('Your session has expired: please sign in again.');
  }, wait);
}

/** Forgets the token; reason (if any) is shown on the sign-in page. */
export function end(reason) {
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(KEY);
  listeners.forEach((listener) => listener(reason));
}

export function onEnd(listener) {
  listeners.push(listener);
}
