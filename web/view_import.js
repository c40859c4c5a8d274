import { el, announce } from './dom.js';

// HRIS CSV import with a dry run that lists every bad row, then the real import.
export async function importView({ api }) {
  const file = el('input', { id: 'csv-file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': 'csv-help' });
  const report = el('div', { id: 'import-report' });
  const importButton = el('button', { type: 'button', disabled: true }, 'Import');
  let text = '';

  async function send(dryRun) {
    report.replaceChildren();
    try {
      const r = await api('POST', `/api/v1/imports/people?dry_run=${dryRun}`, text, 'text/csv');
      report.append(el('p', { class: 'ok' }, dryRun
        ? `Valid: ${r.rows} rows (${r.created} new, ${r.updated} updated, ${r.teams_created} new teams). Nothing imported yet.`
        : `Imported ${r.rows} rows: ${r.created} new, ${r.updated} updated, ${r.teams_created} new teams.`));
      importButton.disabled = !dryRun;
      announce(dryRun ? 'The file is valid.' : 'Import finished.');
    } catch (e) {
      importButton.disabled = true;
      const errors = e.body?.errors ?? [];
      report.append(el('p', { class: 'error', role: 'alert' }, errors.length ? `${errors.length} problem(s); nothing was imported.` : e.message),
        errors.length ? el('ul', {}, errors.map((x) => el('li', {}, `Line ${x.line}${x.field ? ` (${x.field})` : ''}: ${x.message}`))) : '');
    }
  }
  file.addEventListener('change', async () => {
    text = file.files[0] ? await file.files[0].text() : '';
    if (text) await send(true);
  });
  importButton.addEventListener('click', () => send(false));
  return el('section', {},
    el('h1', {}, 'Import people'),
    el('p', { id: 'csv-help' }, 'A CSV export from your HR system with columns employee_id, name, email, team, manager_id, role, locale. The file is checked first; nothing is imported until every row is valid.'),
    el('label', { for: 'csv-file' }, 'CSV file'), file, importButton, report);
}
