import { describe, expect, it, vi } from 'vitest';
import { recordDom, settle, typeInto } from '../../../test/support/recordDom';
import { createEventMasker, MAX_TYPED_FIELDS, type MaskOptions } from './createEventMasker';
import { EventType, IncrementalSource, type RecordedEvent } from './rrweb';

/** Masks a deep copy of rrweb's events and returns what would leave the page, as JSON. */
function maskedJson(events: RecordedEvent[], options?: MaskOptions): string {
  const masker = createEventMasker(options);
  const kept = structuredClone(events)
    .map((event) => masker.maskEvent(event))
    .filter((event) => event !== null);
  return JSON.stringify(kept);
}

/** A full snapshot of a document (id 1) whose children are `childNodes`, as rrweb serializes one. */
const snapshotOf = (childNodes: unknown[]): RecordedEvent => ({
  type: EventType.FullSnapshot,
  timestamp: 1,
  data: { initialOffset: { top: 0, left: 0 }, node: { type: 0, id: 1, childNodes } },
});

const inputEvents = (events: RecordedEvent[]) =>
  events.filter((event) => event.type === EventType.IncrementalSnapshot && (event.data as { source: number }).source === IncrementalSource.Input);

describe('createEventMasker: form fields', () => {
  it('masks every field value by default: inputs of all types, textarea, select and its options', async () => {
    const events = await recordDom(
      `<input id="t" value="initial-text-value">
       <input id="e" type="email" value="">
       <input id="n" type="number" value="424242">
       <textarea id="a">textarea-secret-content</textarea>
       <select id="s"><option value="opt-value-one">Option label one</option><option value="opt-value-two" selected>Option label two</option></select>
       <select><optgroup label="Group-label-patients"><option label="Option-label-attribute" value="3"></option></optgroup></select>
       <input type="checkbox" value="checkbox-value" checked>
       <input type="radio" name="r" value="radio-value" checked>`,
      (doc) => {
        typeInto(doc.querySelector<HTMLInputElement>('#t')!, 'typed-by-visitor');
        typeInto(doc.querySelector<HTMLInputElement>('#e')!, 'visitor-typed-email');
        typeInto(doc.querySelector<HTMLTextAreaElement>('#a')!, 'typed-in-textarea');
      },
    );
    const sent = maskedJson(events);
    for (const secret of [
      'initial-text-value', 'typed-by-visitor', 'visitor-typed-email', '424242', 'textarea-secret-content',
      'typed-in-textarea', 'opt-value-one', 'opt-value-two', 'Option label', 'Option-label-attribute', 'Group-label-patients',
      'checkbox-value', 'radio-value',
    ]) {
      expect(sent).not.toContain(secret);
    }
    // The layout survives: masked text keeps its length.
    expect(sent).toContain('"text":"****************"');
  });

  it('masks what an <output> shows: the result a form computes from the visitor\'s input, at load and later', async () => {
    const events = await recordDom(
      '<input id="r" type="range" value="72"><output id="o" for="r">Income 72000</output><p>Visible heading</p>',
      (doc) => {
        doc.querySelector('#o')!.textContent = 'Income 98000';
      },
    );
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/Income|72000|98000/);
    expect(sent).toContain('Visible heading');
  });

  it('never records a password: no value, no input events, even after a show-password toggle', async () => {
    const events = await recordDom('<input id="p" type="password" value="pw-initial-hunter2">', (doc) => {
      const field = doc.querySelector<HTMLInputElement>('#p')!;
      typeInto(field, 'pw-typed-correct-horse');
      field.type = 'text';
      typeInto(field, 'pw-shown-battery-staple');
      field.setAttribute('value', 'pw-attribute-set');
    });
    expect(inputEvents(events).length).toBeGreaterThan(0);
    const masker = createEventMasker();
    const kept = structuredClone(events).map((event) => masker.maskEvent(event)).filter((event) => event !== null);
    const sent = JSON.stringify(kept);
    expect(sent).not.toMatch(/pw-|hunter2|horse|battery/);
    expect(inputEvents(kept)).toHaveLength(0);
    // Not even the length: no run of mask characters as long as the password.
    expect(sent).not.toContain('*'.repeat('pw-initial-hunter2'.length));
  });

  it('never records hidden inputs or fields marked for card data and one-time codes', async () => {
    const events = await recordDom(
      `<input type="hidden" name="csrf" value="hidden-csrf-token-value">
       <input autocomplete="cc-number" value="cc-field-value" data-ll-unmask>
       <input autocomplete="one-time-code" value="otp-field-value" data-ll-unmask>`,
    );
    expect(maskedJson(events)).not.toMatch(/hidden-csrf-token-value|cc-field-value|otp-field-value|\*{14}/);
  });

  it('records a field the site opted in with data-ll-unmask, with detectors still applied', async () => {
    const events = await recordDom('<input id="u" data-ll-unmask value="">', (doc) => {
      typeInto(doc.querySelector<HTMLInputElement>('#u')!, 'search shoes for jo@example.com');
    });
    const sent = maskedJson(events);
    expect(sent).toContain('search shoes for ');
    expect(sent).not.toContain('jo@example.com');
  });

  it('opts a field in only by a mark on the field itself, never by a marked ancestor', async () => {
    const events = await recordDom(
      `<section data-ll-unmask><p>public section text</p><input value="field-in-unmasked-section">
         <select><option value="option-in-unmasked-section" selected>option label in section</option></select>
         <div contenteditable><p>editor text in section</p><p data-ll-unmask>editor text opted in</p></div></section>`,
    );
    const sent = maskedJson(events, { level: 'strict' });
    expect(sent).toContain('public section text');
    expect(sent).toContain('editor text opted in');
    expect(sent).not.toMatch(/field-in-unmasked-section|option-in-unmasked-section|option label in section|editor text in section/);
  });

  it('treats a contenteditable region as a field', async () => {
    const events = await recordDom('<div id="ed" contenteditable="true"><p>editable-initial</p></div>', (doc) => {
      doc.querySelector('#ed p')!.firstChild!.textContent = 'editable-typed-text';
      doc.querySelector('#ed')!.append(doc.createTextNode('editable-appended'));
    });
    expect(maskedJson(events)).not.toMatch(/editable-(initial|typed-text|appended)/);
  });
});

