import type { Actions, PageServerLoad } from './$types';
import { formAction, guard } from '$lib/server/http/kit';
import { tavoloFor } from '$lib/server/http/tavolo';
import { addMember, members, removeMember, updateMember } from '$lib/server/tavoli';
import { invite, listInvitations, revokeInvitation } from '$lib/server/tavoli/invitations';
import { list as listEnti } from '$lib/server/enti';
import { sendMail } from '$lib/server/mail';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
	return {
		members: guard(() => members(user, tavolo.id)).map((m) => ({
			membershipId: m.membershipId,
			name: m.name,
			email: m.email,
			role: m.role,
			representation: m.representation,
			enteId: m.enteId,
			enteName: m.enteName
		})),
		invitations: guard(() => listInvitations(user, tavolo.id)),
		enti: listEnti().map((e) => ({ id: e.id, name: e.name }))
	};
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
		return formAction(
			request,
			(v) => {
				addMember(user, tavolo.id, v);
				return { ok: 'Componente aggiunto' };
			},
			'add'
		);
	},
	update: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
		return formAction(
			request,
			(v) => {
				updateMember(user, tavolo.id, Number(v.membershipId), v);
				return { ok: 'Ruolo aggiornato' };
			},
			'update'
		);
	},
	remove: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
		return formAction(
			request,
			(v) => {
				removeMember(user, tavolo.id, Number(v.membershipId));
				return { ok: 'Componente rimosso' };
			},
			'remove'
		);
	},
	invite: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
		return formAction(
			request,
			async (v) => {
				const token = invite(user, tavolo.id, v);
				const link = `${url.origin}/invito/${token}`;
				const mail = await sendMail({
					to: [v.email.trim()],
					subject: `[Raccordo] Invito a «${tavolo.name}»`,
					text:
						`${user.name} ti invita a partecipare al tavolo «${tavolo.name}» su Raccordo.\n\n` +
						`Apri questo link personale per scegliere la tua password ed entrare (valido 7 giorni, una sola volta):\n${link}\n`
				});
				return {
					ok: mail.sent
						? `Invito inviato per e-mail a ${v.email}`
						: 'Invito creato: consegna il link alla persona',
					inviteLink: link,
					inviteEmail: v.email
				};
			},
			'invite'
		);
	},
	revoke: async ({ request, locals, params, url }) => {
		const { user, tavolo } = tavoloFor(locals, params, url, 'tavolo.manage');
		return formAction(
			request,
			(v) => {
				revokeInvitation(user, tavolo.id, Number(v.invitationId));
				return { ok: 'Invito revocato' };
			},
			'revoke'
		);
	}
};
