export const plans = {
	it: {
		'plans.title': 'Piano di attività',
		'plans.table': 'Azioni',
		'plans.timeline': 'Cronologia',
		'plans.byEnte': 'Per ente',
		'plans.overview': 'Panoramica',
		'plans.print': 'Versione stampabile',
		'plans.settings': 'Aree e fondi',
		'plans.exportCsv': 'Esporta CSV',
		'plans.exportJson': 'Esporta JSON',
		'plans.views': 'Viste del piano',
		'plans.cross': 'Piani dei tavoli',
		'plans.updated': 'Piano aggiornato',
		'plans.none': 'Questo tavolo non ha ancora un piano di attività.',
		'plans.noActions': 'Nessuna azione nel piano.',
		'plans.excludedNote':
			'{n} importi non validi esclusi dai totali: correggili nella tabella delle azioni.'
	},
	en: {
		'plans.title': 'Activity plan',
		'plans.table': 'Actions',
		'plans.timeline': 'Timeline',
		'plans.byEnte': 'By institution',
		'plans.overview': 'Overview',
		'plans.print': 'Print version',
		'plans.settings': 'Priorities and funds',
		'plans.exportCsv': 'Export CSV',
		'plans.exportJson': 'Export JSON',
		'plans.views': 'Plan views',
		'plans.cross': 'Plans across tavoli',
		'plans.updated': 'Plan updated',
		'plans.none': 'This tavolo has no activity plan yet.',
		'plans.noActions': 'No actions in the plan.',
		'plans.excludedNote': '{n} invalid amounts left out of totals: fix them in the actions table.'
	}
};
