import { call, sessionEnded } from '../api.js';
import { announce, field, fieldError, h, heading, replace } from '../dom.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** #/account: who is signed in; MFA enrolment (QR code and secret, confirm with a code, recovery codes once). */
export function accountPage(main, session) {
  const mfaSection = h('section', { class: 'card', 'aria-labelledby': 'mfa-title' });
  replace(main, heading('My account'),
    h('dl', { class: 'facts' },
      h('dt', null, 'User name'), h('dd', { id: 'account-username' }, session.username),
      h('dt', null, 'Roles'), h('dd', null, (session.roles || []).join(', ') || 'None'),
      h('dt', null, 'This sign-in'), h('dd', null, session.mfa ? 'With a second factor' : 'Password only')),
    mfaSection);
  start(mfaSection, session);
}

function start(section, session) {
  const begin = h('button', { type: 'button', class: 'primary', id: 'mfa-start' }, 'Set up two-factor authentication');
  const message = h('p', { class: 'error', id: 'mfa-error', role: 'alert' });
  begin.addEventListener('click', async () => {
    message.textContent = '';
    try {
      const enrolment = await call('POST', 'me/mfa');
      enrol(section, enrolment);
    } catch (e) {
      if (!sessionEnded(e)) {
        message.textContent = e.status === 409 ? 'Two-factor authentication is already on for this account.'
          : e.detail;
      }
    }
  });
  replace(section, h('h2', { id: 'mfa-title' }, 'Two-factor authentication'),
    h('p', null, session.mfa ? 'You signed in with a second factor.'
      : 'Protect your account with a code from an authenticator app (TOTP) at every sign-in.'),
    begin, message);
}

function enrol(section, enrolment) {
  const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6 });
  const form = h('form', { class: 'inline-form', novalidate: true },
    field('mfa-code', 'Code from the app', code, 'The 6-digit code your app shows now'),
    h('button', { type: 'submit', class: 'primary' }, 'Confirm'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError('mfa-code', null);
    try {
      const confirmed = await call('POST', 'me/mfa/confirm', { code: code.value.trim() });
      recoveryCodes(section, confirmed.recovery_codes || []);
    } catch (e) {
      if (!sessionEnded(e)) {
        fieldError('mfa-code', e.detail);
        code.focus();
      }
    }
  });
  const qr = typeof enrolment.qr_png === 'string' && BASE64.test(enrolment.qr_png)
    ? h('img', { src: 'data:image/png;base64,' + enrolment.qr_png, alt: 'QR code to scan with your authenticator app',
      class: 'qr', width: 200, height: 200 })
    : null;
  replace(section, h('h2', { id: 'mfa-title', tabindex: -1 }, 'Set up two-factor authentication'),
    h('ol', { class: 'steps' },
      h('li', null, 'Scan this QR code with your authenticator app, or type the secret into it.'),
      h('li', null, 'Enter the code the app shows to confirm.')),
    qr,
    h('p', null, 'Secret: ', h('code', { id: 'mfa-secret', class: 'secret-text' }, enrolment.secret)),
    form);
  document.getElementById('mfa-title').focus();
  announce('Scan the QR code, then enter the code');
}

function recoveryCodes(section, codes) {
  const download = h('button', { type: 'button', id: 'mfa-download' }, 'Download recovery codes');
  download.addEventListener('click', () => {
    const text = 'Agent Warden recovery codes (each works once in place of a code)\n\n' + codes.join('\n') + '\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = h('a', { href: url, download: 'agent-warden-recovery-codes.txt', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  replace(section, h('h2', { id: 'mfa-title', tabindex: -1 }, 'Two-factor authentication is on'),
    h('p', { class: 'warning' }, h('strong', null, 'Save these recovery codes now.'),
      ' Each works once in place of a code if you lose your device; they are not shown again.'),
    h('ul', { class: 'codes', id: 'recovery-codes' }, codes.map((c) => h('li', null, h('code', null, c)))),
    download);
  document.getElementById('mfa-title').focus();
  announce('Two-factor authentication is on');
}