describe('createEventMasker: what the visitor typed, shown back', () => {
  /** Types into each field and has the page show the value back, as a preview, a results heading or a sent message. */
  const echoes = (markup: string, values: Record<string, string>) =>
    recordDom(`${markup}<p id="shown">nothing yet</p>`, (doc) => {
      for (const [selector, value] of Object.entries(values)) {
        const field = doc.querySelector<HTMLInputElement>(selector)!;
        field.addEventListener('input', () => (doc.querySelector('#shown')!.textContent = `Results for ${field.value}.`));
        typeInto(field, value);
      }
      doc.body.insertAdjacentHTML('beforeend', `<ul>${Object.values(values).map((value) => `<li title="Sent: ${value}">${value}</li>`).join('')}</ul>`);
    });

  it('masks a typed value wherever the page shows it back, in text and in text attributes', async () => {
    const sent = maskedJson(await echoes('<input id="q"><textarea id="m"></textarea>', { '#q': 'divorce lawyer', '#m': 'Call me back tonight' }));
    expect(sent).not.toMatch(/divorce|lawyer|Call me|tonight/);
    expect(sent).toContain('Results for');
    expect(sent).toContain('Sent: ');
  });

  it('leaves shown what the visitor typed into a field the site unmasked, and values of 2 characters or fewer', async () => {
    const sent = maskedJson(await echoes('<input id="u" data-ll-unmask><input id="s">', { '#u': 'Opted in text', '#s': '42' }));
    expect(sent).toContain('Sent: Opted in text');
    expect(sent).toContain('Results for 42.');
  });

  it(`remembers the latest value of the last ${MAX_TYPED_FIELDS} fields typed into`, async () => {
    const count = MAX_TYPED_FIELDS + 1;
    const fields = Object.fromEntries(Array.from({ length: count }, (_, i) => [`#f${i}`, `typed value ${i}`]));
    const events = await echoes(Array.from({ length: count }, (_, i) => `<input id="f${i}">`).join(''), fields);
    const sent = maskedJson(events);
    expect(sent).toContain('typed value 0');
    for (let i = 1; i < count; i++) expect(sent).not.toContain(`typed value ${i}"`);
  });

  it("masks the value of the radio or checkbox the visitor checked where the page shows it, not the others' values", async () => {
    const sent = maskedJson(
      await recordDom(
        `<input type="radio" name="c" id="a" value="diabetes-type-2"><input type="radio" name="c" id="b" value="asthma-chronic">
         <input type="checkbox" id="n" value="newsletter-weekly"><p id="shown"></p>`,
        (doc) => {
          doc.querySelector<HTMLInputElement>('#b')!.click();
          doc.querySelector('#shown')!.textContent = 'Chosen: asthma-chronic. Also offered: diabetes-type-2, newsletter-weekly.';
        },
      ),
    );
    expect(sent).not.toContain('asthma-chronic');
    expect(sent).toContain('Also offered: diabetes-type-2, newsletter-weekly.');
  });

  it('does nothing at relaxed', async () => {
    expect(maskedJson(await echoes('<input id="q">', { '#q': 'visible search' }), { level: 'relaxed' })).toContain('Results for visible search.');
  });

  /** Types `value` into the page's `#q`, then has the page add `shown` (markup) to its body. */
  const shownAfterTyping = (value: string, shown: string) =>
    recordDom('<input id="q"><div id="out"></div>', (doc) => {
      typeInto(doc.querySelector<HTMLInputElement>('#q')!, value);
      doc.querySelector('#out')!.innerHTML = shown;
    });

  // Split over inline elements: readInlineRun.test.ts, as runs are read from the page.
  it('masks a typed value shown back changed as detectors read text: in another case, with other spaces', async () => {
    const sent = maskedJson(await shownAfterTyping('Jane  Doe', '<h2>Welcome, JANE DOE</h2><p title="Jane\u00a0Doe">Jane\nDoe</p>'));
    expect(sent).not.toMatch(/jane|doe/i);
    expect(sent).toContain('Welcome, ');
  });

  it('masks a typed value in a URL the page writes after it', async () => {
    const sent = maskedJson(await shownAfterTyping('janedoe', '<a href="/profile/janedoe/settings">settings</a>'));
    expect(sent).not.toContain('janedoe');
    expect(sent).toContain('/profile/');
  });

  it('leaves the markup and styles of the page as they are: tag names, class names and CSS holding a typed value', async () => {
    const sent = maskedJson(await shownAfterTyping('center', '<div class="text-center" style="text-align: center">centered</div>'));
    expect(sent).toContain('"tagName":"div"');
    expect(sent).toContain('text-center');
    expect(sent).toContain('text-align: center');
    expect(sent).not.toContain('centered');
  });
});

