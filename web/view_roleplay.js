// Role-play: choose a scenario, talk with the counterpart reply by reply with feedback tied to
// your words and to the visible rubric, watch their emotional state, and read the debrief.
import { el, table, announce } from './dom.js';
import { ApiError } from './api.js';
import { startRecording, MAX_SECONDS } from './voice_recorder.js';
import { mirrorPanel, closeMirror } from './webcam_mirror.js';

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

// How a spoken reply was said: shown to the learner only (PRODUCT.md principle 2).
function voiceView(spoken) {
  const v = spoken.voice;
  const row = (term, value) => [el('dt', {}, term), el('dd', {}, value)];
  return el('section', { class: 'voice-result', 'aria-labelledby': 'voice-heading' },
    el('h2', { id: 'voice-heading' }, 'How you said it'),
    el('p', {}, 'We heard: ', el('q', {}, v.transcript)),
    el('dl', {},
      row('Pace', `${v.speech_rate_syl_s} syllables a second (${v.words_per_minute} words a minute)`),
      row('Pauses', `${v.pauses}, ${Math.round(v.pause_ratio * 100)}% of the time; the longest ${v.longest_pause_s} s`),
      row('Pitch', v.f0_median_hz ? `around ${Math.round(v.f0_median_hz)} Hz, a range of ${v.f0_range_st} semitones` : 'no voiced speech found'),
      row('Filler words', String(v.filler_words))),
    feedbackList(spoken.went_well, 'good', '✓', 'Went well'),
    feedbackList(spoken.to_try, 'try', '→', 'To try'),
    el('p', {}, el('small', {}, spoken.kept
      ? 'Kept with this turn: you can play it back in the conversation.'
      : 'Not stored: this analysis is gone when you leave the page.')));
}

// When a language model worded the counterpart's line, say so and show the scenario's own line.
function wordedBy(counterpart) {
  if (counterpart.worded_by !== 'language_model') return null;
  return el('details', { class: 'worded' }, el('summary', {}, 'Worded by a language model'),
    el('p', {}, 'The scenario\'s line, which decides where the conversation goes: ', el('q', {}, counterpart.scripted)));
}

function sessionView(api, s, onBack, spoken) {
  const sc = s.scenario;
  const transcript = el('ol', { class: 'transcript' }, s.turns.map((t) => el('li', {},
    el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), t.counterpart_said),
    el('p', { class: 'me' }, el('strong', {}, t.spoken ? 'You (spoken): ' : 'You: '), t.reply),
    t.voice ? el('audio', { controls: true, preload: 'none', 'aria-label': `Your recording of turn ${t.turn}`,
      src: `/api/v1/me/roleplay/sessions/${s.id}/turns/${t.turn}/recording` }) : null,
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
    spoken ? voiceView(spoken) : null,
  ];
  if (s.replies_expired) {
    closeMirror();
    parts.push(el('p', { class: 'notice' },
      `This conversation ended (outcome: ${s.outcome}). Its replies were deleted when your organisation's ` +
      'retention period for role-play replies ran out; your rubric scores stay in your progress.'));
    return el('section', {}, parts);
  }
  if (s.debrief) {
    closeMirror();  // the conversation is over: the camera goes off
    const d = s.debrief;
    parts.push(
      el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), s.counterpart.says), wordedBy(s.counterpart),
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
  // Or say it: the recording goes to the server, which analyses it in memory.
  const keep = el('input', { type: 'checkbox', id: 'keep-recording' });
  const record = el('button', { type: 'button', id: 'record' }, 'Record a spoken reply');
  const timer = el('span', { class: 'timer' });
  let recording = null;
  let ticking;
  const finish = async () => {
    clearInterval(ticking);
    record.disabled = true;
    record.textContent = 'Analysing…';
    const current = recording;
    recording = null;
    try {
      const audio = await current.stop();
      const path = `/api/v1/me/roleplay/sessions/${s.id}/spoken-replies${keep.checked ? '?keep=true' : ''}`;
      const next = await api('POST', path, audio, 'audio/wav');
      const view = sessionView(api, next, onBack, next.spoken);
      form.closest('section').replaceWith(view);
      announce(`${sc.persona.name}: ${next.counterpart.says}`);
      (view.querySelector('#voice-heading') || view.querySelector('#debrief'))?.setAttribute('tabindex', '-1');
      (view.querySelector('#voice-heading') || view.querySelector('#debrief'))?.focus();
    } catch (e) {
      error.textContent = e instanceof ApiError ? e.message : String(e);
      record.disabled = false;
      record.textContent = 'Record a spoken reply';
      timer.textContent = '';
    }
  };
  record.addEventListener('click', async () => {
    if (recording) return finish();
    error.textContent = '';
    try {
      recording = await startRecording(() => finish());
    } catch (e) {
      error.textContent = `The microphone is not available: ${e.message || e}`;
      return;
    }
    record.textContent = 'Stop and send';
    ticking = setInterval(() => { timer.textContent = ` ${Math.floor(recording?.seconds() ?? 0)} s of ${MAX_SECONDS}`; }, 250);
  });
  const voice = el('fieldset', { class: 'voice' },
    el('legend', {}, 'Or say it'),
    el('p', {}, el('small', {}, 'Your recording is turned into words on this server and scored like a typed reply, with feedback on your pace and pauses. Only you see it, and it is discarded unless you keep it. Needs your consent to "Voice prosody in practice" on the Privacy page.')),
    el('label', { for: 'keep-recording' }, keep, ' Keep the recording and its analysis'),
    el('p', {}, record, timer));
  parts.push(
    el('div', { class: 'turn-now', 'aria-live': 'polite' },
      el('p', { class: 'them' }, el('strong', {}, `${sc.persona.name}: `), s.counterpart.says), wordedBy(s.counterpart),
      stateView(s.counterpart.state)),
    form, voice, mirrorPanel(api));
  return el('section', {}, parts);
}

