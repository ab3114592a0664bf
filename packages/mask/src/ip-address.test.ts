import { ipAddress } from './ip-address';
import { testDetector } from './testDetector';

testDetector(ipAddress, {
  detects: ['192.168.1.1', '8.8.8.8', '255.255.255.255', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::1', 'fe80::1ff:fe23:4567:890a'],
  ignores: ['1.2.3', '10.4.2', '256.1.1.1', '12:30', '1.2.3.4.5', 'version 10.4.2.1.3', 'std::vector'],
});
