/** Every queue the service uses; a job's payload carries ids only, the worker reloads state. */
export const QUEUES = {
  /** Delivers planned notifications at their due moment, and runs the reconciler that repairs what Redis lost. */
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Options of every job. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} as const;
