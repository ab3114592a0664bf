import type { PrivacyLevel } from '@lowlight/mask';
import { localStore, sessionStore } from './firstPartyStorage';
import { checkIdentity, takeLinkId, type Identity } from './identity';
import { invalidOption } from './invalidOption';
import { SESSION_KEY } from './session';

/** The visitor's answer to the site's consent request. */
export type Consent = 'granted' | 'pending' | 'denied';

/** Options that decide whether a visitor is recorded at all. */
export interface GateOptions {
  /**
   * The visitor's consent when recording starts: `'granted'` (default), `'pending'` (record nothing until
   * `consent('granted')`) or `'denied'`. A denial saved on an earlier page wins over this option.
   */
  consent?: Consent;
  /** Record nothing when the browser sends Do Not Track. Default true. */
  respectDoNotTrack?: boolean;
  /**
   * Record nothing when the browser sends Global Privacy Control (`navigator.globalPrivacyControl`).
   * GPC is a legal opt-out signal in several US states (California, Colorado and Connecticut among them):
   * set this to false only where no such law applies to you. Default true.
   */
  respectGlobalPrivacyControl?: boolean;
  /** Record only visitors who arrive through a tracked link or after `identify()`. Default false. */
  requireIdentity?: boolean;
  /** The tracked-link URL parameter, removed from the address bar and from every recorded URL. Default `'ll_id'`. */
  identityParam?: string;
  /** Share of tab sessions recorded, from 0 to 1, decided once per session. Default 1. */
  sessionSampleRate?: number;
}

/**
 * Where the gate stands: `'open'` when recording may happen, otherwise why
 * not. When several reasons hold, the first in this list is the one given.
 */
export type GateState = 'dnt' | 'gpc' | 'opted-out' | 'denied' | 'pending' | 'unidentified' | 'sampled-out' | 'open';

/** What the gate decides from. */
export interface GateInputs {
  /** The browser sends Do Not Track and the site honors it. */
  dnt: boolean;
  /** The browser sends Global Privacy Control and the site honors it. */
  gpc: boolean;
  optedOut: boolean;
  consent: Consent;
  identityRequired: boolean;
  identity: Identity | undefined;
}

/** A change made at runtime by the site or the visitor: a new consent, identity or opt-out. Browser signals never change while a page runs. */
export type GateChange = Partial<Pick<GateInputs, 'consent' | 'identity' | 'optedOut'>>;

/**
 * The gate's decision. Sampling is asked last, only once every privacy gate
 * is open, so a visitor who said no is never even assigned to a sample.
 */
export function decideGate(inputs: GateInputs, sampled: () => boolean): GateState {
  if (inputs.dnt) return 'dnt';
  if (inputs.gpc) return 'gpc';
  if (inputs.optedOut) return 'opted-out';
  if (inputs.consent !== 'granted') return inputs.consent;
  if (inputs.identityRequired && !inputs.identity) return 'unidentified';
  return sampled() ? 'open' : 'sampled-out';
}

/** localStorage: `'denied'` until `consent('granted')`. */
export const CONSENT_KEY = 'll:consent';
/** localStorage: `'1'` until `optIn()`. */
export const OPT_OUT_KEY = 'll:optout';
/** sessionStorage, while the gate is open: the visitor's id. */
export const IDENTITY_KEY = 'll:id';
/** sessionStorage, once every privacy gate is open: `'1'` or `'0'`, this session's sampling decision. */
export const SAMPLE_KEY = 'll:sample';

const CONSENTS: readonly unknown[] = ['granted', 'pending', 'denied'];

const checkConsent = (consent: unknown): void => {
  if (!CONSENTS.includes(consent)) invalidOption('consent', `one of ${CONSENTS.join(', ')}`, consent);
};

/**
 * Checks a change, then saves what must outlast the page in first-party
 * `localStorage`: a denial until `consent('granted')`, an opt-out until
 * `optIn()`. A denial or an opt-out also removes the session's keys, so the
 * choice itself is all of Lowlight's that stays stored.
 */
