// The adaptive ERPS assessment: start (or resume), answer item by item with feedback, see the
// results per branch with their intervals.
import { el } from './dom.js';
import { itemCard, resultsTable } from './item_card.js';
import { ApiError } from './api.js';

export async function assessmentView({ api }) {
  const area = el('div', {});
  const section = el('section', {},
    el('h1', {}, 'ERPS assessment'),
    el('p', {}, 'About 20–30 short workplace situations. Each item adapts to your previous answers, and the test ends as soon as your score is measured precisely (usually in 10–15 minutes). You see the explanation after every answer.'),
    area);

  function show(a) {
    if (a.status === 'completed') {
      area.replaceChildren(
        el('h2', {}, 'Your results'),
        el('p', {}, `${a.items_answered} items answered.`),
        resultsTable(a.results),
        el('p', {}, 'See what you confuse and what to practise next on ', el('a', { href: '#/erps' }, 'My ERPS'), '.'));
      area.querySelector('h2').tabIndex = -1;
      area.querySelector('h2').focus();
      return;
    }
    const card = itemCard(a.item, {
      progress: `Item ${a.item.position}`,
      onAnswer: async (optionId) => {
        const out = await api('POST', `/api/v1/me/assessments/${a.id}/answers`, { item_id: a.item.item_id, option_id: optionId });
        const next = el('button', { type: 'button', onclick: () => show(out.assessment) },
          out.assessment.status === 'completed' ? 'See my results' : 'Next item');
        return { feedback: out.feedback, after: next };
      },
    });
    area.replaceChildren(card);
    const legend = card.querySelector('legend');
    if (legend) { legend.tabIndex = -1; legend.focus(); }
  }

  const error = el('p', { class: 'error', role: 'alert' });
  area.append(el('button', {
    type: 'button',
    onclick: async (ev) => {
      ev.target.disabled = true;
      try {
        show(await api('POST', '/api/v1/me/assessments'));
      } catch (e) {
        ev.target.disabled = false;
        error.textContent = e instanceof ApiError ? e.message : String(e);
      }
    },
  }, 'Start the assessment'), error);
  return section;
}