describe('createEventMasker: a secret in the block after its label', () => {
  it('masks the first word holding a digit of the text after a label, and each one-word text after it', async () => {
    const sent = maskedJson(
      await recordDom(`<dl><dt>Temporary password</dt><dd>Xk9#mP2q</dd><dt>Username</dt><dd>jsmith</dd></dl>
        <p>Your verification code is:</p><p style="font-size: 2em">482913</p><p>It expires in 10 minutes.</p>
        <h3>Recovery codes</h3><ul><li>8f3k-29dk</li><li>k2j4-mm81</li><li> x9pq-44ab </li></ul><p>Keep 2 copies safe</p>
        <div>Password</div><div>Must have 8 characters</div>`),
    );
    expect(sent).not.toMatch(/Xk9#mP2q|482913|8f3k|k2j4|x9pq/);
    for (const shown of ['Temporary password', 'jsmith', 'It expires in 10 minutes.', 'Keep 2 copies safe', 'Must have 8 characters']) {
      expect(sent).toContain(shown);
    }
  });

  it('reads a label split over inline elements', async () => {
    const sent = maskedJson(await recordDom('<p><b>Your backup code</b> is:</p><p>583920</p><div><span>Temporary</span> <i>password</i></div><div>Tm5Split</div>'));
    expect(sent).not.toMatch(/583920|Tm5Split/);
    expect(sent).toContain('Your backup code');
  });

  it('masks a value a later mutation writes after its label, reading the texts before it in the page', async () => {
    const page = '<dl><dt>Temporary password</dt><dd id="d">Loading…</dd></dl><h3>Recovery codes</h3><ol id="l"></ol><p id="n">Notes</p>';
    const events = await recordDom(page, (doc) => {
      doc.getElementById('d')!.firstChild!.textContent = 'Rt5Later';
      doc.getElementById('l')!.innerHTML = '<li>h7k2-m9q4</li><li>p3x8-r6t1</li>';
      doc.getElementById('n')!.textContent = 'Shown 2 times';
    });
    const textsBefore = (text: string): string[] | null => {
      const order = ['Temporary password', 'Rt5Later', 'Recovery codes', 'h7k2-m9q4', 'p3x8-r6t1', 'Shown 2 times'];
      return order.includes(text) ? order.slice(0, order.indexOf(text)) : null;
    };
    const texts = new Map<number, string>();
    for (const event of events) {
      const data = event.data as { adds?: Array<{ node: { id: number; textContent?: string } }>; texts?: Array<{ id: number; value: string }> };
      for (const added of data.adds ?? []) if (added.node.textContent) texts.set(added.node.id, added.node.textContent);
      for (const change of data.texts ?? []) texts.set(change.id, change.value);
    }
    const sent = maskedJson(events, { textsBeforeOf: (id) => textsBefore(texts.get(id) ?? '') });
    expect(sent).not.toMatch(/Rt5Later|h7k2|p3x8/);
    expect(sent).toContain('Shown 2 times');
    // Without the page, an event's own texts are all the rule reads.
    expect(maskedJson(events)).toContain('Rt5Later');
  });

  it('reads no stylesheet text added after a label as a value', () => {
    const page = snapshotOf([{ type: 2, id: 2, tagName: 'body', attributes: {}, childNodes: [
      { type: 2, id: 3, tagName: 'p', attributes: {}, childNodes: [{ type: 3, id: 4, textContent: 'Your code is:' }] },
    ] }]);
    const added = (tagName: string, id: number, text: string) => [
      { parentId: 2, nextId: null, node: { type: 2, id, tagName, attributes: {}, childNodes: [] } },
      { parentId: id, nextId: null, node: { type: 3, id: id + 1, textContent: text } },
    ];
    const later: RecordedEvent = {
      type: EventType.IncrementalSnapshot,
      timestamp: 2,
      data: { source: IncrementalSource.Mutation, texts: [], attributes: [], removes: [], adds: [...added('style', 5, '0%{opacity:0}'), ...added('p', 7, '482913')] },
    };
    const masker = createEventMasker({ textsBeforeOf: () => ['Your code is:'] });
    masker.maskEvent(page);
    const sent = JSON.stringify(masker.maskEvent(later));
    expect(sent).toContain('0%{opacity:0}');
    expect(sent).not.toContain('482913');
  });

  it("asks the page for the heading of a table cell's column, and only for a cell whose text starts with a value", () => {
    const cell = (tag: string, id: number, text: string) => ({ type: 2, id, tagName: tag, attributes: {}, childNodes: [{ type: 3, id: id + 1, textContent: text }] });
    const page = snapshotOf([{ type: 2, id: 2, tagName: 'table', attributes: {}, childNodes: [
      { type: 2, id: 3, tagName: 'tr', attributes: {}, childNodes: [cell('th', 10, 'PIN'), cell('th', 12, 'Name'), cell('th', 14, 'Plan')] },
      { type: 2, id: 4, tagName: 'tr', attributes: {}, childNodes: [cell('td', 16, '58204'), cell('td', 18, 'Ann'), cell('td', 20, '2024 Pro')] },
      { type: 2, id: 5, tagName: 'p', attributes: {}, childNodes: [{ type: 3, id: 22, textContent: '77419 visits' }] },
    ] }]);
    const asked: number[] = [];
    const headings = new Map([[17, 'PIN'], [21, 'Plan']]);
    const masker = createEventMasker({ textsBeforeOf: (id, headingOnly) => (asked.push(id), headingOnly ? [headings.get(id) ?? ''] : null) });
    const sent = JSON.stringify(masker.maskEvent(page));
    expect(sent).not.toContain('58204');
    // A heading that is no label keeps its column; text outside a cell, and a cell's text that starts with no value, are not looked up.
    expect(sent).toContain('2024 Pro');
    expect(sent).toContain('77419 visits');
    expect(asked).toEqual([17, 21]);
  });

  it('goes with the secret-param detector: off when it is disabled, and at relaxed', async () => {
    const events = await recordDom('<p>PIN</p><p>5862</p>');
    expect(maskedJson(events)).not.toContain('5862');
    expect(maskedJson(events, { disableDetectors: ['lowlight/secret-param@1'] })).toContain('5862');
    expect(maskedJson(events, { level: 'relaxed' })).toContain('5862');
  });
});

describe('createEventMasker: an address written a few characters at a time', () => {
  const streamed = () =>
    recordDom('<p id="p">Answer: </p><p>npm i pkg@1.2.3</p>', async (doc) => {
      const text = doc.getElementById('p')!.firstChild as Text;
      for (const chunk of ['Your address is ja', 'ne.doe@', 'exam', 'ple.com.']) {
        text.appendData(chunk);
        await settle();
      }
    });

  it('masks it in each text a mutation writes, before it is whole', async () => {
    const events = await streamed();
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/jane\.doe|ne\.doe|@exam/);
    expect(sent).toContain('Your address is ');
    // Text the page holds whole, in the snapshot, keeps what the email detector leaves.
    expect(sent).toContain('npm i pkg@1.2.3');
  });

  it('goes with the email detector', async () => {
    expect(maskedJson(await streamed(), { disableDetectors: ['lowlight/email@1'] })).toContain('jane.doe@exam');
  });
});

