// Building the page without HTML strings: every value becomes a text node or a property, never markup.

/**
 * h('p', {class: 'x', onClick: fn}, 'text', child) → an element. Strings and numbers become text nodes; attributes
 * are set with setAttribute (on* keys become listeners), so nothing from the server is ever parsed as HTML.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' || key === 'checked') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children: nodes as they are, anything else as text. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A label and its control, the control's error slot next to it (aria-describedby). */
export function field(id, label, control, hint) {
  control.id = id;
  const error = h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  const described = [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null,
    control,
    error);
}

/** Shows (or clears, with null) the error of the field whose control is id. */
export function fieldError(id, message) {
  const control = document.getElementById(id);
  const slot = document.getElementById(id + '-error');
  if (slot) {
    slot.textContent = message || '';
  }
  if (control) {
    if (message) {
      control.setAttribute('aria-invalid', 'true');
    } else {
      control.removeAttribute('aria-invalid');
    }
  }
}

/** A time as the browser's locale shows it, with the RFC 3339 text as the machine value. */
export function time(value) {
  if (!value) {
    return h('span', { class: 'muted' }, '—');
  }
  const date = new Date(value);
  const text = Number.isNaN(date.getTime()) ? value : date.toLocaleString();
  return h('time', { datetime: value, title: value }, text);
}

/** A table in a scroll box that keyboard users can scroll too. */
export function table(caption, headers, rows) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', null,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, headers.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', null, rows)));
}

/** The page heading, focused after each navigation so screen readers and keyboards start there. */
export function heading(text) {
  return h('h1', { tabindex: -1, id: 'page-title' }, text);
}

/** Says text in the status line (a polite live region). */
export function announce(text) {
  const status = document.getElementById('status');
  if (status) {
    status.textContent = text;
  }
}

/**
 * Asks for confirmation in a modal <dialog> (keyboard: Tab between the buttons, Escape cancels); resolves true when
 * the action button was chosen. body: nodes or text.
 */
export function confirmDialog(title, body, actionLabel, extra) {
  return new Promise((resolve) => {
    const titleId = 'dialog-title';
    const cancel = h('button', { type: 'button', value: 'cancel' }, 'Cancel');
    const action = h('button', { type: 'submit', value: 'ok', class: 'danger' }, actionLabel);
    const form = h('form', { method: 'dialog' }, h('h2', { id: titleId }, title), h('div', null, body), extra || null,
      h('div', { class: 'actions' }, cancel, action));
    const dialog = h('dialog', { 'aria-labelledby': titleId }, form);
    let answered = false;
    cancel.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      if (!answered) {
        answered = true;
        resolve(dialog.returnValue === 'ok');
        dialog.remove();
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** Asks for a second factor in a modal <dialog>; resolves with the code, or null when cancelled. */
export function codeDialog(message) {
  return new Promise((resolve) => {
    const input = h('input', { name: 'mfa_code', autocomplete: 'one-time-code', inputmode: 'numeric' });
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'code-dialog-title' }, 'Second factor required'),
      h('p', { id: 'code-dialog-message' }, message),
      field('code-dialog-code', 'Authentication code', input,
        'The 6-digit code of your authenticator app, or a recovery code'),
      h('div', { class: 'actions' }, cancel, h('button', { type: 'submit', value: 'ok', class: 'primary' }, 'Continue')));
    const dialog = h('dialog', { 'aria-labelledby': 'code-dialog-title' }, form);
    let answered = false;
    cancel.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      if (!answered) {
        answered = true;
        const code = dialog.returnValue === 'ok' ? input.value.trim() : '';
        dialog.remove();
        resolve(code || null);
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
