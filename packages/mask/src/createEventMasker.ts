import { createCssMasker } from './css';
import { DEFAULT_DETECTORS, enabledDefaultDetectors } from './defaultDetectors';
import { email, EMAIL_IN_PROGRESS } from './email';
import { foldForDetection } from './foldText';
import { maskJsonStrings } from './maskJsonStrings';
import { mayHoldDefaultMatch } from './mayHoldDefaultMatch';
import { applyMarkChanges, FIELD_ROOTS, Flag, ownFlags } from './flags';
import { breaksInlineRun, maskAcrossPieces } from './inlineText';
import { createNodeTree } from './nodeTree';
import { classifyAttribute, emptyIfDocument, holdsMarkupOrData, SAFE_META_NAMES } from './policy';
import {
  EventType,
  IncrementalSource,
  NodeType,
  type AttributeValue,
  type Attributes,
  type InputData,
  type MutationData,
  type RecordedEvent,
  type SerializedNode,
} from './rrweb';
import type { Detector, PrivacyLevel, Redact } from './types';
import { secretParam, valueAfterLabel } from './secret-param';
import { maskUrl } from './url';

/** Options of `createEventMasker`. */
export interface MaskOptions {
  /** How much is masked. Default `'balanced'`. */
  level?: PrivacyLevel;
  /**
   * Extra detectors, added to the built-in ones for the level (never replacing
   * them). Deduplicated by name.
   */
  detectors?: readonly Detector[];
  /**
   * Names of default detectors to turn off, e.g. `['lowlight/us-ssn@1']`, for a page
   * whose own content they mask wrongly. It weakens privacy: values of that kind are
   * then recorded as they are. An unknown name is an error.
   */
  disableDetectors?: readonly string[];
  /** Character that replaces each non-space character of masked text. Default `'*'`. */
  maskChar?: string;
  /** Told once per distinct failure; the failing value was redacted or its event dropped. */
  onError?: (error: unknown) => void;
  /**
   * Reads the live page: the text nodes of the inline run (see `breaksInlineRun`)
   * that holds node `id`, in document order, with their current text, or null.
   * `@lowlight/core` gives it from rrweb's mirror, so a value completed by a later
   * mutation next to text sent earlier is caught too. Without it, text is joined
   * within one event only.
   */
  inlineRunOf?: (id: number) => InlineRunPiece[] | null;
  /**
   * Reads the live page: whether node `id` is in a document in design mode (`designMode = 'on'`, as some rich-text
   * editors set on their iframe's document), where all text is typed input with no attribute to show it. Its text
   * is then masked as a contenteditable region's. `@lowlight/core` gives it from rrweb's mirror.
   */
  inDesignMode?: (id: number) => boolean;
  /**
   * Reads the live page: the non-blank texts before text node `id` in document order (oldest first, a dozen or two
   * at most), or null. Secret-param's label rule (`valueAfterLabel`) then finds a value a later mutation writes into
   * the block after its label (`<dt>Temporary password</dt><dd>…</dd>` filled once a request answers), and the rest
   * of a list of recovery codes rendered under its heading. For text in a table's data cell, the last text is the
   * `<th>` heading its column (`<th>PIN</th>` over `<td>4821</td>`); a snapshot asks for that heading alone
   * (`headingOnly`). `@lowlight/core` gives it from rrweb's mirror. Without it, the rule reads the texts of one event
   * only.
   */
  textsBeforeOf?: (id: number, headingOnly?: boolean) => string[] | null;
}

/** A text piece of a mutation, as masked so far, and how to write it back (which updates `text`). */
interface TextInEvent {
  text: string;
  set(text: string): void;
}

/** One text node of an inline run, as `MaskOptions.inlineRunOf` reads it from the page. */
export interface InlineRunPiece {
  /** The text node's rrweb id. */
  id: number;
  /** The text node's current text. */
  text: string;
}

