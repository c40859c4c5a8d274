import { el, table } from './dom.js';

export async function auditView({ api }) {
  const [page, verify] = await Promise.all([api('GET', '/api/v1/audit?limit=200'), api('GET', '/api/v1/audit/verify')]);
  return el('section', {}, el('h1', {}, 'Audit log'),
    el('p', { class: verify.intact ? 'ok' : 'error', role: verify.intact ? null : 'alert' }, verify.intact
      ? `Hash chain intact: ${verify.entries} entries, head ${verify.head_hash.slice(0, 16)}…`
      : `Tampering detected: ${verify.problem}`),
    table(`Latest ${page.entries.length} entries`, [
      { label: '#', value: (e) => e.seq }, { label: 'When', value: (e) => e.at },
      { label: 'Action', value: (e) => e.action }, { label: 'Actor', value: (e) => e.actor_id },
      { label: 'Target', value: (e) => e.target },
    ], page.entries));
}
