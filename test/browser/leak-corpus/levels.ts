import type { LeakPage } from './leakPage';

/** Privacy levels, failing closed, the egress guard and Lowlight's own traffic and storage. */
export const levelPages: LeakPage[] = [
  {
    name: 'strict-masks-all-text',
    mechanism: 'strict: all text and content attributes masked, explicit unmask opts in',
    startOptions: "privacy: 'strict'",
    body: `<h1 data-ll-unmask>CANARY-strict</h1><p>Diagnosis: strict-plain-text-secret</p><img alt="strict-alt-secret">
      <a href="/search?q=strict-query-secret">search</a>`,
    secrets: ['strict-plain-text-secret', 'strict-alt-secret', 'strict-query-secret'],
    canary: 'CANARY-strict',
  },
  {
    name: 'relaxed-keeps-fields-masked',
    mechanism: 'relaxed: fields, passwords and explicit marks still masked',
    startOptions: "privacy: 'relaxed'",
    body: '<p>CANARY-relaxed</p><input id="f"><input id="p" type="password"><p data-ll-mask>relaxed-masked-secret</p>',
    secrets: ['relaxed-field-secret', 'relaxed-password-secret', 'relaxed-masked-secret'],
    canary: 'CANARY-relaxed',
    act: async (page) => {
      await page.locator('#f').pressSequentially('relaxed-field-secret', { delay: 5 });
      await page.locator('#p').pressSequentially('relaxed-password-secret', { delay: 5 });
    },
  },
  {
    name: 'failing-detector',
    mechanism: 'fail closed: a detector that throws redacts the whole value',
    startOptions: `detectors: [{ name: 'corpus/throws@1', label: 'throws', maskMatches(text) { if (text.includes('TRIGGER')) throw new Error('detector bug'); return text; } }]`,
    body: '<p>CANARY-failing-detector</p><p>TRIGGER failing-detector-secret</p>',
    secrets: ['failing-detector-secret'],
    canary: 'CANARY-failing-detector',
  },
  {
    name: 'custom-detector',
    mechanism: 'user regexes with a label',
    startOptions: `detectors: [{ name: 'corpus/order@1', label: 'order id', maskMatches: (text, redact) => text.replace(/ORD-[A-Z0-9]{6}/g, redact) }]`,
    body: '<p>CANARY-custom-detector</p><p>Your order ORD-X7Q2ZP ships today.</p>',
    secrets: ['ORD-X7Q2ZP'],
    canary: 'CANARY-custom-detector',
  },
  {
    name: 'egress-guard-catches-plugins',
    mechanism: 'egress guard: a plugin adds personal data after masking',
    startOptions: `plugins: [{ name: 'corpus/leaky@1', processEvent: (event) => ({ ...event, leaked: { owner: 'plugin.leak@corpus.example', card: '4111 1111 1111 1111' } }) }]`,
    body: '<p>CANARY-egress-guard</p>',
    secrets: ['plugin.leak@corpus.example', '4111 1111 1111 1111'],
    canary: 'CANARY-egress-guard',
  },
  {
    name: 'own-requests-and-storage',
    mechanism: "the SDK's own requests (no Referer, no cookies) and storage",
    query: '?session_token=own-request-url-secret-param',
    body: `<p>CANARY-own-traffic</p><input id="f"><script>document.cookie = 'site_cookie=own-cookie-secret; path=/';</script>`,
    secrets: ['own-request-url-secret-param', 'own-cookie-secret', 'own-typed-secret'],
    canary: 'CANARY-own-traffic',
    act: (page) => page.locator('#f').pressSequentially('own-typed-secret', { delay: 5 }),
  },
];
