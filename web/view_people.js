import { el, table, announce } from './dom.js';

export async function peopleView({ api, state }) {
  const { people } = await api('GET', '/api/v1/people');
  const byId = new Map(people.map((p) => [p.id, p]));
  const section = el('section', {},
    el('h1', {}, 'People'),
    table(`${people.length} people`, [
      { label: 'Name', value: (p) => p.name },
      { label: 'Employee id', value: (p) => p.employee_id },
      { label: 'E-mail', value: (p) => p.email },
      { label: 'Manager', value: (p) => byId.get(p.manager_id)?.name ?? '—' },
      { label: 'Roles', value: (p) => p.roles.join(', ') },
      { label: 'Active', value: (p) => (p.active ? 'yes' : 'no') },
    ], people));
  if (state.me.roles.includes('admin')) section.append(addPersonForm(api));
  return section;
}

function addPersonForm(api) {
  const field = (id, label, type = 'text', required = true) => [
    el('label', { for: id }, label),
    el('input', { id, name: id, type, required }),
  ];
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'card' },
    el('h2', {}, 'Add a person'),
    field('new-employee-id', 'Employee id'), field('new-name', 'Name'), field('new-email', 'E-mail', 'email'),
    field('new-team', 'Team (e.g. Sales/EMEA)', 'text', false),
    el('label', { for: 'new-role' }, 'Role'),
    el('select', { id: 'new-role', name: 'new-role' },
      ['learner', 'peer', 'manager', 'coach', 'ld_admin', 'analyst', 'auditor', 'admin'].map((r) => el('option', { value: r }, r))),
    error, el('button', { type: 'submit' }, 'Add person'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = (id) => form.querySelector(`#${id}`).value;
    try {
      const body = { employee_id: v('new-employee-id'), name: v('new-name'), email: v('new-email'), roles: [v('new-role')] };
      if (v('new-team')) body.team = v('new-team');
      const p = await api('POST', '/api/v1/people', body);
      announce(`Added ${p.name}.`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      error.textContent = e.message;
    }
  });
  return form;
}
