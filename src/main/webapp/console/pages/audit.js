import { download, get, path, sessionEnded } from '../api.js';
import { announce, field, fieldError, h, heading, replace, table, time } from '../dom.js';

const PERIODS = [['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days']];

/** #/audit: the platform's events or one agent's, filtered by event type (or a prefix) and period, newest first. */
export async function auditPage(main) {
  const agents = await get('agents').catch((e) => {
    if (sessionEnded(e)) {
      throw e; // the sign-in page is shown; render nothing over it
    }
    return [];
  });
  const scope = h('select', { name: 'scope' }, h('option', { value: '' }, 'Platform (no agent)'),
    agents.map((agent) => h('option', { value: agent.name }, agent.name)));
  const filter = h('input', { name: 'filter', autocomplete: 'off', spellcheck: 'false', placeholder: 'auth.failed' });
  const since = h('select', { name: 'since' }, PERIODS.map(([value, label]) => h('option', { value }, label)));
  since.value = '24h';
  const results = h('section', { 'aria-labelledby': 'events-title', id: 'audit-results' });
  const form = h('form', { class: 'card filters', novalidate: true, 'aria-label': 'Filter events' },
    field('audit-scope', 'Events of', scope),
    field('audit-filter', 'Event type', filter, 'A type or a prefix: auth, auth.failed, key, console'),
    field('audit-since', 'Period', since),
    h('button', { type: 'submit', class: 'primary' }, 'Show events'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await load(results, scope.value, filter.value.trim(), since.value).catch(() => {});
  });

  // The export: one agent's events of the period, every type, as a file (GET …/audit/export).
  const exportMessage = h('p', { class: 'error', id: 'audit-export-error', role: 'alert' });
  const exportButtons = ['ndjson', 'csv'].map((format) => h('button', { type: 'button', id: `audit-export-${format}`,
    onClick: async () => {
      exportMessage.textContent = '';
      const agent = scope.value;
      const query = new URLSearchParams({ period: since.value, format });
      try {
        await download(path`agents/${agent}/audit/export` + '?' + query,
          `audit-${agent.replace(/[^A-Za-z0-9._-]/g, '_')}-${since.value}.${format}`);
        announce(`Downloaded the ${format.toUpperCase()} export of ${agent}`);
      } catch (e) {
        if (!sessionEnded(e)) {
          exportMessage.textContent = e.detail;
        }
      }
    } }, `Download ${format.toUpperCase()}`));
  const exportSection = h('section', { class: 'card', 'aria-labelledby': 'export-title', id: 'audit-export' },
    h('h2', { id: 'export-title' }, 'Export'),
    h('p', null, 'Every event of the chosen agent in the chosen period, oldest first.'),
    h('div', { class: 'actions' }, exportButtons), exportMessage);
  const showExport = () => {
    exportSection.hidden = !scope.value;
  };
  scope.addEventListener('change', showExport);
  showExport();
  replace(main, heading('Audit log'), form, exportSection, results);
  await load(results, scope.value, filter.value.trim(), since.value);
}

async function load(section, agent, filter, since) {
  fieldError('audit-filter', null);
  const query = new URLSearchParams({ since, limit: '100' });
  if (filter) {
    query.set('filter', filter);
  }
  let events;
  try {
    events = await get((agent ? path`agents/${agent}/audit` : 'audit') + '?' + query);
  } catch (e) {
    if (e.status === 400) {
      fieldError('audit-filter', e.detail);
      return;
    }
    if (e.status === 403) {
      replace(section, h('p', { class: 'error', role: 'alert' }, e.detail));
      return;
    }
    throw e;
  }
  const rows = events.map((event) => h('tr', null,
    h('td', null, time(event.at)),
    h('th', { scope: 'row' }, event.type),
    h('td', null, event.agent || '—'),
    h('td', null, event.principal || '—'),
    h('td', null, event.peer || '—'),
    h('td', null, h('code', { class: 'detail' }, detail(event.detail)))));
  replace(section, h('h2', { id: 'events-title' }, `Events (${events.length})`),
    events.length === 0 ? h('p', null, 'No events match.')
      : table('Events, newest first', ['At', 'Type', 'Agent', 'Principal', 'Peer', 'Detail'], rows));
}

function detail(value) {
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, v]) => `${key}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
  }
  return value == null ? '' : String(value);
}
