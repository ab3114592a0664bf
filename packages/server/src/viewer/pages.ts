import type { PageviewRow, Project, SessionRow } from '../stores/types';

/** Escapes text for HTML bodies and double-quoted attributes: everything shown came from recorded pages. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface LayoutOptions {
  title: string;
  csrf?: string;
  /** External scripts from /assets (never inline: the CSP forbids it). */
  scripts?: string[];
  styles?: string[];
  bodyData?: Record<string, string>;
}

function layout(body: string, { title, csrf, scripts = [], styles = [], bodyData = {} }: LayoutOptions): string {
  const data = Object.entries(bodyData)
    .map(([key, value]) => ` data-${key}="${esc(value)}"`)
    .join('');
  const nav = csrf
    ? `<nav><a href="/sessions">Sessions</a><a href="/projects">Projects</a>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${esc(csrf)}"><button>Log out</button></form></nav>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Lowlight</title>${csrf ? `<meta name="csrf-token" content="${esc(csrf)}">` : ''}
<link rel="stylesheet" href="/assets/viewer.css">${styles.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('')}
${scripts.map((src) => `<script src="/assets/${esc(src)}" defer></script>`).join('')}
</head><body${data}><header><strong>Lowlight</strong>${nav}</header><main>${body}</main></body></html>`;
}

export function loginPage({ next, email = '', error }: { next: string; email?: string; error?: string }): string {
  return layout(
    `<h1>Log in</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="next" value="${esc(next)}">
<label>Email <input name="email" type="email" autocomplete="username" required value="${esc(email)}" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button>Log in</button></form>
<p class="hint">Accounts are created on the server: <code>lowlight-server user add EMAIL</code>.</p>`,
    { title: 'Log in' },
  );
}

export interface ListFilters {
  project?: string;
  visitor?: string;
  url?: string;
  /** Dates as typed in the form (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** "2m 05s" */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

const query = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return params.size ? `?${params}` : '';
};

function sessionRow(s: SessionRow): string {
  const visitor = s.visitorId ? `<a href="/sessions${query({ visitor: s.visitorId })}">${esc(s.visitorId)}</a>` : '<span class="muted">anonymous</span>';
  return `<tr data-session="${esc(s.id)}"><td><a class="replay" href="/sessions/${esc(s.projectId)}/${esc(s.id)}">${time(s.startedAt)}</a></td>
<td>${visitor}</td><td>${duration(s.endedAt - s.startedAt)}</td><td>${s.pageviews}</td><td>${s.clicks}</td>
<td>${esc(s.browser ?? '—')} / ${esc(s.os ?? '—')}</td><td>${esc(s.privacyLevel ?? '—')}</td><td>${s.encrypted ? '🔒 yes' : 'no'}</td>
<td class="url" title="${esc(s.firstUrl ?? '')}">${esc(s.firstUrl ?? '')}</td>
<td><button type="button" class="danger" data-delete-session="${esc(s.projectId)}/${esc(s.id)}">Delete</button></td></tr>`;
}

export function sessionListPage(o: { csrf: string; projects: Project[]; filters: ListFilters; sessions: SessionRow[]; next: string | null; millis: number }): string {
  const f = o.filters;
  const options = o.projects.map((p) => `<option value="${esc(p.id)}"${p.id === f.project ? ' selected' : ''}>${esc(p.name)}</option>`).join('');
  const visitorTools = f.visitor
    ? `<p class="visitor">Visitor <strong>${esc(f.visitor)}</strong>:
<a href="/api/visitors/${encodeURIComponent(f.visitor)}/export" download="visitor-export.json">Export all data (JSON)</a>
<button type="button" class="danger" data-delete-visitor="${esc(f.visitor)}">Delete this visitor everywhere</button></p>`
    : '';
  const rows = o.sessions.map(sessionRow).join('');
  const more = o.next ? `<a class="more" href="/sessions${query({ ...f, before: o.next })}">Older sessions →</a>` : '';
  return layout(
    `<h1>Sessions</h1>
<form class="filters" method="get" action="/sessions">
<label>Project <select name="project"><option value="">All</option>${options}</select></label>
<label>Visitor <input name="visitor" value="${esc(f.visitor ?? '')}" placeholder="id given to identify()"></label>
<label>URL contains <input name="url" value="${esc(f.url ?? '')}"></label>
<label>From <input type="date" name="from" value="${esc(f.from ?? '')}"></label>
<label>To <input type="date" name="to" value="${esc(f.to ?? '')}"></label>
<button>Filter</button> <a href="/sessions">Clear</a></form>${visitorTools}
<table class="sessions"><thead><tr><th>Started (UTC)</th><th>Visitor</th><th>Duration</th><th>Pages</th><th>Clicks</th><th>Browser / OS</th><th>Privacy</th><th>E2EE</th><th>First URL</th><th></th></tr></thead>
<tbody>${rows || '<tr><td colspan="10" class="muted">No sessions match.</td></tr>'}</tbody></table>
<p class="pager">${more} <span class="muted">listed in ${o.millis.toFixed(1)} ms</span></p>`,
    { title: 'Sessions', csrf: o.csrf, scripts: ['actions.js'] },
  );
}

