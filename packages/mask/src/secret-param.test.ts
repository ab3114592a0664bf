import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayAssign, secretParam } from './secret-param';
import { onlyHides } from './testDetector';

const redact = (text: string): string => text.replace(/\S/g, '*');
const mask = (text: string): string => secretParam.maskMatches(text, redact);

describe('secretParam', () => {
  it.each([
    ['Reset: https://example.com/reset?token=8f7a6b5c4d3e&lang=en', 'Reset: https://example.com/reset?token=************&lang=en'],
    ['https://x.io/cb#access_token=abcDEF123&state=xyz', 'https://x.io/cb#access_token=*********&state=***'],
    ['/img.jpg?sig=Zm9vYmFy&w=640', '/img.jpg?sig=********&w=640'],
    ['session=abc123; theme=dark', 'session=******; theme=dark'],
    ['export API_KEY=q8w7e6r5t4y3', 'export API_KEY=************'],
    ['x-api-key=q8w7e6r5t4y3', 'x-api-key=************'],
    ["{\"user\":{\"plan\":\"pro\",\"apiKey\":\"k 123\",\"refreshToken\":\"r9\"}}", "{\"user\":{\"plan\":\"pro\",\"apiKey\":\"* ***\",\"refreshToken\":\"**\"}}"],
    ["{ password: 'hunter2', pin : '0000' }", "{ password: '*******', pin : '****' }"],
    // Code: a quoted value after `=`, `:=` or `=>`, spaced or not.
    ['DB_PASSWORD = "s3cretPw" · token := "tk9abc" · "api_key" => "Pa55word" · secret="x y"', 'DB_PASSWORD = "********" · token := "******" · "api_key" => "********" · secret="* *"'],
    // An escaped quote does not end a quoted value.
    ['{"password": "a\\"bc\\\\", "plan": "pro"}', '{"password": "*******", "plan": "pro"}'],
    // Labelled, unquoted: the word after the label holds a digit.
    ['Temporary password: Xk9#mP2q (change it after login)', 'Temporary password: ******** (change it after login)'],
    ['PIN: 4821', 'PIN: ****'],
    ['Your verification code is 482913.', 'Your verification code is *******'],
    ['Recovery code:a1b2-c3d4 Keep it safe', 'Recovery code:********* Keep it safe'],
    ['Passwort: geheim42', 'Passwort: ********'],
    ['Mot de passe : azerty123', 'Mot de passe : *********'],
    ['CVV: 123, expires 08/27', 'CVV: **** expires 08/27'],
    ['Zip code：94103', 'Zip code：*****'],
    ['Date of birth: 05/12/1985 · Birthday: 1985-05-12 · DOB: 12.05.1985', 'Date of birth: ********** · Birthday: ********** · DOB: **********'],
    ['Passport: X1234567', 'Passport: ********'],
    // A value before its label, as text messages write one-time codes.
    ['482913 is your Acme verification code. Do not share it.', '****** is your Acme verification code. Do not share it.'],
    ['G-731904 is your Google verification code', '******** is your Google verification code'],
    ['Use 9f3K2x is your temporary password', 'Use ****** is your temporary password'],
    // Any word `code` is a label: an error code goes too (fail closed).
    ['Error code: 0x80070005', 'Error code: **********'],
    // A link shown as text: the token in its path, as in a URL attribute.
    ['Reset it: https://app.test/reset-password/8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c (valid 1 hour)', 'Reset it: https://app.test/reset-password/******************************** (valid 1 hour)'],
    // `is` and `:` together, as verification pages and emails write them.
    ['Your one-time code is: 774411', 'Your one-time code is: ******'],
    ['Code is:774411', 'Code is:******'],
    // Keys, tokens and secrets after their label, as settings pages, headers and config dumps show them.
    ['x-api-key: 8f14e45fceea167a5a36dedd4bea2543', 'x-api-key: ********************************'],
    ['API key: sk-8f14e45f · Access key: AKX9Q2 · Token: t0k3n · Client secret: s3cr3t', 'API key: *********** · Access key: ****** · Token: ***** · Client secret: ******'],
    // Passwords, codes and national ids in other languages.
    ['Пароль: Qw8Ru5sian · Код: 4829', 'Пароль: ********** · Код: ****'],
    ['密码：Zh9Pass88 · 验证码：582910 · 驗證碼: 582911', '密码：********* · 验证码：****** · 驗證碼: ******'],
    ['パスワード: Jp7Pass77 · パスワ-ド: Jp7Pass78 · 暗証番号：4829', 'パスワード: ********* · パスワ-ド: ********* · 暗証番号：****'],
    ['비밀번호: Ko6Pass66 · 인증번호: 382911', '비밀번호: ********* · 인증번호: ******'],
    ['كلمة المرور: Ar5Pass55', 'كلمة المرور: *********'],
    ['Hasło: Pl3Pass33 · Şifre: Tr2Pass22 · Senha: Pt1Pass11', 'Hasło: ********* · Şifre: ********* · Senha: *********'],
    ['Código: 482913 · Kode: 5821 · Kod: 5822', 'Código: ****** · Kode: **** · Kod: ****'],
    ['CPF: 123.456.789-09 · DNI: 12345678Z', 'CPF: ************** · DNI: *********'],
    ['Account number: 12345678 · Security answer: Fluffy1985 · License key: ABCD-1234-EFGH', 'Account number: ******** · Security answer: ********** · License key: **************'],
    // Code and password compounds (five letters or more before them), as German, Dutch and the Nordic languages write them.
    ['Ihr Bestätigungscode: 482913 · Einmalpasswort: Gx7Pass · Uw verificatiecode is 582913', 'Ihr Bestätigungscode: ****** · Einmalpasswort: ******* · Uw verificatiecode is ******'],
    ['Din engangskode er 5821 · Din kod är 7731 · Engångslösenord: Sv8Pass · Vahvistuskoodi: 482915', 'Din engangskode er **** · Din kod är **** · Engångslösenord: ******* · Vahvistuskoodi: ******'],
    ['Kennwort: De9Pass · Passord: No8Pass · Lösenord: Se7Pass · Salasana: Fi6Pass · Heslo: Cz5Pass · Jelszó: Hu4Pass', 'Kennwort: ******* · Passord: ******* · Lösenord: ******* · Salasana: ******* · Heslo: ******* · Jelszó: *******'],
    // `is` in their languages, and words between a label and its `:` or `is`, as Romance languages qualify a noun after it.
    ['Votre code est 482913 · Code de vérification : 582910 · Ihr Code lautet 682913', 'Votre code est ****** · Code de vérification : ****** · Ihr Code lautet ******'],
    ['Tu código de verificación es 482913 · Contraseña temporal: Es7Pass', 'Tu código de verificación es ****** · Contraseña temporal: *******'],
    ['Seu código é 482913 · Il tuo codice è 582911 · Codice di verifica: 582912 · PIN for your card: 4821', 'Seu código é ****** · Il tuo codice è ****** · Codice di verifica: ****** · PIN for your card: ****'],
    ['Ihre neue PIN für die Karte: 8812 · Kontonummer: 1234567 · Geburtsdatum: 12.05.1985', 'Ihre neue PIN für die Karte: **** · Kontonummer: ******* · Geburtsdatum: **********'],
    ['Numéro de client : 8812345 · Date de naissance : 12/05/1985 · Fecha de nacimiento: 12/05/1985 · Su clave de acceso: Qx7Clave', 'Numéro de client : ******* · Date de naissance : ********** · Fecha de nacimiento: ********** · Su clave de acceso: ********'],
    // Compounds joined by a hyphen, as German writes them with an abbreviation (and Russian `PIN-код`).
    ['SMS-Code: 123456 · E-Mail-Code: 482913 · TAN-Nummer: 654321 · PIN-код: 4821', 'SMS-Code: ****** · E-Mail-Code: ****** · TAN-Nummer: ****** · PIN-код: ****'],
    // Any one word after a label: an adjective or noun after it (Slavic languages), a separable verb's particle.
    ['Kod weryfikacyjny: 482913 · Код подтверждения: 582913 · Geben Sie Ihren Sicherheitscode ein: 7731', 'Kod weryfikacyjny: ****** · Код подтверждения: ****** · Geben Sie Ihren Sicherheitscode ein: ****'],
    // Nothing but spaces or a dash between a label and its value, as messages and confirmation pages write one.
    ['Your verification code 482913 · Enter PIN 4821 at the till · OTP – 582913 · Password → Hunter22 · SMS-Code 318274', 'Your verification code ****** · Enter PIN **** at the till · OTP – ****** · Password → ******** · SMS-Code ******'],
    // A value in groups: every group holding a digit goes, not the first alone.
    ['Your code is 482 913 · Verification code: 48 29 13 · Account number: 1234 5678 · Your verification code 482 913', 'Your code is *** *** · Verification code: ** ** ** · Account number: **** **** · Your verification code *** ***'],
    ['PIN: 4821 expires in 5 min · Date of birth: 05 12 1985 (age 40)', 'PIN: **** expires in 5 min · Date of birth: ** ** **** (age 40)'],
    // An article after `is`.
    ['Votre code est le 582913 · Tu código es el 4821 · Seu código é o 482913 · Il tuo codice è il 582911', 'Votre code est le ****** · Tu código es el **** · Seu código é o ****** · Il tuo codice è il ******'],
    // Identifiers after their label: any `ID`, `#`, `No.` or `Nr.`, an account, a licence, a username, US tax ids.
    ['Tax ID: 12-3456789 · Member ID: ABC12345 · TIN: 98-7654321 · Your ID is 5512 · Order ID 5512', 'Tax ID: ********** · Member ID: ******** · TIN: ********** · Your ID is **** · Order ID ****'],
    ['Account #: 1234567 · Acct no. 7654321 · Policy No: AB-123456 · N° de client : 12345678 · Nr.: 12345', 'Account #: ******* · Acct no. ******* · Policy No: ********* · N° de client : ******** · Nr.: *****'],
    ["Account: 12345678 · Driver's license: D1234567 · Licence 7654321 · Username: jdoe42", "Account: ******** · Driver's license: ******** · Licence ******* · Username: ******"],
    // Labels in any case, in each script they are written in (the patterns spell both cases out, with no `i` flag).
    ['PASSWORD: Hunter22 · КОД: 4821 · CÓDIGO: 5512 · MOT DE PASSE : 8812a · HASŁO: x9k2 · 482913 IS YOUR Acme CODE', 'PASSWORD: ******** · КОД: **** · CÓDIGO: **** · MOT DE PASSE : ***** · HASŁO: **** · ****** IS YOUR Acme CODE'],
    // Turkish capitals write a dotted `İ`, which neither the `i` flag nor a plain upper-casing reads as `i`.
    ['ŞİFRE: Tr2Pass22 · PİN: 4821 · KİMLİK NO: 12345678901', 'ŞİFRE: ********* · PİN: **** · KİMLİK NO: ***********'],
    // The people an id is for: a customer's, a client's, a member's, a patient's (a medical record or Medicare number).
    ['Customer: 12345678 · Cliente: 8812345 · Member 5512345 · Patient: 4417723 · MRN 1234567 · Medicare 1234 56789 1', 'Customer: ******** · Cliente: ******* · Member ******* · Patient: ******* · MRN ******* · Medicare **** ***** *'],
    // A card's security code is three digits: after its label and spaces alone, too.
    ['CVC 123 · CVV 1234 · CSC 321 · Security code 456', 'CVC *** · CVV **** · CSC *** · Security code ***'],
    // Unquoted values assigned with spaces around `=`, as INI and TOML files and env dumps write them.
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG · region = us-east-1', 'aws_secret_access_key = ********************* · region = us-east-1'],
  ])('masks the value in %s', (text, masked) => {
    expect(mask(text)).toBe(masked);
  });

  it.each([
    'page=2&sort=asc',
    // A stylesheet's attribute selector: `state` follows `-`, and the name `data-state` follows `[`.
    '[data-state=open] { color: red }',
    'a == b, token==',
    'if (token === "abc") {}',
    'value="plain" label = "visible"',
    // Base64 padding is not an assignment.
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    // A label in prose with no quoted value is text, not an assignment.
    'Session: Spring 2025',
    // A secret label's word holds no digit: an instruction or a status, not a value.
    'Password: Required',
    'Your password is incorrect, 3 tries left',
    // A word before `is your` with no secret's label after it.
    'Plan 2 is your best choice. Code reviews are free.',
    // In a stylesheet, a class or id named like a label is no label; nor is one inside a word.
    '.pin:nth-child(2), #otp-code:nth-of-type(3), input.password:nth-last-child(1), pre code:nth-child(2n) { color: red }',
    'Opinion: 5 stars. Barcode: 0123',
    // A compound needs five letters before its code word: a barcode, zip code or unicode is no secret's label.
    'Barcode: 0123 · Zipcode: 94107 · Unicode: U+1F600',
    // Words between a label and a value that holds no digit, or a value that follows no `:` or `is`.
    'Code of conduct: updated yearly. Password for guests is printed at the desk',
    // A stylesheet's classes named like the new labels, and custom properties.
    '.token:nth-child(2), .secret:first-child, .api-key:nth-of-type(2n) { --token: 12px; --secret:1 }',
    'Tokens: none yet',
    // With nothing between a label and a number, a short number or a time is no secret's value.
    'Error code 404 · Page number 3 of 12 · Answer 42 · Meeting code 10:30 · Code is short · Error code 404 Not Found',
    // A hyphenated label starts a word: custom properties (`--`) and classes (`.`) are no compounds.
    ':root { --font-code: 14px; --pin-size:2px } .qr-code:hover { top:2px } a.btn-pin:nth-child(2) {}',
    'Answer: In the settings. Number of seats: unlimited',
    // `#` and `No.` glued to a word or a number, and short numbers after the identifier labels.
    'Order #12345 · C# 2024 edition · There are no 3D models · Order ID 55 · Item # 12 · License: CC BY 4.0',
    // The people an id is for, inside a word, in the plural, or before a short number.
    'Remember: 3 things · Members: 120 · Customers 2024 report · Client 2.0 released · Patient 1 of 3',
    'token=',
    // Glued to a masked value: masking `0958q=1` must not make an assignment of it (found by `npm run fuzz`).
    '****q=1',
  ])('leaves %s visible', (text) => {
    expect(mask(text)).toBe(text);
  });

  it('reads a long word before " is your " in linear time', () => {
    // Unbounded, the value-before-label pattern took 32 s on 4,000 characters; this would never end.
    const text = `${'a1'.repeat(100_000)} is your code. 482913 is your code`;
    expect(mask(text)).toBe(`${'a1'.repeat(100_000)} is your code. ****** is your code`);
  });

  it('reads a long run of spaces after a label in linear time', () => {
    // Unbounded, the look back from each space took 250 ms for 20,000 spaces.
    const spaces = ' '.repeat(200_000);
    expect(mask(`PIN:${spaces}x PIN: 4821`)).toBe(`PIN:${spaces}x PIN: ****`);
    expect(mayAssign(`code is${spaces}x`)).toBe(false);
  });

  it('reads a long word of colons and digits in linear time', () => {
    // Minified CSS or code shown as text: the look ahead for a digit from each `:` read to the word's end (1.3 s for
    // 40 KB of `:`), and the look ahead for a second word from each `:` read the whole word too (4.3 s for 80 KB of
    // `1:`). At 200 KB these would not end.
    for (const word of [`${':'.repeat(200_000)}1`, '1:'.repeat(100_000), 'a:1;'.repeat(50_000)]) {
      expect(mask(`${word} PIN: 4821`)).toBe(`${word} PIN: ****`);
    }
  });

  it('masks every planted value, anywhere, and only ever hides characters', () => {
    const name = fc.constantFrom('token', 'access_token', 'sessionId', 'api-key', 'password', 'email', 'code');
    const value = fc.string({ unit: fc.constantFrom(...'abcXYZ0123456789_-.~%+/'), minLength: 1, maxLength: 24 });
    const around = fc.string({ unit: fc.constantFrom(...'abc XYZ 019.,;()?&#/'), maxLength: 30 });
    fc.assert(
      fc.property(around, name, value, around, fc.boolean(), (before, key, secret, after, quoted) => {
        const assignment = quoted ? `"${key}": "${secret}"` : `${key}=${secret}`;
        const text = `${before} ${assignment} ${after}`;
        const masked = mask(text);
        expect(masked).not.toContain(assignment);
        expect(onlyHides(text, masked)).toBe(true);
        expect(mask(masked)).toBe(masked);
      }),
    );
  });
});
