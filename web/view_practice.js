// Practice: short sessions at about 75% success, weighted to your weak emotions and your role,
// with the explanation after every answer and FSRS reviews that bring items back at the right time.
import { el } from './dom.js';
import { itemCard } from './item_card.js';
import { ApiError } from './api.js';

const ROLES = ['any', 'sales', 'support', 'engineering', 'manager', 'hr', 'peer'];
const SENIORITY = ['any', 'ic', 'lead', 'manager', 'director'];

function days(ms) {
  const d = Math.round((ms - Date.now()) / 86400000);
  return d <= 0 ? 'later today' : d === 1 ? 'tomorrow' : `in ${d} days`;
}

export async function practiceView({ api }) {
  const [profile, reviews] = await Promise.all([
    api('GET', '/api/v1/me/practice/profile'), api('GET', '/api/v1/me/practice/reviews')]);
  const area = el('div', {});
  const select = (id, label, values, current) => el('div', {},
    el('label', { for: id }, label), ' ',
    el('select', { id }, values.map((v) => el('option', { value: v, selected: v === current }, v))));
  const saved = el('span', { class: 'ok', 'aria-live': 'polite' });
  const profileForm = el('form', { class: 'inline-confirm' },
    select('practice-role', 'My role', ROLES, profile.role),
    select('practice-seniority', 'Seniority', SENIORITY, profile.seniority),
    el('button', { type: 'submit', class: 'secondary' }, 'Save'), saved);
  profileForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    saved.textContent = '';
    try {
      await api('PUT', '/api/v1/me/practice/profile', {
        role: profileForm.querySelector('#practice-role').value,
        seniority: profileForm.querySelector('#practice-seniority').value,
      });
      saved.textContent = 'Saved.';
    } catch (e) {
      saved.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });

  function show(s) {
    if (s.ended) {
      area.replaceChildren(
        el('h2', {}, 'Session complete'),
        el('p', {}, `${s.correct} of ${s.answered} right.`),
        el('button', { type: 'button', onclick: start }, 'Practise again'));
      area.querySelector('h2').tabIndex = -1;
      area.querySelector('h2').focus();
      return;
    }
    const card = itemCard(s.item, {
      progress: `${s.answered + 1} of ${s.planned_items}`,
      onAnswer: async (optionId) => {
        const out = await api('POST', `/api/v1/me/practice/sessions/${s.id}/answers`, { item_id: s.item.item_id, option_id: optionId });
        const after = el('div', {},
          el('p', {}, el('small', {}, `This item comes back ${days(out.item_review_due)}.`)),
          el('button', { type: 'button', onclick: () => show(out.session) }, out.session.ended ? 'Finish' : 'Next'));
        return { feedback: out.feedback, after };
      },
    });
    area.replaceChildren(card);
    const legend = card.querySelector('legend');
    if (legend) { legend.tabIndex = -1; legend.focus(); }
  }

  const error = el('p', { class: 'error', role: 'alert' });
  async function start(ev) {
    if (ev?.target) ev.target.disabled = true;
    error.textContent = '';
    try {
      show(await api('POST', '/api/v1/me/practice/sessions', { items: 10 }));
    } catch (e) {
      if (ev?.target) ev.target.disabled = false;
      error.textContent = e instanceof ApiError ? e.message : String(e);
    }
  }

  area.append(el('button', { type: 'button', onclick: start }, 'Start a practice session'), error);
  return el('section', {},
    el('h1', {}, 'Practice'),
    el('p', {}, 'Ten items at a time, pitched so that you get about three in four right, leaning toward the emotions you find hardest. Items you miss come back soon; items you know come back later.'),
    el('p', {}, reviews.due_count ? `${reviews.due_count} review${reviews.due_count === 1 ? '' : 's'} due: they come first.` : 'No reviews due.'),
    profileForm,
    area);
}
