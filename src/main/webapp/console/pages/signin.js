import { hasProviderSignIn, providerSignInUrl, signIn } from '../api.js';
import { field, fieldError, h, heading, replace } from '../dom.js';

/** The sign-in form: user name and password; the code field appears when the server answers mfa_required. */
export function signInPage(main, onSignedIn) {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none',
    spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const code = h('input', { name: 'mfa_code', autocomplete: 'one-time-code', inputmode: 'numeric' });
  const codeField = field('signin-code', 'Authentication code', code,
    'The 6-digit code of your authenticator app, or one of your recovery codes');
  codeField.hidden = true;
  const message = h('p', { class: 'error', id: 'signin-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  const form = h('form', { class: 'card narrow', novalidate: true, 'aria-labelledby': 'page-title' },
    field('signin-username', 'User name', username),
    field('signin-password', 'Password', password),
    codeField,
    message,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    fieldError('signin-username', !username.value ? 'Enter your user name' : null);
    fieldError('signin-password', !password.value ? 'Enter your password' : null);
    if (!username.value || !password.value) {
      (username.value ? password : username).focus();
      return;
    }
    submit.disabled = true;
    try {
      const session = await signIn(username.value, password.value, codeField.hidden ? '' : code.value.trim());
      onSignedIn(session);
    } catch (e) {
      if (e.code === 'mfa_required') {
        codeField.hidden = false;
        message.textContent = 'Enter the code of your authenticator app to finish signing in.';
        code.focus();
      } else if (e.code === 'mfa_invalid') {
        message.textContent = e.detail;
        code.value = '';
        code.focus();
      } else {
        message.textContent = e.detail || 'Signing in failed';
        password.value = '';
        password.focus();
      }
    } finally {
      submit.disabled = false;
    }
  });

  const provider = hasProviderSignIn()
    ? h('p', { class: 'card narrow provider' },
      h('a', { class: 'button', href: providerSignInUrl(), id: 'signin-provider' }, 'Sign in with your identity provider'))
    : null;
  replace(main, heading('Sign in'), form, provider);
  document.title = 'Sign in · Agent Warden';
  username.focus();
}