export function replayPage(o: { csrf: string; session: SessionRow; pageviews: PageviewRow[] }): string {
  const s = o.session;
  const pages = o.pageviews
    .map((p) => `<li><button type="button" data-seek-ts="${p.startedAt}" title="${esc(p.url ?? '')}">${esc(p.title || p.url || 'page')}</button><span class="muted">${esc(p.url ?? '')}</span></li>`)
    .join('');
  const keyPanel = s.encrypted
    ? `<section class="keybox" id="keybox"><h2>End-to-end encrypted</h2>
<p>This session was encrypted in the visitor's browser. Paste the project's private key (base64url PKCS#8) or load it from a file. It stays in this tab and is never sent to the server.</p>
<textarea id="private-key" rows="3" spellcheck="false" autocomplete="off" placeholder="private key"></textarea>
<input type="file" id="private-key-file"> <button type="button" id="decrypt">Decrypt and play</button></section>`
    : '';
  return layout(
    `<h1>Session <code>${esc(s.id.slice(0, 12))}</code></h1>
<p class="facts">${time(s.startedAt)} UTC · ${duration(s.endedAt - s.startedAt)} · ${s.pageviews} pages · ${s.clicks} clicks ·
${esc(s.browser ?? '—')} / ${esc(s.os ?? '—')} · privacy ${esc(s.privacyLevel ?? '—')}${s.visitorId ? ` · visitor <a href="/sessions?visitor=${encodeURIComponent(s.visitorId)}">${esc(s.visitorId)}</a>` : ''}
· <button type="button" class="danger" data-delete-session="${esc(s.projectId)}/${esc(s.id)}">Delete session</button></p>
${keyPanel}<p id="status" role="status">Loading…</p>
<div class="replay-layout"><div class="stage"><div id="player"></div>
<div class="controls"><button type="button" id="play" disabled>Play</button>
<label>Speed <select id="speed"><option>1</option><option>2</option><option>4</option><option>8</option></select>×</label>
<label><input type="checkbox" id="skip" checked> Skip inactivity</label>
<span id="clock">0:00 / 0:00</span> <button type="button" id="share">Copy link to this moment</button></div>
<div id="timeline" class="timeline" title="Click to seek"><div id="progress"></div></div>
<p class="legend"><span class="m pageview"></span>pageview <span class="m click"></span>click <span class="m identify"></span>identify <span class="m custom"></span>custom event</p></div>
<aside><h2>Pages visited</h2><ol id="pages">${pages}</ol></aside></div>`,
    {
      title: 'Replay',
      csrf: o.csrf,
      scripts: ['rrweb-replay.js', 'actions.js', 'batch-events.js', 'replay.js'],
      styles: ['/assets/rrweb-replay.css'],
      bodyData: { project: s.projectId, session: s.id, encrypted: String(s.encrypted) },
    },
  );
}

export function projectsPage(o: { csrf: string; projects: Project[] }): string {
  const rows = o.projects
    .map(
      (p) => `<tr><td>${esc(p.name)}</td><td><code>${esc(p.id)}</code></td><td>${esc(p.origins.join(', ') || 'any')}</td>
<td><form class="retention" data-project="${esc(p.id)}"><input type="number" name="days" min="1" max="3650" value="${p.retentionDays}" required> days <button>Save</button></form></td>
<td><a href="/sessions?project=${esc(p.id)}">Sessions</a></td></tr>`,
    )
    .join('');
  return layout(
    `<h1>Projects</h1><p>Sessions older than a project's retention are deleted automatically.</p>
<table><thead><tr><th>Name</th><th>Id</th><th>Allowed origins</th><th>Retention</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
    { title: 'Projects', csrf: o.csrf, scripts: ['actions.js'] },
  );
}
