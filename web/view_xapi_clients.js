import { el, table, announce } from './dom.js';
import { forwardingSection } from './view_lrs_forwarding.js';

// Admins: HTTP Basic credentials for xAPI clients (an LMS, an HR system) of the Learning Record
// Store at /xapi/. The secret is shown once, right after creation; revoking takes effect at once.
export async function xapiClientsView({ api }) {
  const people = await api('GET', '/api/v1/people').then((r) => r.people).catch(() => []);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const listHolder = el('div', { id: 'xapi-client-list' });
  const createdHolder = el('div', { id: 'xapi-client-created' });

  async function refresh() {
    const { credentials } = await api('GET', '/api/v1/lrs/credentials');
    listHolder.replaceChildren(credentials.length
      ? table(`${credentials.length} credential${credentials.length === 1 ? '' : 's'}`, [
        { label: 'Name', value: (c) => c.name },
        { label: 'Key', value: (c) => el('code', {}, c.key) },
        { label: 'Scopes', value: (c) => c.scopes.join(', ') },
        { label: 'Created', value: (c) => `${when(c.created_at)} by ${c.created_by === 'cli' ? 'the command line' : (names.get(c.created_by) ?? c.created_by)}` },
        { label: 'Status', value: (c) => (c.revoked_at ? `Revoked ${when(c.revoked_at)}` : 'Active') },
        { label: 'Action', value: (c) => (c.revoked_at ? '' : revokeControl(c)) },
      ], credentials)
      : el('p', {}, 'No xAPI clients yet.'));
  }

  // Revoking asks once, in place; the safe choice (Cancel) gets the focus.
  function revokeControl(c) {
    const cell = el('div', { class: 'inline-confirm' });
    const start = el('button', { type: 'button', 'aria-label': `Revoke ${c.name} (${c.key})`, onclick: ask }, 'Revoke');
    function ask() {
      const cancel = el('button', { type: 'button', onclick: () => { cell.replaceChildren(start); start.focus(); } }, 'Cancel');
      cell.replaceChildren(
        el('span', {}, `Revoke ${c.name}? Clients using this key are refused at once.`),
        el('button', { type: 'button', class: 'danger', onclick: () => revoke(c, cell) }, `Yes, revoke ${c.name}`),
        cancel);
      cancel.focus();
    }
    cell.append(start);
    return cell;
  }

  async function revoke(c, cell) {
    try {
      await api('DELETE', `/api/v1/lrs/credentials/${encodeURIComponent(c.key)}`);
      await refresh();
      announce(`Revoked ${c.name}. Clients using it are now refused.`);
      heading.focus();
    } catch (e) {
      cell.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  const heading = el('h1', { tabindex: '-1' }, 'xAPI clients');
  await refresh();
  return el('section', {},
    heading,
    el('p', {}, 'Learning systems (an LMS, an HR system) send and read xAPI statements at this server\'s Learning Record Store with a key and secret over HTTP Basic authentication. Each credential is the authority of the statements it stores.'),
    createForm(api, createdHolder, refresh),
    createdHolder,
    el('h2', {}, 'Credentials'),
    listHolder,
    await forwardingSection(api));
}

function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function createForm(api, createdHolder, refresh) {
  const error = el('p', { id: 'xapi-client-error', class: 'error', role: 'alert' });
  const name = el('input', { id: 'xapi-client-name', name: 'name', type: 'text', maxlength: '100', required: true, autocomplete: 'off', 'aria-describedby': 'xapi-client-name-help' });
  const scope = (value, label) => {
    const id = `xapi-client-scope-${value}`;
    return el('div', { class: 'check' },
      el('input', { id, type: 'checkbox', name: 'scopes', value, checked: true }),
      el('label', { for: id }, label));
  };
  const scopes = el('fieldset', { 'aria-describedby': 'xapi-client-scope-help' },
    el('legend', {}, 'Scopes'),
    scope('read', 'Read (fetch statements and documents)'),
    scope('write', 'Write (send statements and documents)'),
    el('small', { id: 'xapi-client-scope-help' }, 'Give at least one.'));
  const form = el('form', { class: 'card', 'aria-labelledby': 'xapi-client-form-title' },
    el('h2', { id: 'xapi-client-form-title' }, 'Add an xAPI client'),
    el('label', { for: 'xapi-client-name' }, 'Name'), name,
    el('small', { id: 'xapi-client-name-help' }, 'What the client is, e.g. "Moodle" or "HR system". Shown as the authority of the statements it sends.'),
    scopes, error,
    el('button', { type: 'submit' }, 'Create credential'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    name.removeAttribute('aria-invalid');
    scopes.removeAttribute('aria-invalid');
    const chosen = [...form.querySelectorAll('input[name="scopes"]:checked')].map((c) => c.value);
    try {
      const created = await api('POST', '/api/v1/lrs/credentials', { name: name.value, scopes: chosen });
      form.reset();
      showCreated(createdHolder, created);
      await refresh();
    } catch (e) {
      error.textContent = e.message;
      if (e.field === 'name') { name.setAttribute('aria-invalid', 'true'); name.focus(); }
      if (e.field === 'scopes') scopes.setAttribute('aria-invalid', 'true');
    }
  });
  return form;
}

// The key, the secret (this one time) and the endpoint, each selectable and copyable.
function showCreated(holder, created) {
  const field = (id, label, value) => {
    const input = el('input', { id, type: 'text', readonly: true, value, class: 'copyable', spellcheck: 'false' });
    const copy = el('button', { type: 'button', class: 'secondary', 'aria-label': `Copy ${label.toLowerCase()}`, onclick: () => copyText(input, label) }, 'Copy');
    return [el('label', { for: id }, label), el('div', { class: 'copy-row' }, input, copy)];
  };
  const title = el('h2', { id: 'xapi-client-created-title', tabindex: '-1' }, `Credential created for ${created.name}`);
  const done = el('button', { type: 'button', class: 'secondary', onclick: () => holder.replaceChildren() }, 'I have copied the secret');
  holder.replaceChildren(el('section', { class: 'card secret-box', 'aria-labelledby': 'xapi-client-created-title' },
    title,
    el('p', { class: 'warning' }, el('strong', {}, 'Copy the secret now: '),
      'it is shown only this once and cannot be recovered. If it is lost, revoke this credential and create another.'),
    field('xapi-client-endpoint', 'Endpoint', created.endpoint),
    field('xapi-client-key', 'Key', created.key),
    field('xapi-client-secret', 'Secret', created.secret),
    el('p', {}, `Scopes: ${created.scopes.join(', ')}. Clients send the key and secret with HTTP Basic authentication and the header X-Experience-API-Version: 1.0.3.`),
    done));
  announce('Credential created. Copy the secret now: it is shown only once.');
  title.focus();
}

async function copyText(input, label) {
  try {
    await navigator.clipboard.writeText(input.value);
    announce(`${label} copied.`);
  } catch (e) {
    // No clipboard access (e.g. plain HTTP): select the text so that Ctrl+C copies it.
    input.focus();
    input.select();
    announce(`${label} selected: press Ctrl+C to copy it.`);
  }
}
