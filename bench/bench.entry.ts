// What the benchmarks drive in the page: raw rrweb and Lowlight's masker, side by side.
export { record } from '@rrweb/record';
export { createEventMasker } from '@lowlight/mask';
