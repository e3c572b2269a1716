// Sending: the client makes the message_id, so a retry after a network error or a 503 is the
// same message (the hub answers the same 200 and stores it once).
import * as api from './api.js';
import * as session from './session.js';
import * as view from './conversation-view.js';
import { newMessageId } from './ids.js';
import { $, showError } from './dom.js';

const TRIES = 3;

export function init() {
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('message-text').value;
    if (!text.trim()) return;
    showError('composer-error', null);
    try {
      await send({ type: 'text', text });
      $('message-text').value = '';
    } catch (error) {
      showError('composer-error', error);
    }
  });
  // Enter sends, Shift+Enter starts a new line.
  $('message-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
}

/** Sends a payload to the open conversation through the chosen channel; shows it at once. */
export async function send(payload) {
  const channel = $('channel').value;
  const body = {
    message_id: newMessageId(),
    conversation_id: view.currentId(),
    from: session.current().userId,
    payload,
  };
  if (channel) body.channels = [channel];
  await postWithRetry(body);
  // Read-your-writes: the message is readable as soon as the POST answered.
  view.upsert(await api.get(`/v1/messages/${body.message_id}`));
}

async function postWithRetry(body) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.post('/v1/messages', body);
    } catch (error) {
      const retryable = !(error instanceof api.ApiError) || error.status === 503;
      if (!retryable || attempt >= TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}