describe('createEventMasker: documents in design mode', () => {
  // A page whose iframe document (id 10) an editor switched to designMode: no attribute shows it.
  const snapshot = {
    type: EventType.FullSnapshot,
    timestamp: 1,
    data: {
      initialOffset: { top: 0, left: 0 },
      node: {
        type: 0, id: 1, childNodes: [
          { type: 2, id: 2, tagName: 'p', attributes: {}, childNodes: [{ type: 3, id: 3, textContent: 'page text stays' }] },
          { type: 2, id: 4, tagName: 'iframe', attributes: {}, childNodes: [
            { type: 0, id: 10, childNodes: [{ type: 2, id: 11, tagName: 'p', attributes: {}, childNodes: [{ type: 3, id: 12, textContent: 'draft in the editor' }] }] },
          ] },
        ],
      },
    },
  } as unknown as RecordedEvent;
  const typing = {
    type: EventType.IncrementalSnapshot,
    timestamp: 2,
    data: {
      source: IncrementalSource.Mutation,
      texts: [{ id: 12, value: 'draft in the editor, typed on' }],
      attributes: [{ id: 11, attributes: { title: 'typed title' } }],
      removes: [],
      adds: [{ parentId: 11, nextId: null, node: { type: 3, id: 13, textContent: 'a new line typed' } }],
    },
  } as unknown as RecordedEvent;
  const inDesignMode = (id: number) => id >= 10;

  it('masks the text of such a document as typed input, in the snapshot and as it is typed, attributes set later too', () => {
    const sent = maskedJson([snapshot, typing], { inDesignMode });
    expect(sent).toContain('page text stays');
    expect(sent).not.toMatch(/draft|typed|new line/);
  });

  it('records that text as page text where no document is in design mode', () => {
    expect(maskedJson([snapshot, typing], { inDesignMode: () => false })).toContain('a new line typed');
  });
});

