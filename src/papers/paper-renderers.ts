import { t } from '../common/i18n/messages';
import { PaperLayout } from './paper-layout';
import type { CertificatePaper, MeetingHeading, MinutesPaper, PeoplePaper } from './paper-views';

/** The least height of an attendance sheet's row: room for a signature by hand. */
export const SIGNATURE_ROW_HEIGHT = 28;

function runningHeader(meeting: MeetingHeading, paper: string): string[] {
  return [[meeting.bodyName, meeting.numbered ?? meeting.title].join(' — '), paper];
}

/** A paper of the meeting, dated (in its metadata) by the meeting: the same data gives the same bytes. */
function meetingLayout(meeting: MeetingHeading, title: string): PaperLayout {
  return new PaperLayout({
    language: meeting.language,
    title,
    header: runningHeader(meeting, title),
    created: meeting.dated,
  });
}

function titleBlock(layout: PaperLayout, meeting: MeetingHeading, paper: string): void {
  const { language } = meeting;
  layout.heading(paper, 1, 'center');
  if (meeting.numbered) layout.paragraph(meeting.numbered, { align: 'center', font: 'bold' });
  layout.paragraph(meeting.title, { align: 'center' });
  layout.facts([
    [t('papers.meeting.when', language), meeting.when],
    [t('papers.meeting.place', language), meeting.place],
  ]);
}

/** Each group's heading, then its people numbered on across groups; `blank` empty cells to fill in by hand. */
function numberedRows(paper: PeoplePaper, blank = 0) {
  let n = 0;
  return paper.groups.flatMap((group) => [
    { group: group.label },
    ...group.people.map((person) => [
      String(++n),
      person.fullName,
      paper.affiliation(person),
      ...Array<string>(blank).fill(''),
    ]),
  ]);
}

export function attendanceSheet(paper: PeoplePaper): PaperLayout {
  const { language } = paper.meeting;
  const title = t('papers.attendanceSheet.title', language);
  const layout = meetingLayout(paper.meeting, title);
  titleBlock(layout, paper.meeting, title);
  layout.paragraph(t('papers.attendanceSheet.lead', language), { size: 9.5 });
  layout.table(
    [
      { header: t('papers.column.number', language), width: 0.6, align: 'right' },
      { header: t('papers.column.name', language), width: 3 },
      { header: t('papers.column.affiliation', language), width: 3.4 },
      { header: t('papers.column.signature', language), width: 2.4 },
    ],
    numberedRows(paper, 1),
    { minRowHeight: SIGNATURE_ROW_HEIGHT },
  );
  return layout;
}

export function participantList(paper: PeoplePaper): PaperLayout {
  const { language } = paper.meeting;
  const title = t('papers.participants.title', language);
  const layout = meetingLayout(paper.meeting, title);
  titleBlock(layout, paper.meeting, title);
  const count = paper.groups.reduce((sum, group) => sum + group.people.length, 0);
  layout.paragraph(t('papers.participants.count', language, { count }));
  layout.table(
    [
      { header: t('papers.column.number', language), width: 0.6, align: 'right' },
      { header: t('papers.column.name', language), width: 3.4 },
      { header: t('papers.column.affiliation', language), width: 5 },
    ],
    numberedRows(paper),
  );
  return layout;
}

export function minutesPaper(paper: MinutesPaper): PaperLayout {
  const { language } = paper.meeting;
  const title = t('papers.minutes.title', language);
  const layout = meetingLayout(paper.meeting, title);
  titleBlock(layout, paper.meeting, title);
  layout.paragraph(paper.status, { font: 'italic', size: 9.5 });

  layout.heading(t('papers.minutes.attendance', language), 2);
  const total = paper.attendance.reduce((sum, row) => sum + row.count, 0);
  layout.table(
    [
      { header: t('papers.column.country', language), width: 4 },
      { header: t('papers.column.attended', language), width: 1.5, align: 'right' },
    ],
    [
      ...paper.attendance.map((row) => [row.country, String(row.count)]),
      [t('papers.minutes.total', language), String(total)],
    ],
  );

  if (paper.agenda.length) {
    layout.heading(t('papers.minutes.agenda', language), 2);
    paper.agenda.forEach((item, i) => layout.paragraph(`${i + 1}. ${item}`));
  }
  if (paper.text.trim()) {
    layout.heading(t('papers.minutes.text', language), 2);
    for (const part of paper.text.split(/\n\s*\n/)) layout.paragraph(part.trim(), { align: 'justify' });
  }
  if (paper.decisions.length) {
    layout.heading(t('papers.minutes.decisions', language), 2);
    for (const decision of paper.decisions) {
      layout.heading(t('papers.minutes.decision', language, { label: decision.label }), 3);
      layout.paragraph(decision.text, { align: 'justify' });
      if (decision.actionItems.length)
        layout.table(
          [
            { header: t('papers.column.activity', language), width: 5 },
            { header: t('papers.column.executor', language), width: 2.5 },
            { header: t('papers.column.deadline', language), width: 2.5 },
          ],
          decision.actionItems.map((item) => [item.activity, item.executor, item.deadline]),
        );
    }
  }
  return layout;
}

export function certificate(paper: CertificatePaper): PaperLayout {
  const { language } = paper.meeting;
  const title = t('papers.certificate.title', language);
  const layout = new PaperLayout({ language, title, header: [paper.meeting.bodyName], pageNumbers: false });
  layout.space(4);
  layout.heading(title, 1, 'center');
  layout.space(2);
  layout.paragraph(t('papers.certificate.lead', language), { align: 'center' });
  layout.paragraph(paper.fullName, { align: 'center', font: 'bold', size: 16 });
  if (paper.affiliation) layout.paragraph(paper.affiliation, { align: 'center' });
  layout.space(1);
  layout.paragraph(t('papers.certificate.attended', language), { align: 'center' });
  if (paper.meeting.numbered) layout.paragraph(paper.meeting.numbered, { align: 'center', font: 'bold' });
  layout.paragraph(paper.meeting.title, { align: 'center', font: 'bold' });
  layout.paragraph(paper.meeting.when, { align: 'center' });
  layout.paragraph(paper.meeting.place, { align: 'center' });
  layout.space(4);
  layout.paragraph(t('papers.certificate.issued', language, { date: paper.issued }));
  layout.paragraph(t('papers.certificate.secretariat', language, { body: paper.meeting.bodyName }), { font: 'bold' });
  return layout;
}
