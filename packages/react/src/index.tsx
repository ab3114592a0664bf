// Not a 'use client' module: the marks below must be plain values in a Next.js server component (a client reference
// spreads nothing). The provider and the hook come from provider.tsx, which is one.
import { createElement, type HTMLAttributes, type JSX, type ReactElement } from 'react';

export * from '@lowlight/core';
export { LowlightProvider, useLowlight, type LowlightProviderProps } from './provider';

/**
 * Spread on an element to redact its text and attributes: `<div {...maskProps}>`. A plain object in client and
 * server components alike: only the provider and the hook come from a `'use client'` module.
 */
export const maskProps = {
  /** Masks this element's content. */
  'data-ll-mask': '',
} as const;
/** Spread on an element to leave it and its subtree out of the recording, keeping its size. */
export const blockProps = {
  /** Leaves this element out, keeping its size. */
  'data-ll-block': '',
} as const;
/** Spread on an element to opt its content in to recording. */
export const unmaskProps = {
  /** Opts this element's content in. */
  'data-ll-unmask': '',
} as const;

/** Props of `Masked`, `Blocked` and `Unmasked`: those of the element they render, and which element. */
export interface MarkProps extends HTMLAttributes<HTMLElement> {
  /** The element to render. Default `'div'`. */
  as?: keyof JSX.IntrinsicElements;
}

function markComponent(mark: object, displayName: string): ((props: MarkProps) => ReactElement) & {
  /** The name React DevTools show. */
  displayName: string;
} {
  const Mark = ({ as = 'div', ...props }: MarkProps) => createElement(as, { ...props, ...mark });
  Mark.displayName = displayName;
  return Mark;
}

/** Renders its children with their text and attributes redacted: `<Masked as="p">{user.name}</Masked>`. */
export const Masked = markComponent(maskProps, 'Masked');
/** Renders an element recorded as an empty box of the same size: nothing inside it is recorded. */
export const Blocked = markComponent(blockProps, 'Blocked');
/** Renders its children opted in to recording (under `privacy: 'strict'`, or a field's value). */
export const Unmasked = markComponent(unmaskProps, 'Unmasked');
