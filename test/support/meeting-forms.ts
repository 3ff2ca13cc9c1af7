import type { Locator, Page } from 'playwright-core';

/**
 * The secretariat's meeting forms driven as a person would, in English (?lang=en), for browser tests.
 * Each step submits one form and waits for the page to come back with its success sentence; a
 * refusal throws with the messages the page shows.
 */

export interface MeetingFields {
  /** The body's name as the form lists it, e.g. /Working Group on Environment/. */
  body: string | RegExp;
  kind?: string;
  number?: string;
  title: { en?: string; ru?: string; kk?: string };
  timeZone: string;
  /** datetime-local values in the meeting's zone, e.g. "2031-11-27T10:00"; none for a tentative meeting. */
  startsAt?: string;
  endsAt?: string;
  venue?: string;
  city?: string;
  countryCode?: string;
  onlineUrl?: string;
  /** Russian and Kazakh boxes by their label, e.g. { 'City in Russian': 'Алматы' }. */
  translations?: Record<string, string>;
}

export interface DateOptionFields {
  startsAt?: string;
  endsAt?: string;
  /** A period as written, e.g. "февраль 2032". */
  text?: string;
  label?: string;
}

/** Fills the create form at /meetings/new without submitting it. */
export async function fillMeetingForm(page: Page, base: string, fields: MeetingFields): Promise<void> {
  await page.goto(`${base}/meetings/new?lang=en`);
  const form = page.locator('main form');
  await form
    .getByLabel('Body', { exact: true })
    .selectOption({ label: await optionLabel(form.getByLabel('Body', { exact: true }), fields.body) });
  await form.getByLabel('Kind of meeting').selectOption(fields.kind ?? 'working_group');
  if (fields.number) await form.getByLabel(/Number in its series/).fill(fields.number);
  for (const [language, name] of [
    ['en', 'English'],
    ['ru', 'Russian'],
    ['kk', 'Kazakh'],
  ] as const) {
    if (fields.title[language]) await form.getByLabel(`Title in ${name}`, { exact: true }).fill(fields.title[language]);
  }
  await form.getByLabel(/Time zone/).fill(fields.timeZone);
  if (fields.startsAt) await form.getByLabel('Starts', { exact: true }).fill(fields.startsAt);
  if (fields.endsAt) await form.getByLabel(/^Ends/).fill(fields.endsAt);
  if (fields.venue) await form.getByLabel('Venue', { exact: true }).fill(fields.venue);
  if (fields.city) await form.getByLabel('City', { exact: true }).fill(fields.city);
  if (fields.countryCode) await form.getByLabel(/Country code/).fill(fields.countryCode);
  if (fields.onlineUrl) await form.getByLabel(/Online meeting address/).fill(fields.onlineUrl);
  for (const [label, text] of Object.entries(fields.translations ?? {}))
    await form.getByLabel(label, { exact: true }).fill(text);
}

/** Creates a meeting through the form; returns its id. */
export async function createMeeting(page: Page, base: string, fields: MeetingFields): Promise<string> {
  await fillMeetingForm(page, base, fields);
  await submitAndExpectDone(page, page.locator('main form').getByRole('button', { name: 'Create the meeting' }));
  return /\/meetings\/([0-9a-f-]{36})/.exec(page.url())![1];
}

export async function addOptions(
  page: Page,
  base: string,
  meetingId: string,
  options: DateOptionFields[],
): Promise<void> {
  for (const option of options) {
    await openMeeting(page, base, meetingId);
    const form = page.locator('#options form.card');
    if (option.startsAt) await form.getByLabel('Starts', { exact: true }).fill(option.startsAt);
    if (option.endsAt) await form.getByLabel(/^Ends/).fill(option.endsAt);
    if (option.text) await form.getByLabel('Or a period as written').fill(option.text);
    if (option.label) await form.getByLabel(/Short label/).fill(option.label);
    await submitAndExpectDone(page, form.getByRole('button', { name: 'Add the date' }));
  }
}

/** Opens the date poll to everyone serving in the body and/or members named as the form lists them. */
export async function openPoll(
  page: Page,
  base: string,
  meetingId: string,
  audience: { fromBody?: boolean; members?: string[]; closesAt?: string } = { fromBody: true },
): Promise<void> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#poll form');
  await chooseAudience(form, audience);
  if (audience.closesAt) await form.getByLabel(/Answers close/).fill(audience.closesAt);
  await submitAndExpectDone(page, form.getByRole('button', { name: 'Open the poll' }));
}

