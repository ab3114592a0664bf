import { testDetector } from './testDetector';
import { usSsn } from './us-ssn';

testDetector(usSsn, {
  detects: ['123-45-6789', '123 45 6789', '078-05-1120'],
  ignores: ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-4567', '123-45-0000', '123-45 6789', '2024-01-15', '555-123-4567'],
  glued: ['123-45-6789', '123 45 6789'],
});
