import { thenCanary } from './hardening-css';
import type { LeakPage } from './leakPage';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb3JwdXMtdXNlciJ9.c2lnbmF0dXJlLWZvci1jb3JwdXM';

/** US SSNs and provider-prefixed tokens, masked by default in text, attributes, URLs and CSS (issue 8, item 7). */
export const hardeningFormatPages: LeakPage[] = [
  {
    name: 'ssn-everywhere',
    mechanism: 'US SSNs, dashed and spaced, in text, attributes, URLs and CSS, at load and later',
    body: `<p>SSN 123-45-6789 on file, spouse 219 09 9999.</p><span title="ssn 536-90-4399">t</span>
      <a href="/people/212-67-4455/edit">edit</a><div style="background: url(/ssn/432-11-5678.png)">c</div><p id="later"></p>`,
    secrets: ['123-45-6789', '219 09 9999', '536-90-4399', '212-67-4455', '432-11-5678', '345-67-8912'],
    canary: 'CANARY-ssn',
    act: thenCanary('CANARY-ssn', () => {
      document.getElementById('later')!.textContent = 'Updated SSN: 345-67-8912';
    }),
  },
  {
    name: 'tokens-everywhere',
    mechanism: 'provider-prefixed tokens and JWTs in text, attributes, URLs and CSS, at load and later',
    head: `<title>tokens</title><style>.t { background: url(/s/ghp_corpusCssTokenAbcdefghijklmnopqrst.png) }</style>`,
    body: `<p>Key sk_live_corpusTextKeyAbcdEfgh and ${JWT}</p><div data-key="xoxb-1234-corpusSlackAttrKey">d</div>
      <img src="/t.png?ref=AKIACORPUSURLKEY1234"><p id="later" class="t"></p>`,
    secrets: ['sk_live_corpusTextKeyAbcdEfgh', JWT, 'xoxb-1234-corpusSlackAttrKey', 'AKIACORPUSURLKEY1234', 'ghp_corpusCssTokenAbcdefghijklmnopqrst', 'rk_test_corpusLaterKeyAbcdefgh'],
    canary: 'CANARY-tokens',
    act: thenCanary('CANARY-tokens', () => {
      document.getElementById('later')!.textContent = 'Rotated to rk_test_corpusLaterKeyAbcdefgh';
    }),
  },
  {
    name: 'phones-glued-to-digits',
    mechanism: 'phone numbers glued to a version, a short number or other digits (issue 8, item 8), at load and later',
    body: `<p>Build v1.2.3555-123-4567 shipped; ticket 9555-987-6543 and 12555-246-8135.</p><p id="later"></p>`,
    // Written with the digit they are glued to: a secret only counts as a whole number (see containsForm).
    secrets: ['3555-123-4567', '9555-987-6543', '12555-246-8135', '1555-369-1470'],
    canary: 'CANARY-glued-phones',
    act: thenCanary('CANARY-glued-phones', () => {
      document.getElementById('later')!.textContent = 'Callback 7.0.1555-369-1470';
    }),
  },
];