export function saveChoice(change: GateChange): void {
  const { consent, identity, optedOut } = change;
  const local = localStore();
  if (identity) checkIdentity(identity);
  if ('consent' in change) checkConsent(consent);
  if (consent === 'granted') local.remove(CONSENT_KEY);
  if (optedOut === false) local.remove(OPT_OUT_KEY);
  if (consent === 'denied' || optedOut) {
    local.set(optedOut ? OPT_OUT_KEY : CONSENT_KEY, optedOut ? '1' : consent!);
    const session = sessionStore();
    for (const key of [SESSION_KEY, IDENTITY_KEY, SAMPLE_KEY]) session.remove(key);
  }
}

/** The gate as the recorder holds it: the pure decision above, plus the browser and storage around it. */
export interface Gate {
  /**
   * Reads the browser's signals, the saved choices and the session's
   * identity, and takes a tracked link's identity out of the URL. Once, in `start()`.
   */
  read(win: Window): void;
  /** Checks, saves and applies a runtime change; a bad value throws. */
  apply(change: GateChange): void;
  /** Decides from the current inputs. While open, keeps the identity in sessionStorage. */
  decide(): GateState;
  identity(): Identity | undefined;
  /** The visitor denied consent or opted out, on this page or an earlier one. */
  withdrawn(): boolean;
  /** The policy string each pageview event (and each batch's envelope, for adapters) carries; see docs/protocol.md. */
  policy(level: PrivacyLevel): string;
}

export function createGate(options: GateOptions): Gate {
  const { consent, identityParam = 'll_id', sessionSampleRate: rate = 1 } = options;
  for (const key of ['respectDoNotTrack', 'respectGlobalPrivacyControl', 'requireIdentity'] as const) {
    if (![undefined, true, false].includes(options[key])) invalidOption(key, 'true or false', options[key]);
  }
  if (consent !== undefined) checkConsent(consent);
  if (typeof identityParam !== 'string' || !identityParam) invalidOption('identityParam', 'a non-empty string', identityParam);
  if (!(typeof rate === 'number' && rate >= 0 && rate <= 1)) invalidOption('sessionSampleRate', 'a number from 0 to 1', rate);
  const respectDnt = options.respectDoNotTrack !== false;
  const respectGpc = options.respectGlobalPrivacyControl !== false;

  // The rest is read from the browser by read(); changes before it are kept.
  let inputs = { consent: consent ?? 'granted' } as GateInputs;
  let consentStated = consent !== undefined;
  let sampled: boolean | undefined;

  const sample = (): boolean => {
    if (rate >= 1) return true;
    const session = sessionStore();
    const saved = session.get(SAMPLE_KEY);
    sampled ??= saved ? saved === '1' : Math.random() < rate;
    // Kept for the tab session, so every page of it gets the same answer.
    session.set(SAMPLE_KEY, sampled ? '1' : '0');
    return sampled;
  };

  return {
    read(win) {
      const nav = win.navigator as Navigator & { msDoNotTrack?: string; globalPrivacyControl?: boolean };
      const dntValues = [nav.doNotTrack, (win as { doNotTrack?: string }).doNotTrack, nav.msDoNotTrack];
      const local = localStore();
      const id = takeLinkId(win, identityParam) || sessionStore().get(IDENTITY_KEY);
      inputs = {
        ...inputs,
        dnt: respectDnt && dntValues.some((value) => value === '1' || value === 'yes'),
        gpc: respectGpc && nav.globalPrivacyControl === true,
        optedOut: inputs.optedOut || local.get(OPT_OUT_KEY) === '1',
        consent: local.get(CONSENT_KEY) === 'denied' ? 'denied' : inputs.consent,
        identityRequired: options.requireIdentity === true,
        identity: inputs.identity ?? (id ? { id } : undefined),
      };
    },
    apply(change) {
      saveChoice(change);
      consentStated ||= 'consent' in change;
      inputs = { ...inputs, ...change };
    },
    decide() {
      const state = decideGate(inputs, sample);
      if (state === 'open' && inputs.identity) sessionStore().set(IDENTITY_KEY, inputs.identity.id);
      return state;
    },
    identity: () => inputs.identity,
    withdrawn: () => inputs.optedOut || inputs.consent === 'denied',
    policy: (level) =>
      `lowlight/1;level=${level};dnt=${+respectDnt};gpc=${+respectGpc};consent=${consentStated ? 'granted' : 'default'}` +
      `;identity=${options.requireIdentity ? 'required' : 'optional'};sample=${rate}`,
  };
}
