/** The files a document may be, by the type read from their content, with the extension they download with. */
export const DOCUMENT_MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Enough of the start of a file for file-type to tell an OOXML or ODF package from a plain zip. */
export const SNIFF_BYTES = 64 * 1024;

/** The media type of the content, or null when it is not a kind of file a document may be. */
export async function sniffDocumentType(head: Buffer): Promise<string | null> {
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head);
  return found && found.mime in DOCUMENT_MEDIA_TYPES ? found.mime : null;
}

/** The name as a label: no folders, no control characters; a name that was only folders gets a plain one. */
export function displayName(uploaded: string, fallbackStem: string, mediaType: string): string {
  const last = uploaded.split(/[/\\]/).pop() ?? '';
  const clean = [...last]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  if (clean === '' || clean === '.' || clean === '..') return `${fallbackStem}.${DOCUMENT_MEDIA_TYPES[mediaType]}`;
  return clean;
}
