import { caseless } from './caseless';
import type { Detector } from './types';
import { hidePathTokens, isSensitiveParam } from './url';

/** Every assignment holds one of these. */
const ASSIGNMENT_HINT = /=|:\s*["']/;

/**
 * A name and what is assigned to it: `name=value` (a URL written in text or in a `data-src`, a cookie string, a
 * config line), or a quoted value after `name:` (JSON, an object literal), `name =`, `name :=` or `name =>` (code:
 * `password = 'hunter2'`, `"token" => "…"`). The name may not follow a word
 * character, `.`, `-` or `[`, so a stylesheet's `[data-state=open]` assigns nothing to `state`, nor a `*`, so text
 * glued to a masked value (`0958q=1` → `****q=1`) does not become an assignment once masked. A value never starts
 * with `=`, so base64 padding (`…Key==`) is not one. A quoted value runs past escaped quotes (`"a\"b"`).
 */
const ASSIGNMENT = /(?<![\w.[*-])([A-Za-z_][\w.-]*)(?: ?=(?!=) ?([^\s&#"'<>;,]+)|["']?\s*(?::|:?=>?)\s*(["'])((?:\\.|.)*?)\3)/g;

/**
 * Words that say a secret follows: any word `code` (so `Error code: 404` too), passwords and codes in the languages
 * most sites are written in, keys, tokens and secrets (`API key:`, `x-api-key:`, `License key:`), any word `number`
 * (`Account number: 12345678`, whatever the number) and `answer` (a security question's), dates of birth (`Date of birth:
 * 05/12/1985`, `DOB: 1985-05-12`), passport numbers and two national ids (Brazil's `CPF`, Spain's `DNI`), and the words
 * that name an identifier: any `ID`, `#`, `No.`/`Nr.`/`N°` (`Tax ID:`, `Member ID:`, `Account #:`, `Acct no.`, `Policy No:`;
 * an order's or a ticket's number goes too, fail closed), an account, a licence, a username, `SSN` and `TIN`, and the
 * people an id is for: a customer, a client, a member, a patient (`Customer: 12345678`, `Patient 4417723`, `MRN:
 * 1234567`, `Medicare 1234 56789 1`; `Member since 2019` loses its year, fail closed). Not after a
 * word character, `.`, `#` or `-`, so neither `Barcode: 0123` nor a stylesheet's `.pin:nth-child(2)` holds one; but a
 * code or password word may end a compound of five letters or more, as German, Dutch and the Nordic languages write
 * them (`Bestätigungscode`, `Einmalpasswort`, `verificatiecode`, `engangskode`, `engångslösenord`), and any label may
 * end up to three words joined by hyphens that start a word (`SMS-Code`, `E-Mail-Code`, `TAN-Nummer`, `PIN-код`; not
 * a custom property's `--font-code` nor a class's `.qr-code`).
 * Chinese, Japanese and Korean write no spaces: any word ending in `码`/`碼` (code, number), `番号` or `번호` (number)
 * is one, so `验证码`, `暗証番号` and `비밀번호` are, and a phone or order number after its label goes too. `パスワ.ド`:
 * the detectors read the katakana long vowel mark as a dash (foldForDetection). In either case (caseless), spelled out
 * once here and not in each pattern that holds it: spelling is work every page load pays.
 */
const LABEL = caseless(String.raw`(?:(?<![\w.#-])|(?<=(?<![\w.#-])(?:\p{L}{1,12}-){1,3})|(?<=\p{L}{5})(?=cod|koo?d|passw?or|l[öo]sen|salasana|num))(?:codes?|codice|c[oó]digo|koo?d[ei]?|код|(?:passw?|kennw)or[dt]|pass(?:code|phrase)|pin|otp|cv[vc]|contrase.a|mot de passe|senha|wachtwoord|l[öo]senord|salasana|h[ae]s[lł]o|jelsz[óo]|[sş]ifre|пароль|كلمة المرور|パスワ.ド|[码碼]|番号|번호|tokens?|secrets?|(?:x-)?(?:api|access|secret|private|license)[-_ ]?keys?|clave|answer|number|nummer|n[uú]m[eé]ro|birth\w*|geburt\w*|naissance|nacimiento|nascimento|nascita|dob|passport|cpf|dni|id|#|n[oº°r]\.?|acc(?:oun)?t|licen[cs]e|user\s?name|ssn|tin|customer|cliente?|member|patient|mrn|medicare)`);
/**
 * A word that qualifies a label before its `:` or `is`: any one word (`Kod weryfikacyjny:`, `Код подтверждения:`,
 * `contraseña temporal:`, `Sicherheitscode ein:`, and `Code review: 3 items` too, fail closed), or one after
 * `de`/`di`/`do`/…, `for your` or `für die` (`Code de vérification :`, `código de verificação é`, `codice di
 * verifica:`, `PIN for your card:`, `PIN für die Karte:`). One word at most: each more made every look back from a
 * value try the labels again.
 */
const QUALIFIED = caseless(String.raw`(?:\s{1,9}(?:(?:d[aeiou]|f(?:or|ür)(?:\s{1,9}\p{L}{1,5})?)\s{1,9})?\p{L}{1,15})?`);
/**
 * `is` in the languages of the labels, and an article after it: `Your code is 482913`, `Votre code est (le) 482913`,
 * `Ihr Code lautet 482913`, `Din kode er 4821`, `Tu código es el 4821`, `Seu código é o 482913`; in either case.
 */
const IS = caseless(String.raw`(?:[ei]s|e?st|lautet|[eä]r|[éè])(?:\s{1,9}(?:l[ae]|el|il|o))?`);
/** A character of a value's word: no parenthesis (`pre code:nth-child(2)`). */
const WORD_CHAR = String.raw`[^\s<>"'()]`;
/** A word holding a digit (so `Password: Required` stays readable). */
const DIGIT_WORD = String.raw`${WORD_CHAR}*\p{Nd}${WORD_CHAR}*`;
/** A secret's value: a word holding a digit, and the next ones that do (`482 913`, `1234 5678`, `05 12 1985`). */
const VALUE = String.raw`${DIGIT_WORD}(?: ${DIGIT_WORD}){0,5}`;

/** Every assignment holds `=` or `:`, and a value before its label ` is your `: one scan rules most text out. */
const HINT = new RegExp(String.raw`[=:：]|\s${IS}\s`);
/** Every labelled value holds a digit: one scan rules most text out. */
const DIGIT = /\p{Nd}/u;
/**
 * The value after a label and `:`, `is` or both (`PIN: 4821`, `Temporary password: Xk9#mP2q`, `Your verification code
 * is 482913`, `Your code is: 482913`), or after nothing but spaces or a dash, as messages and confirmation pages write
 * one (`Your verification code 482913`, `Enter PIN 4821`, `OTP – 482913`, `Password → Hunter22`): then four or more
 * characters without a `:`, so `Error code 404`, `Page number 3` and a time (`Code 10:30`) stay; after a card's
 * security code (`CVC 123`, `Security code 123`), any value. Tried only where a word holding a digit starts: the look
 * back from every word of a page's text cost the masker a third more. A few spaces at most around the `:` or `is` (the
 * detectors read whitespace runs folded to one space): unbounded, the look back from every space of a long run took
 * quadratic time (250 ms for 20,000 spaces). The look ahead for a digit reads 64 characters of the word at most: it
 * read to the word's end from every `:` in it, and so did the look ahead for a second word after a label and spaces
 * (64 characters of each, now), which a look back runs before the rest of its pattern: both took quadratic time on a
 * long word (0.3 s for 40 KB of minified CSS shown as text, `a:1;a:1;…`; 4.3 s for 80 KB of `1:`).
 */
const LABELLED = new RegExp(
  String.raw`(?<=[\s:：])(?=${WORD_CHAR}{0,63}\p{Nd})(?<=${LABEL}${QUALIFIED}(?:(?:\s{1,9}${IS})?\s{0,9}[:：]\s{0,9}|\s{1,9}${IS}\s{1,9}|\s{1,9}(?:[-–—→]\s{1,9})?(?=[^\s<>"'():]{4}|\S{1,64} \S{0,63}\p{Nd}))|(?<![\w.#-])(?:${caseless('c(?:v[vc]|sc)|security code')})\s{1,9})${VALUE}`,
  'gu',
);

/**
 * A value before `is your …` and its label, as text messages and notifications write one-time codes: `482913 is your
 * Acme verification code`, `G-482913 is your Google verification code`. Looked for only in text that holds ` is your `.
 * Tried only where a word starts, and 40 characters at most on either side of its digit: unbounded, a long word
 * before ` is your ` (a minified blob) took the pattern cubic time (32 s for 4,000 characters).
 */
const VALUE_BEFORE_LABEL = new RegExp(String.raw`(?<!\S)\S{0,40}?\p{Nd}\S{0,40}(?=\s+${caseless(String.raw`is\s+your`)}\s[^.<>]{0,40}?${LABEL})`, 'gu');
const BEFORE_HINT = ' is your ';

/**
 * Text that ends with a label (`Temporary password`, `Your code is:`), read on its last 40 characters: the value may be
 * the next text, in a block of its own (`<dt>`/`<dd>`, a code in a paragraph under its label, recovery codes in a list).
 */
const ENDS_WITH_LABEL = new RegExp(String.raw`${LABEL}${QUALIFIED}(?:\s+${IS})?\s*[:：]?\s*$`, 'u');
const VALUE_FIRST = new RegExp(String.raw`^\s*${VALUE}`, 'u');

/**
 * How many characters at the start of `text` are a secret's value shown in a block of its own, after its label
 * (see ENDS_WITH_LABEL): its first word, if it holds a digit, when the text before (`before`) ends with a label, or
 * while `listing` (the text before was such a value alone: a list of recovery codes under its label). 0 if none.
 * The cheap test first: most text does not start with a word holding a digit.
 */
export function valueAfterLabel(before: string, text: string, listing: boolean): number {
  const value = VALUE_FIRST.exec(text)?.[0].length ?? 0;
  return value && (listing || ENDS_WITH_LABEL.test(before.slice(-40))) ? value : 0;
}

/** Whether `text` may assign or label a secret, or write a URL (a token in its path): the masker's prefilter (mayHoldDefaultMatch) asks it before any detector runs. */
export const mayAssign = (text: string): boolean =>
  (HINT.test(text) && (ASSIGNMENT_HINT.test(text) || text.includes('://') || (text.includes(BEFORE_HINT) && text.search(VALUE_BEFORE_LABEL) >= 0))) ||
  (DIGIT.test(text) && text.search(LABELLED) >= 0);

/**
 * Values of parameters named like secrets, wherever they are written (on by default): the same names whose values
 * a URL's query loses (`token`, `key`, `code`, `session`, `email`, `auth`, …), found in page text, attribute values
 * and stylesheets, so `https://x.io/reset?token=…` shown as text, a lazy image's `data-src="…?sig=…"` or
 * `{"apiKey": "…"}` in a `<pre>` keep their names and lose their values; and secrets shown after a label, unquoted
 * (`PIN: 4821`, see LABELLED), as account, admin and confirmation pages and webmail show them.
 */
export const secretParam: Detector = {
  name: 'lowlight/secret-param@1',
  label: 'secret parameter',
  // The other detectors' matches bring most text here: one scan for `=`, `:` and `is` spares it the assignment and
  // value-before-label patterns, one for a digit the label pattern.
  maskMatches(text, redact) {
    const assigned = HINT.test(text)
      ? hidePathTokens(text, redact)
          .replace(ASSIGNMENT, (all: string, name: string, assigned?: string, quote?: string, quoted?: string) => {
            const value = assigned ?? quoted;
            if (!value || !isSensitiveParam(name)) return all;
            // A quoted value is followed by its closing quote.
            const end = all.length - (quote ? 1 : 0);
            return all.slice(0, end - value.length) + redact(value) + all.slice(end);
          })
          .replace(VALUE_BEFORE_LABEL, redact)
      : text;
    return DIGIT.test(assigned) ? assigned.replace(LABELLED, redact) : assigned;
  },
};