/**
 * The one place where masking is decided: rrweb events in, masked events out.
 * Every path rrweb can carry data by (snapshot nodes, attributes, text and
 * characterData changes, input events, stylesheet rules, meta href) passes here.
 */
export interface EventMasker {
  /** Masks an event in place and returns it, or returns null when it must not be recorded. */
  maskEvent(event: RecordedEvent): RecordedEvent | null;
  /** Masks page text outside the DOM (a title, say) as visible page text. */
  maskText(text: string): string;
  /** Scrubs a URL (page URL, referrer). */
  maskUrl(url: string): string;
  /**
   * The egress guard: masks detector matches in the string literals of
   * serialized JSON, just before it leaves the page. It catches what slipped
   * past event masking: a plugin's additions, a field a newer rrweb emits.
   */
  guardJson(json: string): string;
  /** The level in force. */
  readonly level: PrivacyLevel;
}

const WHITESPACE = /\s/;
const NON_WHITESPACE = /\S/g;
/** Marks a detector's match in folded text: folding turned every NUL into a space, so none is the page's. */
const markMatch: Redact = (text) => text.replace(NON_WHITESPACE, '\0');
const MATCHED_SPANS = /\0(?:[\0 ]*\0)?/g;

/**
 * Every field rrweb 2.1.6 puts on serialized element and text nodes. They are
 * produced by rrweb, never by the page, so a new one can only come with a new
 * rrweb: test/browser/rrwebContract.test.ts fails the build then, instead of
 * every node paying for a runtime scan. Other node types (documents, doctypes)
 * are few and get the detectors over every other field.
 */
export const ELEMENT_AND_TEXT_FIELDS = new Set([
  'id', 'type', 'childNodes', 'tagName', 'attributes', 'textContent', 'isStyle', 'isSVG', 'isShadow', 'isShadowHost',
  'isCustom', 'needBlock', 'rootId',
]);

/**
 * Fields of event data that masking handles by name, per shape. Any other field,
 * including ones a newer rrweb adds, gets the detectors, which is what lets the
 * egress guard be skipped when no plugin changed an event.
 */
const HANDLED = {
  event: new Set(['data']),
  fullSnapshot: new Set(['node']),
  meta: new Set(['href']),
  custom: new Set(['tag', 'payload']),
  mutation: new Set(['texts', 'attributes', 'removes', 'adds']),
  input: new Set(['text']),
  text: new Set(['value']),
  attribute: new Set(['attributes']),
  added: new Set(['node']),
  nothing: new Set<string>(),
};

/** How many fields' typed values the masker remembers to mask where the page shows them back (see `typed`). */
export const MAX_TYPED_FIELDS = 64;

/** Every privacy level, strictest first. */
export const PRIVACY_LEVELS: readonly PrivacyLevel[] = ['strict', 'balanced', 'relaxed'];

