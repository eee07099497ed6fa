import { call, get, path, sessionEnded } from '../api.js';
import { announce, confirmDialog, field, fieldError, h, heading, replace, table, time } from '../dom.js';

const CONTROL_NAMES = {
  ip_whitelist: 'IP whitelist',
  rate_limit: 'Rate limit',
  mfa: 'MFA',
  rotation: 'Key rotation',
  mtls: 'mTLS',
  enforce_https: 'HTTPS only',
};

const yesNo = (value) => (value ? 'Yes' : 'No');

/** #/agents: the agents the caller may read, with the controls that are on. */
export async function agentsPage(main) {
  replace(main, heading('Agents'), h('p', null, 'Loading…'));
  const agents = await get('agents');
  const rows = agents.map((agent) => {
    const on = Object.entries(agent.controls || {}).filter(([, value]) => value)
      .map(([key]) => CONTROL_NAMES[key] || key);
    return h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: '#/agents/' + encodeURIComponent(agent.name) }, agent.name)),
      h('td', null, h('code', null, agent.route)),
      h('td', null, agent.enabled ? 'Enabled' : 'Disabled'),
      h('td', null, String((agent.functions || []).length)),
      h('td', null, on.length ? on.join(', ') : 'None'));
  });
  replace(main, heading('Agents'),
    agents.length === 0 ? h('p', null, 'No agents you may read.')
      : table('Agents', ['Name', 'Route', 'State', 'Functions', 'Controls on'], rows));
}

/** #/agents/{name}: functions, the controls, the config document, and the IP whitelist editor. */
export async function agentPage(main, name) {
  replace(main, heading(name), h('p', null, 'Loading…'));
  const agent = await get(path`agents/${name}`);
  const security = (agent.config && agent.config.security) || {};

  const functions = table('Functions', ['Name', 'Description', 'Secure'], (agent.functions || []).map((fn) =>
    h('tr', null, h('th', { scope: 'row' }, h('code', null, fn.name)), h('td', null, fn.description || ''),
      h('td', null, yesNo(fn.secure)))));

  const whitelistSection = h('section', { 'aria-labelledby': 'whitelist-title', class: 'card' });
  replace(main,
    heading(agent.name),
    h('p', { class: 'actions' }, h('a', { href: '#/agents/' + encodeURIComponent(agent.name) + '/keys',
      class: 'button' }, 'API keys'), h('a', { href: '#/agents' }, 'All agents')),
    h('dl', { class: 'facts' },
      h('dt', null, 'Route'), h('dd', null, h('code', null, agent.route)),
      h('dt', null, 'State'), h('dd', null, agent.enabled ? 'Enabled' : 'Disabled'),
      h('dt', null, 'Config version'), h('dd', null, String(agent.version)),
      h('dt', null, 'Updated'), h('dd', null, time(agent.updated_at))),
    h('section', { 'aria-labelledby': 'functions-title' }, h('h2', { id: 'functions-title' }, 'Functions'), functions),
    h('section', { 'aria-labelledby': 'controls-title' }, h('h2', { id: 'controls-title' }, 'Controls'),
      controls(security)),
    whitelistSection,
    h('section', { 'aria-labelledby': 'config-title' }, h('h2', { id: 'config-title' }, 'Config document'),
      h('pre', { class: 'json', tabindex: 0, 'aria-label': 'Config document (JSON)' },
        JSON.stringify(agent.config, null, 2))),
    lifecycle(main, agent));
  await whitelist(whitelistSection, agent.name);
}

