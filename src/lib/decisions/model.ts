/**
 * The register's shared vocabulary, for the server, the pages and the components alike. Labels are
 * not here: they are the i18n keys `dec.type.<x>`, `dec.outcome.<x>`, `dec.vote.<x>`, `dec.vis.<x>`
 * (src/lib/i18n/decisions.ts), typed so that a value without a label fails svelte-check.
 */
export const TYPES = [
	'approvazione_piano',
	'approvazione_verbale',
	'parere',
	'accordo',
	'indirizzo',
	'altro'
] as const;
export const OUTCOMES = ['approvata', 'respinta', 'rinviata'] as const;
export const VOTES = ['favorevole', 'contrario', 'astenuto'] as const;
export const VOTINGS = ['consenso', 'voti'] as const;
/** From the most restricted to the widest (the policy reads them in this order). */
export const VISIBILITIES = ['riservata', 'membri', 'osservatori', 'pubblica'] as const;
export const STATUSES = ['bozza', 'pubblicata'] as const;

export type DecisionType = (typeof TYPES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Vote = (typeof VOTES)[number];
export type Voting = (typeof VOTINGS)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Status = (typeof STATUSES)[number];

export const isType = (v: string): v is DecisionType => (TYPES as readonly string[]).includes(v);
export const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);
export const isVote = (v: string): v is Vote => (VOTES as readonly string[]).includes(v);

/** The citable number of a published decision: "7/2026" (progressive per tavolo and year). */
export const refOf = (r: { year: number | null; number: number | null }): string | null =>
	r.number && r.year ? `${r.number}/${r.year}` : null;

export const typeKey = (x: DecisionType) => `dec.type.${x}` as const;
export const outcomeKey = (x: Outcome) => `dec.outcome.${x}` as const;
export const voteKey = (x: Vote) => `dec.vote.${x}` as const;
export const visibilityKey = (x: Visibility) => `dec.vis.${x}` as const;
