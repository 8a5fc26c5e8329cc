/**
 * The sections of a tavolo's workspace, in navigation order. A domain that adds a section adds
 * its entry here; `needs` says who sees the link (the page's own load checks access anyway).
 */
import type { Key } from './i18n';

export interface Section {
	path: string; // relative to /tavoli/<slug>
	label: Key;
	needs: 'read' | 'see' | 'manage';
}

export const SECTIONS: Section[] = [
	{ path: '', label: 'tavolo.overview', needs: 'see' },
	{ path: '/documenti', label: 'tavolo.documents', needs: 'read' },
	{ path: '/riunioni', label: 'tavolo.meetings', needs: 'read' },
	{ path: '/decisioni', label: 'tavolo.decisions', needs: 'see' },
	{ path: '/piano', label: 'tavolo.plan', needs: 'read' },
	{ path: '/membri', label: 'tavolo.manage', needs: 'manage' },
	// 'manage' is who may read the log ('audit.read': segreteria, admin); the load asks the policy.
	{ path: '/registro-attivita', label: 'tavolo.audit', needs: 'manage' }
];
