import { regexDetector } from './regexDetector';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d.]|\\.\\d)`;
// Full and ::-compressed forms; at least two colons and one hex group, so times like 12:30 never match.
const IPV6 = '(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])|(?<![\\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\\w:])';

/** IPv4 and IPv6 addresses shown in a page (opt-in), e.g. on account security screens. */
export const ipAddress = regexDetector({
  name: 'lowlight/ip-address@1',
  label: 'IP address',
  pattern: new RegExp(`${IPV4}|${IPV6}`, 'gi'),
});
