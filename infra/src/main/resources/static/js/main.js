// The web client's start: sign-in or the app, the live stream, and the opened conversation kept
// in the address (#/c/<id>) so that a reload comes back to it.
import * as api from './api.js';
import * as session from './session.js';
import * as users from './users.js';
import * as conversations from './conversations.js';
import * as view from './conversation-view.js';
import * as composer from './composer.js';
import * as uploads from './uploads.js';
import { LiveEvents } from './events.js';
import { $, el, showError } from './dom.js';

const live = new LiveEvents(onLiveEvent);

function onLiveEvent(event) {
  switch (event.type) {
    case 'conversation':
      conversations.refreshSoon();
      break;
    case 'message':
      view.upsert(event.data);
      conversations.refreshSoon();
      break;
    case 'status':
      view.update(event.data);
      conversations.refreshSoon();
      break;
    case 'reset': // the hub cannot say what changed since our last event: read everything again
      conversations.refreshSoon();
      if (view.currentId()) view.open(view.currentId());
      break;
    case 'open':
      $('live-status').textContent = 'Live updates on.';
      break;
    case 'closed':
      $('live-status').textContent = 'Live updates interrupted: reconnecting…';
      break;
    default:
      break;
  }
}

async function showSignIn(reason) {
  live.stop();
  view.close();
  conversations.reset();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('whoami').hidden = true;
  $('sign-in').hidden = false;
  $('notice').hidden = !reason;
  $('notice').textContent = reason || '';
  try {
    const demo = await api.get('/auth/demo-users');
    $('demo-users').hidden = demo.usernames.length === 0;
    $('demo-password').textContent = demo.password || '';
    $('demo-user-list').replaceChildren(...demo.usernames.map((name) => el('li', {},
      el('button', { type: 'button', onclick: () => fillIn(name, demo.password) }, name))));
  } catch {
    $('demo-users').hidden = true; // an older hub: the form alone still works
  }
  $('username').focus();
}

function fillIn(username, password) {
  $('username').value = username;
  $('password').value = password;
  $('sign-in-form').querySelector('button[type=submit]').focus();
}

async function showApp() {
  const me = session.current();
  session.arm(me);
  users.learn(me.userId, me.username);
  $('sign-in').hidden = true;
  $('notice').hidden = true;
  $('app').hidden = false;
  $('whoami').hidden = false;
  $('whoami').textContent = `Signed in as ${me.username}`;
  $('sign-out').hidden = false;
  live.start();
  await users.preload();
  await conversations.load();
  const fromAddress = /^#\/c\/([0-9a-f-]{36})$/.exec(location.hash);
  if (fromAddress) await openConversation(fromAddress[1]);
  await uploads.showPending();
}

async function openConversation(id) {
  if (location.hash !== `#/c/${id}`) history.replaceState(null, '', `#/c/${id}`);
  conversations.setCurrent(id);
  await view.open(id);
  $('message-text').focus();
}

/** An error outside any form (opening a conversation, starting up): shown above everything. */
function showNotice(error) {
  if (error.status === 401) return; // the session has ended and the sign-in page says why
  $('notice').textContent = error.message;
  $('notice').hidden = false;
}

function wire() {
  conversations.init((id) => openConversation(id).catch(showNotice));
  view.init();
  composer.init();
  uploads.init();
  session.onEnd((reason) => {
    history.replaceState(null, '', location.pathname);
    showSignIn(reason);
  });
  $('sign-out').addEventListener('click', () => session.end());
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError('sign-in-error', null);
    try {
      const answer = await api.post('/auth/token', { username: $('username').value.trim(), password: $('password').value });
      session.start(answer);
      $('password').value = '';
      await showApp();
    } catch (error) {
      showError('sign-in-error', error);
    }
  });
}

wire();
if (session.current()) showApp().catch(showNotice);
else showSignIn();
