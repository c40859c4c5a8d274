import { api } from './api.js';
import { el, announce } from './dom.js';

export function loginView(onLoggedIn) {
  const error = el('p', { id: 'login-error', class: 'error', role: 'alert' });
  const email = el('input', { id: 'email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = el('input', { id: 'password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'card narrow', 'aria-describedby': 'login-error' },
    el('h1', {}, 'Log in to Attune'),
    el('label', { for: 'email' }, 'E-mail'), email,
    el('label', { for: 'password' }, 'Password'), password,
    error,
    el('button', { type: 'submit' }, 'Log in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      await api('POST', '/api/v1/auth/login', { email: email.value, password: password.value });
      announce('Logged in.');
      await onLoggedIn();
    } catch (e) {
      error.textContent = e.message;
      password.value = '';
      password.focus();
    }
  });
  return form;
}
