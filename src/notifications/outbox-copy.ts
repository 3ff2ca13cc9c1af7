import type { EmailData, EmailKind } from '../mail/email-kinds';

/**
 * The data of an email as the outbox may show it: a live sign-in link would let whoever reads the
 * outbox sign in as the recipient, so it points at the sign-in page instead.
 */
export function outboxCopyData<K extends EmailKind>(
  kind: K,
  data: EmailData[K],
  appUrl: string,
): { data: EmailData[K]; linkHidden: boolean } {
  if (kind !== 'sign-in-link') return { data, linkHidden: false };
  return { data: { ...data, url: `${appUrl}/sign-in` }, linkHidden: true };
}
