import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONSENT_KEY,
  createGate,
  decideGate,
  IDENTITY_KEY,
  OPT_OUT_KEY,
  SAMPLE_KEY,
  type GateChange,
  type GateInputs,
  type GateOptions,
  type GateState,
} from './gate';
import { SESSION_KEY } from './session';

const OPEN: GateInputs = { dnt: false, gpc: false, optedOut: false, consent: 'granted', identityRequired: false, identity: undefined };

/** Just enough of a window for the gate: the signals it reads and the URL it may rewrite. */
function fakeWindow({ href = 'https://shop.example/', navigator = {}, doNotTrack }: { href?: string; navigator?: object; doNotTrack?: string } = {}) {
  const win = {
    navigator,
    doNotTrack,
    location: { href },
    history: {
      state: { app: 'state' },
      replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
        win.location.href = url;
      }),
    },
  };
  return win;
}

function readGate(options: GateOptions = {}, win = fakeWindow()) {
  const gate = createGate(options);
  gate.read(win as unknown as Window);
  return gate;
}

const stored = () => ({ local: { ...localStorage }, session: { ...sessionStorage } });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decideGate', () => {
  it.each<[GateState, Partial<GateInputs>]>([
    ['dnt', { dnt: true }],
    ['gpc', { gpc: true }],
    ['opted-out', { optedOut: true }],
    ['denied', { consent: 'denied' }],
    ['pending', { consent: 'pending' }],
    ['unidentified', { identityRequired: true }],
    ['open', { identityRequired: true, identity: { id: 'visitor-1' } }],
    ['open', {}],
  ])('says %s for %j', (state, inputs) => {
    expect(decideGate({ ...OPEN, ...inputs }, () => true)).toBe(state);
  });

  it('gives the first reason in order when several hold', () => {
    const reasons: Array<[GateState, Partial<GateInputs>]> = [
      ['dnt', { dnt: false }],
      ['gpc', { gpc: false }],
      ['opted-out', { optedOut: false }],
      ['pending', { consent: 'granted' }],
      ['unidentified', { identity: { id: 'visitor-1' } }],
      ['sampled-out', {}],
    ];
    let inputs: GateInputs = { dnt: true, gpc: true, optedOut: true, consent: 'pending', identityRequired: true, identity: undefined };
    for (const [state, lift] of reasons) {
      expect(decideGate(inputs, () => false)).toBe(state);
      inputs = { ...inputs, ...lift };
    }
  });

  it('asks the sampler only once every privacy gate is open', () => {
    const sampler = vi.fn(() => false);
    for (const closed of [{ dnt: true }, { gpc: true }, { optedOut: true }, { consent: 'pending' as const }, { identityRequired: true }]) {
      decideGate({ ...OPEN, ...closed }, sampler);
    }
    expect(sampler).not.toHaveBeenCalled();
    expect(decideGate(OPEN, sampler)).toBe('sampled-out');
    expect(sampler).toHaveBeenCalledTimes(1);
  });
});

