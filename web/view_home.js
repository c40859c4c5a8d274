import { el } from './dom.js';

export async function homeView({ state }) {
  const me = state.me;
  return el('section', {},
    el('h1', {}, `Welcome, ${me.name}`),
    el('p', {}, 'Your practice, assessments and role-play simulations will appear here.'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Organisation'), el('dd', {}, state.org?.name ?? ''),
      el('dt', {}, 'Roles'), el('dd', {}, me.roles.join(', ')),
      el('dt', {}, 'Language'), el('dd', {}, me.locale)),
    el('p', {}, 'See what Attune processes about you, and change it, on the ', el('a', { href: '#/privacy' }, 'Privacy'), ' page.'));
}
