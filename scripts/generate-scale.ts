// The group after years of use, for scale measurements: 100 members, 100 work plans of 1,000 items
// (100,000), 200 meetings and 1,000,000 notifications, made inside PostgreSQL with INSERT … SELECT
// generate_series (a minute or so, not hours of API calls). Recreates the database it is given.
//   SCALE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wgs_scale npm run scale:generate
import { Client } from 'pg';
import { recreateDatabase } from '../src/database/ensure-database';
import { runMigrations } from '../src/database/startup';

export const SCALE_DATABASE_URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wgs_scale';

export interface ScaleShape {
  members: number;
  plans: number;
  itemsPerPlan: number;
  meetings: number;
  notifications: number;
  /** Scheduled rows due within the reconciler's horizon, and rows a dead worker left in sending. */
  dueSoon: number;
  stuck: number;
  /** A meeting ahead with this many invitees (the first members) and a poll of `pollOptions` dates they answered; none when 0. */
  invitees?: number;
  pollOptions?: number;
}

export const FULL_SCALE: ScaleShape = {
  members: 100,
  plans: 100,
  itemsPerPlan: 1000,
  meetings: 200,
  notifications: 1_000_000,
  dueSoon: 2_000,
  stuck: 500,
};

/** The statements that fill an empty, migrated database, in order. */
export function scaleSql(shape: ScaleShape): string[] {
  return [
    `INSERT INTO organization (name, kind) VALUES ('{"en": "WECOOP 3"}', 'project')`,
    `INSERT INTO body (name, kind) VALUES ('{"en": "Working Group on Environment and Climate Change"}', 'working_group')`,
    `INSERT INTO member (full_name, email, country_code, language, time_zone, organization_id)
     SELECT 'Member ' || lpad(g::text, 4, '0'), 'member' || g || '@scale.example', (ARRAY['KZ','KG','TJ','TM','UZ'])[1 + g % 5],
            (ARRAY['en','ru','kk'])[1 + g % 3]::language, 'Asia/Almaty', CASE WHEN g % 2 = 0 THEN (SELECT id FROM organization) END
     FROM generate_series(1, ${shape.members}) g`,
    `INSERT INTO work_plan (body_id, title, period) SELECT (SELECT id FROM body), jsonb_build_object('en', 'Work plan ' || (1999 + p)), (1999 + p)::text
     FROM generate_series(1, ${shape.plans}) p`,
    // A plan's items stored together, as its import wrote them; one in fifty overdue and open, one in seven done, a tenth with two responsible members.
    `INSERT INTO work_plan_item (work_plan_id, position, activity, deadline_text, deadline_kind, due_at, countries, status, executor_organization_id)
     SELECT p.id, g, jsonb_build_object('en', 'Activity ' || g, 'ru', 'Мероприятие ' || g), 'Q3 ' || p.period, 'window',
            CASE WHEN g % 50 = 0 THEN now() - (g || ' hours')::interval ELSE now() + (g || ' hours')::interval END,
            ARRAY[(ARRAY['KZ','KG','TJ','TM','UZ'])[1 + g % 5]],
            (CASE WHEN g % 7 = 0 THEN 'done' WHEN g % 3 = 0 THEN 'in_progress' ELSE 'planned' END)::work_plan_item_status,
            (SELECT id FROM organization)
     FROM work_plan p, generate_series(1, ${shape.itemsPerPlan}) g
     ORDER BY p.period, g`,
    `INSERT INTO work_plan_item_responsible (item_id, member_id)
     SELECT i.id, m.id FROM work_plan_item i JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM member) m
       ON m.n IN (i.position % ${shape.members}, (i.position + 1) % ${shape.members})
     WHERE i.position % 10 = 0`,
    `INSERT INTO meeting (body_id, kind, title, time_zone, starts_at, ends_at)
     SELECT (SELECT id FROM body), 'technical', jsonb_build_object('en', 'Meeting ' || g), 'Asia/Almaty',
            now() + ((g - ${shape.meetings / 2}) || ' days')::interval, now() + ((g - ${shape.meetings / 2}) || ' days')::interval + interval '3 hours'
     FROM generate_series(1, ${shape.meetings}) g`,
    // Years of history: mostly sent; a tenth scheduled ahead; some failed and cancelled; the reconciler's work at the front.
    `INSERT INTO notification (key, kind, subject_type, subject_id, recipient_id, recipient_email, due_at, status, claimed_at, sent_at, attempts)
     SELECT 'scale:' || g, 'item-due-soon', 'work_plan_item', gen_random_uuid(), m.id, m.email,
            CASE WHEN g <= ${shape.dueSoon} THEN now() + interval '1 minute'
                 WHEN g <= ${shape.dueSoon + shape.stuck} THEN now() - interval '1 hour'
                 WHEN g % 10 = 0 THEN now() + (g || ' seconds')::interval
                 ELSE now() - (g || ' seconds')::interval END,
            (CASE WHEN g <= ${shape.dueSoon} THEN 'scheduled' WHEN g <= ${shape.dueSoon + shape.stuck} THEN 'sending'
                  WHEN g % 10 = 0 THEN 'scheduled' WHEN g % 199 = 0 THEN 'failed' WHEN g % 53 = 0 THEN 'cancelled' ELSE 'sent' END)::notification_status,
            CASE WHEN g > ${shape.dueSoon} AND g <= ${shape.dueSoon + shape.stuck} THEN now() - interval '1 hour' END,
            CASE WHEN g > ${shape.dueSoon + shape.stuck} AND g % 10 <> 0 AND g % 199 <> 0 AND g % 53 <> 0 THEN now() - (g || ' seconds')::interval END,
            CASE WHEN g <= ${shape.dueSoon} OR g % 10 = 0 THEN 0 ELSE 1 END
     FROM generate_series(1, ${shape.notifications}) g
     JOIN (SELECT id, email, row_number() OVER (ORDER BY id) - 1 AS n FROM member) m ON m.n = g % ${shape.members}`,
    ...(shape.invitees ? bigMeetingSql(shape.invitees, shape.pollOptions ?? 0) : []),
    // As autovacuum would have left it: statistics, and a visibility map for index-only counts.
    'VACUUM ANALYZE',
  ];
}

