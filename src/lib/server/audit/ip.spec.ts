import { describe, expect, it } from 'vitest';
import { truncateIp } from './ip';

describe('truncateIp', () => {
	it('keeps the /24 of an IPv4 address', () => {
		expect(truncateIp('203.0.113.77')).toBe('203.0.113.0/24');
		expect(truncateIp('127.0.0.1')).toBe('127.0.0.0/24');
	});
	it('reads an IPv4-mapped IPv6 address as IPv4', () => {
		expect(truncateIp('::ffff:192.168.10.20')).toBe('192.168.10.0/24');
	});
	it('keeps the /48 of an IPv6 address, compressed or not', () => {
		expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
		expect(truncateIp('2001:0db8:0000:0042::1')).toBe('2001:db8:0::/48');
		expect(truncateIp('fe80::1%eth0')).toBe('fe80:0:0::/48');
		expect(truncateIp('::1')).toBe('0:0:0::/48');
		expect(truncateIp('[2a01:4f8:c0c:1::2]')).toBe('2a01:4f8:c0c::/48');
	});
	it('stores nothing that is not an address', () => {
		expect(truncateIp('')).toBe('');
		expect(truncateIp(undefined)).toBe('');
		expect(truncateIp('evil; DROP TABLE')).toBe('');
		expect(truncateIp('999.1.1.1')).toBe('');
	});
	it('never keeps the host part', () => {
		for (const ip of ['10.1.2.3', '2001:db8:1:2:3:4:5:6'])
			expect(truncateIp(ip)).not.toContain(ip.split(/[.:]/).at(-1)!);
	});
});