describe('createEventMasker: marks', () => {
  it('data-ll-mask redacts text and content attributes of the whole subtree and keeps structure', async () => {
    const events = await recordDom(
      `<section data-ll-mask class="profile"><h2 title="masked-title-attr">Masked heading</h2>
         <img alt="masked-alt" src="/avatar/masked-src.png" class="avatar"></section>`,
    );
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/Masked heading|masked-title-attr|masked-alt|masked-src/);
    expect(sent).toContain('"class":"profile"');
    expect(sent).toContain('"class":"avatar"');
    expect(sent).toContain('****** *******');
  });

  it('keeps SVG geometry inside data-ll-mask but redacts its labels and any HTML in foreignObject', async () => {
    const events = await recordDom(
      `<div data-ll-mask><svg viewBox="0 0 10 10" aria-label="svg-label-secret"><path d="M1 1L9 9" stroke-width="2"/>
         <foreignObject><div data-tip="html-in-svg-secret" tooltip="custom-attr-secret">x</div></foreignObject></svg></div>`,
    );
    const sent = maskedJson(events);
    expect(sent).toContain('"d":"M1 1L9 9"');
    expect(sent).toContain('"stroke-width":"2"');
    expect(sent).not.toMatch(/svg-label-secret|html-in-svg-secret|custom-attr-secret/);
  });

  it('data-ll-mask covers nodes added later, text changes, and attribute changes inside it', async () => {
    const events = await recordDom('<div id="m" data-ll-mask><p id="p">before</p></div>', (doc) => {
      const added = doc.createElement('span');
      added.textContent = 'added-later-secret';
      added.setAttribute('aria-label', 'added-later-label');
      doc.querySelector('#m')!.append(added);
      doc.querySelector('#p')!.firstChild!.textContent = 'changed-later-secret';
      doc.querySelector('#p')!.setAttribute('title', 'title-set-later');
    });
    expect(maskedJson(events)).not.toMatch(/added-later|changed-later|title-set-later/);
  });

  it('a data-ll-mask added to an element later masks changes made after it', async () => {
    const events = await recordDom('<div id="m"><p id="p">visible-before-mark</p></div>', async (doc) => {
      doc.querySelector('#m')!.setAttribute('data-ll-mask', '');
      await new Promise((resolve) => setTimeout(resolve, 10));
      doc.querySelector('#p')!.firstChild!.textContent = 'changed-after-mark';
    });
    const sent = maskedJson(events);
    expect(sent).toContain('visible-before-mark');
    expect(sent).not.toContain('changed-after-mark');
  });

  it('data-ll-block leaves the subtree out, including nodes added to it later', async () => {
    const events = await recordDom('<div id="b" data-ll-block class="widget"><p>blocked-content</p></div>', (doc) => {
      const later = doc.createElement('p');
      later.textContent = 'blocked-added-later';
      doc.querySelector('#b')!.append(later);
    });
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/blocked-content|blocked-added-later/);
    expect(sent).toContain('"class":"widget"');
  });
});

