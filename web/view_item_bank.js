import { el, announce } from './dom.js';

// Admins: where the item bank's calibration stands for this organisation, and a refit from the
// answers learners have given (MML; items with enough answers also get a model of their options).
export async function itemBankView({ api }) {
  const heading = el('h1', { tabindex: '-1' }, 'Item bank');
  const statusHolder = el('div', { id: 'item-bank-status' });
  const result = el('p', { id: 'item-bank-result', role: 'status' });
  const error = el('p', { class: 'error', role: 'alert' });

  function show(s) {
    statusHolder.replaceChildren(
      el('p', {}, `${s.items} items. ${s.calibrated} refitted from this organisation's answers` +
        (s.calibrated ? `, ${s.with_option_model} of them also modelling which wrong options stronger learners pick.` : '.')),
      el('p', {}, s.last_calibrated_at
        ? `Last refit: ${new Date(s.last_calibrated_at).toLocaleString()}.`
        : 'Not refitted yet: items use their authors\' starting parameters.'));
  }

  const refit = el('button', { type: 'button' }, 'Refit from answers');
  refit.addEventListener('click', async () => {
    refit.disabled = true;
    error.textContent = '';
    result.textContent = 'Refitting…';
    try {
      const out = await api('POST', '/api/v1/items/calibrate');
      show(out);
      result.textContent = `${out.items_refitted} item${out.items_refitted === 1 ? '' : 's'} refitted. ` +
        `Items need at least ${out.min_answers} assessment answers to be refitted.`;
      announce(result.textContent);
    } catch (e) {
      result.textContent = '';
      error.textContent = e.message;
    } finally {
      refit.disabled = false;
    }
  });

  show(await api('GET', '/api/v1/items/calibration'));
  return el('section', {},
    heading,
    el('p', {}, 'Authors give each item starting difficulty and discrimination. Refitting estimates them from your learners\' assessment answers, so ERPS scores rest on how your people actually answer. New assessments use the refit; finished scores are not rewritten.'),
    statusHolder, refit, result, error);
}
