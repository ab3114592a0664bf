import type { LeakPage } from './leakPage';

/** URL scrubbing: the page URL, the referrer, SPA navigations and every recorded URL. */
export const urlPages: LeakPage[] = [
  {
    name: 'page-url-token',
    mechanism: 'page URL: sensitive query parameters (meta event and pageview)',
    query: '?step=2&reset_token=url-reset-token-secret&email=url.param%40corpus.example',
    body: '<p>CANARY-page-url</p>',
    secrets: ['url-reset-token-secret', 'url.param@corpus.example'],
    canary: 'CANARY-page-url',
  },
  {
    name: 'page-url-fragment-token',
    mechanism: 'page URL: OAuth tokens in the fragment',
    query: '#access_token=fragment-access-secret&token_type=bearer&state=fragment-state-secret',
    body: '<p>CANARY-fragment</p>',
    secrets: ['fragment-access-secret', 'fragment-state-secret'],
    canary: 'CANARY-fragment',
  },
  {
    name: 'referrer-with-token',
    mechanism: 'referrer: scrubbed like the page URL',
    entry: '/r/referrer-source?invite_code=referrer-invite-secret&user=ref.person%40corpus.example',
    extraPages: {
      '/r/referrer-source': '<!doctype html><a id="go" href="/p/referrer-with-token">continue</a>',
    },
    body: '<p>CANARY-referrer</p>',
    secrets: ['referrer-invite-secret', 'ref.person@corpus.example'],
    canary: 'CANARY-referrer',
    act: async (page) => {
      await page.click('#go');
      await page.waitForURL('**/p/referrer-with-token');
      await page.evaluate(() => (window as unknown as { __started: Promise<void> }).__started);
    },
  },
  {
    name: 'spa-navigation',
    mechanism: 'SPA navigations (pushState, replaceState, hash)',
    body: '<p>CANARY-spa</p>',
    secrets: ['spa-session-secret', 'spa.person@corpus.example', 'spa-hash-token-secret'],
    canary: 'CANARY-spa',
    act: (page) =>
      page.evaluate(() => {
        history.pushState(null, '', '/p/spa-navigation/orders?session=spa-session-secret');
        history.replaceState(null, '', '/p/spa-navigation/users/spa.person@corpus.example');
        location.hash = 'id_token=spa-hash-token-secret';
      }),
  },
  {
    name: 'links-and-mailto',
    mechanism: 'href: mailto:, tel:, sensitive query strings, emails in paths, credentials before a host (also in a URL inside a parameter)',
    body: `<p>CANARY-links</p><a href="mailto:link.person@corpus.example?subject=hi">mail</a><a href="tel:+15550100199">call</a>
      <a href="/reset?token=link-token-secret&lang=en">reset</a><a href="/u/link.path@corpus.example/settings">settings</a>
      <a href="https://other.example/cb?code=link-oauth-code-secret">oauth</a><a href="https://deploy:link-cred-pass@10.0.0.7/admin">admin</a>
      <a href="/login?next=https%3A%2F%2Fops%3Alink-nested-pass%4010.0.0.8%2F">login</a>`,
    secrets: [
      'link.person@corpus.example', '+15550100199', 'link-token-secret', 'link.path@corpus.example', 'link-oauth-code-secret',
      'link-cred-pass', 'deploy:', 'link-nested-pass', 'ops%3A',
    ],
    canary: 'CANARY-links',
  },
  {
    name: 'resource-urls',
    mechanism: 'src, srcset, form action, iframe src and CSS url() with personal data',
    body: `<p>CANARY-resources</p><img src="/pixel.gif?uid=res.img@corpus.example">
      <img srcset="/a.png?sig=res-srcset-signature-secret 2x"><form action="/submit?session_id=res-form-session-secret"></form>
      <iframe src="https://cross-origin.invalid/embed?api_key=res-iframe-key-secret"></iframe>
      <div style="background:url('/bg.png?email=res.css@corpus.example')">bg</div>`,
    secrets: ['res.img@corpus.example', 'res-srcset-signature-secret', 'res-form-session-secret', 'res-iframe-key-secret', 'res.css@corpus.example'],
    canary: 'CANARY-resources',
  },
  {
    name: 'url-attributes-changed-later',
    mechanism: 'URLs set by later attribute mutations',
    body: '<p>CANARY-url-mutation</p><a id="a" href="/start">go</a><img id="i">',
    secrets: ['later-href-token-secret', 'later.src@corpus.example'],
    canary: 'CANARY-url-mutation',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('a')!.setAttribute('href', '/next?auth=later-href-token-secret');
        document.getElementById('i')!.setAttribute('src', '/avatar?who=later.src@corpus.example');
      }),
  },
  {
    name: 'get-form-values-in-url',
    mechanism: 'page URL, links and navigations: what a visitor typed into a form that submits by GET (search terms, names, a message)',
    query: '?q=getform+search+secret&first_name=Getformfirst&page=2',
    body: `<form method="get" action="/search"><input name="s" value="typed"></form>
      <a id="again" href="/search?query=linked+search+secret&sort=new">again</a><p>CANARY-get-form</p>`,
    secrets: ['getform+search+secret', 'getform search secret', 'Getformfirst', 'linked+search+secret', 'pushed+search+secret', 'Pushed message secret'],
    canary: 'CANARY-get-form',
    act: async (page) =>
      page.evaluate(() => {
        history.pushState({}, '', '/search?s=pushed+search+secret&message=Pushed%20message%20secret');
        document.body.append(document.createElement('hr'));
      }),
  },
  {
    name: 'identity-param-in-url',
    // The id itself travels on purpose, as `lowlight/identify` metadata (test/browser/gates.test.ts checks that).
    mechanism: 'page URL: the ll_id tracked-link parameter is removed from every recorded URL',
    query: '?ll_id=tracked-link-identity&ref=newsletter',
    body: '<p>CANARY-ll-id</p>',
    secrets: ['ll_id'],
    canary: 'CANARY-ll-id',
  },
  {
    name: 'urls-encoded-twice',
    mechanism: 'page URL and links: a URL inside a parameter carries its own encoded values (a login redirect back to a search for an email)',
    query: '?next=%2Fsearch%3Fq%3Dtwice.page%2540corpus.example',
    body: '<a href="/login?next=%2Faccount%3Femail%3Dtwice.link%2540corpus.example">sign in</a><a href="/u/twice.path%2540corpus.example">me</a><p>CANARY-encoded-twice</p>',
    // Each in every encoding: as written, once and twice encoded (secretForms adds the once-encoded form).
    secrets: ['twice.page@corpus.example', 'twice.link@corpus.example', 'twice.path@corpus.example', 'twice.page%2540corpus.example', 'twice.link%2540corpus.example', 'twice.path%2540corpus.example'],
    canary: 'CANARY-encoded-twice',
  },
  {
    name: 'tokens-in-url-paths',
    mechanism: 'page URL, links, navigations and a link shown as text: the token of a password reset, an invitation, a magic sign-in or a share link, in the path',
    query: '#/reset-password/8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c',
    body: `<a href="/auth/magic-link/eyQ9x7Lm2Pk4Rt6Vw8Zb">magic</a><a href="https://docs.example/share/Sh4reL1nkT0ken">doc</a>
      <img src="/files/a1b2c3d4e5f6a7b8c9d0e1f2a3b4/preview"><p>CANARY-path-tokens</p>
      <p>Reset your password: <a href="https://app.example/reset/Rz8TextL1nkT0k">https://app.example/reset/Rz8TextL1nkT0k</a></p>`,
    secrets: ['8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c', 'eyQ9x7Lm2Pk4Rt6Vw8Zb', 'Sh4reL1nkT0ken', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4', 'Ab3dE5gH7jK9', 'Rz8TextL1nkT0k'],
    canary: 'CANARY-path-tokens',
    act: async (page) =>
      page.evaluate(() => {
        history.pushState({}, '', `${location.pathname}/invite/Ab3dE5gH7jK9`);
        document.body.append(document.createElement('hr'));
      }),
  },
];
