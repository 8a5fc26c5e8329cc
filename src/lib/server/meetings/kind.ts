/** The minutes' extras on their document (kind 'verbale'). */
import type { DocumentKind } from '../documents/kinds.js';

export const verbaleKind: DocumentKind = {
	kind: 'verbale',
	// One state machine: a verbale is approved (and so frozen) with its minutes, on the meeting's
	// page; freezing it from the document page left the minutes in "bozza" beside a frozen text.
	freezeRefusal: 'Il verbale si approva dalla pagina della riunione'
};
