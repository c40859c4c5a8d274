// Attune web UI: a hash-routed single page. Navigation depends on the signed-in person's roles.
import { api, setCsrf, ApiError } from './api.js';
import { el, announce } from './dom.js';
import { loginView } from './view_login.js';
import { homeView } from './view_home.js';
import { teamView } from './view_team.js';
import { peopleView } from './view_people.js';
import { teamsView } from './view_teams.js';
import { importView } from './view_import.js';
import { privacyView } from './view_privacy.js';
import { auditView } from './view_audit.js';
import { xapiClientsView } from './view_xapi_clients.js';
import { itemBankView } from './view_item_bank.js';
import { assessmentView } from './view_assessment.js';
import { practiceView } from './view_practice.js';
import { erpsView } from './view_erps.js';
import { roleplayView } from './view_roleplay.js';

const state = { me: null, org: null };

const routes = {
  home: { label: 'Home', view: homeView, allowed: () => true },
  erps: { label: 'My ERPS', view: erpsView, allowed: () => true },
  assessment: { label: 'Assessment', view: assessmentView, allowed: () => true },
  practice: { label: 'Practice', view: practiceView, allowed: () => true },
  roleplay: { label: 'Role-play', view: roleplayView, allowed: () => true },
  team: { label: 'My team', view: teamView, allowed: (r) => r.includes('manager') },
  people: { label: 'People', view: peopleView, allowed: (r) => r.includes('admin') || r.includes('ld_admin') },
  teams: { label: 'Teams', view: teamsView, allowed: (r) => ['admin', 'ld_admin', 'manager', 'coach', 'analyst'].some((x) => r.includes(x)) },
  import: { label: 'Import', view: importView, allowed: (r) => r.includes('admin') },
  audit: { label: 'Audit log', view: auditView, allowed: (r) => r.includes('admin') || r.includes('auditor') },
  xapi: { label: 'xAPI clients', view: xapiClientsView, allowed: (r) => r.includes('admin') },
  items: { label: 'Item bank', view: itemBankView, allowed: (r) => r.includes('admin') },
  privacy: { label: 'Privacy', view: privacyView, allowed: () => true },
};

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren();
  const who = document.getElementById('who');
  who.replaceChildren();
  if (!state.me) return;
  const current = location.hash.slice(2) || 'home';
  const list = el('ul', {});
  for (const [key, r] of Object.entries(routes)) {
    if (!r.allowed(state.me.roles)) continue;
    list.append(el('li', {}, el('a', { href: `#/${key}`, 'aria-current': key === current ? 'page' : null }, r.label)));
  }
  nav.append(list);
  who.append(`${state.me.name}`, ' ',
    el('button', { type: 'button', class: 'link', onclick: logout }, 'Log out'));
}

async function logout() {
  try { await api('POST', '/api/v1/auth/logout'); } catch (e) { /* already gone */ }
  state.me = null;
  setCsrf('');
  location.hash = '#/login';
  announce('You are logged out.');
}

async function loadSession() {
  try {
    state.me = await api('GET', '/api/v1/me');
    setCsrf(state.me.csrf_token);
    state.org = await api('GET', '/api/v1/organisation');
    document.getElementById('demo-banner').hidden = !state.org.is_demo;
  } catch (e) {
    state.me = null;
  }
}

async function render() {
  const main = document.getElementById('main');
  const key = location.hash.slice(2) || 'home';
  if (!state.me && key !== 'login') { location.hash = '#/login'; return; }
  renderNav();
  let view;
  if (key === 'login') {
    view = loginView(async () => { await loadSession(); location.hash = '#/home'; });
  } else {
    const route = routes[key];
    if (!route || !route.allowed(state.me.roles)) {
      view = el('section', {}, el('h1', {}, 'Not available'), el('p', {}, 'This page does not exist or your roles do not include it.'));
    } else {
      view = el('section', {}, el('p', {}, 'Loading…'));
      main.replaceChildren(view);
      try {
        view = await route.view({ api, state });
      } catch (e) {
        view = el('section', {}, el('h1', {}, 'Something went wrong'),
          el('p', { role: 'alert' }, e instanceof ApiError ? e.message : String(e)));
      }
    }
  }
  main.replaceChildren(view);
  const heading = main.querySelector('h1');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

window.addEventListener('hashchange', render);
(async () => { await loadSession(); render(); })();
