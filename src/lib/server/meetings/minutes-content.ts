/**
 * The text a new verbale starts from (ProseMirror JSON): header, attendance by ente, quorum and
 * one section per agenda point. It is the tavolo's official record, so it is written in Italian
 * whatever the language of the person who creates it.
 */
import { byId as tavoloById } from '../tavoli/index.js';
import { formatInstant, formatRange } from '../../rome.js';
import { translate } from '../../i18n/index.js';
import type { Minutes } from './rows.js';
import type { OpenMeeting } from './access.js';
import { listAgendaItems } from './agenda.js';
import { byEnte } from './rsvp.js';
import { quorum } from './attendance.js';

type Node = {
	type: string;
	attrs?: Record<string, unknown>;
	content?: Node[];
	text?: string;
	marks?: { type: string }[];
};
const text = (s: string, bold = false): Node => ({
	type: 'text',
	text: s,
	...(bold ? { marks: [{ type: 'bold' }] } : {})
});
const p = (...parts: (string | Node)[]): Node => ({
	type: 'paragraph',
	content: parts.filter((x) => x !== '').map((x) => (typeof x === 'string' ? text(x) : x))
});
const h = (level: number, s: string): Node => ({
	type: 'heading',
	attrs: { level },
	content: [text(s)]
});
const ul = (items: string[]): Node => ({
	type: 'bulletList',
	content: items.map((s) => ({ type: 'listItem', content: [p(s)] }))
});

const ATT: Record<string, string> = {
	presente: 'presente',
	remoto: 'collegato da remoto',
	assente: 'assente'
};

/** The ProseMirror JSON of a new verbale: header, attendance by ente, one section per agenda item. */
export function prefill(o: OpenMeeting, correctionOf?: Minutes): Node {
	const m = o.meeting;
	const tavolo = tavoloById(m.tavoloId);
	const agenda = listAgendaItems(o.user, o);
	const enti = byEnte(o.user, o);
	const q = quorum(o.user, o);
	const content: Node[] = [
		h(
			1,
			`Verbale della riunione del ${formatInstant(m.startsAt).replace(/,? (alle ore )?\d\d:\d\d$/, '')}`
		),
		p(text('Tavolo: ', true), tavolo.name),
		p(text('Riunione: ', true), m.title),
		p(text('Data e ora: ', true), `${formatRange(m.startsAt, m.endsAt)} (ora italiana)`),
		p(
			text('Modalità: ', true),
			translate('it', `meeting.modality.long.${m.modality}`),
			m.place ? ` – ${m.place}` : ''
		)
	];
	if (correctionOf)
		content.push(
			p(
				text('Correzione ', true),
				`del verbale approvato il ${formatInstant(correctionOf.approvedAt!)} (SHA-256 ${correctionOf.contentHash}). Indicare qui cosa si corregge e perché.`
			)
		);
	content.push(h(2, 'Presenze'));
	const present: string[] = [];
	const absent: string[] = [];
	for (const e of enti) {
		const here = e.people.filter((x) => x.attendance === 'presente' || x.attendance === 'remoto');
		if (here.length)
			present.push(
				`${e.enteName}: ${here.map((x) => `${x.name}${x.representation ? ` (${x.representation})` : x.role === 'segreteria' ? ' (segreteria)' : ''}, ${ATT[x.attendance!]}`).join('; ')}`
			);
		else if (e.people.some((x) => x.role === 'componente')) absent.push(e.enteName);
	}
	content.push(present.length ? ul(present) : p('Nessuna presenza registrata.'));
	if (absent.length) content.push(p(text('Enti non rappresentati: ', true), absent.join(', ')));
	content.push(
		p(
			text('Quorum: ', true),
			`${q.present} enti presenti su ${q.total} (necessari ${q.required}): ${q.reached ? 'raggiunto' : 'non raggiunto'}.`
		)
	);
	content.push(h(2, 'Ordine del giorno'));
	for (const a of agenda) {
		content.push(h(3, `${a.position}. ${a.title}`));
		if (a.description) content.push(p(a.description));
		content.push(p(text('Discussione: ', true), '…'));
		content.push(p(text('Esito: ', true), '…'));
	}
	if (agenda.length === 0) content.push(p('Nessun punto all’ordine del giorno.'));
	return { type: 'doc', content };
}
