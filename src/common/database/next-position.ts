import type { EntityManager } from 'typeorm';

type OrderedTable = 'agenda_item' | 'meeting_date_option' | 'work_plan_item';
type ParentColumn = 'meeting_id' | 'work_plan_id';

const PARENT_TABLE: Record<ParentColumn, string> = { meeting_id: 'meeting', work_plan_id: 'work_plan' };

/** SQL giving the position after the last child of the parent named by `parentParam` (e.g. `$1`). */
export function nextPositionSql(table: OrderedTable, parentColumn: ParentColumn, parentParam: string): string {
  return `(SELECT coalesce(max(position), 0)::int + 1 FROM ${table} WHERE ${parentColumn} = ${parentParam})`;
}

/** Ordered children (agenda items, date options, work-plan items): the position after the last one of the parent. */
export async function nextPosition(manager: EntityManager, table: OrderedTable, parentColumn: ParentColumn, parentId: string): Promise<number> {
  const rows: { next: number }[] = await manager.query(`SELECT ${nextPositionSql(table, parentColumn, '$1')} AS next`, [parentId]);
  return rows[0].next;
}

/**
 * Locks the parent's row until the commit, so that writers of its children take positions one after
 * the other. Take it right before the insert that computes the position with `nextPositionSql`: writers
 * of one parent then queue only for that insert and the commit, not for their whole transaction, and
 * the insert's snapshot, taken after the lock, sees every child committed before it. NO KEY UPDATE:
 * other writers' foreign-key checks (KEY SHARE on the parent) do not wait for it; a writer holding the
 * parent FOR UPDATE (the import) does.
 */
export async function lockPositions(manager: EntityManager, parentColumn: ParentColumn, parentId: string): Promise<boolean> {
  const rows = await manager.query(`SELECT 1 FROM ${PARENT_TABLE[parentColumn]} WHERE id = $1 FOR NO KEY UPDATE`, [parentId]);
  return rows.length > 0;
}