/** Makes the masker that every recorded event passes through before it leaves the page (see `EventMasker`). Throws on an unknown `level`. */
export function createEventMasker(options: MaskOptions = {}): EventMasker {
  const level = options.level ?? 'balanced';
  if (!PRIVACY_LEVELS.includes(level)) {
    throw new Error(`[lowlight] mask: "level" must be one of ${PRIVACY_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  }
  const maskChar = options.maskChar ?? '*';
  // Quotes and backslashes would break the JSON the egress guard rewrites.
  if (typeof maskChar !== 'string' || [...maskChar].length !== 1 || /[\s"\\\p{Cc}]/u.test(maskChar)) {
    throw new Error(`[lowlight] mask: "maskChar" must be one visible character other than " and \\, got ${JSON.stringify(maskChar)}`);
  }
  const relaxed = level === 'relaxed';
  // Default detectors only run on text that could hold a match (see mayHoldDefaultMatch); extra ones always run.
  const defaults = enabledDefaultDetectors(options.disableDetectors);
  const defaultDetectors = relaxed ? [] : defaults;
  const extraDetectors = relaxed ? [] : dedupeByName([...DEFAULT_DETECTORS, ...(options.detectors ?? [])]).slice(DEFAULT_DETECTORS.length);
  const allDetectors = [...defaultDetectors, ...extraDetectors];
  const strict = level === 'strict';
  const tree = createNodeTree();
  /**
   * The latest value typed into each masked field, by node id, trimmed and escaped as a pattern, if longer than 2
   * characters: kept in memory for `MAX_TYPED_FIELDS` fields at most (the latest typed into), never sent. Wherever the page shows one back (a
   * live preview, "Results for …", a sent chat message, a validation message, a URL), it is masked as the field is,
   * in any case and whatever whitespace the page puts between its words (see `detectTyped`).
   */
  const typed = new Map<number, string>();
  /** The typed values, longest first: one that starts another must not leave the other's rest shown. */
  let typedPattern: RegExp | undefined;

  const reported = new Set<string>();
  const report = (error: unknown): void => {
    const key = String(error);
    if (reported.has(key)) return;
    reported.add(key);
    options.onError?.(error);
  };

  // Most masked values hold no whitespace: one repeat instead of a regular-expression replace.
  const redact: Redact = (text) => (WHITESPACE.test(text) ? text.replace(NON_WHITESPACE, maskChar) : maskChar.repeat(text.length));

  /**
   * Runs every detector, over the text as folded for them (see `foldForDetection`): their matches in the folded text
   * are marked, then the characters they came from are redacted in the original, with whatever lay between. If one
   * throws, or changes the length against the detector contract, the whole string is redacted (fail closed).
   */
  const detect = (text: string): string => {
    const detectors = mayHoldDefaultMatch(text) ? allDetectors : extraDetectors;
    if (text === '' || detectors.length === 0) return text;
    try {
      const folded = foldForDetection(text);
      if (!folded) return detectors.reduce((result, detector) => detector.maskMatches(result, redact), text);
      const marked = detectors.reduce((result, detector) => detector.maskMatches(result, markMatch), folded.text);
      if (marked.length !== folded.text.length) return redact(text);
      const { positions } = folded;
      let result = '';
      let copied = 0;
      // Matches side by side, or apart by spaces only, are one span: what folding dropped between them goes too.
      for (const { index, 0: span } of marked.matchAll(MATCHED_SPANS)) {
        const start = positions[index]!;
        result += text.slice(copied, start) + redact(text.slice(start, (copied = positions[index + span.length - 1]! + 1)));
      }
      return result + text.slice(copied);
    } catch (error) {
      report(error);
      return redact(text);
    }
  };

  /**
   * The detectors, after the typed values: for what the page shows (text, text attributes, URLs), not for its
   * structure, CSS or the egress guard, which reads tag names too (a search for `div` must leave the markup whole).
   */
  const detectTyped = (text: string): string => detect(typedPattern ? text.replace(typedPattern, redact) : text);
  const scrubUrl = (url: string): string => emptyIfDocument(url) ?? (relaxed ? url : maskUrl(url, detectTyped, redact, strict));
  const css = createCssMasker(scrubUrl, detect, redact);

  /** True where content (page text, content attributes) must be redacted outright. */
  const contentHidden = (flags: number): boolean =>
    (flags & (Flag.Mask | Flag.Block)) !== 0 ||
    ((flags & Flag.Unmask) === 0 && (strict || (flags & Flag.Editable) !== 0));

  /** A form field whose value is masked: every field, unless the site unmarked it. */
  const fieldHidden = (flags: number): boolean =>
    (flags & (Flag.Mask | Flag.Block)) !== 0 || (flags & Flag.Unmask) === 0;

  function maskPageText(text: string, flags: number): string {
    if (flags & (Flag.Secret | Flag.Script)) return '';
    if (flags & Flag.Style) return relaxed ? text : css.sheet(text);
    if (contentHidden(flags)) return redact(text);
    if (flags & Flag.Field && fieldHidden(flags)) return redact(text);
    return relaxed ? text : detectTyped(text);
  }

  /** Masks every string inside a value (style diffs arrive as nested objects); with `keys`, object keys too. */
  function mapStrings(value: AttributeValue, mask: (text: string) => string, keys?: boolean): AttributeValue {
    if (typeof value === 'string') return mask(value);
    // A function would reach JSON.stringify unmasked (an own `toJSON` returns whatever its closure holds): left
    // out, as JSON leaves functions out.
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? (undefined as unknown as AttributeValue) : value;
    const result = (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      result[keys ? mask(key) : key] = mapStrings((value as Record<string, AttributeValue>)[key] ?? null, mask, keys);
    }
    return result as AttributeValue;
  }

  /** Masks a value as page text; plain strings, the common case, without allocating a closure. */
  function maskStrings(value: AttributeValue, flags: number): AttributeValue {
    return typeof value === 'string' ? maskPageText(value, flags) : mapStrings(value, (text) => maskPageText(text, flags));
  }

  /** Runs the detectors over every field of `record` not in `handled`. */
  function detectOtherFields(record: object, handled: ReadonlySet<string>): void {
    const fields = record as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (!handled.has(key) && value !== null && (typeof value === 'string' || typeof value === 'object')) {
        fields[key] = mapStrings(value as AttributeValue, detect);
      }
    }
  }

  /**
   * Masks an element's attributes in place, by the rules of policy.ts. `flags`
   * are the effective ones, `own` the element's own; `all` is false for a
   * mutation's partial set.
   */
  function maskAttributes(attributes: Attributes, flags: number, own: number, all: boolean): void {
    const inField = (flags & Flag.Field) !== 0;
    const metaName = own & Flag.Meta && all ? String(attributes.name ?? attributes['http-equiv'] ?? '').toLowerCase() : '';
    const names = Object.keys(attributes);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = attributes[name]!;
      if (value === null || typeof value === 'boolean' || typeof value === 'number') continue;
      switch (classifyAttribute(name.toLowerCase(), own, inField)) {
        case 'structure':
          attributes[name] = relaxed ? value : mapStrings(value, detect);
          break;
        case 'css':
          attributes[name] = relaxed ? value : css.style(value);
          break;
        case 'text':
          attributes[name] =
            typeof value === 'string' && holdsMarkupOrData(value) ? redact(value) : maskStrings(value, flags & ~Flag.Field);
          break;
        case 'url':
          attributes[name] = contentHidden(flags) ? '' : mapStrings(value, scrubUrl);
          break;
        case 'field':
          if (flags & Flag.Secret || name === 'checked' || name === 'selected') {
            // Secret values go entirely; a masked field's choice is not recorded either.
            if (flags & Flag.Secret || fieldHidden(flags)) delete attributes[name];
          } else {
            attributes[name] = maskStrings(value, flags | Flag.Field);
          }
          break;
        case 'meta':
          if (!SAFE_META_NAMES.has(metaName)) delete attributes[name];
          break;
        case 'drop':
          delete attributes[name];
          break;
      }
    }
  }

  /** A document in design mode is typed into wherever no mark shows it (see `MaskOptions.inDesignMode`). */
  const typedHere = (id: number): number => (options.inDesignMode?.(id) ? Flag.Editable : 0);
  /** The flags node `id` has now: from the marks recorded, and from its document's design mode. */
  const flagsNow = (id: number): number => tree.effective(id) | typedHere(id);

  /**
   * Text nodes of the inline runs being walked, in document order; `null` marks
   * where a block element breaks a run. Shared by every walk, so a snapshot
   * allocates no array per element.
   */
  const runs: Array<SerializedNode | null> = [];
  /**
   * Secret-param's label rule across blocks (see valueAfterLabel): the end of the page text read so far in this
   * event, its texts joined by spaces (a label may be split over inline elements: `<b>Your code</b> is:`), and
   * whether the last text was a value alone after a label.
   */
  const labelsNextText = defaultDetectors.includes(secretParam);
  /** Text a mutation writes is masked up to an address in progress at its end (EMAIL_IN_PROGRESS) where emails are. */
  const findsEmails = defaultDetectors.includes(email);
  let textBefore = '';
  let listing = false;
  /** Reads the next page text for the label rule: how many of its first characters are a value after a label. */
  function readAfterLabel(text: string): number {
    // Whitespace between blocks neither ends a label nor holds a value.
    if (!/\S/.test(text)) return 0;
    const value = valueAfterLabel(textBefore, text, listing);
    listing = value > 0 && value === text.trimEnd().length;
    // A long text is its own end: no string built per text node of a snapshot.
    textBefore = text.length < 40 ? `${textBefore} ${text}`.slice(-40) : text;
    return value;
  }
  /** Masks the first `value` characters of masked text (see readAfterLabel); masking keeps every character's place. */
  const maskFirst = (masked: string, value: number): string => (value ? redact(masked.slice(0, value)) + masked.slice(value) : masked);

  /** Registers a serialized subtree in the node tree and masks it in place, collecting its text into `runs`. */
  function maskNode(node: SerializedNode, parentId: number, inherited: number): void {
    // A shape rrweb never emits cannot be judged: throwing drops the whole event.
    if (typeof node?.id !== 'number' || !(node.type >= NodeType.Document && node.type <= NodeType.Comment) || (node.childNodes && !Array.isArray(node.childNodes))) {
      throw new Error('[lowlight] mask: malformed serialized node; event dropped');
    }
    if (node.type !== NodeType.Element && node.type !== NodeType.Text) detectOtherFields(node, ELEMENT_AND_TEXT_FIELDS);
    let flags = node.type === NodeType.Document ? inherited | typedHere(node.id) : inherited;
    let breaksRun = node.type === NodeType.Document;
    if (node.type === NodeType.Element) {
      // rrweb lower-cases tag names when it serializes them.
      const tagName = String(node.tagName ?? '');
      const attributes = (node.attributes ??= {});
      // A mutation registers its nodes before masking them, with marks its attribute changes set.
      const own = tree.own(node.id) ?? ownFlags(tagName, attributes, node.isSVG === true);
      tree.set(node.id, parentId, own);
      // Same rule as NodeTree.effective: an ancestor's unmask stops at a field root.
      flags = (own & FIELD_ROOTS ? flags & ~Flag.Unmask : flags) | own;
      maskAttributes(attributes, flags, own, true);
      if (flags & Flag.Block) {
        // rrweb's blockSelector already leaves the subtree out; this holds even when it did not.
        node.childNodes = [];
        return;
      }
      breaksRun = breaksInlineRun(tagName, attributes);
    } else {
      tree.set(node.id, parentId, 0);
      if (node.type === NodeType.Text) {
        const text = node.textContent ?? '';
        node.textContent = maskPageText(text, flags);
        if (labelsNextText && !(flags & (Flag.Style | Flag.Script))) {
          // In a table, the label may head the value's column rather than come before it: the page knows the column.
          const value =
            readAfterLabel(text) ||
            (flags & Flag.Cell && valueAfterLabel('', text, true) ? valueAfterLabel(options.textsBeforeOf?.(node.id, true)?.at(-1) ?? '', text, false) : 0);
          node.textContent = maskFirst(node.textContent!, value);
        }
        // <style> and <script> are blocks: their text is never joined with page text.
        runs.push(node);
      } else if (node.type === NodeType.Comment || node.type === NodeType.CDATA) {
        node.textContent = '';
      }
    }
    const children = node.childNodes;
    if (!children) return;
    if (breaksRun) runs.push(null);
    const start = runs.length;
    // Indexed loops on the hot path: the iterator protocol is slow before the JIT warms up.
    for (let i = 0; i < children.length; i++) maskNode(children[i]!, node.id, flags);
    if (breaksRun) {
      maskInlineRuns(start);
      runs.push(null);
    }
  }

  /**
   * Runs the detectors over each inline run collected from `start` on, joined,
   * then forgets those runs. A value cut by inline elements or comments
   * (`<span>4111</span> <span>1111</span>…`, `jo<b>@</b>x.io`, React's
   * `jo<!-- -->@<!-- -->x.io`) shows whole in a replay, so each piece of a
   * match is masked. Each piece was already masked on its own.
   */
  function maskInlineRuns(start: number): void {
    if (!relaxed) {
      let first = start;
      for (let i = start; i <= runs.length; i++) {
        if (i < runs.length && runs[i] !== null) continue;
        // One piece alone was already searched.
        if (i - first > 1) maskAcrossNodes(runs.slice(first, i) as SerializedNode[]);
        first = i + 1;
      }
    }
    runs.length = start;
  }

  /** The detectors over pieces read as one run (see maskAcrossPieces); null when nothing matched. */
  const maskRun = (pieces: string[]): string[] | null =>
    extraDetectors.length === 0 && !typedPattern && !mayHoldDefaultMatch(pieces.join('')) ? null : maskAcrossPieces(pieces, detectTyped, redact);

  function maskAcrossNodes(nodes: SerializedNode[]): void {
    const masked = maskRun(nodes.map((node) => node.textContent ?? ''));
    if (masked) nodes.forEach((node, i) => (node.textContent = masked[i]));
  }

  function maskMutation(data: MutationData): void {
    for (const removed of data.removes ?? []) {
      tree.remove(removed.id);
      detectOtherFields(removed, HANDLED.nothing);
    }
    const adds = data.adds ?? [];
    const changes = data.attributes ?? [];
    // Every flag this event sets applies before any of its text or attributes is masked, whatever order rrweb
    // listed them in: a mark set on an element and its text changed in one tick arrive in one event.
    for (const added of adds) registerAdded(added.node, added.parentId);
    const ownAfter = changes.map((change) => {
      const known = tree.own(change.id);
      const own = known === undefined ? undefined : applyMarkChanges(known, change.attributes);
      if (own !== undefined) tree.setOwn(change.id, own);
      return own;
    });
    // rrweb lists an added subtree as one add per node. Text split across them is joined in maskRunsInPage.
    data.adds = adds.filter((added) => {
      const parentFlags = flagsNow(added.parentId);
      if (parentFlags & Flag.Block) return false; // under a block, or never linked to the page
      maskNode(added.node, added.parentId, parentFlags);
      detectOtherFields(added, HANDLED.added);
      return true;
    });
    runs.length = 0;
    for (const text of data.texts ?? []) {
      if (text.value !== null) text.value = maskPageText(text.value, flagsNow(text.id));
      detectOtherFields(text, HANDLED.text);
    }
    const inEvent = textsInEvent(data);
    if (options.inlineRunOf && !relaxed) maskRunsInPage(data, inEvent, options.inlineRunOf);
    if (labelsNextText && options.textsBeforeOf) maskValuesAfterLabelsInPage(inEvent, options.textsBeforeOf);
    // Last: the runs above read the pieces as the page has them, an address in progress included.
    if (findsEmails) for (const piece of inEvent.values()) piece.set(piece.text.replace(EMAIL_IN_PROGRESS, redact));
    changes.forEach((change, i) => {
      maskAttributes(change.attributes, flagsNow(change.id), ownAfter[i] ?? 0, false);
      detectOtherFields(change, HANDLED.attribute);
    });
    tree.collect();
  }

  /**
   * Joins the text this mutation adds or changes with the rest of its inline run
   * as the page now shows it, so a value completed next to text sent earlier is
   * caught. Pieces in the event are masked in place; earlier pieces that turn
   * out to be part of a match are masked by text changes added to the event.
   */
  function maskRunsInPage(data: MutationData, inEvent: Map<number, TextInEvent>, inlineRunOf: (id: number) => InlineRunPiece[] | null): void {
    const joined = new Set<number>();
    for (const id of inEvent.keys()) {
      if (joined.has(id)) continue;
      // A page that cannot be read throws; maskEvent then drops the event (fail closed).
      const run = inlineRunOf(id);
      if (!run || run.length < 2) continue;
      for (const { id: pieceId } of run) joined.add(pieceId);
      const pieces = run.map(({ id: pieceId, text }) => inEvent.get(pieceId)?.text ?? maskPageText(text, flagsNow(pieceId)));
      const masked = maskRun(pieces);
      run.forEach(({ id: pieceId }, i) => {
        if (!masked || masked[i] === pieces[i]) return;
        const own = inEvent.get(pieceId);
        if (own) own.set(masked[i]!);
        else (data.texts ??= []).push({ id: pieceId, value: masked[i]! });
      });
    }
  }

  /** Text pieces a mutation carries, masked on their own already, each with a way to write it back. */
  function textsInEvent(data: MutationData): Map<number, TextInEvent> {
    const inEvent = new Map<number, TextInEvent>();
    // Each piece keeps what was last written back, so a later step masks on from there and never undoes an earlier one.
    const keep = (id: number, text: string, write: (text: string) => void): void => {
      const piece: TextInEvent = { text, set: (next) => write((piece.text = next)) };
      inEvent.set(id, piece);
    };
    const collect = (node: SerializedNode): void => {
      if (node.type === NodeType.Text) keep(node.id, node.textContent ?? '', (text) => (node.textContent = text));
      node.childNodes?.forEach(collect);
    };
    for (const added of data.adds ?? []) collect(added.node);
    for (const change of data.texts ?? []) {
      if (change.value !== null) keep(change.id, change.value, (text) => (change.value = text));
    }
    return inEvent;
  }

  /**
   * The label rule (readAfterLabel) for text a mutation writes, read after the texts the page now shows before it:
   * a value filled into the block after its label once a request answers, or a list rendered under its heading.
   * The page is read only for text that starts with a word holding a digit.
   */
  function maskValuesAfterLabelsInPage(inEvent: Map<number, TextInEvent>, textsBeforeOf: (id: number) => string[] | null): void {
    for (const [id, piece] of inEvent) {
      // Masked text keeps every character's place; a value masked already holds no digit and needs no reading.
      // <style> and <script> text is never page text (`0%{opacity:0}` after a label is no value).
      if (!valueAfterLabel('', piece.text, true) || flagsNow(id) & (Flag.Style | Flag.Script)) continue;
      textBefore = '';
      listing = false;
      for (const text of textsBeforeOf(id) ?? []) readAfterLabel(text);
      const value = readAfterLabel(piece.text);
      if (value) piece.set(maskFirst(piece.text, value));
    }
  }

  /** Records the own flags of an added subtree, so marks anywhere in the event apply before anything is masked. */
  function registerAdded(node: SerializedNode, parentId: number): void {
    if (typeof node?.id !== 'number') return; // maskNode drops the event
    const own = node.type === NodeType.Element ? ownFlags(String(node.tagName ?? ''), node.attributes ?? {}, node.isSVG === true) : 0;
    tree.set(node.id, parentId, own);
    if (Array.isArray(node.childNodes)) for (const child of node.childNodes) registerAdded(child, node.id);
  }

  function maskInput(data: InputData): boolean {
    const flags = tree.effective(data.id);
    // Not even a masked event: the number of keystrokes would give the length away.
    if (flags & Flag.Secret) return false;
    // rrweb reports each keystroke before the page's own handlers can show the value anywhere.
    const value = data.text?.trim();
    // A radio's or checkbox's value only once checked: rrweb reports the group's other radios as unchecked too.
    if (!relaxed && value && value.length > 2 && fieldHidden(flags) && (data.isChecked || !(flags & Flag.Choice))) {
      typed.delete(data.id);
      // Escaped once, as it is typed: any whitespace between words, every other character literal (without the `u`
      // flag, `\é` is `é`). A value that starts another still starts it escaped, so sorting by length still holds.
      typed.set(data.id, value.replace(/\s+|\W/g, (c) => (c.trim() ? `\\${c}` : '\\s+')));
      if (typed.size > MAX_TYPED_FIELDS) typed.delete(typed.keys().next().value!);
      typedPattern = new RegExp([...typed.values()].sort((a, b) => b.length - a.length).join('|'), 'gi');
    }
    data.text = maskPageText(data.text ?? '', flags | Flag.Field);
    if (fieldHidden(flags)) data.isChecked = false;
    return true;
  }

  function maskIncremental(data: { source: number } & Record<string, unknown>): ReadonlySet<string> | null {
    switch (data.source) {
      case IncrementalSource.Mutation:
        maskMutation(data as unknown as MutationData);
        return HANDLED.mutation;
      case IncrementalSource.Input:
        return maskInput(data as unknown as InputData) ? HANDLED.input : null;
      // Stylesheet rules and declarations are CSS text: masked as CSS, then the detectors over every field.
      case IncrementalSource.StyleSheetRule:
      case IncrementalSource.StyleDeclaration:
      case IncrementalSource.AdoptedStyleSheet:
        if (!relaxed) css.event(data);
        return HANDLED.nothing;
      case IncrementalSource.MouseMove:
      case IncrementalSource.MouseInteraction:
      case IncrementalSource.Scroll:
      case IncrementalSource.ViewportResize:
      case IncrementalSource.TouchMove:
      case IncrementalSource.MediaInteraction:
      case IncrementalSource.Drag:
      case IncrementalSource.Selection:
      case IncrementalSource.CustomElement:
        return HANDLED.nothing;
      default:
        // Canvas pixels, font files, console logs and sources rrweb may add later: not recorded.
        return null;
    }
  }

  /**
   * Applies the rules for the event's type. Returns the data fields it handled
   * (every other one gets the detectors), or null if the event must not be recorded.
   */
  function maskByType(event: RecordedEvent, data: Record<string, unknown>): ReadonlySet<string> | null {
    textBefore = '';
    listing = false;
    switch (event.type) {
      case EventType.FullSnapshot:
        tree.clear();
        maskNode(data.node as SerializedNode, 0, 0);
        return HANDLED.fullSnapshot;
      case EventType.IncrementalSnapshot:
        return maskIncremental(data as { source: number } & Record<string, unknown>);
      case EventType.Meta:
        data.href = scrubUrl(String(data.href ?? ''));
        return HANDLED.meta;
      case EventType.Custom:
        // Written by code (Lowlight's own metadata or the site's), not page text: detectors apply, to the
        // payload's keys too, since a site may key by anything (`{ [email]: true }`).
        data.payload = mapStrings(data.payload as AttributeValue, detect, true);
        data.tag = detect(String(data.tag ?? ''));
        return HANDLED.custom;
      case EventType.DomContentLoaded:
      case EventType.Load:
        return HANDLED.nothing;
      default:
        // rrweb plugin and asset events, and types rrweb may add later: not recorded.
        return null;
    }
  }

  return {
    level,
    maskText: (text) => maskPageText(text, 0),
    maskUrl: scrubUrl,
    guardJson: (json) => (allDetectors.length ? maskJsonStrings(json, detect) : json),
    maskEvent(event) {
      try {
        const handled = maskByType(event, event.data as Record<string, unknown>);
        if (!handled) return null;
        detectOtherFields(event.data as object, handled);
        detectOtherFields(event, HANDLED.event);
        return event;
      } catch (error) {
        report(error);
        return null;
      }
    },
  };
}

function dedupeByName(detectors: readonly Detector[]): Detector[] {
  const byName = new Map<string, Detector>();
  for (const detector of detectors) if (!byName.has(detector.name)) byName.set(detector.name, detector);
  return [...byName.values()];
}
