/**
 * Strings of the account, invitation and error pages, the shared tavolo and membership form
 * fields, the notification bell, the saved-version page and the kinds of ente. English is typed
 * against Italian, so a missing key fails svelte-check.
 */
const it = {
	'nav.breadcrumb': 'Percorso',
	'bell.unread': 'da leggere',
	'bell.new': 'Nuova notifica: {title}',

	'account.title': 'Il mio profilo',
	'account.password': 'Cambia password',
	'account.current': 'Password attuale',
	'account.new': 'Nuova password (almeno 10 caratteri)',
	'account.confirm': 'Ripeti la nuova password',
	'account.changed': 'Password cambiata. Le altre sessioni aperte sono state chiuse.',
	'account.data': 'I miei dati',
	'account.download': 'Scarica i miei dati',
	'account.privacy': 'Informativa sulla privacy',

	'invite.title': 'Invito',
	'invite.heading': 'Invito a un tavolo',
	'invite.toLogin': 'Vai alla pagina di accesso',
	'invite.lead': 'Sei invitata/o a {tavolo} come {role} per {ente}.',
	'invite.hasAccount':
		'Esiste già un account per {email}. Accedi e torna a questo link per accettare.',
	'invite.signIn': 'Accedi',
	'invite.email': 'E-mail:',
	'invite.name': 'Nome e cognome',
	'invite.password': 'Scegli una password (almeno 10 caratteri)',
	'invite.confirm': 'Ripeti la password',
	'invite.accept': 'Accetta l’invito',
	'invite.role.segreteria': 'segreteria',
	'invite.role.componente': 'componente',
	'invite.role.osservatore': 'osservatore',

	'error.400': 'Richiesta non valida',
	'error.401': 'Accesso richiesto',
	'error.403': 'Operazione non consentita',
	'error.404': 'Pagina non trovata',
	'error.409': 'Conflitto',
	'error.500': 'Errore interno',
	'error.other': 'Errore',
	'error.ref': 'Riferimento: {id}',
	'error.home': 'Torna alla pagina iniziale',

	'tf.name': 'Nome del tavolo',
	'tf.slug': 'Identificativo nell’indirizzo',
	'tf.description': 'Descrizione',
	'tf.region': 'Regione',
	'tf.national': '— nazionale —',
	'tf.theme': 'Tema',
	'tf.status': 'Stato',
	'tf.quorum': 'Quorum',
	'tf.public': 'Pubblico',

	'mf.ente': 'Ente rappresentato',
	'mf.choose': '— scegli —',
	'mf.role': 'Ruolo',
	'mf.representation': 'Rappresentanza',
	'mf.titolare': 'Titolare',
	'mf.supplente': 'Supplente',

	'tavolo.noMembers': 'Nessun componente. La segreteria può aggiungerli da «{section}».',

	'ver.title': 'Versione «{name}»',
	'ver.savedBy': 'Salvata da {name} il {date} · impronta SHA-256',
	'ver.actions': 'Azioni del piano in questa versione',
	'ver.action': 'Azione',
	'ver.status': 'Stato',
	'ver.start': 'Inizio',
	'ver.end': 'Fine',
	'ver.budget': 'Budget',
	'ver.noActions': 'Nessuna azione in questa versione.',
	'doc.versionNameHint': 'bozza inviata agli enti, 3 marzo',

	'ente.kind.regione': 'Regione',
	'ente.kind.prefettura': 'Prefettura / Sportello Unico per l’Immigrazione',
	'ente.kind.ispettorato_lavoro': 'Ispettorato del lavoro',
	'ente.kind.comune': 'Comune',
	'ente.kind.asl': 'Azienda sanitaria (ASL)',
	'ente.kind.centro_impiego': 'Centro per l’impiego',
	'ente.kind.terzo_settore': 'Terzo settore',
	'ente.kind.parte_sociale': 'Parte sociale',
	'ente.kind.ministero': 'Ministero',
	'ente.kind.altro': 'Altro'
};

export type PagesKey = keyof typeof it;

const en: Record<PagesKey, string> = {
	'nav.breadcrumb': 'Breadcrumb',
	'bell.unread': 'unread',
	'bell.new': 'New notification: {title}',

	'account.title': 'My profile',
	'account.password': 'Change password',
	'account.current': 'Current password',
	'account.new': 'New password (at least 10 characters)',
	'account.confirm': 'Repeat the new password',
	'account.changed': 'Password changed. Your other open sessions have been closed.',
	'account.data': 'My data',
	'account.download': 'Download my data',
	'account.privacy': 'Privacy notice',

	'invite.title': 'Invitation',
	'invite.heading': 'Invitation to a table',
	'invite.toLogin': 'Go to the sign-in page',
	'invite.lead': 'You are invited to {tavolo} as {role} for {ente}.',
	'invite.hasAccount':
		'An account already exists for {email}. Sign in and come back to this link to accept.',
	'invite.signIn': 'Sign in',
	'invite.email': 'E-mail:',
	'invite.name': 'Full name',
	'invite.password': 'Choose a password (at least 10 characters)',
	'invite.confirm': 'Repeat the password',
	'invite.accept': 'Accept the invitation',
	'invite.role.segreteria': 'secretariat',
	'invite.role.componente': 'member',
	'invite.role.osservatore': 'observer',

	'error.400': 'Bad request',
	'error.401': 'Sign-in required',
	'error.403': 'Not allowed',
	'error.404': 'Page not found',
	'error.409': 'Conflict',
	'error.500': 'Internal error',
	'error.other': 'Error',
	'error.ref': 'Reference: {id}',
	'error.home': 'Back to the home page',

	'tf.name': 'Name of the table',
	'tf.slug': 'Identifier in the address',
	'tf.description': 'Description',
	'tf.region': 'Region',
	'tf.national': '— national —',
	'tf.theme': 'Theme',
	'tf.status': 'Status',
	'tf.quorum': 'Quorum',
	'tf.public': 'Public',

	'mf.ente': 'Body represented',
	'mf.choose': '— choose —',
	'mf.role': 'Role',
	'mf.representation': 'Representation',
	'mf.titolare': 'Full member',
	'mf.supplente': 'Substitute',

	'tavolo.noMembers': 'No members yet. The secretariat can add them from «{section}».',

	'ver.title': 'Version «{name}»',
	'ver.savedBy': 'Saved by {name} on {date} · SHA-256 fingerprint',
	'ver.actions': 'Plan actions in this version',
	'ver.action': 'Action',
	'ver.status': 'Status',
	'ver.start': 'Start',
	'ver.end': 'End',
	'ver.budget': 'Budget',
	'ver.noActions': 'No actions in this version.',
	'doc.versionNameHint': 'draft sent to the bodies, 3 March',

	'ente.kind.regione': 'Region',
	'ente.kind.prefettura': 'Prefecture / Single Immigration Desk',
	'ente.kind.ispettorato_lavoro': 'Labour inspectorate',
	'ente.kind.comune': 'Municipality',
	'ente.kind.asl': 'Local health authority (ASL)',
	'ente.kind.centro_impiego': 'Employment centre',
	'ente.kind.terzo_settore': 'Third sector',
	'ente.kind.parte_sociale': 'Social partner',
	'ente.kind.ministero': 'Ministry',
	'ente.kind.altro': 'Other'
};

export const pages = { it, en };
