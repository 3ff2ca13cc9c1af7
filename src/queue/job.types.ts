/** Every job the workers run. */
export enum JobName {
  DeliverNotification = 'deliver',
  ReconcileNotifications = 'reconcile',
  PlanSecretariatDigest = 'secretariat-digest',
}

export const JOB_NAMES: readonly JobName[] = Object.values(JobName);

/** Ids only: the worker reloads the row, so a job never carries state that could be stale by its moment. */
export interface DeliverNotificationData {
  notificationId: string;
  version: number;
  /** For metrics and the queue dashboard only; the worker reads everything else from the row. */
  kind?: string;
}

/** Scheduled jobs carry nothing: they look at the database when they run. */
export type NoJobData = Record<string, never>;

export interface JobDataByName {
  [JobName.DeliverNotification]: DeliverNotificationData;
  [JobName.ReconcileNotifications]: NoJobData;
  [JobName.PlanSecretariatDigest]: NoJobData;
}

/** A job's name with the data that name carries; `JobItem` alone is the union of all of them. */
export type JobItem<N extends JobName = JobName> = { [K in N]: { name: K; data: JobDataByName[K] } }[N];

export type JobHandler<N extends JobName> = (data: JobDataByName[N]) => Promise<unknown>;

/** One handler per job name, so dispatching by name hands each handler the data its name carries. */
export type JobHandlers = { [K in JobName]: JobHandler<K> };

/** The one narrowing point: a job read back from Redis is trusted to carry the data its name says. */
export function toJobItem(job: { name: string; data: unknown }): JobItem {
  if (!(JOB_NAMES as readonly string[]).includes(job.name)) throw new Error(`unknown job ${job.name}`);
  return { name: job.name, data: job.data } as JobItem;
}
