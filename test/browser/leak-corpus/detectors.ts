import type { LeakPage } from './leakPage';

/** Text detectors on every text node and attribute, at load and after. */
export const detectorPages: LeakPage[] = [
  {
    name: 'email-in-text',
    mechanism: 'emails anywhere inside page text',
    body: '<p>CANARY-email-text</p><p>Write to support.secret@corpus.example today, or to Jürgen at jürgen.secret@müller.example.</p>',
    secrets: ['support.secret@corpus.example', 'jürgen.secret@müller.example'],
    canary: 'CANARY-email-text',
  },
  {
    name: 'email-in-attributes',
    mechanism: 'emails in title, alt, placeholder, aria-label, aria-description, data-*',
    body: `<p>CANARY-email-attributes</p><span title="attr.title@corpus.example">a</span><img alt="Photo of attr.alt@corpus.example">
      <input placeholder="e.g. attr.placeholder@corpus.example"><button aria-label="Mail attr.aria@corpus.example">b</button>
      <div aria-description="attr.description@corpus.example" data-owner="attr.data@corpus.example">c</div>`,
    secrets: ['attr.title@corpus.example', 'attr.alt@corpus.example', 'attr.placeholder@corpus.example', 'attr.aria@corpus.example', 'attr.description@corpus.example', 'attr.data@corpus.example'],
    canary: 'CANARY-email-attributes',
  },
  {
    name: 'card-numbers-in-text',
    mechanism: 'Luhn-checked card numbers, spaced, dashed and bare',
    body: `<p>CANARY-cards</p><p>Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 3782 822463 10005,
      bare 6011000990139424, glued ref12 4242424242424242.</p>`,
    secrets: ['4111 1111 1111 1111', '5555-5555-5555-4444', '3782 822463 10005', '6011000990139424', '4242424242424242'],
    canary: 'CANARY-cards',
  },
  {
    name: 'phones-international-and-national',
    mechanism: 'phone numbers in international and national formats',
    body: `<p>CANARY-phones</p><p>Call +44 20 7946 0958, (202) 555-0173, 1-800-555-0199, 020 7946 0011, +33 1 23 45 67 89 or +49 30 1234567.</p>`,
    secrets: ['+44 20 7946 0958', '(202) 555-0173', '1-800-555-0199', '020 7946 0011', '+33 1 23 45 67 89', '+49 30 1234567'],
    canary: 'CANARY-phones',
  },
  {
    name: 'long-numbers',
    mechanism: 'other runs of 9 or more digits',
    body: '<p>CANARY-long-numbers</p><p>Account 00123456789, tax id 987654321, customer 1234567890123.</p>',
    secrets: ['00123456789', '987654321', '1234567890123'],
    canary: 'CANARY-long-numbers',
  },
  {
    name: 'detectors-after-mutations',
    mechanism: 'detectors on text and attributes added or changed later',
    body: '<p>CANARY-detector-mutations</p><p id="t">loading</p><div id="list"></div>',
    secrets: ['later.mail@corpus.example', '5105 1051 0510 5100', '(303) 555-0188', 'attr.later@corpus.example'],
    canary: 'CANARY-detector-mutations',
    act: (page) =>
      page.evaluate(() => {
        (document.getElementById('t')!.firstChild as Text).data = 'Reply to later.mail@corpus.example';
        const row = document.createElement('p');
        row.textContent = 'Card 5105 1051 0510 5100, phone (303) 555-0188';
        row.setAttribute('title', 'attr.later@corpus.example');
        document.getElementById('list')!.append(row);
      }),
  },
  {
    name: 'secrets-in-long-text',
    mechanism: 'many secrets inside a long text node',
    body: `<p>CANARY-long-text</p><p id="long"></p><script>
      document.getElementById('long').textContent = Array.from({ length: 200 }, (_, i) => 'Row ' + i + ' contact bulk' + i + '@corpus.example').join('; ');
    </script>`,
    secrets: ['bulk0@corpus.example', 'bulk99@corpus.example', 'bulk199@corpus.example'],
    canary: 'CANARY-long-text',
  },
  {
    name: 'title-with-email',
    mechanism: 'the document title at load',
    head: '<title>Invoice for title.person@corpus.example</title>',
    body: '<p>CANARY-title</p>',
    secrets: ['title.person@corpus.example'],
    canary: 'CANARY-title',
  },
  {
    name: 'title-changed-later',
    mechanism: 'document.title changes',
    body: '<p>CANARY-title-change</p>',
    secrets: ['title.later@corpus.example', '4012 8888 8888 1881'],
    canary: 'CANARY-title-change',
    act: (page) =>
      page.evaluate(() => {
        document.title = 'Paid with 4012 8888 8888 1881 by title.later@corpus.example';
      }),
  },
  {
    name: 'svg-text-and-links',
    mechanism: 'SVG text and links',
    body: `<p>CANARY-svg</p><svg width="300" height="40"><text x="0" y="20">svg.text@corpus.example</text>
      <a href="mailto:svg.link@corpus.example"><text y="35">mail</text></a></svg>`,
    secrets: ['svg.text@corpus.example', 'svg.link@corpus.example'],
    canary: 'CANARY-svg',
  },
  {
    name: 'dialog-with-form',
    mechanism: 'a modal dialog with fields opened later',
    body: `<p>CANARY-dialog</p><dialog id="d"><p>Confirm dialog.person@corpus.example</p><input id="i"></dialog>`,
    secrets: ['dialog.person@corpus.example', 'dialog-typed-secret'],
    canary: 'CANARY-dialog',
    act: async (page) => {
      await page.evaluate(() => (document.getElementById('d') as HTMLDialogElement).showModal());
      await page.locator('#i').pressSequentially('dialog-typed-secret', { delay: 5 });
    },
  },
];
