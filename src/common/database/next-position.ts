import type { EntityManager } from 'typeorm';

/** Ordered children (agenda items, date options, work-plan items): the position after the last one of the parent. */
export async function nextPosition(manager: EntityManager, table: 'agenda_item' | 'meeting_date_option' | 'work_plan_item', parentColumn: 'meeting_id' | 'work_plan_id', parentId: string): Promise<number> {
  const rows: { next: number }[] = await manager.query(`SELECT coalesce(max(position), 0)::int + 1 AS next FROM ${table} WHERE ${parentColumn} = $1`, [parentId]);
  return rows[0].next;
}
