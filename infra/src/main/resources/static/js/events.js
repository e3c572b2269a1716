// GET /v1/events (Server-Sent Events) read with fetch, because EventSource cannot send the
// bearer header. On any end of the stream it reconnects with Last-Event-ID, so nothing is
// missed and nothing is polled; an unresumable id arrives as `reset`.
import * as api from './api.js';

export class LiveEvents {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.lastEventId = null;
    this.controller = null;
    this.stopped = true;
    this.retryMs = 1000;
  }

  start() {
    this.stopped = false;
    this.reconnecting = false;
    this.lastEventId = null; // a new sign-in starts from now (its views are read fresh)
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
  }

  async connect() {
    if (this.stopped) return;
    this.controller = new AbortController();
    const headers = { Accept: 'text/event-stream', ...api.authHeaders() };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    try {
      const response = await fetch('/v1/events', { headers, signal: this.controller.signal });
      if (!response.ok) {
        await api.read(response, '/v1/events'); // throws; a 401 ends the session
      }
      this.retryMs = 1000;
      this.onEvent({ type: 'open' });
      // Broken before any event gave a position: nothing to resume from, so read the views again.
      if (this.reconnecting && !this.lastEventId) this.onEvent({ type: 'reset', data: null });
      await this.consume(response.body.getReader());
    } catch (error) {
      if (this.stopped) return;
      if (error.status === 401) return;
    }
    if (this.stopped) return;
    this.reconnecting = true;
    this.onEvent({ type: 'closed' });
    setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15000);
  }

  async consume(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { type: 'message', data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          this.dispatch(event);
          event = { type: 'message', data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.type = value;
          else if (field === 'data') event.data.push(value);
          else if (field === 'id') event.id = value;
        }
      }
    }
  }

  dispatch(event) {
    if (event.id !== undefined) this.lastEventId = event.id;
    if (event.type === 'message' && event.data.length === 0) return;
    const data = event.data.length ? JSON.parse(event.data.join('\n')) : null;
    this.onEvent({ type: event.type, data });
  }
}
