import type { LeakPage } from './leakPage';

/**
 * Issue 8's masking classes, each in several shapes: documents inside
 * attributes, a mark and a change in one mutation, values split across inline
 * elements (checked in the replay, where the pieces show whole), and the
 * `value` attribute outside form fields.
 */
export const hardeningPages: LeakPage[] = [
  {
    name: 'srcdoc-at-load',
    mechanism: 'an attribute that is a document: iframe srcdoc at load, with field values in its markup',
    body: `<p>CANARY-srcdoc-load</p><iframe srcdoc="<form><input name=card value='srcdoc-field-secret'><textarea>srcdoc-textarea-secret</textarea></form><p>inside</p>"></iframe>`,
    secrets: ['srcdoc-field-secret', 'srcdoc-textarea-secret'],
    canary: 'CANARY-srcdoc-load',
  },
  {
    name: 'srcdoc-added-later',
    mechanism: 'an attribute that is a document: an iframe with srcdoc added later, and srcdoc changed later',
    startOptions: "privacy: 'relaxed'",
    body: '<p>CANARY-srcdoc-later</p><iframe id="f" srcdoc="<p>first</p>"></iframe>',
    secrets: ['srcdoc-later-field-secret', 'srcdoc-changed-field-secret'],
    canary: 'CANARY-srcdoc-later',
    act: async (page) => {
      await page.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.srcdoc = '<input value="srcdoc-later-field-secret">';
        document.body.append(frame);
        document.getElementById('f')!.setAttribute('srcdoc', '<select><option selected>srcdoc-changed-field-secret</option></select>');
      });
      await page.waitForTimeout(200);
    },
  },
  {
    name: 'markup-in-attributes',
    mechanism: 'attributes that carry markup: tooltip HTML, data: documents, javascript: URLs',
    body: `<p>CANARY-markup-attributes</p>
      <button data-bs-content="<input value='tooltip-field-secret'>" data-bs-html="true">Help</button>
      <iframe src="data:text/html,<input value=data-url-field-secret>"></iframe>
      <object data="data:text/html;charset=utf-8,%3Cp%3Eobject-data-secret%3C/p%3E"></object>
      <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Ctext%3Esvg-data-secret%3C/text%3E%3C/svg%3E">
      <a id="j" href="javascript:track('js-url-secret')">go</a>`,
    secrets: ['tooltip-field-secret', 'data-url-field-secret', 'object-data-secret', 'svg-data-secret', 'js-url-secret'],
    canary: 'CANARY-markup-attributes',
    act: (page) =>
      page.evaluate(() => document.getElementById('j')!.setAttribute('data-template', '<textarea>later-markup-secret</textarea>')),
  },
  {
    name: 'mask-and-change-one-tick',
    mechanism: 'a mark and a change in one mutation: data-ll-mask or -block set, and text and attributes changed, before rrweb emits',
    body: '<p>CANARY-mark-and-change</p><p id="t">Balance pending</p><div id="d" title="x"><span>old</span></div><section id="s"><p>Summary</p></section>',
    secrets: ['same-tick-text-secret', 'same-tick-title-secret', 'same-tick-added-secret', 'same-tick-reverse-secret', 'block-tick-text-secret'],
    canary: 'CANARY-mark-and-change',
    act: (page) =>
      page.evaluate(() => {
        const text = document.getElementById('t')!;
        text.setAttribute('data-ll-mask', '');
        (text.firstChild as Text).data = 'same-tick-text-secret';
        text.title = 'same-tick-title-secret';
        // The other order: the change first, then the mark on an ancestor.
        const box = document.getElementById('d')!;
        box.firstElementChild!.textContent = 'same-tick-reverse-secret';
        box.insertAdjacentHTML('beforeend', '<em>same-tick-added-secret</em>');
        box.setAttribute('data-ll-mask', '');
        const section = document.getElementById('s')!;
        section.firstElementChild!.textContent = 'block-tick-text-secret';
        section.setAttribute('data-ll-block', '');
      }),
  },
  {
    name: 'split-values-at-load',
    mechanism: 'values split across inline elements in the first snapshot (checked in the replay)',
    body: `<p>CANARY-split-load</p>
      <p>Card <span>4111</span> <span>1111</span> <span>1111</span> <span>1111</span> on file</p>
      <p>Write to <i>alice.leak@</i><b>example.com</b> now</p>
      <p>Or bob.split<wbr>@exa<!-- -->mple.org<span></span></p>
      <div>Phone <a href="#">(202)</a> <strong>555-0173</strong></div>
      <p>Card <x-digits>5555 5555</x-digits>\n   <x-digits>5555 4444</x-digits></p>`,
    secrets: ['4111 1111 1111 1111', 'alice.leak@example.com', 'bob.split@example.org', '(202) 555-0173', '5555 5555 5555 4444'],
    canary: 'CANARY-split-load',
  },
  {
    name: 'split-values-added-later',
    mechanism: 'values split across inline elements in later mutations: a block added, inline content replaced',
    body: '<p>CANARY-split-later</p><main id="m"></main><p id="r">Reference pending</p>',
    secrets: ['4242 4242 4242 4242', 'carol.split@example.net', '378282246310005'],
    canary: 'CANARY-split-later',
    act: (page) =>
      page.evaluate(() => {
        document.getElementById('m')!.insertAdjacentHTML('beforeend', '<p>Card <b>4242</b> <b>4242</b> <b>4242</b> <b>4242</b></p>');
        document.getElementById('r')!.innerHTML = 'Mail <span>carol.split</span>@<span>example.net</span>, Amex <u>37828</u><u>22463</u><u>10005</u>';
      }),
  },
  {
    name: 'split-values-completed-later',
    mechanism: 'values split across inline elements, completed by later mutations next to text sent earlier',
    body: `<p>CANARY-split-completed</p><p>Card <span id="a">4000 0566</span> <span id="b"></span></p>
      <p>Mail <span>dana.split</span><span id="d">@</span></p><p>Call <i>(202)</i> <i id="n">555</i></p>`,
    secrets: ['4000 0566 5566 5556', 'dana.split@example.com', '(202) 555-0133'],
    canary: 'CANARY-split-completed',
    act: async (page) => {
      await page.evaluate(() => (document.getElementById('b')!.textContent = '5566 5556'));
      await page.waitForTimeout(50);
      await page.evaluate(() => ((document.getElementById('d')!.firstChild as Text).data = '@example.com'));
      await page.waitForTimeout(50);
      await page.evaluate(() => document.getElementById('n')!.append('-0133'));
    },
  },
  {
    name: 'value-attribute-outside-fields',
    mechanism: 'the value attribute outside form fields: data, button, li, meter, progress, param, output',
    body: `<p>CANARY-value-attributes</p><data value="data-value-secret">Item</data>
      <button name="b" value="button-value-secret">Buy</button><ol><li value="73219">first</li></ol>
      <meter value="0.8123"></meter><progress value="4711" max="10000"></progress>
      <object><param name="config" value="param-value-secret"></object><data id="later" value="1">x</data>`,
    secrets: ['data-value-secret', 'button-value-secret', '73219', '0.8123', '4711', 'param-value-secret', 'later-value-secret'],
    canary: 'CANARY-value-attributes',
    act: (page) => page.evaluate(() => document.getElementById('later')!.setAttribute('value', 'later-value-secret')),
  },
];
