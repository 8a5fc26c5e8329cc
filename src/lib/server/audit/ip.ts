import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network, not the host (GDPR data minimisation): IPv4 keeps its /24, IPv6 its /48. An
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, what a dual-stack socket reports) is treated as the
 * IPv4 it carries. Anything that is not an address becomes '' rather than being stored verbatim.
 */
export function truncateIp(raw: string | null | undefined): string {
	const ip = (raw ?? '')
		.trim()
		.replace(/^\[|\]$/g, '')
		.replace(/%.*$/, '');
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
	if (mapped) return truncateIp(mapped[1]);
	if (isIPv4(ip)) return ip.split('.').slice(0, 3).concat('0').join('.') + '/24';
	if (!isIPv6(ip)) return '';
	return (
		expand(ip)
			.slice(0, 3)
			.map((g) => g.replace(/^0+(?=.)/, ''))
			.join(':') + '::/48'
	);
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in (a trailing dotted quad too). */
function expand(ip: string): string[] {
	let s = ip.toLowerCase();
	const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
	if (quad) {
		const [a, b, c, d] = quad.slice(1).map(Number);
		s = s.slice(0, quad.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
	}
	const [head, tail] = s.split('::');
	const h = head ? head.split(':') : [];
	const t = tail !== undefined && tail ? tail.split(':') : [];
	const fill = tail !== undefined ? Array(8 - h.length - t.length).fill('0') : [];
	return [...h, ...fill, ...t].map((g) => g.padStart(4, '0'));
}