describe('createEventMasker: detectors on every path', () => {
  it('masks emails and card numbers in text, attributes, changes and metadata', async () => {
    const events = await recordDom(
      `<p id="t">Mail ann@example.org or pay with 4111 1111 1111 1111</p>
       <a id="l" href="mailto:ann@example.org" title="ann@example.org">contact</a>
       <div data-user="ann@example.org">x</div>`,
      (doc) => {
        doc.querySelector('#t')!.firstChild!.textContent = 'Now bob@example.net and 5555555555554444';
        doc.querySelector('#l')!.setAttribute('href', '/profile?email=carl@example.com&tab=2');
      },
    );
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/ann@example|bob@example|carl@example|4111 1111|5555555555554444/);
    expect(sent).toContain('pay with **** **** **** ****');
    expect(sent).toContain('tab=2');
  });

  it('catches values split across sibling text nodes in the snapshot (later ones: readInlineRun.test.ts)', async () => {
    // Server-rendered React writes `{user}@{domain}` with comments between the pieces.
    const split = (doc: Document, parent: Element) =>
      parent.append('Contact: ann', doc.createComment(''), '@', doc.createComment(''), 'example.org', ' or 4111 1111 ', '1111 1111');
    const events = await recordDom((doc) => split(doc, doc.body.appendChild(doc.createElement('p'))));
    const sent = maskedJson(events);
    expect(sent).toContain('Contact: ');
    expect(sent).not.toMatch(/"ann"|"example\.org"|"1111 1111"/);
  });

  it('masks numbers spelled out digit by digit for screen readers, and leaves a pager counting up visible', async () => {
    const events = await recordDom(
      `<a aria-label="Call 5 5 5. 8 6 7. 5 3 0 9" href="#c">Call us</a>
       <span class="sr-only">Card ending 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1</span>
       <nav><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a> <a href="?p=4">4</a> <a href="?p=5">5</a>
       <a href="?p=6">6</a> <a href="?p=7">7</a> <a href="?p=8">8</a> <a href="?p=9">9</a> <a href="?p=10">10</a></nav>`,
    );
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/5 5 5\. 8|8 6 7\. 5|5 3 0 9|4 1 1 1 1 1/);
    expect(sent).toContain('Call * * ** * * ** * * * *');
    expect(sent).toMatch(/"textContent":"9"/);
  });

  it('scrubs the page URL in meta events', () => {
    const masker = createEventMasker();
    const meta = masker.maskEvent({ type: EventType.Meta, data: { href: 'https://x.test/?token=abc&page=1', width: 1, height: 1 }, timestamp: 1 });
    expect((meta!.data as { href: string }).href).toBe('https://x.test/?token=***&page=1');
  });

  it('masks a custom event payload’s keys as well as its strings, so the egress guard finds nothing more', () => {
    const masker = createEventMasker();
    const payload = { 'ann@example.org': { card: ['4111 1111 1111 1111', 7] }, plan: 'pro' };
    const masked = masker.maskEvent({ type: EventType.Custom, data: { tag: 'note ann@example.org', payload }, timestamp: 1 });
    const json = JSON.stringify(masked);
    expect(masked!.data).toEqual({
      tag: 'note ***************',
      payload: { '***************': { card: ['**** **** **** ****', 7] }, plan: 'pro' },
    });
    expect(masker.guardJson(json)).toBe(json);
  });

  it('leaves functions out of a custom event payload, so an own toJSON cannot hand JSON.stringify an unmasked value', () => {
    const masker = createEventMasker();
    const payload = { note: 'ok', toJSON: () => ({ note: 'ann@example.org' }), nested: { toJSON: () => 'bob@example.org' } };
    const json = JSON.stringify(masker.maskEvent({ type: EventType.Custom, data: { tag: 't', payload }, timestamp: 1 }));
    expect(json).not.toMatch(/example\.org/);
    expect(JSON.parse(json).data.payload).toEqual({ note: 'ok', nested: {} });
  });

  it('keeps stylesheet text as CSS but masks an email inside it', async () => {
    const events = await recordDom('<style>.note::after { content: "ann@example.org"; color: red }</style><p>x</p>');
    const sent = maskedJson(events);
    expect(sent).not.toContain('ann@example.org');
    expect(sent).toContain('color: red');
  });
});