/** Confirms the tentative date with this label: the invitations go out. */
export async function confirmOption(page: Page, base: string, meetingId: string, label: string): Promise<void> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#confirm form');
  // An option's label is followed by its time and zone: "End of November: Thursday, 27 November 2031 …".
  await form.getByRole('radio', { name: new RegExp(`^${label}: `) }).check();
  await submitAndExpectDone(page, form.getByRole('button', { name: 'Confirm and send the invitations' }));
}

export async function invite(
  page: Page,
  base: string,
  meetingId: string,
  audience: { fromBody?: boolean; members?: string[] },
): Promise<string> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#invite form');
  await chooseAudience(form, audience);
  return submitAndExpectDone(page, form.getByRole('button', { name: 'Invite' }));
}

/** Records an answer the secretariat received (by phone, letter…); response is the label, e.g. "will attend". */
export async function recordAnswer(
  page: Page,
  base: string,
  meetingId: string,
  answer: { member: string; response: string; substitute?: string; note?: string },
): Promise<void> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#answer form');
  await form.getByLabel('Participant').fill(await choice(page, 'participant-choices', answer.member));
  await form.getByLabel('Answer', { exact: true }).selectOption({ label: answer.response });
  if (answer.substitute)
    await form.getByLabel(/Substitute/).fill(await choice(page, 'member-choices', answer.substitute));
  if (answer.note) await form.getByLabel(/Note/).fill(answer.note);
  await submitAndExpectDone(page, form.getByRole('button', { name: 'Record the answer' }));
}

/** Ticks exactly the participants named (by the start of their name) as attended. */
export async function recordAttendance(page: Page, base: string, meetingId: string, attended: string[]): Promise<void> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#attendance form');
  for (const box of await form.getByRole('checkbox').all()) {
    const name = (await box.locator('xpath=..').textContent()) ?? '';
    await box.setChecked(attended.some((person) => name.trim().startsWith(person)));
  }
  await submitAndExpectDone(page, form.getByRole('button', { name: 'Save the attendance' }));
}

export async function writeMinutes(
  page: Page,
  base: string,
  meetingId: string,
  minutes: { text: string; decisions: { text: string; action?: string; deadline?: string }[] },
): Promise<void> {
  await openMeeting(page, base, meetingId);
  const form = page.locator('#minutes form.card');
  await form.getByLabel('Text of the minutes').fill(minutes.text);
  for (const [i, decision] of minutes.decisions.entries()) {
    await form.getByLabel(`Text of decision ${i + 1}`).fill(decision.text);
    if (decision.action) await form.getByLabel(`Action item of decision ${i + 1}`).fill(decision.action);
    if (decision.deadline) await form.locator(`[name="decisions.${i}.actionItems.0.deadline"]`).fill(decision.deadline);
  }
  await submitAndExpectDone(page, form.getByRole('button', { name: 'Save the draft' }));
}

export async function approveMinutes(page: Page, base: string, meetingId: string): Promise<void> {
  await openMeeting(page, base, meetingId);
  await submitAndExpectDone(page, page.locator('#approve').getByRole('button', { name: 'Approve the minutes' }));
}

export async function openMeeting(page: Page, base: string, meetingId: string): Promise<void> {
  await page.goto(`${base}/meetings/${meetingId}?lang=en`);
}

/** Submits and waits for the page after the redirect; returns the success sentence, or throws with what the page says is wrong. */
export async function submitAndExpectDone(page: Page, button: Locator): Promise<string> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
  if (!/[?&]done=/.test(page.url())) {
    const problems = await page.locator('.problems, .field-error, .error').allTextContents();
    throw new Error(
      `the form was refused at ${page.url()}: ${problems.join(' | ') || (await page.locator('main').textContent())}`,
    );
  }
  return (await page.locator('p.notice').textContent()) ?? '';
}

async function chooseAudience(form: Locator, audience: { fromBody?: boolean; members?: string[] }): Promise<void> {
  if (audience.fromBody) await form.getByLabel('Everyone serving in the body').check();
  for (const member of audience.members ?? []) await form.getByLabel(member).check();
}

/** The full label of the option a select lists for a name or pattern. */
async function optionLabel(select: Locator, wanted: string | RegExp): Promise<string> {
  const labels = await select.locator('option').allTextContents();
  const found = labels.find((label) => (typeof wanted === 'string' ? label.startsWith(wanted) : wanted.test(label)));
  if (!found) throw new Error(`no option ${wanted} among ${labels.join(', ')}`);
  return found;
}

/** The entry of the page's shared list of people (a <datalist>) that starts with this name. */
async function choice(page: Page, list: string, name: string): Promise<string> {
  const entries = await page
    .locator(`datalist#${list} option`)
    .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
  const found = entries.find((entry) => entry.startsWith(name));
  if (!found) throw new Error(`no entry ${name} in ${list}`);
  return found;
}
