import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AgendaService } from '../meetings/agenda.service';
import { InvitationsService } from '../meetings/invitations.service';
import { MeetingPollService } from '../meetings/meeting-poll.service';
import { MeetingsService } from '../meetings/meetings.service';
import { MinutesService } from '../meetings/minutes.service';
import { WorkPlanItemsService } from '../work-plan/work-plan-items.service';
import { WorkPlansService } from '../work-plan/work-plans.service';

export const LIVING_GROUP_MARK = 'WGECC demo';

interface Serving {
  memberId: string;
  countryCode: string | null;
  role: string;
}

/** Makes the demo group look alive on the day it runs. */
export class LivingGroupDemo {
  constructor(
    private readonly app: INestApplicationContext,
    private readonly today = DateTime.utc().startOf('day'),
  ) {}

  /** Returns false when the living part is already there (setup may run again). */
  async load(): Promise<boolean> {
    const dataSource = this.app.get(DataSource);
    const [done] = await dataSource.query<unknown[]>(`SELECT 1 FROM work_plan WHERE period = $1 LIMIT 1`, [
      this.period(),
    ]);
    if (done) return false;
    const bodies = await dataSource.query<{ id: string; kind: string }[]>(`SELECT id, kind FROM body`);
    const wgId = bodies.find((b) => b.kind === 'working_group')!.id;
    const scId = bodies.find((b) => b.kind === 'steering_committee')!.id;
    const wg = await this.serving(dataSource, wgId);
    const sc = await this.serving(dataSource, scId);
    const members = wg.filter((s) => s.role !== 'secretariat' && s.role !== 'observer');

    const planId = await this.workPlan(wgId, members);
    await this.pastMeetingWithMinutes(wgId, members, planId);
    await this.confirmedMeeting(
      scId,
      sc.filter((s) => s.role !== 'secretariat'),
    );
    await this.meetingWithOpenPoll(wgId, members);
    return true;
  }

  private period(): string {
    return `${this.today.year}–${this.today.year + 1}`;
  }

  private async serving(dataSource: DataSource, bodyId: string): Promise<Serving[]> {
    return dataSource.query<Serving[]>(
      `SELECT s.member_id AS "memberId", m.country_code AS "countryCode", s.role
         FROM membership s JOIN member m ON m.id = s.member_id
        WHERE s.body_id = $1 AND s.start_date <= current_date AND (s.end_date IS NULL OR s.end_date >= current_date)
          AND m.active ORDER BY m.country_code, m.full_name`,
      [bodyId],
    );
  }

  private async workPlan(bodyId: string, members: Serving[]): Promise<string> {
    const plans = this.app.get(WorkPlansService);
    const items = this.app.get(WorkPlanItemsService);
    const plan = await plans.create({
      bodyId,
      title: { en: `WGECC work plan ${this.period()}`, ru: `Рабочий план РГОСИК на ${this.period()}` },
      period: this.period(),
    });
    const day = (days: number, language: 'ru' | 'en' = 'ru') => {
      const date = this.today.plus({ days }).setLocale(language);
      return language === 'ru' ? `до ${date.toFormat('d MMMM yyyy')}` : date.toFormat('d MMMM yyyy');
    };
    const responsible = (i: number) => [members[i % members.length].memberId];
    const activities: { en: string; ru: string; deadline: string; status?: 'done' | 'in_progress'; who: number; topic: string }[] = [
      { en: 'National reports on air quality monitoring', ru: 'Национальные доклады о мониторинге качества воздуха', deadline: day(-6), who: 0, topic: 'air' },
      { en: 'Comments on the draft regional climate adaptation strategy', ru: 'Комментарии к проекту региональной стратегии адаптации', deadline: day(-2, 'en'), who: 1, topic: 'climate' },
      { en: 'Nominate experts for the water-energy nexus workshop', ru: 'Назначить экспертов на семинар по водно-энергетическому взаимодействию', deadline: day(4), who: 2, topic: 'water' },
      { en: 'Translate the green economy guidelines into Russian', ru: 'Перевести руководство по зелёной экономике на русский язык', deadline: day(9, 'en'), status: 'in_progress', who: 3, topic: 'green economy' },
      { en: 'Update the list of national focal points', ru: 'Обновить список национальных координаторов', deadline: day(-20), status: 'done', who: 4, topic: 'governance' },
      { en: 'Share data on transboundary rivers', ru: 'Предоставить данные о трансграничных реках', deadline: 'по запросу', who: 0, topic: 'water' },
      { en: 'Prepare the next Steering Committee agenda', ru: 'Подготовить повестку следующего заседания Руководящего комитета', deadline: day(45), who: 1, topic: 'governance' },
    ]; // prettier-ignore
    for (const a of activities) {
      const item = await items.create(plan.id, {
        activity: { en: a.en, ru: a.ru },
        deadline: a.deadline,
        responsibleMemberIds: responsible(a.who),
        countries: [members[a.who % members.length].countryCode].filter((c): c is string => Boolean(c)),
        topics: [a.topic],
      });
      if (a.status) await items.update(item.id, { status: a.status, changeNote: 'Demo' });
    }
    return plan.id;
  }

