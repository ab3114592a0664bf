import type { Page } from 'playwright-core';
import type { LeakPage } from './leakPage';

/** Runs the page's actions, then plants the canary, so a page whose events never arrived cannot pass. */
export const thenCanary =
  (canary: string, action: () => void = () => {}) =>
  async (page: Page): Promise<void> => {
    await page.evaluate(action);
    await page.evaluate((text) => document.body.insertAdjacentHTML('beforeend', `<p>${text}</p>`), canary);
  };

/** URLs and field values inside CSS, on every path rrweb carries stylesheets by (issue 8, items 2 and 6). */
export const hardeningCssPages: LeakPage[] = [
  {
    name: 'css-url-in-style-attribute',
    mechanism: 'url() in style attributes: unquoted, quoted, CSS-escaped, percent-encoded PII',
    body: `<div style="background-image: url(/bg.png?session=css-attr-session-secret&u=css.attr%40corpus.example)">a</div>
      <div style='background: url("/q.png?api_key=css-attr-key-secret") no-repeat'>b</div>
      <div style="background: url(/e.png?sess\\69 on=css-escaped-session-secret)">c</div>`,
    secrets: ['css-attr-session-secret', 'css.attr@corpus.example', 'css-attr-key-secret', 'css-escaped-session-secret'],
    canary: 'CANARY-css-url-attr',
    act: thenCanary('CANARY-css-url-attr'),
  },
  {
    name: 'css-url-in-style-text',
    mechanism: 'url(), @import and image-set() in <style> text and linked stylesheets',
    head: `<title>css urls</title><style>@import "/missing.css?token=css-import-token-secret";</style>
      <style>.a { background: url("/x.png?email=css.text%40corpus.example") } .b { background-image: image-set("/i.png?auth=css-imageset-auth-secret" 1x) }</style>
      <link rel="stylesheet" href="/css/hardening.css">`,
    extraPages: { '/css/hardening.css': '.c { background: url(/l.png?sid=css-linked-sid-secret) }' },
    body: '<p class="a b c">styled</p>',
    secrets: ['css-import-token-secret', 'css.text@corpus.example', 'css-imageset-auth-secret', 'css-linked-sid-secret'],
    canary: 'CANARY-css-url-text',
    act: thenCanary('CANARY-css-url-text'),
  },
  {
    name: 'css-url-in-cssom-later',
    mechanism: 'url() added after load: insertRule, setProperty on a rule and on an element (custom properties), adopted stylesheets',
    head: '<title>cssom urls</title><style id="s">.a { color: red }</style>',
    body: '<p class="a" id="p">styled</p>',
    secrets: ['css-insert-token-secret', 'insert.url@corpus.example', 'css-decl-session-secret', 'css-prop-code-secret', 'css.prop@corpus.example', 'css-adopted-key-secret'],
    canary: 'CANARY-css-url-cssom',
    act: thenCanary('CANARY-css-url-cssom', () => {
      const sheet = (document.getElementById('s') as HTMLStyleElement).sheet!;
      sheet.insertRule('.z { background: url(/later.png?token=css-insert-token-secret&who=insert.url%40corpus.example) }', 1);
      (sheet.cssRules[0] as CSSStyleRule).style.setProperty('--bg', 'url("/d.png?session_id=css-decl-session-secret")');
      document.getElementById('p')!.style.setProperty('--hero', 'url(/h.png?code=css-prop-code-secret&m=css.prop%40corpus.example)');
      const adopted = new CSSStyleSheet();
      adopted.replaceSync('.k { background: url("/k.png?apikey=css-adopted-key-secret") }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, adopted];
    }),
  },
  {
    name: 'css-field-values-in-style-text',
    mechanism: 'attribute selectors with literal values and content strings in <style> text',
    head: `<title>css values</title><style>input[value="css-selector-value-secret"] { outline: 1px solid red }
      [data-owner='css-data-owner-secret'] { color: red } [value=cssbareselectorsecret] { color: blue }
      .who::after { content: "css-content-string-secret" }</style>`,
    body: '<p class="who">styled</p><input type="text">',
    secrets: ['css-selector-value-secret', 'css-data-owner-secret', 'cssbareselectorsecret', 'css-content-string-secret'],
    canary: 'CANARY-css-values-text',
    act: thenCanary('CANARY-css-values-text'),
  },
  {
    name: 'css-field-values-inserted',
    mechanism: 'attribute selectors and content strings added by insertRule, adopted stylesheets and style attributes',
    head: '<title>css values later</title><style id="s">.a { color: red }</style>',
    body: '<p class="a" id="p">styled</p>',
    secrets: ['css-insert-value-secret', 'css-insert-content-secret', 'css-adopted-content-secret', 'css-inline-content-secret'],
    canary: 'CANARY-css-values-later',
    act: thenCanary('CANARY-css-values-later', () => {
      const sheet = (document.getElementById('s') as HTMLStyleElement).sheet!;
      sheet.insertRule('input[value^="css-insert-value-secret"] { color: red }', 1);
      sheet.insertRule(".q::after { content: 'css-insert-content-secret' }", 2);
      const adopted = new CSSStyleSheet();
      adopted.replaceSync('.r::before { content: "css-adopted-content-secret" }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, adopted];
      document.getElementById('p')!.style.setProperty('--label', '"css-inline-content-secret"');
    }),
  },
];