describe('createEventMasker: paths people forget', () => {
  it('never records script text, even when it changes', async () => {
    const events = await recordDom('<script type="application/json" id="data">{"email":"x"}</script>', (doc) => {
      doc.querySelector('#data')!.textContent = '{"secret":"script-json-secret"}';
    });
    expect(maskedJson(events)).not.toContain('script-json-secret');
  });

  it('never records <noscript> or <template> content, which scripts-on visitors never see', async () => {
    const events = await recordDom('<noscript><p>noscript-secret</p></noscript><template><p>template-secret</p></template><p>shown</p>');
    const sent = maskedJson(events);
    expect(sent).not.toMatch(/noscript-secret|template-secret/);
    expect(sent).toContain('shown');
  });

  it('drops <meta> content except the viewport', async () => {
    document.head.innerHTML = '';
    const events = await recordDom('<p>x</p>', () => {
      const csrf = document.createElement('meta');
      csrf.name = 'csrf-token';
      csrf.content = 'meta-csrf-token-value';
      document.head.append(csrf);
    });
    expect(maskedJson(events)).not.toContain('meta-csrf-token-value');
  });

  it('drops inline event handler attributes', async () => {
    const events = await recordDom(`<button onclick="track('handler-arg-secret')">Buy</button>`);
    const sent = maskedJson(events);
    expect(sent).not.toContain('handler-arg-secret');
    expect(sent).toContain('Buy');
  });
});

describe('createEventMasker: levels', () => {
  const page = `<p>Plain paragraph text</p><input placeholder="Your name" value="level-field-value"><p>ann@example.org</p>`;

  it('balanced records plain page text as is', async () => {
    const sent = maskedJson(await recordDom(page));
    expect(sent).toContain('Plain paragraph text');
    expect(sent).toContain('Your name');
  });

  it('strict masks all text and content attributes but keeps structure', async () => {
    const sent = maskedJson(await recordDom(`<div class="card">${page}</div>`), { level: 'strict' });
    expect(sent).not.toMatch(/Plain paragraph|Your name|level-field-value|ann@example/);
    expect(sent).toContain('"class":"card"');
  });

  it('strict records text the site opted in with data-ll-unmask', async () => {
    const sent = maskedJson(await recordDom('<h1 data-ll-unmask>Public headline</h1>'), { level: 'strict' });
    expect(sent).toContain('Public headline');
  });

  it('relaxed leaves page text and detectors alone but still masks fields and passwords', async () => {
    const events = await recordDom(`${page}<input type="password" value="relaxed-password">`);
    const sent = maskedJson(events, { level: 'relaxed' });
    expect(sent).toContain('ann@example.org');
    expect(sent).not.toMatch(/level-field-value|relaxed-password/);
  });
});

