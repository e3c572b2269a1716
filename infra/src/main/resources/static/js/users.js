// User names for ids. Views carry member ids only (and a message its from_username), and the
// directory is searched by name prefix, so names are learnt from every answer that shows one.
import * as api from './api.js';

const names = new Map();

export function learn(userId, username) {
  if (userId && username) names.set(userId, username);
}

export function nameOf(userId) {
  return names.get(userId) || `user ${userId.slice(0, 8)}`;
}

export async function search(prefix, limit = 20) {
  const answer = await api.get(`/v1/users?username=${encodeURIComponent(prefix)}&limit=${limit}`);
  answer.users.forEach((u) => learn(u.user_id, u.username));
  return answer.users;
}

/** The first page of the directory, enough for the demo's names; more are learnt as they appear. */
export async function preload() {
  await search('', 100);
}
