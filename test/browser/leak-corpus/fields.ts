import type { Page } from 'playwright-core';
import type { LeakPage } from './leakPage';

const type = (page: Page, selector: string, text: string) => page.locator(selector).pressSequentially(text, { delay: 5 });

/** Form fields: every value masked on every path, secrets never recorded at all. */
export const fieldPages: LeakPage[] = [
  {
    name: 'typed-text-input',
    mechanism: 'input events: typed text',
    body: '<p>CANARY-typed-text</p><label>Name <input id="f"></label>',
    secrets: ['Grace Brewster Hopper'],
    canary: 'CANARY-typed-text',
    act: (page) => type(page, '#f', 'Grace Brewster Hopper'),
  },
  {
    name: 'typed-input-types',
    mechanism: 'input events: email, tel, number, search, url, date inputs',
    body: `<p>CANARY-input-types</p><input id="e" type="email"><input id="t" type="tel"><input id="n" type="number">
      <input id="s" type="search"><input id="u" type="url"><input id="d" type="date">`,
    secrets: ['typed.person@corpus.example', '+1 202 555 0143', '31415926535', 'search-term-secret', 'https://private.example/x', '1987-06-05'],
    canary: 'CANARY-input-types',
    act: async (page) => {
      await type(page, '#e', 'typed.person@corpus.example');
      await type(page, '#t', '+1 202 555 0143');
      await type(page, '#n', '31415926535');
      await type(page, '#s', 'search-term-secret');
      await type(page, '#u', 'https://private.example/x');
      await page.locator('#d').fill('1987-06-05');
    },
  },
  {
    name: 'prefilled-value-attribute',
    mechanism: 'value attribute in the full snapshot',
    body: '<p>CANARY-prefilled</p><input value="prefilled-attribute-secret"><input type="email" value="prefill@corpus.example">',
    secrets: ['prefilled-attribute-secret', 'prefill@corpus.example'],
    canary: 'CANARY-prefilled',
  },
  {
    name: 'value-attribute-mutation',
    mechanism: 'value attribute set by a later mutation',
    body: '<p>CANARY-value-mutation</p><input id="f">',
    secrets: ['set-attribute-secret'],
    canary: 'CANARY-value-mutation',
    act: (page) => page.evaluate(() => document.getElementById('f')!.setAttribute('value', 'set-attribute-secret')),
  },
  {
    name: 'programmatic-value-set',
    mechanism: 'value property set by script, no input event',
    body: '<p>CANARY-programmatic</p><input id="f"><textarea id="t"></textarea>',
    secrets: ['programmatic-value-secret', 'programmatic-textarea-secret'],
    canary: 'CANARY-programmatic',
    act: (page) =>
      page.evaluate(() => {
        (document.getElementById('f') as HTMLInputElement).value = 'programmatic-value-secret';
        (document.getElementById('t') as HTMLTextAreaElement).value = 'programmatic-textarea-secret';
      }),
  },
  {
    name: 'textarea-typed',
    mechanism: 'textarea: initial content and typed text',
    body: '<p>CANARY-textarea</p><textarea id="t">initial-textarea-secret</textarea>',
    secrets: ['initial-textarea-secret', 'second line secret'],
    canary: 'CANARY-textarea',
    act: async (page) => {
      await page.locator('#t').fill('');
      await type(page, '#t', 'first line\nsecond line secret');
    },
  },
  {
    name: 'password-typed',
    mechanism: 'password field: never recorded, not even its length',
    body: '<p>CANARY-password</p><input id="p" type="password" value="pw-prefilled-secret">',
    secrets: ['pw-prefilled-secret', 'correct-horse-battery', '*'.repeat('correct-horse-battery'.length)],
    canary: 'CANARY-password',
    act: async (page) => {
      await page.locator('#p').fill('');
      await type(page, '#p', 'correct-horse-battery');
    },
  },
  {
    name: 'show-password-toggle',
    mechanism: 'a field that was ever a password stays masked',
    body: `<p>CANARY-toggle</p><input id="p" type="password"><button id="b" onclick="document.getElementById('p').type='text'">show</button>`,
    secrets: ['toggle-before-secret', 'toggle-after-secret'],
    canary: 'CANARY-toggle',
    act: async (page) => {
      await type(page, '#p', 'toggle-before-secret');
      await page.click('#b');
      await page.locator('#p').fill('');
      await type(page, '#p', 'toggle-after-secret');
    },
  },
  {
    name: 'hidden-input',
    mechanism: 'type=hidden never recorded',
    body: '<p>CANARY-hidden</p><form><input type="hidden" name="auth" value="hidden-input-secret-token"></form>',
    secrets: ['hidden-input-secret-token'],
    canary: 'CANARY-hidden',
    act: (page) => page.evaluate(() => document.querySelector('input')!.setAttribute('value', 'hidden-input-secret-token')),
  },
  {
    name: 'autocomplete-card-fields',
    mechanism: 'autocomplete cc-* never recorded, even opted in',
    body: `<p>CANARY-cc-fields</p><input id="n" autocomplete="cc-name" data-ll-unmask><input id="c" autocomplete="cc-csc" data-ll-unmask>
      <input id="x" autocomplete="cc-exp">`,
    secrets: ['Cardholder Secretname', '4912', '08/31'],
    canary: 'CANARY-cc-fields',
    act: async (page) => {
      await type(page, '#n', 'Cardholder Secretname');
      await type(page, '#c', '4912');
      await type(page, '#x', '08/31');
    },
  },
  {
    name: 'one-time-code',
    mechanism: 'autocomplete one-time-code never recorded',
    body: '<p>CANARY-otp</p><input id="o" autocomplete="one-time-code" inputmode="numeric" data-ll-unmask>',
    secrets: ['482913'],
    canary: 'CANARY-otp',
    act: (page) => type(page, '#o', '482913'),
  },
  {
    name: 'new-password-on-text-field',
    mechanism: 'autocomplete current-password/new-password on a text field',
    body: '<p>CANARY-new-password</p><input id="a" type="text" autocomplete="new-password" data-ll-unmask><input id="b" autocomplete="current-password">',
    secrets: ['new-password-text-secret', 'current-password-text-secret'],
    canary: 'CANARY-new-password',
    act: async (page) => {
      await type(page, '#a', 'new-password-text-secret');
      await type(page, '#b', 'current-password-text-secret');
    },
  },
  {
    name: 'radio-and-checkbox-values',
    mechanism: 'checked radio and checkbox values',
    body: `<p>CANARY-choices</p><label><input type="radio" name="d" value="diagnosis-secret-a">A</label>
      <label><input type="radio" name="d" value="diagnosis-secret-b" id="r">B</label>
      <label><input type="checkbox" value="consent-secret-value" id="c">C</label>`,
    secrets: ['diagnosis-secret-a', 'diagnosis-secret-b', 'consent-secret-value'],
    canary: 'CANARY-choices',
    act: async (page) => {
      await page.click('#r');
      await page.click('#c');
    },
  },
  {
    name: 'select-options',
    mechanism: 'select option labels and values',
    body: `<p>CANARY-select</p><select id="s"><option value="plan-free">Free</option>
      <option value="plan-secret-value">Secret plan label</option></select>`,
    secrets: ['plan-secret-value', 'Secret plan label', 'plan-free'],
    canary: 'CANARY-select',
    act: (page) => page.selectOption('#s', 'plan-secret-value').then(() => undefined),
  },
  {
    name: 'select-multiple-programmatic',
    mechanism: 'multi-select, selectedIndex set by script',
    body: `<p>CANARY-multi</p><select id="m" multiple><option>Allergy secret one</option><option>Allergy secret two</option></select>
      <select id="s"><option>first</option><option>Region secret choice</option></select>`,
    secrets: ['Allergy secret one', 'Allergy secret two', 'Region secret choice'],
    canary: 'CANARY-multi',
    act: async (page) => {
      await page.selectOption('#m', ['Allergy secret one', 'Allergy secret two']);
      await page.evaluate(() => {
        (document.getElementById('s') as HTMLSelectElement).selectedIndex = 1;
      });
    },
  },
  {
    name: 'datalist-suggestions',
    mechanism: 'datalist options',
    body: `<p>CANARY-datalist</p><input list="dl" id="i"><datalist id="dl"><option value="datalist-secret-suggestion">
      <option value="other-suggestion-secret"></datalist>`,
    secrets: ['datalist-secret-suggestion', 'other-suggestion-secret'],
    canary: 'CANARY-datalist',
  },
  {
    name: 'contenteditable-typing',
    mechanism: 'contenteditable regions treated as inputs',
    body: '<p>CANARY-editable</p><div id="ed" contenteditable="true"><p>Draft: editable-initial-secret</p></div>',
    secrets: ['editable-initial-secret', 'typed into the editor secret'],
    canary: 'CANARY-editable',
    act: async (page) => {
      await page.click('#ed p');
      await page.keyboard.press('End');
      await page.keyboard.type(' typed into the editor secret', { delay: 5 });
    },
  },
  {
    name: 'design-mode-editors',
    mechanism: 'iframe documents in designMode, as some rich-text editors use: switched on before recording and after it started',
    body: `<p>CANARY-design-mode</p>
      <iframe id="early" srcdoc="<body><p>Draft: design-early-draft-secret</p></body>" onload="this.contentDocument.designMode = 'on'"></iframe>
      <iframe id="late" srcdoc="<body><p>Notes:</p></body>"></iframe>`,
    // The late editor's text was page text until design mode came on: only what is typed after is input.
    secrets: ['design-early-draft-secret', 'design-early-typed-secret', 'design-late-typed-secret'],
    canary: 'CANARY-design-mode',
    act: async (page) => {
      await page.frameLocator('#early').locator('p').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' design-early-typed-secret', { delay: 5 });
      await page.frameLocator('#late').locator('body').evaluate((body) => (body.ownerDocument.designMode = 'on'));
      await page.frameLocator('#late').locator('p').click();
      await page.keyboard.press('End');
      await page.keyboard.type(' design-late-typed-secret', { delay: 5 });
    },
  },
  {
    name: 'file-input-name',
    mechanism: 'file inputs: file names',
    body: '<p>CANARY-file</p><input id="f" type="file">',
    secrets: ['medical-record-secret.pdf'],
    canary: 'CANARY-file',
    act: (page) => page.setInputFiles('#f', { name: 'medical-record-secret.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') }),
  },
  {
    name: 'stale-value-attribute',
    mechanism: 'a stale value attribute after the live value is cleared',
    body: `<p>CANARY-stale</p><input id="s" value="stale-attribute-secret"><script>document.getElementById('s').value = '';</script>`,
    secrets: ['stale-attribute-secret'],
    canary: 'CANARY-stale',
  },
  {
    name: 'field-in-unmasked-container',
    mechanism: 'data-ll-unmask on an ancestor does not reach a field',
    body: '<section data-ll-unmask><p>CANARY-unmasked-container</p><input id="f"></section>',
    secrets: ['container-unmask-field-secret'],
    canary: 'CANARY-unmasked-container',
    act: (page) => type(page, '#f', 'container-unmask-field-secret'),
  },
  {
    name: 'unmasked-field-detectors',
    mechanism: 'data-ll-unmask opts a field in, detectors still apply',
    body: '<p>Search:</p><input id="q" data-ll-unmask>',
    secrets: ['searcher@corpus.example', '4000 0566 5566 5556'],
    canary: 'CANARY-opted-in-search',
    act: (page) => type(page, '#q', 'CANARY-opted-in-search searcher@corpus.example 4000 0566 5566 5556'),
  },
  {
    name: 'output-shows-input',
    mechanism: 'an <output> that shows what the visitor typed or chose, at load and as they type',
    body: `<p>CANARY-output</p><form oninput="o.value = 'Yearly ' + a.value * 12">
      <input id="a" name="a" type="number"> <output name="o" id="o">Yearly 39600</output></form>`,
    secrets: ['39600', '51360', '4280'],
    canary: 'CANARY-output',
    act: (page) => type(page, '#a', '4280'),
  },
  {
    name: 'typed-input-shown-back',
    mechanism: 'what the visitor types shown back as page text: live search results, a sent chat message, a validation message',
    body: `<p>CANARY-shown-back</p>
      <input id="q" oninput="document.getElementById('r').textContent = 'Results for ' + this.value">
      <h2 id="r"></h2>
      <textarea id="m"></textarea><button id="send" onclick="const li = document.createElement('li');
        li.textContent = document.getElementById('m').value; document.getElementById('log').append(li);
        document.getElementById('m').value = '';">Send</button><ul id="log"></ul>
      <input id="e" onchange="document.getElementById('err').textContent = this.value + ' is not a valid address'"><p id="err"></p>`,
    secrets: ['hiv clinic near me', 'Results for hiv', 'meet at the usual place', 'janedoe-at-corpus'],
    canary: 'CANARY-shown-back',
    act: async (page) => {
      await type(page, '#q', 'hiv clinic near me');
      await type(page, '#m', 'meet at the usual place');
      await page.click('#send');
      await type(page, '#e', 'janedoe-at-corpus');
      await page.locator('#e').blur();
    },
  },
  {
    name: 'option-label-attributes',
    mechanism: "a select's options shown by their label attribute, in optgroups labelled by the page, at load and added later",
    body: `<p>CANARY-option-labels</p>
      <select id="who"><optgroup label="Patients of Dr Quennell"><option label="Ottilie Brackwater" value="1"></option></optgroup></select>`,
    secrets: ['Ottilie Brackwater', 'Quennell', 'Perpetua Vandersloot'],
    canary: 'CANARY-option-labels',
    act: async (page) => {
      await page.evaluate(() => {
        const option = document.createElement('option');
        option.label = 'Perpetua Vandersloot';
        document.getElementById('who')!.append(option);
      });
    },
  },
  {
    name: 'typed-input-shown-changed',
    mechanism: 'what the visitor types shown back changed: in capitals, split over inline elements, with no-break spaces',
    body: `<p>CANARY-shown-changed</p>
      <input id="n" oninput="const [first, ...rest] = this.value.split(' ');
        document.getElementById('card').innerHTML = 'Card for <b>' + first.toUpperCase() + '</b> <i>' + rest.join(' ') + '</i>'">
      <p id="card"></p>
      <input id="t" oninput="document.getElementById('chip').textContent = this.value.replace(/ /g, '\\u00a0')"><span id="chip"></span>`,
    secrets: ['MARGARET', 'Thistlewood', 'rare\u00a0disease', 'disease\u00a0forum'],
    canary: 'CANARY-shown-changed',
    act: async (page) => {
      await type(page, '#n', 'margaret Thistlewood');
      await type(page, '#t', 'rare disease forum');
    },
  },
];
