// Files: chunked upload through PATCH /v1/files/upload with a progress bar and speed, the
// SHA-256 computed as the chunks are read, resumable after a reload (the upload's id is kept in
// localStorage; the status endpoint says which chunks the hub already has), then a file message.
import * as api from './api.js';
import * as session from './session.js';
import * as composer from './composer.js';
import { Sha256 } from './sha256.js';
import { $, showError, bytes } from './dom.js';

const pendingKey = () => `chat4all.upload.${session.current().userId}`;
let busy = false;

export function init() {
  $('file-input').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (!file || busy) return;
    busy = true;
    showError('upload-error', null);
    try {
      await upload(file);
    } catch (error) {
      showError('upload-error', error);
    } finally {
      busy = false;
      event.target.value = '';
    }
  });
}

/** After a reload: says which upload was interrupted and how far it got. */
export async function showPending() {
  const pending = load();
  $('upload-pending').hidden = true;
  if (!pending) return;
  try {
    const state = await api.get(`/v1/files/${pending.fileId}`);
    if (state.status !== 'INITIATED' && state.status !== 'IN_PROGRESS') return;
    const stored = storedBytes(state.received_chunks, pending.size, state.chunk_size);
    $('upload-pending').textContent = `The upload of ${pending.name} stopped at ${bytes(stored)} of ${bytes(pending.size)}. `
      + 'Pick the same file again to resume it.';
    $('upload-pending').hidden = false;
    showProgress(stored, pending.size, null);
  } catch {
    localStorage.removeItem(pendingKey());
  }
}

function load() {
  const saved = localStorage.getItem(pendingKey());
  return saved ? JSON.parse(saved) : null;
}

function storedBytes(chunks, size, chunkSize) {
  return chunks.reduce((sum, i) => sum + Math.min(chunkSize, size - i * chunkSize), 0);
}

async function upload(file) {
  const { fileId, received, chunkSize, totalChunks } = await resumeOrInitiate(file);
  $('upload-pending').hidden = true;
  const have = new Set(received);
  const hash = new Sha256();
  const started = performance.now();
  let sent = 0; // bytes sent in this page's life, for the speed
  let done = storedBytes(received, file.size, chunkSize);
  showProgress(done, file.size, null);
  const read = (i) => file.slice(i * chunkSize, Math.min(file.size, (i + 1) * chunkSize)).arrayBuffer();
  let next = totalChunks > 0 ? read(0) : null;
  for (let i = 0; i < totalChunks; i++) {
    const chunk = await next;
    // Hash this chunk and read the next while this one is on the wire.
    const sending = have.has(i) ? null : sendChunk(fileId, i, chunk, (loaded) =>
      showProgress(done + loaded, file.size, (sent + loaded) / ((performance.now() - started) / 1000)));
    hash.update(chunk);
    next = i + 1 < totalChunks ? read(i + 1) : null;
    if (sending) {
      await sending;
      sent += chunk.byteLength;
      done += chunk.byteLength;
      showProgress(done, file.size, sent / ((performance.now() - started) / 1000));
    }
  }
  const speed = speedText(sent, started); // of the transfer, before the hub joins and checks the chunks
  $('upload-status').textContent += ' · checking…';
  const completed = await api.post('/v1/files/complete', { file_id: fileId, checksum: hash.hex() });
  localStorage.removeItem(pendingKey());
  await composer.send({ type: 'file', file_id: completed.file_id });
  $('upload-status').textContent = `${file.name} sent (${bytes(file.size)}, ${speed}).`;
}

async function resumeOrInitiate(file) {
  const pending = load();
  if (pending && pending.name === file.name && pending.size === file.size && pending.lastModified === file.lastModified) {
    try {
      const state = await api.get(`/v1/files/${pending.fileId}`);
      if (state.status === 'INITIATED' || state.status === 'IN_PROGRESS') {
        return { fileId: pending.fileId, received: state.received_chunks, chunkSize: state.chunk_size, totalChunks: state.total_chunks };
      }
    } catch (error) {
      if (!(error instanceof api.ApiError) || error.status !== 404) throw error;
    }
  }
  const started = await api.post('/v1/files/initiate',
    { filename: file.name, size: file.size, content_type: file.type || 'application/octet-stream' });
  localStorage.setItem(pendingKey(), JSON.stringify({
    fileId: started.file_id, name: file.name, size: file.size, lastModified: file.lastModified,
  }));
  return { fileId: started.file_id, received: [], chunkSize: started.chunk_size, totalChunks: started.total_chunks };
}

/** XMLHttpRequest, not fetch: only it reports upload progress. */
function sendChunk(fileId, chunkId, chunk, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', `/v1/files/upload?file_id=${fileId}&chunk_id=${chunkId}`);
    const headers = { ...api.authHeaders(), 'Content-Type': 'application/octet-stream', Accept: 'application/json' };
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else api.read(new Response(xhr.responseText, { status: xhr.status }), '/v1/files/upload').catch(reject);
    };
    xhr.onerror = () => reject(new Error('The network failed during the upload; pick the file again to resume.'));
    xhr.send(chunk);
  });
}

function showProgress(done, size, bytesPerSecond) {
  const bar = $('upload-progress');
  bar.hidden = false;
  bar.value = size ? Math.round((done / size) * 1000) / 10 : 100;
  const speed = bytesPerSecond ? ` · ${(bytesPerSecond / 1048576).toFixed(1)} MiB/s` : '';
  $('upload-status').textContent = `${bytes(done)} of ${bytes(size)} (${bar.value}%)${speed}`;
}

function speedText(sent, started) {
  if (sent === 0) return 'every chunk was already there';
  return `${(sent / 1048576 / ((performance.now() - started) / 1000)).toFixed(1)} MiB/s`;
}
