// One open conversation: opened at its newest messages (direction=backward), older pages
// loaded when scrolled to the top, kept live by the event stream, read receipts sent while
// the user is looking at it.
import * as api from './api.js';
import * as session from './session.js';
import * as users from './users.js';
import * as conversations from './conversations.js';
import * as messages from './messages.js';
import { $, el } from './dom.js';

const PAGE = 30;
let conversationId = null;
let olderCursor = null;
let loadingOlder = false;
let held = new Map(); // message_id -> the latest view shown
let lastReadSent = null;

export function init() {
  $('message-scroller').addEventListener('scroll', () => {
    if ($('message-scroller').scrollTop < 40) loadOlder();
  });
  $('load-older').addEventListener('click', loadOlder);
  document.addEventListener('visibilitychange', markRead);
}

export function currentId() {
  return conversationId;
}

export function close() {
  conversationId = null;
  held = new Map();
  $('message-list').replaceChildren();
  $('conversation-title').textContent = 'Pick a conversation';
  $('conversation-members').textContent = '';
  for (const id of ['message-scroller', 'composer', 'uploader']) $(id).hidden = true;
}

export async function open(id) {
  close();
  conversationId = id;
  lastReadSent = null;
  const conversation = conversations.byId(id) || await api.get(`/v1/conversations/${id}`);
  $('conversation-title').textContent = `${conversation.type === 'group' ? 'Group: ' : ''}${conversations.label(conversation)}`;
  $('conversation-members').textContent = `Members: ${conversation.members.map(users.nameOf).join(', ')}`;
  for (const part of ['message-scroller', 'composer', 'uploader']) $(part).hidden = false;
  const page = await api.get(`/v1/conversations/${id}/messages?direction=backward&limit=${PAGE}`);
  if (conversationId !== id) return; // another was opened meanwhile
  olderCursor = page.next_cursor;
  $('load-older').hidden = !olderCursor;
  page.messages.forEach((m) => upsert(m, true));
  scrollToNewest();
  markRead();
}

async function loadOlder() {
  if (!olderCursor || loadingOlder) return;
  loadingOlder = true;
  const id = conversationId;
  try {
    const page = await api.get(`/v1/conversations/${id}/messages?direction=backward&limit=${PAGE}&cursor=${encodeURIComponent(olderCursor)}`);
    if (conversationId !== id) return;
    olderCursor = page.next_cursor;
    $('load-older').hidden = !olderCursor;
    // Keep what the user looks at in place while older messages go in above it.
    const scroller = $('message-scroller');
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    const first = $('message-list').firstChild;
    for (const m of page.messages) {
      if (held.has(m.message_id)) continue;
      held.set(m.message_id, m);
      $('message-list').insertBefore(messages.render(m, m.from === session.current().userId), first);
    }
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
  } finally {
    loadingOlder = false;
  }
}

/**
 * A status event: updates the message if it is on screen. Not one scrolled past: a read receipt
 * sends an event for every message it covers, older pages included, which belong above, not here.
 */
export function update(message) {
  if (message.conversation_id === conversationId && held.has(message.message_id)) upsert(message);
}

/** A message view from a page, an event or the sender's own read: shown once, updated in place. */
export function upsert(message, batch = false) {
  if (message.conversation_id !== conversationId) return false;
  const before = held.get(message.message_id);
  const latest = messages.newer(before, message);
  if (before && latest === before) return true;
  held.set(message.message_id, latest);
  const node = messages.render(latest, latest.from === session.current().userId);
  const existing = $('message-list').querySelector(`[data-message-id="${latest.message_id}"]`);
  if (existing) {
    // A status or read receipt re-renders the message: a download link already fetched stays.
    const link = existing.querySelector('.download');
    if (link && link.childNodes.length) node.querySelector('.download').replaceWith(link);
    existing.replaceWith(node);
  } else {
    const scroller = $('message-scroller');
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    $('message-list').append(node);
    if (batch) return true;
    if (atBottom || latest.from === session.current().userId) scrollToNewest();
    markRead();
  }
  return true;
}

function scrollToNewest() {
  const scroller = $('message-scroller');
  scroller.scrollTop = scroller.scrollHeight;
}

/** Read up to the newest message from someone else, while the page is visible. */
async function markRead() {
  if (!conversationId || document.visibilityState !== 'visible') return;
  const me = session.current().userId;
  const theirs = [...held.values()].filter((m) => m.from !== me);
  if (theirs.length === 0) return;
  const newest = theirs.reduce((a, b) => (b.created_at > a.created_at ? b : a));
  if (newest.message_id === lastReadSent) return;
  lastReadSent = newest.message_id;
  try {
    await api.post(`/v1/conversations/${conversationId}/read`, { up_to_message_id: newest.message_id });
    conversations.refreshSoon();
  } catch (error) {
    lastReadSent = null;
    $('composer-error').textContent = error.message;
  }
}
