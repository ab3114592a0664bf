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
  {
    name: 'values-written-otherwise',
    mechanism:
      'cards, phones, SSNs, IBANs and emails written with no-break, narrow or thin spaces, spaced dashes and slashes, 00 prefixes, invisible characters, fullwidth or Persian digits, in text and attributes, at load and later',
    body: `<p>Card 4111&nbsp;1111&nbsp;1111&nbsp;1111, backup 5555\u202f5555\u202f5555\u202f4444.</p>
      <p>Call +33&nbsp;6&nbsp;12&nbsp;34&nbsp;56&nbsp;78 or 555 – 867 – 5309; Tokyo ０９０－１２３４－５６７８; Tehran ۰۹۱۲ ۳۴۵ ۶۷۸۹;
        Berlin 0049 30 1234567, Munich 089 / 123 456 78, Hamburg 040/1234567.</p>
      <p>Mail ann.lee&#8203;@corpus.example or lee.obf (at) corpus (dot) example, SSN 219&nbsp;09&nbsp;9999, IBAN GB82&nbsp;WEST&nbsp;1234&nbsp;5698&nbsp;7654&nbsp;32.</p><span title="card 4012&#8201;8888&#8201;8888&#8201;1881">t</span>
      <p id="later"></p>`,
    secrets: [
      '4111\u00a01111\u00a01111\u00a01111',
      '5555\u202f5555\u202f5555\u202f4444',
      '+33\u00a06\u00a012\u00a034\u00a056\u00a078',
      '555 – 867 – 5309',
      '０９０－１２３４－５６７８',
      '۰۹۱۲ ۳۴۵ ۶۷۸۹',
      '0049 30 1234567',
      '089 / 123 456 78',
      '040/1234567',
      'ann.lee',
      'lee.obf',
      '219\u00a009\u00a09999',
      '1234\u00a05698\u00a07654',
      '4012\u20098888\u20098888\u20091881',
      '3782\u00a0822463\u00a010005',
      'bo\u00adbby@corpus.example',
    ],
    canary: 'CANARY-written-otherwise',
    act: thenCanary('CANARY-written-otherwise', () => {
      document.getElementById('later')!.textContent = 'Refund to 3782\u00a0822463\u00a010005, mail bo\u00adbby@corpus.example';
    }),
  },
  {
    name: 'numbers-spelled-out',
    mechanism: 'card and phone numbers spelled out digit by digit for screen readers, in aria-label and visually hidden text, at load and later',
    body: `<a href="#call" aria-label="Call 5 5 5. 8 6 7. 5 3 0 9">Call us</a>
      <p><span style="position:absolute;clip:rect(0 0 0 0)">Card 5 5 5 5 5 5 5 5 5 5 5 5 4 4 4 4</span>Card on file</p><p id="later"></p>`,
    secrets: ['5 5 5. 8 6 7. 5 3 0 9', '5 5 5 5 5 5 5 5 5 5 5 5 4 4 4 4', '4 0 1 2 8 8 8 8 8 8 8 8 1 8 8 1'],
    canary: 'CANARY-spelled-out',
    act: thenCanary('CANARY-spelled-out', () => {
      document.getElementById('later')!.setAttribute('aria-label', 'New card 4 0 1 2 8 8 8 8 8 8 8 8 1 8 8 1');
    }),
  },
  {
    name: 'secrets-outside-url-attributes',
    mechanism:
      'secret-named parameters in URLs written as text, in lazy-loading data-src and config lines; framework state (Inertia, Alpine, React props) in attributes; at load and later',
    body: `<p>Your reset link: https://corpus.example/reset?token=rstTextTokenQ7w8e9 (expires soon).</p>
      <img data-src="/lazy.jpg?w=640&sig=lazySigSecretZx81" alt="lazy"><a data-href="/go#access_token=fragTokenSecret55">go</a>
      <pre>SESSION_SECRET=envLineSecretK2j3
Cookie: sid=cookieSidSecret91; theme=dark</pre>
      <div id="app" data-page='{"component":"Account","props":{"user":{"name":"Inertia Pagename","city":"Jsonville"},"csrf":"csrfJsonSecret7"}}'></div>
      <div x-data="{ profile: { name: 'Alpine Statename' } }">menu</div><p id="later"></p>`,
    secrets: [
      'rstTextTokenQ7w8e9', 'lazySigSecretZx81', 'fragTokenSecret55', 'envLineSecretK2j3', 'cookieSidSecret91',
      'Inertia Pagename', 'Jsonville', 'csrfJsonSecret7', 'Alpine Statename', 'laterTokenSecret3', 'Later Propsname',
    ],
    canary: 'CANARY-outside-url-attributes',
    act: thenCanary('CANARY-outside-url-attributes', () => {
      document.getElementById('later')!.textContent = 'Invite: https://corpus.example/join?invite_token=laterTokenSecret3';
      document.getElementById('app')!.setAttribute('data-react-props', '{"customer":{"name":"Later Propsname"}}');
    }),
  },
  {
    name: 'secrets-after-labels',
    mechanism:
      'one-time codes, PINs and temporary passwords shown after a label, unquoted (or before it, as text messages write them): in text, split across inline elements, in a title and a webmail preview, at load and later',
    body: `<p>User created. Temporary password: Tmp7Secret#Pw (change it after first login)</p>
      <p>Your verification code is 731904.</p><p><b>PIN:</b> <span>5862</span></p>
      <button title="Recovery code: rc4-Secret-88">?</button>
      <div class="preview">Acme: 2FA code: 640271 - do not share</div>
      <p>Mot de passe : azertySecret9</p><p>Date of birth: 04/11/1979</p><p id="later"></p>
      <div class="sms">582047 is your Acme verification code. Don't share it.</div>`,
    secrets: ['Tmp7Secret#Pw', '731904', '5862', 'rc4-Secret-88', '640271', 'azertySecret9', '04/11/1979', '918273', '582047'],
    canary: 'CANARY-secrets-after-labels',
    act: thenCanary('CANARY-secrets-after-labels', () => {
      document.getElementById('later')!.textContent = 'Door code: 918273';
    }),
  },
  {
    name: 'secrets-in-the-next-block',
    mechanism: 'a secret in the block after its label: a description list, a code under its heading in a webmail body, recovery codes listed',
    body: `<dl><dt>Temporary password</dt><dd>Qw8-Secret-Dd</dd><dt>Role</dt><dd>editor</dd></dl>
      <table><tr><td><p>Your sign-in code is:</p><p style="font-size: 28px"><b>503187</b></p></td></tr></table>
      <h3>Recovery codes</h3><ol><li>h7k2-m9q4</li><li>p3x8-r6t1</li></ol><div id="later"></div>`,
    secrets: ['Qw8-Secret-Dd', '503187', 'h7k2-m9q4', 'p3x8-r6t1', '882610'],
    canary: 'CANARY-secrets-in-the-next-block',
    act: thenCanary('CANARY-secrets-in-the-next-block', () => {
      document.getElementById('later')!.innerHTML = '<div>Backup PIN</div><div>882610</div>';
    }),
  },
  {
    name: 'secrets-after-labels-elsewhere',
    mechanism: 'a secret after its label in other languages and scripts, after `is:`, keys and tokens after theirs, and quoted values assigned in code',
    body: `<p>CANARY-labels-elsewhere</p>
      <p>Your one-time code is: 774411</p><p>Пароль: Qw8Ru5sian</p><p>密码：Zh9Pass88</p><p>パスワード: Jp7Pass77</p>
      <p>Account number: 12345678</p><p>Security answer: Fluffy1985</p><p>License key: ABCD-1234-EFGH</p>
      <p>비밀번호: Ko6Pass66</p><p>كلمة المرور: Ar5Pass55</p><p>Código: 482917</p><p>Şifre: Tr2Pass22</p>
      <pre>x-api-key: 8f14e45fceea167a5a36dedd4bea2543
Client secret: s3cr3t-4b7e
DB_PASSWORD = "correct horse staple"
"api_token" => "tk-quoted-value"</pre>`,
    secrets: ['774411', 'Qw8Ru5sian', 'Zh9Pass88', 'Jp7Pass77', 'Ko6Pass66', 'Ar5Pass55', '482917', 'Tr2Pass22', '8f14e45fceea167a5a36dedd4bea2543', 's3cr3t-4b7e', 'correct horse staple', 'tk-quoted-value', '12345678', 'Fluffy1985', 'ABCD-1234-EFGH'],
    canary: 'CANARY-labels-elsewhere',
  },
  {
    name: 'labels-in-compounds-and-qualified',
    mechanism: 'a secret after a compound label (German, Dutch, Nordic), after words that qualify its label (French, Spanish, Portuguese, Italian) and after `is` in those languages, in a block of its own too',
    body: `<p>CANARY-labels-compounds</p>
      <p>Ihr Bestätigungscode: 482913</p><p>Einmalpasswort: Gx7Pass</p><p>Din engangskode er 5821</p>
      <p>Votre code est 639204</p><p>Code de vérification : 582910</p><p>Contraseña temporal: Es7Pass</p>
      <p>Il tuo codice è 582911</p><p>Kennwort: De9Pass</p><p>Lösenord: Se7Pass</p>
      <dl><dt>Código de verificação</dt><dd>774419</dd></dl>`,
    secrets: ['482913', 'Gx7Pass', '5821', '639204', '582910', 'Es7Pass', '582911', 'De9Pass', 'Se7Pass', '774419'],
    canary: 'CANARY-labels-compounds',
  },
  {
    name: 'labels-hyphenated-and-qualified-after',
    mechanism: 'a secret after a label joined to an abbreviation by a hyphen (`SMS-Code`, `TAN-Nummer`, `PIN-код`), after a word that follows its label (Polish, Russian, a German separable verb), after `is` and an article, in a block of its own and filled in later',
    body: `<p>CANARY-labels-hyphenated</p>
      <p>Ihr SMS-Code: 318274</p><p>E-Mail-Code: 429385</p><p>PIN-код: 5731</p>
      <p>Kod weryfikacyjny: 640192</p><p>Код подтверждения: 751203</p><p>Geben Sie Ihren Sicherheitscode ein: 8624</p>
      <p>Votre code est le 862314</p><p>Tu código es el 9735</p>
      <dl><dt>TAN-Nummer</dt><dd id="tan">…</dd></dl>`,
    secrets: ['318274', '429385', '5731', '640192', '751203', '8624', '862314', '9735', '973046'],
    canary: 'CANARY-labels-hyphenated',
    act: thenCanary('CANARY-labels-hyphenated', () => {
      (document.getElementById('tan')!.firstChild as Text).data = '973046';
    }),
  },
  {
    name: 'labels-without-separator',
    mechanism: 'a secret after its label with nothing but spaces or a dash between, as messages and confirmation pages write one: in a paragraph, with the label in its own inline element, and written later by a mutation',
    body: `<p>CANARY-labels-without-separator</p>
      <p>Your verification code 582041</p><p><b>Enter PIN</b> 7390 at the till</p><p>Passwort → Kx82mPq</p><p id="later"></p>`,
    secrets: ['582041', '7390', 'Kx82mPq', '418273'],
    canary: 'CANARY-labels-without-separator',
    act: thenCanary('CANARY-labels-without-separator', () => {
      document.getElementById('later')!.textContent = 'Your one-time code – 418273';
    }),
  },
  {
    name: 'labelled-values-in-groups',
    mechanism: 'a labelled value written in groups (a one-time code as `482 913`, an account number as `1234 5678`), after `:`, `is` or only spaces, in a block of its own under its label, and written later by a mutation',
    body: `<p>CANARY-labelled-groups</p>
      <p>Your code is 48291 37502</p><p>Verification code: 37 51 29</p><p>Account number: 6021 77341</p>
      <p>Your sign-in code 77420 20613</p><dl><dt>Recovery code</dt><dd>58201 11479</dd></dl><p id="later"></p>`,
    // Groups of five digits: a shorter one could match an event's timestamp column by chance.
    secrets: ['37502', '51 29', '77341', '20613', '11479', '55274'],
    canary: 'CANARY-labelled-groups',
    act: thenCanary('CANARY-labelled-groups', () => {
      document.getElementById('later')!.textContent = 'Your new PIN is 318 55274';
    }),
  },
  {
    name: 'identifier-labels',
    mechanism: 'identifiers after labels that name no secret but an id: any `ID`, `#`, `No.`, an account, a driver\'s licence, a username, a US tax id, in a paragraph, in a table cell after its header, and a card\'s three-digit security code after nothing but a space, written later by a mutation',
    body: `<p>CANARY-identifier-labels</p>
      <p>Tax ID: 12-3456789</p><p>Member ID: MBR58201</p><p>Account #: 7730215</p><p>Acct no. 6610438</p>
      <table><tr><th>Driver's license</th><td>D4417723</td></tr></table><p>Username: jdoe4817</p><p id="later"></p>`,
    // The security code with its label: three digits alone could match an event's timestamp column by chance.
    secrets: ['12-3456789', 'MBR58201', '7730215', '6610438', 'D4417723', 'jdoe4817', 'CVC 731'],
    canary: 'CANARY-identifier-labels',
    act: thenCanary('CANARY-identifier-labels', () => {
      document.getElementById('later')!.textContent = 'Card ending 4242, CVC 731';
    }),
  },
  {
    name: 'people-identifier-labels',
    mechanism: 'the ids of the people a page is about after their label: a customer\'s and a client\'s number, a member\'s, a patient\'s medical record and Medicare numbers, after `:` or nothing but a space, written later by a mutation',
    body: `<p>CANARY-people-ids</p>
      <p>Customer: 58204117</p><p>Cliente: 7730215</p><p>Member 6610438</p><p>MRN: 4417723</p><p id="later"></p>`,
    secrets: ['58204117', '7730215', '6610438', '4417723', '2931 60478 1'],
    canary: 'CANARY-people-ids',
    act: thenCanary('CANARY-people-ids', () => {
      document.getElementById('later')!.textContent = 'Patient Ann Lee · Medicare 2931 60478 1';
    }),
  },
  {
    name: 'emails-with-combining-marks',
    mechanism: 'email addresses whose parts end with a combining mark: Devanagari and Thai vowel signs, a Tamil virama, Latin written decomposed (`e` + U+0301), in the first snapshot and written later by a mutation',
    body: `<p>CANARY-email-marks</p>
      <p>Write to सीता.शर्मा@example.com</p><p>ติดต่อ สมชาย@ตัวอย่าง.ไทย</p><p>Contact jose&#x301;@example.com</p><p id="later"></p>`,
    secrets: ['सीता', 'शर्मा', 'สมชาย', 'jose\u0301', 'அருண்'],
    canary: 'CANARY-email-marks',
    act: thenCanary('CANARY-email-marks', () => {
      document.getElementById('later')!.textContent = 'Reply to அருண்@எடுத்துக்காட்டு.இந்தியா today';
    }),
  },
  {
    name: 'values-under-column-headings',
    mechanism: 'values in a table under the `<th>` heading their column, not after it in the text (an admin list of accounts and PINs), in the first snapshot and in a row a later mutation adds',
    body: `<p>CANARY-column-headings</p>
      <table><thead><tr><th>Customer</th><th>Account number</th><th>PIN</th><th>Plan</th></tr></thead>
      <tbody id="rows"><tr><td>Ann Lee</td><td>58204117</td><td>73915</td><td>Pro</td></tr></tbody></table>`,
    secrets: ['58204117', '73915', '66120934', '80417'],
    canary: 'CANARY-column-headings',
    act: thenCanary('CANARY-column-headings', () => {
      document.getElementById('rows')!.insertAdjacentHTML('beforeend', '<tr><td>Bo Chen</td><td>66120934</td><td>80417</td><td>Team</td></tr>');
    }),
  },
  {
    name: 'keys-and-config-dumps',
    mechanism: 'a private key shown once in PEM armour, an unquoted secret assigned with spaces around `=` (INI, TOML, env dumps), account numbers and dates of birth labelled in German, French and Spanish',
    body: `<p>CANARY-keys-and-config</p>
      <pre>-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDr7bRZpFNb0qBZ6KDU3vDnB8rXc7hQx0d1c4wLQ5r5AAAAJhRmJ3vUZid
-----END OPENSSH PRIVATE KEY-----</pre>
      <pre>[default]
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</pre>
      <table><tr><td>Kontonummer</td><td>1234567890</td></tr><tr><td>Geburtsdatum</td><td>12.05.1985</td></tr></table>
      <p>Numéro de client : 8812345</p><p>Fecha de nacimiento: 03/04/1979</p><p>Ihre neue PIN für die Karte: 8812</p>`,
    secrets: ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'QyNTUxOQAAACDr7bRZpFNb0qBZ6KDU3vDnB8rXc7hQx0d1c4wLQ5r5AAAAJhRmJ3vUZid', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '1234567890', '12.05.1985', '8812345', '03/04/1979', '8812'],
    canary: 'CANARY-keys-and-config',
  },
  {
    name: 'ids-in-digit-groups',
    mechanism: 'ids printed in groups of digits: a national id (4-4-4), a gift card, written at load and later',
    body: '<p>CANARY-digit-groups</p><p>Aadhaar 2345 6789 0123</p><p>Gift card 6035-7123-4567-8901</p><p id="later"></p>',
    secrets: ['2345 6789 0123', '6035-7123-4567-8901', '3456 7890 1234'],
    canary: 'CANARY-digit-groups',
    act: thenCanary('CANARY-digit-groups', () => {
      document.getElementById('later')!.textContent = 'Member 3456 7890 1234';
    }),
  },
  {
    name: 'secrets-filled-in-later',
    mechanism: 'a value written after its label by a later mutation (a single-page app filling what a request answered), a list rendered under its heading later, a label split over inline elements',
    body: `<dl><dt>Temporary password</dt><dd id="d">Loading…</dd></dl><h3>Recovery codes</h3><ol id="l"></ol>
      <p><b>Your backup code</b> is:</p><p id="c"></p><div id="r"></div>`,
    secrets: ['Rt5Later', 'h7k2-m9q4', 'p3x8-r6t1', 'z9y8-x7w6', '663311', '661122'],
    canary: 'CANARY-secrets-filled-in-later',
    act: async (page) => {
      await page.evaluate(() => {
        (document.getElementById('d')!.firstChild as Text).data = 'Rt5Later';
        document.getElementById('l')!.innerHTML = '<li>h7k2-m9q4</li><li>p3x8-r6t1</li><li>z9y8-x7w6</li>';
        document.getElementById('c')!.textContent = '663311';
        document.getElementById('r')!.innerHTML = '<h4>Your verification code</h4>';
      });
      // The value comes in a mutation of its own, after its label was recorded.
      await page.waitForTimeout(100);
      await thenCanary('CANARY-secrets-filled-in-later', () => {
        document.getElementById('r')!.insertAdjacentHTML('beforeend', '<p>661122</p>');
      })(page);
    },
  },
  {
    name: 'address-streamed-in',
    mechanism: 'an address written into the page a few characters at a time, as a chat streams its answer: each text on the way is recorded',
    body: '<p>CANARY-streamed</p><div id="answer"><p></p></div>',
    secrets: ['stream.reader@', 'stream.reader@exam', 'stream.reader@example.com'],
    canary: 'CANARY-streamed',
    act: async (page) => {
      for (const chunk of ['Sure! I changed it to stream', '.reader@', 'exam', 'ple.com as you asked.']) {
        await page.evaluate((text) => {
          const paragraph = document.querySelector('#answer p')!;
          if (!paragraph.firstChild) paragraph.append('');
          (paragraph.firstChild as Text).appendData(text);
        }, chunk);
        await page.waitForTimeout(40);
      }
    },
  },
];
