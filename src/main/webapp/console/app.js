// The console's shell: who is signed in, the navigation, and a hash router (#/agents, #/agents/{name},
// #/agents/{name}/keys, #/account, #/audit). Pages render with dom.js only: no HTML strings, no inline script or style.
import { currentSession, sessionEnded, signOut, whenCodeNeeded, whenSessionEnds } from './api.js';
import { announce, codeDialog, replace } from './dom.js';
import { signInPage } from './pages/signin.js';
import { agentsPage, agentPage } from './pages/agents.js';
import { keysPage } from './pages/keys.js';
import { accountPage } from './pages/account.js';
import { auditPage } from './pages/audit.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const whoName = document.getElementById('who-name');

/** The signed-in session ({username, roles, mfa}), or null. */
let session = null;

const routes = [
  [/^#\/agents\/?$/, () => agentsPage(main), 'agents'],
  [/^#\/agents\/([^/]+)\/keys\/?$/, (name) => keysPage(main, name), 'agents'],
  [/^#\/agents\/([^/]+)\/?$/, (name) => agentPage(main, name), 'agents'],
  [/^#\/account\/?$/, () => accountPage(main, session), 'account'],
  [/^#\/audit\/?$/, () => auditPage(main), 'audit'],
];

function showSignedIn(signedIn) {
  nav.hidden = !signedIn;
  who.hidden = !signedIn;
  whoName.textContent = signedIn ? `Signed in as ${session.username}` : '';
}

async function route() {
  const hash = window.location.hash;
  if (hash === '#main') {
    return; // the skip link
  }
  if (!session) {
    showSignedIn(false);
    // The server may know a session this page does not (a reload, a sign-in through the identity provider), and
    // says whether it offers provider sign-in.
    session = await currentSession().catch(() => null);
    if (!session) {
      signInPage(main, signedIn);
      return;
    }
  }
  showSignedIn(true);
  const found = routes.find(([pattern]) => pattern.test(hash));
  if (!found) {
    window.location.replace('#/agents');
    return;
  }
  const [pattern, render, section] = found;
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.section === section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const args = pattern.exec(hash).slice(1).map((part) => decodeURIComponent(part));
  main.setAttribute('aria-busy', 'true');
  try {
    await render(...args);
  } catch (e) {
    if (sessionEnded(e)) {
      return; // whenSessionEnds shows the sign-in page
    }
    replace(main, errorView(e));
  } finally {
    main.removeAttribute('aria-busy');
  }
  const title = document.getElementById('page-title');
  if (title) {
    title.focus();
    document.title = `${title.textContent} · Agent Warden`;
  }
}

function errorView(e) {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = e && e.detail ? e.detail : 'Something went wrong';
  return p;
}

function signedIn(newSession) {
  session = newSession;
  announce(`Signed in as ${session.username}`);
  if (!/^#\/./.test(window.location.hash)) {
    window.location.hash = '#/agents';
  } else {
    route();
  }
}

whenCodeNeeded((error) => codeDialog(error.detail));

whenSessionEnds(() => {
  if (session) {
    session = null;
    announce('Your session has ended. Sign in again.');
  }
  route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
  } catch (e) {
    // signed out on this side whatever the server said
  }
  session = null;
  announce('Signed out');
  if (window.location.hash === '#/signin') {
    route();
  } else {
    window.location.hash = '#/signin'; // hashchange routes
  }
});

document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);

route();