// Progress per rubric criterion over time: for each scenario the learner has finished, every
// criterion's score in each finished run, oldest first.
function progressView(history, scenarios) {
  if (!history.length) return null;
  const titles = new Map(scenarios.map((sc) => [sc.id, sc.title]));
  const byScenario = new Map();
  for (const h of history) {
    if (!byScenario.has(h.scenario_id)) byScenario.set(h.scenario_id, new Map());
    const criteria = byScenario.get(h.scenario_id);
    if (!criteria.has(h.criterion_id)) criteria.set(h.criterion_id, { criterion: h.criterion, scores: [] });
    criteria.get(h.criterion_id).scores.push(h.score);
  }
  const pct = (x) => `${Math.round(x * 100)}%`;
  return el('section', { class: 'progress' },
    el('h2', {}, 'Your progress'),
    [...byScenario].map(([id, criteria]) => table(`${titles.get(id) ?? id}: rubric scores, run by run`, [
      { label: 'Criterion', value: (c) => c.criterion },
      { label: 'Runs', value: (c) => String(c.scores.length) },
      { label: 'Scores, oldest first', value: (c) => c.scores.map(pct).join(' → ') },
    ], [...criteria.values()])));
}

export async function roleplayView({ api }) {
  const { scenarios } = await api('GET', '/api/v1/me/roleplay/scenarios');
  // Progress is refreshed whenever the learner comes back to the list, so a run just finished shows.
  const progress = el('div', {});
  const refreshProgress = async () => {
    const { criterion_scores: history } = await api('GET', '/api/v1/me/roleplay/history');
    progress.replaceChildren(...[progressView(history, scenarios)].filter(Boolean));
  };
  await refreshProgress();
  const list = el('section', {},
    el('h1', {}, 'Role-play'),
    el('p', {}, 'Rehearse a hard conversation. Reply in your own words; after each reply you see what went well and what to try, tied to the rubric. Nothing is hidden: the goals and the rubric are shown before you start.'));
  // The conversation lives in one container, so "All scenarios" clears it whatever replaced what.
  const stage = el('div', {});
  const heading = list.querySelector('h1');
  heading.tabIndex = -1;
  const error = el('p', { class: 'error', role: 'alert' });
  const back = () => {
    closeMirror();
    stage.replaceChildren();
    list.hidden = false;
    heading.focus();
    refreshProgress().catch((e) => { error.textContent = e instanceof ApiError ? e.message : String(e); });
  };
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
  list.append(progress);
  list.append(el('ul', { class: 'scenarios' }, scenarios.map((sc) => el('li', { class: 'card' },
    el('h2', {}, sc.title),
    sc.recommended ? el('p', {}, el('strong', {}, 'Recommended for you')) : null,
    el('p', {}, sc.summary),
    el('p', {}, el('small', {}, `${THEMES[sc.theme] ?? sc.theme} · with ${sc.persona.name}, ${sc.persona.role}`)),
    el('button', { type: 'button', 'aria-label': `Start: ${sc.title}`, onclick: (ev) => start(ev, sc.id) }, 'Start')))));
  return el('div', {}, list, stage);
}
