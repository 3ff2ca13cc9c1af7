/** Escapes LIKE wildcards so that user text matches literally ("50%" finds "50%", not everything). */
export function likePattern(text: string): string {
  return '%' + text.trim().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}
