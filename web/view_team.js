import { el, table } from './dom.js';

// A manager's reporting line: profiles only. Practice answers and affect data are never shown here.
export async function teamView({ api }) {
  const { people } = await api('GET', '/api/v1/people');
  return el('section', {},
    el('h1', {}, 'My team'),
    el('p', {}, 'People in your reporting line. You see their profiles; their practice answers and any emotion data stay private to them.'),
    table(`${people.length} people report to you`, [
      { label: 'Name', value: (p) => p.name },
      { label: 'E-mail', value: (p) => p.email },
      { label: 'Roles', value: (p) => p.roles.join(', ') },
    ], people));
}
