import { el, announce } from './dom.js';

// What Attune processes about me, on what legal basis, and my choices.
export async function privacyView({ api }) {
  const { streams } = await api('GET', '/api/v1/me/consents');
  const rows = streams.map((s) => {
    let control = el('span', {}, 'Necessary for the service');
    if (s.legal_basis === 'consent') {
      control = el('button', { type: 'button', onclick: () => set(s.key, s.state === 'granted' ? 'withdrawn' : 'granted') },
        s.state === 'granted' ? 'Withdraw consent' : 'Give consent');
    } else if (s.legal_basis === 'legitimate_interest') {
      control = el('button', { type: 'button', onclick: () => set(s.key, s.state === 'objected' ? 'granted' : 'objected') },
        s.state === 'objected' ? 'Lift objection' : 'Object');
    }
    return el('tr', {}, el('th', { scope: 'row' }, s.name), el('td', {}, s.purpose),
      el('td', {}, s.legal_basis.replace('_', ' ')), el('td', {}, `${s.retention_days} days`),
      el('td', {}, s.processed ? 'Yes' : 'No', el('br'), el('small', {}, s.reason)), el('td', {}, control));
  });
  async function set(key, state) {
    try {
      await api('PUT', `/api/v1/me/consents/${encodeURIComponent(key)}`, { state });
      announce('Saved.');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) { announce(e.message); }
  }
  return el('section', {}, el('h1', {}, 'Privacy'),
    el('p', {}, 'Each kind of data Attune may process about you, why, and your choice. Your emotional state is never reported to anyone but you.'),
    el('table', {}, el('caption', {}, 'Data streams'),
      el('thead', {}, el('tr', {}, ['Stream', 'Purpose', 'Legal basis', 'Kept for', 'Processed now', 'Your choice'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)),
    el('p', {}, el('a', { href: '/api/v1/me/export', download: 'attune-export.json' }, 'Download everything Attune holds about you')));
}
