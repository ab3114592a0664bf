import type { LeakPage } from './leakPage';

/** Paths people forget: code, metadata, stylesheets, canvas, and content never shown. */
export const forgottenPages: LeakPage[] = [
  {
    name: 'html-comments',
    mechanism: 'HTML comments, at load and added later',
    body: '<p>CANARY-comments</p><!-- debug: user comment.person@corpus.example token comment-token-secret -->',
    secrets: ['comment.person@corpus.example', 'comment-token-secret', 'later-comment-secret'],
    canary: 'CANARY-comments',
    act: (page) => page.evaluate(() => document.body.append(document.createComment('later-comment-secret'))),
  },
  {
    name: 'script-json-data',
    mechanism: '<script> JSON data blocks (__NEXT_DATA__, JSON-LD) and inline code',
    body: `<p>CANARY-scripts</p><script id="__NEXT_DATA__" type="application/json">{"props":{"user":{"name":"next-data-secret-name","session":"next-data-session-secret"}}}</script>
      <script type="application/ld+json">{"@type":"Person","email":"jsonld.person@corpus.example"}</script>
      <script>window.__config = { apiKey: 'inline-script-key-secret' };</script>`,
    secrets: ['next-data-secret-name', 'next-data-session-secret', 'jsonld.person@corpus.example', 'inline-script-key-secret', 'script-changed-secret'],
    canary: 'CANARY-scripts',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('__NEXT_DATA__')!.textContent = '{"changed":"script-changed-secret"}';
      }),
  },
  {
    name: 'script-added-later',
    mechanism: '<script> elements added after the snapshot',
    body: '<p>CANARY-script-later</p>',
    secrets: ['late-script-secret'],
    canary: 'CANARY-script-later',
    act: (page) =>
      page.evaluate(() => {
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = '{"token":"late-script-secret"}';
        document.body.append(script);
      }),
  },
  {
    name: 'meta-tokens',
    mechanism: '<meta> contents such as CSRF tokens',
    head: `<title>meta</title><meta name="csrf-token" content="meta-csrf-secret-token"><meta name="user-email" content="meta.person@corpus.example">
      <meta property="og:description" content="og-description-secret">`,
    body: '<p>CANARY-meta</p>',
    secrets: ['meta-csrf-secret-token', 'meta.person@corpus.example', 'og-description-secret', 'meta-later-secret'],
    canary: 'CANARY-meta',
    act: (page) =>
      page.evaluate(() => {
        document.querySelector('meta[name="csrf-token"]')!.setAttribute('content', 'meta-later-secret');
      }),
  },
  {
    name: 'noscript-and-template',
    mechanism: '<noscript> and <template> content',
    body: `<p>CANARY-noscript</p><noscript><p>noscript-content-secret</p></noscript>
      <template id="tpl"><p>template-content-secret</p><input value="template-input-secret"></template>`,
    secrets: ['noscript-content-secret', 'template-content-secret', 'template-input-secret'],
    canary: 'CANARY-noscript',
  },
  {
    name: 'stylesheet-text',
    mechanism: 'stylesheet text: <style> and linked CSS',
    head: `<title>css</title><style>.who::after { content: "css.person@corpus.example"; } .card::before { content: "4111 1111 1111 1111"; }</style>
      <link rel="stylesheet" href="/css/linked.css">`,
    extraPages: { '/css/linked.css': '.x::after { content: "linked.css@corpus.example"; }' },
    body: '<p class="who">CANARY-stylesheet</p>',
    secrets: ['css.person@corpus.example', '4111 1111 1111 1111', 'linked.css@corpus.example'],
    canary: 'CANARY-stylesheet',
  },
  {
    name: 'inserted-stylesheet-rules',
    mechanism: 'inserted stylesheet rules, CSSOM declarations and adopted stylesheets',
    head: '<title>cssom</title><style id="s">.a { color: red }</style>',
    body: '<p class="a">CANARY-inserted-rules</p>',
    secrets: ['inserted.rule@corpus.example', 'declared.value@corpus.example', 'adopted.sheet@corpus.example'],
    canary: 'CANARY-inserted-rules',
    act: (page) =>
      page.evaluate(() => {
        const sheet = (document.getElementById('s') as HTMLStyleElement).sheet!;
        sheet.insertRule('.b::after { content: "inserted.rule@corpus.example" }', 1);
        (sheet.cssRules[0] as CSSStyleRule).style.setProperty('--owner', '"declared.value@corpus.example"');
        const adopted = new CSSStyleSheet();
        adopted.replaceSync('.c::after { content: "adopted.sheet@corpus.example" }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, adopted];
      }),
  },
  {
    name: 'inline-style-attribute',
    mechanism: 'style attributes, at load and changed later',
    body: `<p>CANARY-inline-style</p><div id="d" style="background-image: url('/bg?mail=inline.style@corpus.example')">x</div>`,
    secrets: ['inline.style@corpus.example', 'style.later@corpus.example'],
    canary: 'CANARY-inline-style',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('d')!.style.setProperty('--who', '"style.later@corpus.example"');
      }),
  },
  {
    name: 'canvas-never-recorded',
    mechanism: 'canvas recording stays off',
    body: `<p>CANARY-canvas</p><canvas id="c" width="200" height="40"></canvas>
      <script>document.getElementById('c').getContext('2d').fillText('canvas-text-secret', 10, 20);</script>`,
    secrets: ['canvas-text-secret'],
    canary: 'CANARY-canvas',
    forbidden: [/rr_dataURL/, /"source":9[,}]/],
    act: (page) => page.evaluate(() => (document.getElementById('c') as HTMLCanvasElement).getContext('2d')!.fillText('more', 0, 30)),
  },
  {
    name: 'inline-event-handlers',
    mechanism: 'inline event handler attributes',
    body: `<p>CANARY-handlers</p><button onclick="track('handler-arg-secret')">Buy</button><body onload="x('onload-secret')"></body>`,
    secrets: ['handler-arg-secret'],
    canary: 'CANARY-handlers',
  },
  {
    name: 'hidden-elements',
    mechanism: 'text hidden from view is still masked',
    body: `<p>CANARY-hidden-text</p><div hidden>hidden.text@corpus.example</div><span style="display:none">4111111111111111</span>
      <div aria-hidden="true" title="aria.hidden@corpus.example">i</div>`,
    secrets: ['hidden.text@corpus.example', '4111111111111111', 'aria.hidden@corpus.example'],
    canary: 'CANARY-hidden-text',
  },
  {
    name: 'custom-elements',
    mechanism: 'custom elements and their attributes',
    body: `<p>CANARY-custom-element</p><user-card user-email="custom.attr@corpus.example" data-id="123456789012"></user-card>
      <script>customElements.define('user-card', class extends HTMLElement { connectedCallback() { this.textContent = 'custom.text@corpus.example'; } });</script>`,
    secrets: ['custom.attr@corpus.example', '123456789012', 'custom.text@corpus.example'],
    canary: 'CANARY-custom-element',
  },
];
