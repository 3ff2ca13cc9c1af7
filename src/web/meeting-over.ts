import type { MeetingView } from '../meetings/meeting.view';

/** A meeting held, or whose last day has passed: answers to it no longer make sense, attendance does. */
export function meetingIsOver(meeting: Pick<MeetingView, 'status' | 'startsAt' | 'endsAt'>, now = new Date()): boolean {
  if (meeting.status === 'held') return true;
  const end = meeting.endsAt ?? meeting.startsAt;
  // Half a day's grace: a meeting running late still takes answers given at the door.
  return meeting.status === 'scheduled' && end !== null && new Date(end).getTime() + 12 * 3_600_000 < now.getTime();
}
