// How one message looks: sender, time, text or file, and for the caller's own messages the
// status (with a failure's note), one mark per channel and who has read it.
import * as api from './api.js';
import * as users from './users.js';
import { el, time, bytes } from './dom.js';

const STATUS_WORDS = { ACCEPTED: 'accepted', IN_TRANSIT: 'in transit', DELIVERED: 'delivered', FAILED: 'failed' };
const CHANNEL_NAMES = { whatsapp: 'WhatsApp', instagram: 'Instagram' };

/** The later of two views of one message (events and reads may arrive out of order). */
export function newer(held, incoming) {
  if (!held) return incoming;
  if (incoming.updated_at !== held.updated_at) return incoming.updated_at > held.updated_at ? incoming : held;
  return (incoming.read_by || []).length >= (held.read_by || []).length ? incoming : held;
}

export function render(message, mine) {
  users.learn(message.from, message.from_username);
  return el('li', {
    class: `message${mine ? ' mine' : ''}`, 'data-message-id': message.message_id, 'data-status': message.status,
  },
  el('div', { class: 'meta' }, `${mine ? 'You' : message.from_username} · `,
    el('time', { datetime: message.created_at }, time(message.created_at))),
  body(message),
  mine ? status(message) : null);
}

function body(message) {
  const payload = message.payload;
  if (payload.type !== 'file') return el('p', { class: 'text' }, payload.text);
  const result = el('span', { class: 'download' });
  const open = el('button', { type: 'button', class: 'link open-file', onclick: () => download(payload, result) },
    `Open ${payload.filename} (${bytes(payload.size)})`);
  return el('p', { class: 'file' }, 'File: ', open, ' ', result);
}

/** A link cannot send the bearer token: the download's JSON form gives a short-lived presigned URL instead. */
async function download(payload, result) {
  result.textContent = 'Getting a download link…';
  try {
    const answer = await api.get(`/v1/files/${payload.file_id}/download`);
    const link = el('a', { href: answer.download_url, download: payload.filename, target: '_blank', rel: 'noopener', class: 'file-link' },
      `Download ${payload.filename}`);
    result.replaceChildren(link, ` (link valid until ${time(answer.expires_at)})`);
    link.focus();
  } catch (error) {
    result.textContent = error.message;
  }
}

function status(message) {
  const word = STATUS_WORDS[message.status] || message.status.toLowerCase();
  const note = message.status === 'FAILED' ? lastNote(message) : null;
  const parts = [el('span', { class: `state ${message.status}` }, note ? `${word}: ${note}` : word)];
  for (const channel of message.channels || []) {
    const deliveries = (message.deliveries || []).filter((d) => d.channel === channel);
    const failed = deliveries.some((d) => d.status === 'FAILED');
    const done = deliveries.length > 0 && deliveries.every((d) => d.status === 'DELIVERED');
    const name = CHANNEL_NAMES[channel] || channel;
    const mark = failed ? '✗' : done ? '✓' : '…';
    const words = failed ? 'failed' : done ? 'delivered' : 'pending';
    parts.push(el('span', { class: `channel ${failed ? 'failed' : done ? 'done' : 'pending'}`, 'data-channel': channel,
      'aria-label': `${name} ${words}` }, `${name} ${mark}`));
  }
  const readers = (message.read_by || []).map((r) => users.nameOf(r.user_id));
  if (readers.length) parts.push(el('span', { class: 'read-by' }, ` · read by ${readers.join(', ')}`));
  return el('p', { class: 'status', 'aria-label': 'Status' }, ...parts);
}

function lastNote(message) {
  const noted = (message.status_history || []).filter((h) => h.note);
  return noted.length ? noted[noted.length - 1].note : null;
}
