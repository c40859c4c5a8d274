import { el } from './dom.js';

export async function homeView({ state }) {
  const me = state.me;
  return el('section', {},
    el('h1', {}, `Welcome, ${me.name}`),
    el('p', {}, 'Measure your emotion-recognition skill with the ', el('a', { href: '#/assessment' }, 'assessment'), ', see your score and what you confuse on ', el('a', { href: '#/erps' }, 'My ERPS'), ', and build the skill in short ', el('a', { href: '#/practice' }, 'practice'), ' sessions.'),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Organisation'), el('dd', {}, state.org?.name ?? ''),
      el('dt', {}, 'Roles'), el('dd', {}, me.roles.join(', ')),
      el('dt', {}, 'Language'), el('dd', {}, me.locale)),
    el('p', {}, 'See what Attune processes about you, and change it, on the ', el('a', { href: '#/privacy' }, 'Privacy'), ' page.'));
}