describe('gate transitions', () => {
  /** How to bring a fresh page's gate into each state. */
  const SETUPS: Record<GateState, () => ReturnType<typeof readGate>> = {
    dnt: () => readGate({}, fakeWindow({ navigator: { doNotTrack: '1' } })),
    gpc: () => readGate({}, fakeWindow({ navigator: { globalPrivacyControl: true } })),
    'opted-out': () => (localStorage.setItem(OPT_OUT_KEY, '1'), readGate()),
    denied: () => readGate({ consent: 'denied' }),
    pending: () => readGate({ consent: 'pending' }),
    unidentified: () => readGate({ requireIdentity: true }),
    'sampled-out': () => readGate({ sessionSampleRate: 0 }),
    open: () => readGate(),
  };
  const CHANGES: Array<[string, GateChange]> = [
    ["consent('granted')", { consent: 'granted' }],
    ["consent('pending')", { consent: 'pending' }],
    ["consent('denied')", { consent: 'denied' }],
    ['identify()', { identity: { id: 'visitor-1' } }],
    ['optOut()', { optedOut: true }],
    ['optIn()', { optedOut: false }],
  ];
  /** From each state, the state after each change above, in that order. Browser signals never change at runtime. */
  const NEXT: Record<GateState, GateState[]> = {
    dnt: ['dnt', 'dnt', 'dnt', 'dnt', 'dnt', 'dnt'],
    gpc: ['gpc', 'gpc', 'gpc', 'gpc', 'gpc', 'gpc'],
    'opted-out': ['opted-out', 'opted-out', 'opted-out', 'opted-out', 'opted-out', 'open'],
    denied: ['open', 'pending', 'denied', 'denied', 'opted-out', 'denied'],
    pending: ['open', 'pending', 'denied', 'pending', 'opted-out', 'pending'],
    unidentified: ['unidentified', 'pending', 'denied', 'open', 'opted-out', 'unidentified'],
    'sampled-out': ['sampled-out', 'pending', 'denied', 'sampled-out', 'opted-out', 'sampled-out'],
    open: ['open', 'pending', 'denied', 'open', 'opted-out', 'open'],
  };
  const table = Object.entries(NEXT).flatMap(([from, targets]) =>
    CHANGES.map(([name, change], index) => [from as GateState, name, targets[index]!, change] as const),
  );

  it.each(table)('%s --%s--> %s', (from, _name, to, change) => {
    const gate = SETUPS[from]();
    expect(gate.decide()).toBe(from);
    gate.apply(change);
    expect(gate.decide()).toBe(to);
  });
});

