// What the benchmarks drive in the page: rrweb as the script-tag build ships it, and Lowlight's masker.
export { record } from '@rrweb/record';
export { createEventMasker } from '@lowlight/mask';