describe('createEventMasker: failing closed', () => {
  it('redacts the whole value when a detector throws, and reports the error once', async () => {
    const onError = vi.fn();
    const broken = { name: 'test/broken@1', label: 'broken', maskMatches: () => { throw new Error('detector failed'); } };
    const events = await recordDom('<p>first visible text</p><p>second visible text</p>');
    const sent = maskedJson(events, { detectors: [broken], onError });
    expect(sent).not.toMatch(/first visible|second visible/);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('drops events of unknown types and rrweb plugin events', () => {
    const masker = createEventMasker();
    expect(masker.maskEvent({ type: 42, data: { text: 'x' }, timestamp: 1 })).toBeNull();
    expect(masker.maskEvent({ type: EventType.Plugin, data: { plugin: 'rrweb/console@1', payload: { payload: ['x'] } }, timestamp: 1 })).toBeNull();
    expect(masker.maskEvent({ type: EventType.IncrementalSnapshot, data: { source: 99, secret: 'x' }, timestamp: 1 })).toBeNull();
  });

  it('redacts text changes and input of nodes it never saw', () => {
    const masker = createEventMasker();
    const mutation = masker.maskEvent({
      type: EventType.IncrementalSnapshot,
      data: { source: IncrementalSource.Mutation, texts: [{ id: 77, value: 'orphan text' }], attributes: [{ id: 78, attributes: { title: 'orphan title', href: '/x?q=1' } }], removes: [], adds: [] },
      timestamp: 1,
    });
    expect(JSON.stringify(mutation)).not.toMatch(/orphan|q=1/);
    const input = masker.maskEvent({ type: EventType.IncrementalSnapshot, data: { source: IncrementalSource.Input, id: 79, text: 'orphan input', isChecked: false }, timestamp: 1 });
    expect(JSON.stringify(input)).not.toContain('orphan input');
  });

  it('runs the detectors over fields it does not know, such as ones a newer rrweb adds', () => {
    const masker = createEventMasker();
    const click = masker.maskEvent({
      type: EventType.IncrementalSnapshot,
      data: { source: IncrementalSource.MouseInteraction, type: 2, id: 4, text: 'Send to ann@example.org', extra: { note: '4111 1111 1111 1111' } },
      timestamp: 1,
    });
    const rule = masker.maskEvent({
      type: EventType.IncrementalSnapshot,
      data: { source: IncrementalSource.StyleSheetRule, id: 9, adds: [{ rule: '.x::after { content: "bob@example.org" }', index: 0 }] },
      timestamp: 1,
    });
    const node = { type: 0, id: 1, childNodes: [{ type: 1, id: 2, name: 'html', publicId: 'carl@example.org', futureField: 'dana@example.org' }] };
    const snapshot = masker.maskEvent({ type: EventType.FullSnapshot, data: { node, initialOffset: { top: 0, left: 0 }, note: 'eve@example.org' }, timestamp: 1 });
    expect(JSON.stringify([click, rule, snapshot])).not.toMatch(/@example\.org|4111 1111/);
  });

  it('drops an event whose masking throws', () => {
    const onError = vi.fn();
    const masker = createEventMasker({ onError });
    const malformed = { type: EventType.FullSnapshot, data: { node: { id: 1, type: 0, childNodes: 'not-an-array' } }, timestamp: 1 };
    expect(masker.maskEvent(malformed as unknown as RecordedEvent)).toBeNull();
    expect(onError).toHaveBeenCalled();
  });
});

describe('createEventMasker: options', () => {
  it('names the option in a configuration error', () => {
    expect(() => createEventMasker({ level: 'loose' as never })).toThrow(/"level" must be one of strict, balanced, relaxed/);
    expect(() => createEventMasker({ maskChar: '##' })).toThrow(/"maskChar"/);
  });

  it('masks with the configured character', async () => {
    const sent = maskedJson(await recordDom('<input value="abc">'), { maskChar: '•' });
    expect(sent).toContain('"value":"•••"');
  });
});
