// The baseline: @rrweb/record exactly as published.
export { record } from '@rrweb/record';
