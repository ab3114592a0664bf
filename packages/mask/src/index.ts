export { createEventMasker, PRIVACY_LEVELS } from './createEventMasker';
export { DEFAULT_DETECTORS } from './defaultDetectors';
export type { EventMasker, MaskOptions } from './createEventMasker';
export { regexDetector } from './regexDetector';
export type { RegexDetectorOptions } from './regexDetector';
export { MARK_BLOCK, MARK_MASK, MARK_UNMASK } from './flags';
export { EventType, IncrementalSource, NodeType } from './rrweb';
export type { RecordedEvent, SerializedNode } from './rrweb';
export type { Detector, PrivacyLevel, Redact } from './types';
