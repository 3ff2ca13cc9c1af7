import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deadlineDueAt } from './deadline/deadline-due';
import type { DeadlineKind, DeadlineWindow } from './deadline/deadline.types';

/** The due moments of a body's items: the end of each deadline's last day, in the body's zone. */
@Injectable()
export class ItemDueMoments {
  /** Recomputes, inside the caller's transaction, the due moment of every dated item of the body's plans for its new zone. */
  async rezoneBody(manager: EntityManager, bodyId: string, timeZone: string): Promise<number> {
    const items: { id: string; deadline_text: string; deadline_kind: DeadlineKind; deadline_windows: DeadlineWindow[]; on_request: boolean }[] = await manager.query(
      `SELECT i.id, i.deadline_text, i.deadline_kind, i.deadline_windows, i.on_request FROM work_plan_item i JOIN work_plan p ON p.id = i.work_plan_id
       WHERE p.body_id = $1 AND i.due_at IS NOT NULL FOR UPDATE OF i`,
      [bodyId],
    );
    if (items.length === 0) return 0;
    const dueAt = items.map((i) => deadlineDueAt({ text: i.deadline_text, kind: i.deadline_kind, windows: i.deadline_windows, onRequest: i.on_request }, timeZone)?.toISOString() ?? null);
    await manager.query(
      `UPDATE work_plan_item i SET due_at = v.due_at, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, due_at) WHERE i.id = v.id AND i.due_at IS DISTINCT FROM v.due_at`,
      [items.map((i) => i.id), dueAt],
    );
    return items.length;
  }
}
