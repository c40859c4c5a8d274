// One item to answer (assessment or practice): the text, the question and the options as a radio
// group, then the feedback after the answer (right or not, the keyed answer, the explanation).
// `onAnswer(optionId)` sends the answer and resolves to { feedback, after } where `after` is
// shown under the feedback (e.g. a Next button or the results).
import { el, announce } from './dom.js';
import { ApiError } from './api.js';

const SETTINGS = {
  chat_message: 'Chat message', email: 'E-mail', meeting: 'Meeting', conversation: 'Conversation',
  situation: 'Situation',
};

export function itemCard(item, { onAnswer, progress }) {
  const name = `item-${item.item_id}`;
  const error = el('p', { class: 'error', role: 'alert' });
  const options = item.options.map((o, i) => el('div', { class: 'check' },
    el('input', { type: 'radio', name, id: `${name}-${i}`, value: o.id }),
    el('label', { for: `${name}-${i}` }, o.text)));
  const submit = el('button', { type: 'submit' }, 'Answer');
  const feedback = el('div', { class: 'feedback', 'aria-live': 'polite' });
  const form = el('form', { class: 'item', 'aria-label': 'Item' },
    el('p', { class: 'item-meta' }, el('small', {}, [progress, SETTINGS[item.setting] ?? item.setting, item.modality].filter(Boolean).join(' · '))),
    el('blockquote', { class: 'stem' }, item.stem),
    el('fieldset', {}, el('legend', {}, item.question), options),
    error, submit, feedback);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = form.querySelector(`input[name="${name}"]:checked`);
    if (!chosen) { error.textContent = 'Choose an answer first.'; return; }
    error.textContent = '';
    submit.disabled = true;
    try {
      const { feedback: f, after } = await onAnswer(chosen.value);
      for (const input of form.querySelectorAll('input')) input.disabled = true;
      submit.hidden = true;
      feedback.replaceChildren(...[
        el('p', { class: f.correct ? 'ok verdict' : 'error verdict' },
          f.correct ? 'Right.' : `Not quite: the answer is “${f.key_text}”.`),
        f.option_feedback ? el('p', {}, el('strong', {}, 'Your choice: '), f.option_feedback) : null,
        el('p', { class: 'explanation' }, f.explanation),
        after].filter(Boolean));
      announce(f.correct ? 'Right.' : 'Not quite.');
      const next = feedback.querySelector('button');
      if (next) next.focus();
    } catch (e) {
      submit.disabled = false;
      error.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });
  return form;
}

// The ERPS of each branch with its 90% interval, as a table a screen reader can read.
export function resultsTable(results) {
  const names = { overall: 'Overall', recognition: 'Recognising emotions', understanding: 'Understanding emotions', management: 'Managing emotions' };
  return el('table', { class: 'results' },
    el('caption', {}, 'Your Emotion-Recognition Proficiency Score (population mean 500, SD 100)'),
    el('thead', {}, el('tr', {}, ['Branch', 'ERPS', '90% interval', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, results.map((r) => el('tr', {},
      el('th', { scope: 'row' }, names[r.branch] ?? r.branch),
      el('td', {}, String(r.erps)),
      el('td', {}, `${r.erps_low}–${r.erps_high}`),
      el('td', {}, intervalBar(r))))));
}

function intervalBar(r) {
  const x = (v) => ((v - 100) / 800) * 200;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 200 16');
  svg.setAttribute('class', 'interval');
  svg.setAttribute('aria-hidden', 'true');
  const line = (x1, x2, y, cls) => {
    const l = document.createElementNS(svg.namespaceURI, 'line');
    Object.entries({ x1, x2, y1: y, y2: y, class: cls }).forEach(([k, v]) => l.setAttribute(k, v));
    return l;
  };
  svg.append(line(0, 200, 8, 'axis'), line(x(500), x(500), 2, 'mean'), line(x(r.erps_low), x(r.erps_high), 8, 'range'));
  const mid = line(x(500), x(500), 14, 'mean');
  svg.append(mid);
  const dot = document.createElementNS(svg.namespaceURI, 'circle');
  Object.entries({ cx: x(r.erps), cy: 8, r: 4, class: 'score' }).forEach(([k, v]) => dot.setAttribute(k, v));
  svg.append(dot);
  return svg;
}
