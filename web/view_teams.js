import { el } from './dom.js';

export async function teamsView({ api }) {
  const { teams } = await api('GET', '/api/v1/teams');
  const detail = el('div', { id: 'team-detail', 'aria-live': 'polite' });
  const list = el('ul', { class: 'tree' }, teams.map((t) => el('li', { class: `depth-${Math.min(t.path.split('/').length - 1, 4)}` },
    el('button', { type: 'button', class: 'link', onclick: () => show(t.id) }, t.path))));
  async function show(id) {
    const team = await api('GET', `/api/v1/teams/${encodeURIComponent(id)}`);
    detail.replaceChildren(el('h2', {}, team.path),
      team.members.length ? el('ul', {}, team.members.map((m) => el('li', {}, `${m.name} (${m.roles.join(', ')})`)))
        : el('p', {}, 'No direct members.'));
  }
  return el('section', {}, el('h1', {}, 'Teams'),
    teams.length ? el('div', { class: 'split' }, list, detail) : el('p', {}, 'No teams yet: import people with a team column.'));
}
