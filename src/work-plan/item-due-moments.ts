import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deadlineDueAt } from './deadline/deadline-due';
import { WorkPlanItemRepository } from './work-plan-item.repository';

/** The due moments of a body's items: the end of each deadline's last day, in the body's zone. */
@Injectable()
export class ItemDueMoments {
  constructor(private readonly items: WorkPlanItemRepository) {}

  async rezoneBody(manager: EntityManager, bodyId: string, timeZone: string): Promise<number> {
    const items = await this.items.lockDatedOfBody(manager, bodyId);
    if (items.length === 0) return 0;
    const dueAt = items.map(
      (i) =>
        deadlineDueAt(
          { text: i.deadline_text, kind: i.deadline_kind, windows: i.deadline_windows, onRequest: i.on_request },
          timeZone,
        )?.toISOString() ?? null,
    );
    await this.items.setDueMoments(
      manager,
      items.map((i) => i.id),
      dueAt,
    );
    return items.length;
  }
}
