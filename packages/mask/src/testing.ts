/**
 * `@lowlight/mask/testing`: the conformance suite Lowlight's own detectors run,
 * for your detectors. ESM only; needs `vitest` and `fast-check` installed.
 */
export { onlyHides, testDetector } from './testDetector';
export type { DetectorCases } from './testDetector';
