// Role-play: choose a scenario, talk with the counterpart reply by reply with feedback tied to
// your words and to the visible rubric, watch their emotional state, and read the debrief.
import { el, table, announce } from './dom.js';
import { ApiError } from './api.js';

const THEMES = {
  giving_feedback: 'Giving feedback', upset_customer: 'Upset customer', disengaged_report: 'Disengaged report',
  peer_conflict: 'Peer conflict', bad_news: 'Bad news', performance: 'Performance', grief: 'Grief',
  senior_pushback: 'Senior pushback',
};

function stateView(state) {
  return el('p', { class: 'state' }, 'Their state: ', el('strong', {}, state.emotion), ' ',
    el('meter', { min: 0, max: 1, value: state.intensity, 'aria-label': `${state.emotion} intensity` }),
    ` ${Math.round(state.intensity * 100)}%`);
}

function feedbackList(points, cls, sign, label) {
  if (!points.length) return null;
  return el('ul', { class: `fb ${cls}`, 'aria-label': label }, points.map((p) => el('li', {},
    el('span', { 'aria-hidden': 'true' }, `${sign} `), el('span', { class: 'visually-hidden' }, `${label}: `),
    el('strong', {}, p.criterion), ': ', p.note,
    p.words.length ? el('span', {}, ' ', p.words.map((w) => el('q', {}, w))) : null)));
}

function sessionView(api, s, onBack) {
  const sc = s.scenario;
  const transcript = el('ol', { class: 'transcript' }, s.turns.map((t) => el('li', {},
    el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), t.counterpart_said),
    el('p', { class: 'me' }, el('strong', {}, 'You: '), t.reply),
    feedbackList(t.went_well, 'good', '✓', 'Went well'), feedbackList(t.to_try, 'try', '→', 'To try'))));
  const parts = [
    el('h1', {}, sc.title),
    el('p', {}, el('button', { type: 'button', class: 'link', onclick: onBack }, '← All scenarios')),
    el('details', { open: s.turns.length === 0 },
      el('summary', {}, 'Context, goals and rubric'),
      el('p', { class: 'context' }, sc.context),
      el('p', {}, el('strong', {}, sc.persona.name), `, ${sc.persona.role}. ${sc.persona.description}`),
      el('h2', {}, 'Goals'), el('ul', {}, sc.goals.map((g) => el('li', {}, g))),
      table('Rubric (how your replies are scored)', [
        { label: 'Criterion', value: (c) => c.criterion },
        { label: 'What it looks like', value: (c) => c.behaviours.join('; ') },
        { label: 'Weight', value: (c) => String(c.weight) },
      ], sc.rubric)),
    el('h2', {}, 'Conversation'),
    transcript,
  ];
  if (s.debrief) {
    const d = s.debrief;
    parts.push(
      el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), s.counterpart.says),
      el('h2', { id: 'debrief', tabindex: '-1' }, 'Debrief'),
      el('p', {}, `Outcome: ${d.outcome}. Rubric score ${Math.round(d.overall)} / 100.`),
      table('Rubric scores', [
        { label: 'Criterion', value: (c) => c.criterion },
        { label: 'Score', value: (c) => `${Math.round(c.score * 100)}%` },
      ], d.rubric),
      el('p', {}, 'Their emotional trajectory: ', d.trajectory.map((t) => `${t.emotion} ${Math.round(t.intensity * 100)}%`).join(' → ')),
      el('p', { class: 'experiment' }, el('strong', {}, 'One experiment to try at work: '), d.experiment));
    return el('section', {}, parts);
  }
  const error = el('p', { class: 'error', role: 'alert' });
  const text = el('textarea', { id: 'reply', rows: 3, maxlength: 2000, required: true });
  const send = el('button', { type: 'submit' }, 'Send reply');
  const form = el('form', { class: 'reply' },
    el('label', { for: 'reply' }, 'Your reply'), text, error, send);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    send.disabled = true;
    error.textContent = '';
    try {
      const next = await api('POST', `/api/v1/me/roleplay/sessions/${s.id}/replies`, { text: text.value });
      const view = sessionView(api, next, onBack);
      form.closest('section').replaceWith(view);
      // The counterpart's answer is read out; then the reply box (or the debrief) has the focus.
      announce(`${sc.persona.name}: ${next.counterpart.says}`);
      (view.querySelector('#reply') || view.querySelector('#debrief'))?.focus();
    } catch (e) {
      send.disabled = false;
      error.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });
  parts.push(
    el('div', { class: 'turn-now', 'aria-live': 'polite' },
      el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), s.counterpart.says),
      stateView(s.counterpart.state)),
    form);
  return el('section', {}, parts);
}

export async function roleplayView({ api }) {
  const { scenarios } = await api('GET', '/api/v1/me/roleplay/scenarios');
  const list = el('section', {},
    el('h1', {}, 'Role-play'),
    el('p', {}, 'Rehearse a hard conversation. Reply in your own words; after each reply you see what went well and what to try, tied to the rubric. Nothing is hidden: the goals and the rubric are shown before you start.'));
  // The conversation lives in one container, so "All scenarios" clears it whatever replaced what.
  const stage = el('div', {});
  const heading = list.querySelector('h1');
  heading.tabIndex = -1;
  const error = el('p', { class: 'error', role: 'alert' });
  const back = () => { stage.replaceChildren(); list.hidden = false; heading.focus(); };
  const start = async (ev, id) => {
    ev.target.disabled = true;
    error.textContent = '';
    try {
      const s = await api('POST', '/api/v1/me/roleplay/sessions', { scenario_id: id });
      const view = sessionView(api, s, back);
      stage.replaceChildren(view);
      list.hidden = true;
      const title = view.querySelector('h1');
      title.tabIndex = -1;
      title.focus();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
    } finally {
      ev.target.disabled = false;
    }
  };
  list.append(error);
  list.append(el('ul', { class: 'scenarios' }, scenarios.map((sc) => el('li', { class: 'card' },
    el('h2', {}, sc.title),
    sc.recommended ? el('p', {}, el('strong', {}, 'Recommended for you')) : null,
    el('p', {}, sc.summary),
    el('p', {}, el('small', {}, `${THEMES[sc.theme] ?? sc.theme} · with ${sc.persona.name}, ${sc.persona.role}`)),
    el('button', { type: 'button', 'aria-label': `Start: ${sc.title}`, onclick: (ev) => start(ev, sc.id) }, 'Start')))));
  return el('div', {}, list, stage);
}
