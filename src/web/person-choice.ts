/**
 * People are picked from one shared <datalist> per page; its entries read "Name (Country) — id" so the
 * form still posts the member's id, which the server takes back out of the text.
 */
export function personChoice(name: string, country: string | null, id: string): string {
  return `${name}${country ? ` (${country})` : ''} — ${id}`;
}

const CHOSEN_ID = /\s—\s*([0-9a-fA-F-]{36})\s*$/;

/** The member id in a chosen entry; any other text is left for the field's own check to refuse. */
export function idOfChoice(value: string): string {
  return CHOSEN_ID.exec(value)?.[1] ?? value.trim();
}
