/** Priority areas and funding lines: the per-tavolo lists an action's 'priorita' and 'fondo' use. */
import { z } from 'zod';
import { db } from '../db/index.js';
import { audited } from '../audit/index.js';
import type { SessionUser } from '../auth/session.js';
import { assertCan } from '../policy/index.js';
import { ConflictError, fromZod, NotFoundError, ValidationError } from '../errors.js';
import { DEFAULT_FUNDS, DEFAULT_PRIORITIES } from './defaults.js';
import { optionsOf, type PlanOption } from './rows.js';
import { planChanged } from './notify.js';

export function seedOptions(tavoloId: number): void {
	const d = db();
	const ins = d.prepare(
		'INSERT OR IGNORE INTO plan_options (tavolo_id, kind, code, label, position) VALUES (?, ?, ?, ?, ?)'
	);
	d.transaction(() => {
		DEFAULT_PRIORITIES.forEach(([code, label], i) => ins.run(tavoloId, 'priorita', code, label, i));
		DEFAULT_FUNDS.forEach(([code, label], i) => ins.run(tavoloId, 'fondo', code, label, i));
	})();
}

export function listOptions(user: SessionUser | null, tavoloId: number): PlanOption[] {
	assertCan(user, 'plan.read', { tavoloId });
	return optionsOf(tavoloId);
}

export const optionInput = z.object({
	kind: z.enum(['priorita', 'fondo'], {
		message: 'Scegli se è un’area prioritaria o una linea di finanziamento'
	}),
	code: z
		.string()
		.trim()
		.min(1, 'Indica un codice breve')
		.max(20, 'Codice troppo lungo (massimo 20 caratteri)')
		.regex(/^[\w.\-/]+$/, 'Il codice può contenere lettere, cifre, punti, trattini e barre'),
	label: z.string().trim().min(2, 'Indica la descrizione').max(200, 'Descrizione troppo lunga')
});

export function addOption(user: SessionUser | null, tavoloId: number, input: unknown): PlanOption {
	assertCan(user, 'plan.configure', { tavoloId });
	const p = optionInput.safeParse(input);
	if (!p.success) throw fromZod(p.error);
	const { kind, code, label } = p.data;
	if (
		db()
			.prepare('SELECT 1 FROM plan_options WHERE tavolo_id = ? AND kind = ? AND code = ?')
			.get(tavoloId, kind, code)
	)
		throw new ValidationError({ code: 'Questo codice è già in uso' });
	const pos = (
		db()
			.prepare(
				'SELECT COALESCE(MAX(position), -1) + 1 AS p FROM plan_options WHERE tavolo_id = ? AND kind = ?'
			)
			.get(tavoloId, kind) as { p: number }
	).p;
	const info = audited(
		(r) => ({
			actor: user,
			tavoloId,
			action: 'plan.option_added',
			target: [kind, r.lastInsertRowid, `${code} ${label}`]
		}),
		() =>
			db()
				.prepare(
					'INSERT INTO plan_options (tavolo_id, kind, code, label, position) VALUES (?, ?, ?, ?, ?)'
				)
				.run(tavoloId, kind, code, label, pos)
	);
	planChanged(tavoloId, 'options');
	return { id: Number(info.lastInsertRowid), kind, code, label, position: pos };
}

export function renameOption(
	user: SessionUser | null,
	tavoloId: number,
	optionId: number,
	label: unknown
): void {
	assertCan(user, 'plan.configure', { tavoloId });
	const p = optionInput.shape.label.safeParse(label);
	if (!p.success) throw new ValidationError({ label: p.error.issues[0].message });
	audited(
		{ actor: user, tavoloId, action: 'plan.option_renamed', target: ['option', optionId, p.data] },
		() => {
			const info = db()
				.prepare('UPDATE plan_options SET label = ? WHERE id = ? AND tavolo_id = ?')
				.run(p.data, optionId, tavoloId);
			if (!info.changes) throw new NotFoundError('Voce non trovata');
		}
	);
	planChanged(tavoloId, 'options');
}

/** Removing a list entry that actions still use would orphan them: refused, with the count. */
export function removeOption(user: SessionUser | null, tavoloId: number, optionId: number): void {
	assertCan(user, 'plan.configure', { tavoloId });
	const o = db()
		.prepare('SELECT kind, code FROM plan_options WHERE id = ? AND tavolo_id = ?')
		.get(optionId, tavoloId) as { kind: 'priorita' | 'fondo'; code: string } | undefined;
	if (!o) throw new NotFoundError('Voce non trovata');
	const col = o.kind === 'fondo' ? 'fondo' : 'priorita';
	const used = (
		db()
			.prepare(`SELECT COUNT(*) AS n FROM plan_actions WHERE tavolo_id = ? AND ${col} = ?`)
			.get(tavoloId, o.code) as { n: number }
	).n;
	if (used)
		throw new ConflictError(
			`Usata da ${used} ${used === 1 ? 'azione' : 'azioni'}: cambia prima quelle azioni`
		);
	audited(
		{ actor: user, tavoloId, action: 'plan.option_removed', target: [o.kind, optionId, o.code] },
		() => db().prepare('DELETE FROM plan_options WHERE id = ?').run(optionId)
	);
	planChanged(tavoloId, 'options');
}
