export enum JobName {
  DeliverNotification = 'deliver',
  ReconcileNotifications = 'reconcile',
  PlanSecretariatDigest = 'secretariat-digest',
  ErasePassportData = 'erase-passport-data',
}

export const JOB_NAMES: readonly JobName[] = Object.values(JobName);

/** Ids only: the worker reloads the row, so a job never carries state that could be stale by its moment. */
export interface DeliverNotificationData {
  notificationId: string;
  version: number;
  kind?: string;
}

export type NoJobData = Record<string, never>;

export interface JobDataByName {
  [JobName.DeliverNotification]: DeliverNotificationData;
  [JobName.ReconcileNotifications]: NoJobData;
  [JobName.PlanSecretariatDigest]: NoJobData;
  [JobName.ErasePassportData]: NoJobData;
}

export type JobItem<N extends JobName = JobName> = { [K in N]: { name: K; data: JobDataByName[K] } }[N];

export type JobHandler<N extends JobName> = (data: JobDataByName[N]) => Promise<unknown>;

export type JobHandlers = { [K in JobName]: JobHandler<K> };

/** The one narrowing point: a job read back from Redis is trusted to carry the data its name says. */
export function toJobItem(job: { name: string; data: unknown }): JobItem {
  if (!(JOB_NAMES as readonly string[]).includes(job.name)) throw new Error(`unknown job ${job.name}`);
  return { name: job.name, data: job.data } as JobItem;
}