/** Delete (disable, with its keys, sessions and messages) or enable again; admins only, as the server decides. */
function lifecycle(main, agent) {
  const message = h('p', { class: 'error', id: 'lifecycle-error', role: 'alert' });
  const act = async (method, relative, done) => {
    message.textContent = '';
    try {
      await call(method, relative);
      announce(done);
      await agentPage(main, agent.name);
      document.getElementById('page-title').focus();
    } catch (e) {
      if (!sessionEnded(e)) {
        message.textContent = e.detail;
      }
    }
  };
  const button = agent.enabled
    ? h('button', { type: 'button', class: 'danger', id: 'agent-delete', onClick: async () => {
      const ok = await confirmDialog(`Delete “${agent.name}”?`,
        h('p', null, 'Its routes stop answering, its API keys are revoked, its sessions and messages are deleted. '
          + 'Its audit events stay; an admin can enable it again.'), 'Delete agent');
      if (ok) {
        await act('DELETE', path`agents/${agent.name}`, `${agent.name} deleted`);
      }
    } }, 'Delete agent')
    : h('button', { type: 'button', class: 'primary', id: 'agent-enable',
      onClick: () => act('POST', path`agents/${agent.name}/enable`, `${agent.name} enabled`) }, 'Enable agent');
  return h('section', { class: 'card', 'aria-labelledby': 'lifecycle-title' },
    h('h2', { id: 'lifecycle-title' }, agent.enabled ? 'Delete this agent' : 'This agent is disabled'),
    h('p', null, agent.enabled ? 'Admins only. Asks for a second factor when the agent\'s config protects delete.'
      : 'Its routes answer 404 and its keys are revoked. Enabling it brings its routes back, not its keys.'),
    button, message);
}

function controls(security) {
  const ip = security.ipWhitelist || {};
  const rate = security.rateLimit || {};
  const mfa = security.mfa || {};
  const rows = [
    ['IP whitelist', ip.enabled ? `On (${(ip.addresses || []).length} entries)` : 'Off'],
    ['Rate limit', rate.enabled ? `${rate.requests} requests per ${rate.window}` : 'Off'],
    ['MFA', mfa.enabled ? `On for ${(mfa.operations || []).join(', ') || 'no operations'}` : 'Off'],
    ['Key rotation', security.rotation && security.rotation.interval ? `Every ${security.rotation.interval}` : 'Off'],
    ['mTLS', security.mtls && security.mtls.enabled ? 'On' : 'Off'],
    ['HTTPS only', yesNo(security.enforceHttps)],
    ['HSTS', security.hsts && security.hsts.enabled ? `max-age ${security.hsts.maxAge}` : 'Off'],
  ];
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

/** The whitelist: its entries with a Remove button each, and an add form showing the server's refusal by the field. */
async function whitelist(section, agent) {
  const list = await get(path`agents/${agent}/security/whitelist`);
  const input = h('input', { name: 'ip', autocomplete: 'off', spellcheck: 'false', placeholder: '203.0.113.0/24' });
  const form = h('form', { class: 'inline-form', novalidate: true },
    field('whitelist-ip', 'IP address or CIDR block', input),
    h('button', { type: 'submit' }, 'Add'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError('whitelist-ip', null);
    try {
      await call('POST', path`agents/${agent}/security/whitelist`, { ip: input.value.trim() });
      announce(`Added ${input.value.trim()} to the whitelist`);
      await whitelist(section, agent);
      document.getElementById('whitelist-ip').focus();
    } catch (e) {
      if (sessionEnded(e)) {
        return; // the sign-in page is shown
      }
      fieldError('whitelist-ip', e.detail);
      input.focus();
    }
  });
  const entries = list.addresses.length === 0 ? h('p', { id: 'whitelist-empty' }, 'No entries.')
    : h('ul', { class: 'entries', id: 'whitelist-entries' }, list.addresses.map((address) =>
      h('li', null, h('code', null, address), ' ',
        h('button', { type: 'button', class: 'small', 'aria-label': `Remove ${address}`,
          onClick: async () => {
            try {
              await call('DELETE', `agents/${encodeURIComponent(agent)}/security/whitelist?ip=`
                + encodeURIComponent(address));
              announce(`Removed ${address} from the whitelist`);
            } catch (e) {
              announce(e.detail);
            }
            await whitelist(section, agent);
            document.getElementById('whitelist-ip').focus();
          } }, 'Remove'))));
  replace(section,
    h('h2', { id: 'whitelist-title' }, 'IP whitelist'),
    h('p', null, list.enabled ? 'The whitelist is on: only these addresses reach the agent.'
      : 'The whitelist is off (entries apply once it is switched on in the config).'),
    entries,
    form);
}
