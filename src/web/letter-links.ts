import { hasLetter } from '../letters/letters.service';

interface Participant {
  memberId: string;
  fullName: string;
  invitedAt: string | null;
  response: string;
}

/** The secretariat's letter links on a meeting's page: everyone's at once, and each invited participant's. */
export function letterLinks(meetingId: string, people: readonly Participant[]) {
  const base = `/meetings/${meetingId}/letters`;
  const invited = people.filter((p) => p.invitedAt !== null);
  return {
    any: invited.length > 0,
    pdf: `${base}.pdf`,
    zip: `${base}.zip`,
    people: invited.map((p) => ({
      name: p.fullName,
      expected: hasLetter(p.response),
      letter: `${base}/${p.memberId}.pdf`,
      visa: `${base}/${p.memberId}.pdf?kind=visa`,
      details: `${base}/${p.memberId}`,
    })),
  };
}