  private async pastMeetingWithMinutes(bodyId: string, members: Serving[], planId: string): Promise<void> {
    const meetings = this.app.get(MeetingsService);
    const invitations = this.app.get(InvitationsService);
    const minutes = this.app.get(MinutesService);
    const startsAt = this.today.minus({ days: 38 }).set({ hour: 5 });
    const meeting = await meetings.create({
      bodyId,
      kind: 'working_group',
      title: { en: 'Working Group meeting on climate adaptation', ru: 'Заседание рабочей группы по адаптации к изменению климата' },
      timeZone: 'Asia/Almaty',
      startsAt: startsAt.toISO(),
      endsAt: startsAt.plus({ hours: 7 }).toISO(),
      location: { venue: 'Rixos President Hotel', city: 'Astana', countryCode: 'KZ' },
    }); // prettier-ignore
    await invitations.invite(meeting.id, { fromBody: true });
    const attended = members.slice(0, Math.max(1, members.length - 2));
    await invitations.recordAttendance(meeting.id, {
      records: members.map((m) => ({ memberId: m.memberId, attended: attended.includes(m) })),
    });
    await meetings.update(meeting.id, { status: 'held' });
    await minutes.put(meeting.id, {
      text: 'The Working Group reviewed the national reports and the draft adaptation strategy.',
      decisions: [
        {
          text: 'The draft regional climate adaptation strategy is taken as the basis for consultations.',
          actionItems: [
            {
              activity: 'Send national comments on the adaptation strategy',
              deadline: this.today.plus({ days: 14 }).toISODate(),
              responsibleMemberIds: [members[0].memberId],
            },
          ],
        },
        { text: 'The next meeting of the Working Group is to be held in the first half of next year.' },
      ],
    });
    await minutes.approve(meeting.id, { workPlanId: planId });
  }

  private async confirmedMeeting(bodyId: string, members: Serving[]): Promise<void> {
    const meetings = this.app.get(MeetingsService);
    const invitations = this.app.get(InvitationsService);
    const agenda = this.app.get(AgendaService);
    const startsAt = this.today.plus({ days: 12 }).set({ hour: 9 });
    const meeting = await meetings.create({
      bodyId,
      kind: 'steering_committee',
      title: { en: 'Steering Committee meeting', ru: 'Заседание Руководящего комитета' },
      timeZone: 'Europe/Brussels',
      startsAt: startsAt.toISO(),
      endsAt: startsAt.plus({ hours: 3 }).toISO(),
      location: { venue: 'Berlaymont', city: 'Brussels', countryCode: 'BE' },
      onlineUrl: 'https://meet.example.org/wgecc-sc',
    });
    for (const title of [
      { en: 'Opening and adoption of the agenda', ru: 'Открытие и утверждение повестки дня' },
      { en: 'Progress of the work plan', ru: 'Ход выполнения рабочего плана' },
      { en: 'Dates of the next Working Group meeting', ru: 'Сроки следующего заседания рабочей группы' },
    ])
      await agenda.add(meeting.id, { title });
    await invitations.invite(meeting.id, { fromBody: true });
    const answers = ['accepted', 'accepted', 'declined', 'tentative', 'accepted'] as const;
    for (const [i, m] of members.slice(0, answers.length).entries())
      await invitations.respond(meeting.id, m.memberId, { response: answers[i] }, 'member');
  }

  private async meetingWithOpenPoll(bodyId: string, members: Serving[]): Promise<void> {
    const meetings = this.app.get(MeetingsService);
    const poll = this.app.get(MeetingPollService);
    const meeting = await meetings.create({
      bodyId,
      kind: 'working_group',
      title: { en: 'Working Group meeting on the green economy', ru: 'Заседание рабочей группы по зелёной экономике' },
      timeZone: 'Asia/Tashkent',
      location: { city: 'Tashkent', countryCode: 'UZ' },
    }); // prettier-ignore
    const options = [];
    for (const weeks of [6, 7, 8]) {
      const startsAt = this.today.plus({ weeks }).set({ weekday: 3, hour: 4 });
      options.push(
        await poll.addOption(meeting.id, { startsAt: startsAt.toISO(), endsAt: startsAt.plus({ hours: 8 }).toISO() }),
      );
    }
    await poll.open(meeting.id, { fromBody: true, closesAt: this.today.plus({ days: 10, hours: 12 }).toISO() });
    const answers = [
      ['yes', 'if_need_be', 'no'],
      ['yes', 'yes', 'no'],
      ['no', 'yes', 'yes'],
    ] as const;
    for (const [i, m] of members.slice(0, answers.length).entries())
      for (const [j, option] of options.entries())
        await poll.answer(meeting.id, option.id, m.memberId, { answer: answers[i][j] });
  }
}