describe('the gate in the browser', () => {
  it.each([
    ['navigator.doNotTrack', { navigator: { doNotTrack: '1' } }],
    ['navigator.doNotTrack (old Firefox)', { navigator: { doNotTrack: 'yes' } }],
    ['window.doNotTrack (old Edge, Safari)', { doNotTrack: '1' }],
    ['navigator.msDoNotTrack (Internet Explorer)', { navigator: { msDoNotTrack: '1' } }],
  ])('honors Do Not Track from %s', (_source, win) => {
    expect(readGate({}, fakeWindow(win)).decide()).toBe('dnt');
  });

  it.each([['0'], ['unspecified'], [null]])('records when Do Not Track is %j', (value) => {
    expect(readGate({}, fakeWindow({ navigator: { doNotTrack: value } })).decide()).toBe('open');
  });

  it('ignores Do Not Track and Global Privacy Control only when told to, each by its own option', () => {
    const win = fakeWindow({ navigator: { doNotTrack: '1', globalPrivacyControl: true } });
    expect(readGate({ respectDoNotTrack: false }, win).decide()).toBe('gpc');
    expect(readGate({ respectGlobalPrivacyControl: false }, win).decide()).toBe('dnt');
    expect(readGate({ respectDoNotTrack: false, respectGlobalPrivacyControl: false }, win).decide()).toBe('open');
  });

  it('records when Global Privacy Control is present but not true', () => {
    expect(readGate({}, fakeWindow({ navigator: { globalPrivacyControl: false } })).decide()).toBe('open');
  });

  it('remembers a denial across page loads, over the consent option, until consent is granted', () => {
    readGate().apply({ consent: 'denied' });
    expect(localStorage.getItem(CONSENT_KEY)).toBe('denied');
    const nextPage = readGate({ consent: 'granted' });
    expect(nextPage.decide()).toBe('denied');
    nextPage.apply({ consent: 'granted' });
    expect(nextPage.decide()).toBe('open');
    expect(localStorage.getItem(CONSENT_KEY)).toBeNull();
    expect(readGate().decide()).toBe('open');
  });

  it('keeps an opt-out on every page, even through consent, until optIn()', () => {
    readGate().apply({ optedOut: true });
    const nextPage = readGate({ consent: 'granted' });
    nextPage.apply({ consent: 'granted' });
    expect(nextPage.decide()).toBe('opted-out');
    nextPage.apply({ optedOut: false });
    expect(localStorage.getItem(OPT_OUT_KEY)).toBeNull();
    expect(readGate().decide()).toBe('open');
  });

  it.each<[string, GateChange, Record<string, string>]>([
    ['a denial', { consent: 'denied' }, { [CONSENT_KEY]: 'denied' }],
    ['an opt-out', { optedOut: true }, { [OPT_OUT_KEY]: '1' }],
  ])('keeps only the choice itself after %s', (_name, change, local) => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const gate = readGate({ sessionSampleRate: 0.5 }, fakeWindow({ href: 'https://shop.example/?ll_id=visitor-1' }));
    expect(gate.decide()).toBe('open');
    sessionStorage.setItem(SESSION_KEY, 'f'.repeat(32));
    expect(Object.keys(sessionStorage)).toHaveLength(3);
    gate.apply(change);
    expect(stored()).toEqual({ local, session: {} });
  });

  it.each<[string, GateOptions, string]>([
    ['consent is pending', { consent: 'pending', sessionSampleRate: 0.5 }, 'https://shop.example/?ll_id=visitor-1'],
    ['consent is denied', { consent: 'denied', sessionSampleRate: 0.5 }, 'https://shop.example/?ll_id=visitor-1'],
    ['identity is required but missing', { requireIdentity: true, sessionSampleRate: 0.5 }, 'https://shop.example/'],
  ])('stores nothing and assigns no sample while %s', (_name, options, href) => {
    const random = vi.spyOn(Math, 'random');
    readGate(options, fakeWindow({ href })).decide();
    expect(stored()).toEqual({ local: {}, session: {} });
    expect(random).not.toHaveBeenCalled();
  });

  it('keeps a tracked link identity in memory only until the gate opens', () => {
    const gate = readGate({ consent: 'pending' }, fakeWindow({ href: 'https://shop.example/?ll_id=visitor-1' }));
    expect(gate.decide()).toBe('pending');
    expect(gate.identity()).toEqual({ id: 'visitor-1' });
    expect(sessionStorage.getItem(IDENTITY_KEY)).toBeNull();
    gate.apply({ consent: 'granted' });
    expect(gate.decide()).toBe('open');
    expect(sessionStorage.getItem(IDENTITY_KEY)).toBe('visitor-1');
  });

  it('takes a tracked link id out of the address bar, keeping the rest of the URL', () => {
    const win = fakeWindow({ href: 'https://shop.example/offer?utm_source=mail&ll_id=visitor%2042&step=2#terms' });
    const gate = readGate({ requireIdentity: true }, win);
    expect(win.history.replaceState).toHaveBeenCalledWith({ app: 'state' }, '', 'https://shop.example/offer?utm_source=mail&step=2#terms');
    expect(gate.identity()).toEqual({ id: 'visitor 42' });
    expect(gate.decide()).toBe('open');
    expect(sessionStorage.getItem(IDENTITY_KEY)).toBe('visitor 42');
  });

  it('reads the link parameter named by identityParam, and leaves URLs without it alone', () => {
    const win = fakeWindow({ href: 'https://shop.example/?ll_id=not-ours&ref=abc' });
    const gate = readGate({ requireIdentity: true, identityParam: 'ref' }, win);
    expect(gate.identity()).toEqual({ id: 'abc' });
    expect(win.location.href).toBe('https://shop.example/?ll_id=not-ours');
    const plain = fakeWindow({ href: 'https://shop.example/?q=1' });
    readGate({}, plain);
    expect(plain.history.replaceState).not.toHaveBeenCalled();
  });

  it('removes an empty link parameter without taking it as an identity', () => {
    const win = fakeWindow({ href: 'https://shop.example/?ll_id=' });
    expect(readGate({ requireIdentity: true }, win).decide()).toBe('unidentified');
    expect(win.location.href).toBe('https://shop.example/');
  });

  it("recognizes the session's identity on later pages", () => {
    sessionStorage.setItem(IDENTITY_KEY, 'visitor-1');
    const gate = readGate({ requireIdentity: true });
    expect(gate.decide()).toBe('open');
    expect(gate.identity()).toEqual({ id: 'visitor-1' });
  });

  it('decides sampling once per tab session and remembers it', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.7);
    const firstPage = readGate({ sessionSampleRate: 0.5 });
    expect(firstPage.decide()).toBe('sampled-out');
    expect(sessionStorage.getItem(SAMPLE_KEY)).toBe('0');
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    expect(firstPage.decide()).toBe('sampled-out');
    expect(readGate({ sessionSampleRate: 0.5 }).decide()).toBe('sampled-out');
    sessionStorage.clear();
    expect(readGate({ sessionSampleRate: 0.5 }).decide()).toBe('open');
    expect(sessionStorage.getItem(SAMPLE_KEY)).toBe('1');
  });

  it('stores no sampling decision when every session is recorded', () => {
    expect(readGate({ sessionSampleRate: 1 }).decide()).toBe('open');
    expect(stored()).toEqual({ local: {}, session: {} });
  });

  it('describes the rules it applies in a policy string', () => {
    expect(readGate().policy('balanced')).toBe('lowlight/1;level=balanced;dnt=1;gpc=1;consent=default;identity=optional;sample=1');
    const gate = readGate({ respectDoNotTrack: false, requireIdentity: true, sessionSampleRate: 0.25 });
    gate.apply({ consent: 'granted' });
    expect(gate.policy('strict')).toBe('lowlight/1;level=strict;dnt=0;gpc=1;consent=granted;identity=required;sample=0.25');
    expect(readGate({ consent: 'pending', respectGlobalPrivacyControl: false }).policy('relaxed')).toBe(
      'lowlight/1;level=relaxed;dnt=1;gpc=0;consent=granted;identity=optional;sample=1',
    );
  });

  it.each<[unknown, RegExp]>([
    [{ consent: 'yes' }, /^\[lowlight\] core: "consent" must be one of granted, pending, denied, got "yes"$/],
    [{ respectDoNotTrack: 'false' }, /"respectDoNotTrack" must be true or false, got "false"/],
    [{ respectGlobalPrivacyControl: 0 }, /"respectGlobalPrivacyControl" must be true or false, got 0/],
    [{ requireIdentity: 1 }, /"requireIdentity" must be true or false, got 1/],
    [{ identityParam: '' }, /"identityParam" must be a non-empty string, got ""/],
    [{ sessionSampleRate: 1.5 }, /^\[lowlight\] core: "sessionSampleRate" must be a number from 0 to 1, got 1.5$/],
    [{ sessionSampleRate: '0.5' }, /"sessionSampleRate" must be a number from 0 to 1, got "0.5"/],
    [{ sessionSampleRate: Number.NaN }, /"sessionSampleRate" must be a number from 0 to 1/],
  ])('names the option in a configuration error: %j', (options, message) => {
    expect(() => createGate(options as GateOptions)).toThrow(message);
  });

  it('rejects a bad runtime change before saving anything', () => {
    const gate = readGate();
    expect(() => gate.apply({ consent: 'revoked' as never })).toThrow(/"consent" must be one of granted, pending, denied, got "revoked"/);
    expect(() => gate.apply({ identity: { id: '' } })).toThrow(/"id" must be a non-empty string, got ""/);
    expect(() => gate.apply({ identity: { id: 42 as never } })).toThrow(/"id" must be a non-empty string, got 42/);
    expect(gate.decide()).toBe('open');
    expect(stored()).toEqual({ local: {}, session: {} });
  });
});