export const BIG_MEETING_TITLE = 'Meeting of the whole group';

/** The meeting the pages benchmark opens: the first `invitees` members invited, most answered, and a poll matrix filled in. */
function bigMeetingSql(invitees: number, options: number): string[] {
  return [
    `INSERT INTO meeting (body_id, kind, title, time_zone, starts_at, ends_at, poll_opened_at, poll_closes_at)
     SELECT (SELECT id FROM body), 'working_group', '{"en": "${BIG_MEETING_TITLE}"}', 'Asia/Almaty',
            now() + interval '40 days', now() + interval '40 days 6 hours', now() - interval '2 days', now() + interval '20 days'`,
    `INSERT INTO meeting_date_option (meeting_id, position, starts_at, ends_at)
     SELECT m.id, g, now() + (40 + g || ' days')::interval, now() + (40 + g || ' days')::interval + interval '6 hours'
     FROM meeting m, generate_series(1, ${options}) g WHERE m.title->>'en' = '${BIG_MEETING_TITLE}'`,
    `INSERT INTO invitation (meeting_id, member_id, response, responded_at, invited_at)
     SELECT (SELECT id FROM meeting WHERE title->>'en' = '${BIG_MEETING_TITLE}'), m.id,
            (ARRAY['pending','accepted','declined','tentative'])[1 + m.n % 4]::invitation_response,
            CASE WHEN m.n % 4 <> 0 THEN now() - interval '1 day' END, now() - interval '3 days'
     FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM member) m WHERE m.n < ${invitees}`,
    `INSERT INTO meeting_date_answer (option_id, member_id, answer, answered_at)
     SELECT o.id, i.member_id, (ARRAY['yes','if_need_be','no'])[1 + (o.position + abs(hashtext(i.member_id::text))) % 3]::poll_answer, now() - interval '1 day'
     FROM meeting_date_option o JOIN invitation i ON i.meeting_id = o.meeting_id
     WHERE abs(hashtext(i.member_id::text)) % 10 <> 0`,
  ];
}

/** A fresh, migrated database filled to `shape`; returns the seconds each step took. */
export async function generateScale(
  databaseUrl: string,
  shape: ScaleShape = FULL_SCALE,
): Promise<Record<string, number>> {
  await recreateDatabase(databaseUrl);
  await runMigrations(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const seconds: Record<string, number> = {};
  try {
    for (const sql of scaleSql(shape)) {
      const started = Date.now();
      await client.query(sql);
      const table = /INSERT INTO (\w+)/.exec(sql)?.[1] ?? sql;
      seconds[table] = (seconds[table] ?? 0) + (Date.now() - started) / 1000;
    }
  } finally {
    await client.end();
  }
  return seconds;
}

// Run as a script only: tests import the statements (and run as ES modules, without `require`).
if (typeof require !== 'undefined' && require.main === module) {
  const started = Date.now();
  generateScale(SCALE_DATABASE_URL)
    .then((seconds) => {
      for (const [step, s] of Object.entries(seconds)) console.log(`  ${step.padEnd(28)} ${s.toFixed(1)} s`);
      console.log(
        `${SCALE_DATABASE_URL}: ${FULL_SCALE.notifications.toLocaleString('en')} notifications, ${(FULL_SCALE.plans * FULL_SCALE.itemsPerPlan).toLocaleString('en')} work-plan items in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
