import type { Language } from '../common/i18n/languages';
import { t } from '../common/i18n/messages';
import type { PaperLayout } from '../papers/paper-layout';
import type { LetterImageType } from './letter-settings.entity';

export type LetterKind = 'invitation' | 'visa';
export const LETTER_KINDS: readonly LetterKind[] = ['invitation', 'visa'];

export interface LetterImage {
  type: LetterImageType;
  bytes: Buffer;
}

/** Everything one letter prints, already in its language: drawing it needs no lookups. */
export interface InvitationLetter {
  kind: LetterKind;
  language: Language;
  letterhead: string;
  logo: LetterImage | null;
  reference: string;
  date: string;
  addressee: { name: string; position: string; organisation: string; country: string };
  meeting: { title: string; dates: string; venue: string; onlineUrl: string | null };
  travelCovered: boolean;
  accommodationCovered: boolean;
  /** The visa letter's passport lines; null in a plain invitation. */
  passport: { name: string; nationality: string; number: string; stay: string } | null;
  contact: { name: string; details: string } | null;
  signatory: { name: string; title: string; signature: LetterImage | null };
}

const LOGO_HEIGHT = 48;
const SIGNATURE_HEIGHT = 40;

function coverageKey(letter: InvitationLetter) {
  if (letter.travelCovered && letter.accommodationCovered) return 'letter.coverage.both' as const;
  if (letter.travelCovered) return 'letter.coverage.travel' as const;
  if (letter.accommodationCovered) return 'letter.coverage.accommodation' as const;
  return 'letter.coverage.none' as const;
}

/** Draws one letter from the top of the layout's current page. */
export function drawInvitationLetter(layout: PaperLayout, letter: InvitationLetter): void {
  const { doc } = layout;
  const language = letter.language;
  if (letter.logo) {
    doc.image(letter.logo.bytes, layout.left, doc.y, { fit: [layout.width, LOGO_HEIGHT], align: 'center' });
    doc.y += LOGO_HEIGHT + 6;
  }
  layout.heading(letter.letterhead, 2, 'center');
  layout.paragraph(
    `${t('letter.reference', language, { reference: letter.reference })}    ${t('letter.dated', language, { date: letter.date })}`,
    { align: 'right', size: 9.5 },
  );
  const { addressee } = letter;
  layout.paragraph(
    [addressee.name, addressee.position, addressee.organisation, addressee.country].filter(Boolean).join('\n'),
    { font: 'bold' },
  );
  layout.space(0.5);
  layout.heading(t(letter.kind === 'visa' ? 'letter.title.visa' : 'letter.title.invitation', language), 3, 'center');
  layout.paragraph(t('letter.salutation', language, { name: addressee.name }));
  layout.paragraph(t('letter.invite', language), { align: 'justify' });
  const facts: [string, string][] = [
    [t('letter.meeting', language), letter.meeting.title],
    [t('letter.dates', language), letter.meeting.dates],
  ];
  if (letter.meeting.venue) facts.push([t('letter.venue', language), letter.meeting.venue]);
  if (letter.meeting.onlineUrl) facts.push([t('letter.online', language), letter.meeting.onlineUrl]);
  layout.facts(facts);
  layout.paragraph(t(coverageKey(letter), language), { align: 'justify' });
  if (letter.passport) {
    layout.paragraph(t('letter.visa.request', language), { align: 'justify' });
    layout.facts([
      [t('passport.nameInPassport', language), letter.passport.name],
      [t('passport.nationality', language), letter.passport.nationality],
      [t('passport.passportNumber', language), letter.passport.number],
      [t('letter.visa.stay', language), letter.passport.stay],
    ]);
  }
  if (letter.contact)
    layout.paragraph(t('letter.contact', language, { name: letter.contact.name, details: letter.contact.details }), {
      align: 'justify',
    });
  layout.space(1);
  layout.ensureSpace(SIGNATURE_HEIGHT + 60);
  layout.paragraph(t('letter.closing', language));
  if (letter.signatory.signature) {
    doc.image(letter.signatory.signature.bytes, layout.left, doc.y, { fit: [160, SIGNATURE_HEIGHT] });
    doc.y += SIGNATURE_HEIGHT + 4;
  } else layout.space(1.5);
  layout.paragraph([letter.signatory.name, letter.signatory.title].filter(Boolean).join('\n'), { font: 'bold' });
}
