export { createEventMasker, DEFAULT_DETECTORS, PRIVACY_LEVELS } from './createEventMasker';
export type { EventMasker, InlineRunPiece, MaskOptions } from './createEventMasker';
export { breaksInlineRun } from './inlineText';
export { regexDetector } from './regexDetector';
export type { RegexDetectorOptions } from './regexDetector';
export { MARK_BLOCK, MARK_MASK, MARK_UNMASK } from './flags';
export { EventType, IncrementalSource, NodeType } from './rrweb';
export type { RecordedEvent, SerializedNode } from './rrweb';
export type { Detector, PrivacyLevel, Redact } from './types';
