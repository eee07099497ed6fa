import { call, get, path, sessionEnded } from '../api.js';
import { announce, confirmDialog, field, fieldError, h, heading, replace, table, time } from '../dom.js';

/** #/agents/{name}/keys: create (the key shown once), list, rotate with a grace period, revoke with a confirmation. */
export async function keysPage(main, agent) {
  const title = `API keys of ${agent}`;
  replace(main, heading(title), h('p', null, 'Loading…'));
  const shown = h('section', { id: 'new-key-panel', class: 'card secret', hidden: true, 'aria-labelledby': 'new-key-title',
    tabindex: -1 });
  const listSection = h('section', { 'aria-labelledby': 'keys-title' });

  const name = h('input', { name: 'name', required: true, maxlength: 128, autocomplete: 'off' });
  const environment = h('select', { name: 'environment' },
    h('option', { value: 'live' }, 'live'), h('option', { value: 'test' }, 'test'));
  const expires = h('input', { name: 'expires_in', autocomplete: 'off', placeholder: '90d' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a key'),
    h('div', { class: 'form-grid' },
      field('key-name', 'Name', name, 'Letters, digits, spaces or _ . -'),
      field('key-environment', 'Environment', environment, 'sk_live_… or sk_test_…'),
      field('key-expires', 'Expires in (optional)', expires, 'Such as 30d or 24h; empty: never')),
    h('p', { class: 'error', id: 'key-create-error', role: 'alert' }),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError('key-name', null);
    document.getElementById('key-create-error').textContent = '';
    const body = { name: name.value.trim(), environment: environment.value };
    if (expires.value.trim()) {
      body.expires_in = expires.value.trim();
    }
    try {
      const issued = await call('POST', path`agents/${agent}/keys`, body);
      form.reset();
      showKey(shown, issued, `Key “${issued.name}” created`);
      await list(listSection, agent, shown);
    } catch (e) {
      if (sessionEnded(e)) {
        return;
      }
      const target = /name/.test(e.detail || '') ? 'key-name' : null;
      if (target) {
        fieldError(target, e.detail);
        name.focus();
      } else {
        document.getElementById('key-create-error').textContent = e.detail;
      }
    }
  });

  replace(main, heading(title),
    h('p', { class: 'actions' }, h('a', { href: '#/agents/' + encodeURIComponent(agent) }, `Back to ${agent}`)),
    shown, form, listSection);
  await list(listSection, agent, shown);
}

/** The key just issued, shown this once: nothing keeps it after the page is left. */
function showKey(panel, issued, heading2) {
  const value = h('input', { id: 'new-key', readonly: true, value: issued.key, 'aria-label': 'The new API key',
    spellcheck: 'false', class: 'key' });
  const copied = h('span', { class: 'muted', id: 'copy-status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', id: 'copy-key' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value.value);
      copied.textContent = 'Copied';
    } catch (e) {
      value.select();
      copied.textContent = 'Selected: press Ctrl+C (⌘C) to copy';
    }
  });
  const done = h('button', { type: 'button' }, 'Done');
  done.addEventListener('click', () => {
    replace(panel);
    panel.hidden = true;
    document.getElementById('page-title').focus();
  });
  replace(panel,
    h('h2', { id: 'new-key-title' }, heading2),
    h('p', { class: 'warning' }, h('strong', null, 'Keep this key secure!'),
      ' It is shown only this once; store it now.'),
    h('div', { class: 'copy-row' }, value, copy, copied),
    h('p', null, 'Prefix ', h('code', null, issued.prefix), issued.expires_at ? ['; expires ', time(issued.expires_at)]
      : ''),
    done);
  panel.hidden = false;
  panel.focus();
  announce(`${heading2}. Keep this key secure!`);
}

async function list(section, agent, shown) {
  const keys = await get(path`agents/${agent}/keys`);
  const rows = keys.map((key) => {
    const active = key.status === 'active';
    const revocable = active || key.status === 'rotating';
    return h('tr', { 'data-key-id': key.id },
      h('th', { scope: 'row' }, key.name),
      h('td', null, h('code', null, key.prefix)),
      h('td', null, key.environment || ''),
      h('td', null, time(key.created_at)),
      h('td', null, key.last_used_at ? time(key.last_used_at) : 'Never'),
      h('td', null, key.expires_at ? time(key.expires_at) : 'Never'),
      h('td', null, key.rotation_due_at ? [time(key.rotation_due_at), key.rotation_due ? ' (due soon)' : ''] : '—'),
      h('td', { class: 'key-status' }, key.status),
      h('td', { class: 'row-actions' },
        active ? h('button', { type: 'button', class: 'small', 'aria-label': `Rotate ${key.name}`,
          onClick: () => rotate(section, agent, key, shown) }, 'Rotate') : null,
        revocable ? h('button', { type: 'button', class: 'small danger', 'aria-label': `Revoke ${key.name}`,
          onClick: () => revoke(section, agent, key, shown) }, 'Revoke') : null));
  });
  replace(section, h('h2', { id: 'keys-title' }, 'Keys'),
    keys.length === 0 ? h('p', null, 'No keys yet.')
      : table('Keys', ['Name', 'Prefix', 'Environment', 'Created', 'Last used', 'Expires', 'Rotation due', 'Status',
        'Actions'], rows));
}

async function rotate(section, agent, key, shown) {
  const grace = h('input', { name: 'grace', value: '24h', autocomplete: 'off' });
  const ok = await confirmDialog(`Rotate “${key.name}”?`,
    h('p', null, 'A new key replaces this one. The old key keeps working during the grace period, then stops.'),
    'Rotate', field('rotate-grace', 'Grace period', grace, 'A duration such as 24h; empty: the old key stops now'));
  if (!ok) {
    return;
  }
  try {
    const body = grace.value.trim() ? { grace: grace.value.trim() } : {};
    const issued = await call('POST', path`agents/${agent}/keys/${key.id}/rotate`, body);
    showKey(shown, issued, `Key “${key.name}” rotated`);
  } catch (e) {
    if (sessionEnded(e)) {
      return;
    }
    announce(e.detail);
  }
  await list(section, agent, shown);
}

async function revoke(section, agent, key, shown) {
  const ok = await confirmDialog(`Revoke “${key.name}”?`,
    h('p', null, 'Every request with this key is refused from now on. This cannot be undone.'), 'Revoke key');
  if (!ok) {
    return;
  }
  try {
    await call('DELETE', path`agents/${agent}/keys/${key.id}`);
    announce(`Key “${key.name}” revoked`);
  } catch (e) {
    if (sessionEnded(e)) {
      return;
    }
    announce(e.detail);
  }
  await list(section, agent, shown);
  document.getElementById('keys-title').setAttribute('tabindex', '-1');
  document.getElementById('keys-title').focus();
}
