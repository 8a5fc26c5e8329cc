/** Shared by the document pages; labels live in src/lib/i18n/documents.ts. */
export const KINDS = ['piano', 'verbale', 'accordo', 'nota'] as const;
export const SUBKINDS = ['protocollo_intesa', 'convenzione', 'accordo_programma'] as const;

export { formatDateTime } from './rome';

/** Why the editor is read-only; the Yjs server may send other words, shown as plain read-only. */
export const READ_ONLY_REASONS = ['frozen', 'archived', 'read-only'] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];
export const readOnlyReason = (s: string): ReadOnlyReason =>
	(READ_ONLY_REASONS as readonly string[]).includes(s) ? (s as ReadOnlyReason) : 'read-only';
