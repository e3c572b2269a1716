// The conversation list (most recent activity first, with unread counts) and the form that
// starts a private or group conversation from users picked in the directory.
import * as api from './api.js';
import * as session from './session.js';
import * as users from './users.js';
import { $, el, showError } from './dom.js';

const PAGE = 30;
let conversations = [];
let nextCursor = null;
let currentId = null;
let onOpen = () => {};
let refreshTimer = null;
const picked = new Map(); // user_id -> username

export function init(openConversation) {
  onOpen = openConversation;
  $('more-conversations').addEventListener('click', () => load(nextCursor));
  $('member-search').addEventListener('input', searchMembers);
  $('new-conversation-form').addEventListener('submit', create);
}

export function reset() {
  conversations = [];
  nextCursor = null;
  currentId = null;
  picked.clear();
  renderPicked();
  $('conversation-list').replaceChildren();
}

export function label(conversation) {
  if (conversation.metadata && conversation.metadata.name) return conversation.metadata.name;
  const me = session.current().userId;
  const others = conversation.members.filter((id) => id !== me).map(users.nameOf);
  return others.join(', ') || 'Just you';
}

export function byId(id) {
  return conversations.find((c) => c.conversation_id === id);
}

/** The first page again (cursor null), or the next one. */
export async function load(cursor = null) {
  const query = `limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const page = await api.get(`/v1/conversations?${query}`);
  conversations = cursor ? conversations.concat(page.conversations) : page.conversations;
  nextCursor = page.next_cursor;
  render();
}

/** Live events change counts and order: the first page is read again, at most every 300 ms. */
export function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => load().catch(() => {}), 300);
}

export function setCurrent(id) {
  currentId = id;
  render();
}

function render() {
  const items = conversations.map((c) => {
    const unread = c.unread_count > 0
      ? el('span', { class: 'unread', 'aria-label': `${c.unread_count} unread` }, String(c.unread_count)) : null;
    const button = el('button', {
      type: 'button', 'data-conversation-id': c.conversation_id,
      'aria-current': c.conversation_id === currentId ? 'true' : 'false',
      onclick: () => onOpen(c.conversation_id),
    }, el('span', {}, `${c.type === 'group' ? 'Group: ' : ''}${label(c)}`), unread);
    return el('li', {}, button);
  });
  $('conversation-list').replaceChildren(...items);
  if (conversations.length === 0) $('conversation-list').append(el('li', { class: 'help' }, 'No conversations yet.'));
  $('more-conversations').hidden = !nextCursor;
}

async function searchMembers(event) {
  const prefix = event.target.value.trim();
  if (!prefix) {
    $('member-results').replaceChildren();
    return;
  }
  try {
    const found = await users.search(prefix, 10);
    if (event.target.value.trim() !== prefix) return; // typed on meanwhile
    const me = session.current().userId;
    $('member-results').replaceChildren(...found.filter((u) => u.user_id !== me).map((u) => el('li', {},
      el('button', { type: 'button', onclick: () => pick(u) }, `Add ${u.username}`))));
  } catch (error) {
    showError('new-conversation-error', error);
  }
}

function pick(user) {
  picked.set(user.user_id, user.username);
  renderPicked();
}

function renderPicked() {
  $('picked-members').replaceChildren(...[...picked].map(([id, name]) => el('li', {},
    el('button', { type: 'button', 'aria-label': `Remove ${name}`, onclick: () => { picked.delete(id); renderPicked(); } }, `${name} ✕`))));
}

async function create(event) {
  event.preventDefault();
  showError('new-conversation-error', null);
  const form = event.target;
  const type = form.elements.type.value;
  const name = form.elements.name.value.trim();
  const body = { type, members: [session.current().userId, ...picked.keys()] };
  if (name) body.metadata = { name };
  try {
    // The hub checks the member rules (2 for private, 3..100 for a group) and says why in its detail.
    const conversation = await api.post('/v1/conversations', body);
    picked.clear();
    renderPicked();
    form.reset();
    $('member-results').replaceChildren();
    $('new-conversation').open = false;
    await load();
    onOpen(conversation.conversation_id);
  } catch (error) {
    showError('new-conversation-error', error);
  }
}
