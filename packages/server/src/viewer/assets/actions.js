// Deleting sessions and visitors (after a confirmation) and setting retention, through the rights API.
// Every state change sends the page's CSRF token; the session cookie goes along on its own.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  async function send(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? `${response.status} ${response.statusText}`);
    return answer;
  }

  async function deleteSession(button) {
    const [projectId, sid] = button.dataset.deleteSession.split('/');
    if (!confirm('Delete this session and its recording for good? This cannot be undone.')) return;
    await send('DELETE', `/api/projects/${encodeURIComponent(projectId)}/sessions/${encodeURIComponent(sid)}`);
    if (location.pathname.startsWith('/sessions/')) location.assign('/sessions');
    else button.closest('tr')?.remove();
  }

  async function deleteVisitor(button) {
    const visitor = button.dataset.deleteVisitor;
    if (!confirm(`Delete every session of visitor "${visitor}" in every project? This cannot be undone.`)) return;
    const answer = await send('DELETE', `/api/visitors/${encodeURIComponent(visitor)}`);
    alert(`Deleted ${answer.deleted.sessions} session(s) of "${visitor}".`);
    location.assign('/sessions');
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest?.('[data-delete-session], [data-delete-visitor]');
    if (!button) return;
    const action = button.dataset.deleteSession ? deleteSession : deleteVisitor;
    action(button).catch((error) => alert(`Could not delete: ${error.message}`));
  });

  document.addEventListener('submit', (event) => {
    const form = event.target.closest?.('form.retention');
    if (!form) return;
    event.preventDefault();
    const days = Number(new FormData(form).get('days'));
    send('PUT', `/api/projects/${encodeURIComponent(form.dataset.project)}/retention`, { days })
      .then((answer) => alert(`Retention set to ${answer.days} days.`))
      .catch((error) => alert(`Could not save: ${error.message}`));
  });
})();
