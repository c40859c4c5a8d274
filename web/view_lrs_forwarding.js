import { el, table, announce } from './dom.js';

// Admins: forwarding of every statement this LRS stores to an external LRS (the organisation's
// own), with its delivery status. Delivery is at least once, in order, with retries; statements
// the other LRS refuses for good are listed with its reason. The password is write-only.
export async function forwardingSection(api) {
  const holder = el('section', { id: 'lrs-forwarding', 'aria-labelledby': 'lrs-forwarding-title' });
  const title = el('h2', { id: 'lrs-forwarding-title', tabindex: '-1' }, 'Forwarding to another LRS');

  const statusHolder = el('div', { 'aria-live': 'polite' });
  let poll;

  // The whole section (after a change) or just the status (while statements are on their way,
  // every few seconds, so the admin sees delivery happen without losing what they are typing).
  async function refresh(statusOnly = false) {
    clearTimeout(poll);
    const f = await api('GET', '/api/v1/lrs/forwarding');
    statusHolder.replaceChildren(f.configured ? statusCard(f) : el('p', { id: 'lrs-forwarding-state' }, 'Not forwarding.'));
    if (!statusOnly) {
      holder.replaceChildren(title,
        el('p', {}, 'Send a copy of every statement stored here to another Learning Record Store, such as your organisation\'s own. Statements wait in a durable queue until the other LRS confirms them, so an outage there loses nothing.'),
        statusHolder,
        settingsForm(f));
    }
    if (f.configured && f.enabled && f.pending > 0) {
      poll = setTimeout(() => { if (holder.isConnected) refresh(true).catch(() => {}); }, 2000);
    }
  }

  function statusCard(f) {
    let state;
    if (!f.enabled) state = `Paused: ${f.pending} statement${f.pending === 1 ? '' : 's'} waiting.`;
    else if (f.last_error) state = `Waiting to retry${f.next_attempt_at ? ` at ${when(f.next_attempt_at)}` : ''}: ${f.last_error}`;
    else if (f.pending > 0) state = `Delivering: ${f.pending} statement${f.pending === 1 ? '' : 's'} waiting.`;
    else state = 'Up to date.';
    const actions = el('div', { class: 'actions' });
    if (f.enabled && f.last_error) {
      actions.append(el('button', { type: 'button', class: 'secondary', onclick: () => act('POST', '/api/v1/lrs/forwarding/retry', null, 'Retrying now.') }, 'Retry now'));
    }
    actions.append(
      el('button', { type: 'button', class: 'secondary', onclick: () => act('PUT', '/api/v1/lrs/forwarding', { endpoint: f.endpoint, username: f.username, enabled: !f.enabled }, f.enabled ? 'Forwarding paused; statements keep queuing.' : 'Forwarding resumed.') }, f.enabled ? 'Pause' : 'Resume'),
      stopControl());
    return el('div', { class: 'card' },
      el('p', { id: 'lrs-forwarding-state', class: f.last_error && f.enabled ? 'warning' : '' }, state),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Endpoint'), el('dd', {}, el('code', {}, f.endpoint)),
        el('dt', {}, 'Key'), el('dd', {}, el('code', {}, f.username)),
        el('dt', {}, 'Delivered'), el('dd', { id: 'lrs-forwarding-delivered' }, String(f.delivered)),
        el('dt', {}, 'Waiting'), el('dd', { id: 'lrs-forwarding-pending' }, String(f.pending)),
        el('dt', {}, 'Refused by the other LRS'), el('dd', {}, String(f.rejected)),
        el('dt', {}, 'Last delivery'), el('dd', {}, f.last_delivered_at ? when(f.last_delivered_at) : 'none yet')),
      f.recent_rejections.length
        ? table('Statements the other LRS refused (most recent first)', [
          { label: 'Statement', value: (r) => el('code', {}, r.statement_id) },
          { label: 'Status', value: (r) => String(r.status) },
          { label: 'Reason', value: (r) => r.error },
          { label: 'When', value: (r) => when(r.at) },
        ], f.recent_rejections)
        : null,
      actions);
  }

  // Stopping drops the queue, so it asks once, in place; Cancel gets the focus.
  function stopControl() {
    const cell = el('div', { class: 'inline-confirm' });
    const start = el('button', { type: 'button', class: 'danger', onclick: ask }, 'Stop forwarding');
    function ask() {
      const cancel = el('button', { type: 'button', onclick: () => { cell.replaceChildren(start); start.focus(); } }, 'Cancel');
      cell.replaceChildren(
        el('span', {}, 'Stop forwarding? Statements still waiting will not be sent.'),
        el('button', { type: 'button', class: 'danger', onclick: () => act('DELETE', '/api/v1/lrs/forwarding', null, 'Forwarding stopped.') }, 'Yes, stop forwarding'),
        cancel);
      cancel.focus();
    }
    cell.append(start);
    return cell;
  }

  async function act(method, path, body, done) {
    try {
      await api(method, path, body ?? undefined);
      await refresh();
      announce(done);
      title.focus();
    } catch (e) {
      holder.append(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  function settingsForm(f) {
    const error = el('p', { id: 'lrs-forwarding-error', class: 'error', role: 'alert' });
    const input = (id, label, attrs, help) => [
      el('label', { for: id }, label),
      el('input', { id, autocomplete: 'off', spellcheck: 'false', ...attrs, ...(help ? { 'aria-describedby': `${id}-help` } : {}) }),
      help ? el('small', { id: `${id}-help` }, help) : null];
    const fields = {
      endpoint: input('lrs-forwarding-endpoint', 'Other LRS endpoint', { type: 'url', required: true, value: f.endpoint ?? '', placeholder: 'https://lrs.example.com/xapi/' }, 'The other LRS\'s xAPI base URL; statements go to its /statements.'),
      username: input('lrs-forwarding-username', 'Other LRS key', { type: 'text', required: true, value: f.username ?? '' }),
      password: input('lrs-forwarding-password', 'Other LRS secret', { type: 'password', required: !f.configured, autocomplete: 'new-password' }, f.configured ? 'Leave empty to keep the stored secret. It is kept sealed and never shown again.' : 'Kept sealed and never shown again.'),
    };
    const backfillId = 'lrs-forwarding-backfill';
    const form = el('form', { class: 'card', 'aria-labelledby': 'lrs-forwarding-form-title' },
      el('h3', { id: 'lrs-forwarding-form-title' }, f.configured ? 'Change forwarding' : 'Set up forwarding'),
      fields.endpoint, fields.username, fields.password,
      el('div', { class: 'check' },
        el('input', { id: backfillId, type: 'checkbox', name: 'backfill' }),
        el('label', { for: backfillId }, 'Also send the statements already stored here')),
      error,
      el('button', { type: 'submit' }, f.configured ? 'Save forwarding' : 'Start forwarding'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      const value = (id) => form.querySelector(`#lrs-forwarding-${id}`).value;
      const body = { endpoint: value('endpoint'), username: value('username'), enabled: f.configured ? f.enabled : true, backfill: form.querySelector(`#${backfillId}`).checked };
      if (value('password')) body.password = value('password');
      try {
        const saved = await api('PUT', '/api/v1/lrs/forwarding', body);
        await refresh();
        announce(`Forwarding saved${saved.backfilled ? `; ${saved.backfilled} earlier statements queued` : ''}.`);
        title.focus();
      } catch (e) {
        error.textContent = e.message;
        const field = form.querySelector(`#lrs-forwarding-${e.field}`);
        if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
      }
    });
    return form;
  }

  await refresh();
  return holder;
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
