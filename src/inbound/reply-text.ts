import { htmlToText } from '../mail/html-to-text';

export interface ReplyAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface ReplyBody {
  /** What the sender wrote, without the history they quoted or their signature. */
  text: string;
  /** Whether anything quoted was cut off. */
  quoted: boolean;
}

/** Longest reply text kept: a reply is a few lines; a pasted report is for the attachment. */
export const REPLY_TEXT_LIMIT = 4000;

/** Where a mail program starts the quoted message in HTML: everything from there on is history. */
const HTML_QUOTE_STARTS = [
  /<div[^>]*class="[^"]*gmail_quote/i,
  /<blockquote\b/i,
  /<div[^>]*id="(?:appendonsend|divRplyFwdMsg|mail-editor-reference-message-container)"/i,
  /<div[^>]*class="[^"]*(?:moz-cite-prefix|yahoo_quoted)/i,
  /<hr\b[^>]*id="stopSpelling"/i,
];

/** A line that alone starts the quoted message. */
const QUOTE_HEADER_LINES = [
  /^-{2,}\s*(?:original message|исходное сообщение|бастапқы хабар(?:лама)?|forwarded message|пересылаемое сообщение)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  // Gmail, Apple Mail, Thunderbird: "On Mon, 7 Dec 2026 at 10:00, Secretariat <s@x> wrote:"
  /^on\b.{0,200}\bwrote:\s*$/i,
  /^.{0,200}(?:написал|написала|написал\(а\)|пишет)\s*:\s*$/i,
  /^.{0,200}(?:жазды|жазған|жазады)\s*:\s*$/i,
  // Gmail in Russian and Kazakh: "пн, 7 дек. 2026 г. в 10:00, Secretariat <s@x>:"
  /^\p{L}{2,3},?\s+\d{1,2}\s+\p{L}+\.?\s+\d{4}\s*(?:г\.|ж\.)?\s*(?:в\s+)?\d{1,2}:\d{2},?\s.*<[^>\s]+@[^>\s]+>:?\s*$/iu,
];

/** Outlook's header block: "From:" then "Sent:" or "Date:" within a few lines, in each language it writes. */
const HEADER_FROM = /^\*?(?:from|от|кімнен|жіберуші)\s*:\*?\s/i;
const HEADER_SENT = /^\*?(?:sent|date|отправлено|дата|жіберілді|күні)\s*:\*?\s/i;

const SIGNATURE_START = /^--\s?$/;
const DEVICE_SIGNATURE =
  /^(?:sent from my\b|get outlook for\b|отправлено с (?:моего )?(?:iphone|ipad|android|samsung)|менің (?:iphone|ipad)|sent from (?:mail|yahoo))/i;

/** The words a person wrote in reply: from the text part (else the HTML), history and signature cut off. */
export function extractReplyText(body: { text?: string | null; html?: string | null }): ReplyBody {
  let quoted = false;
  let source = body.text?.trim() ? body.text : null;
  if (source === null && body.html) {
    let html = body.html;
    for (const start of HTML_QUOTE_STARTS) {
      const at = html.search(start);
      if (at >= 0) {
        html = html.slice(0, at);
        quoted = true;
      }
    }
    source = htmlToText(html);
  }
  const lines = (source ?? '').replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    const bare = line.trim();
    if (SIGNATURE_START.test(line) || startsQuote(lines, i)) {
      quoted = quoted || !SIGNATURE_START.test(line);
      break;
    }
    if (bare.startsWith('>')) {
      quoted = true;
      continue;
    }
    kept.push(line);
  }
  while (kept.length && (kept[kept.length - 1].trim() === '' || DEVICE_SIGNATURE.test(kept[kept.length - 1].trim())))
    kept.pop();
  const text = kept
    .join('\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text: text.length > REPLY_TEXT_LIMIT ? `${text.slice(0, REPLY_TEXT_LIMIT)}…` : text, quoted };
}

function startsQuote(lines: string[], index: number): boolean {
  const line = lines[index].trim();
  // Gmail wraps a long "On … wrote:" line: the address may end on the next one.
  const joined = `${line} ${lines[index + 1]?.trim() ?? ''}`.trim();
  if (QUOTE_HEADER_LINES.some((pattern) => pattern.test(line))) return true;
  if (/^on\b/i.test(line) && /\bwrote:\s*$/i.test(joined)) return true;
  if (HEADER_FROM.test(line)) {
    return lines.slice(index + 1, index + 5).some((next) => HEADER_SENT.test(next.trim()));
  }
  return false;
}

/** The attachments as a list (name, type, size): never opened, never kept. */
export function listAttachments(
  attachments: { filename?: string | null; contentType?: string | null; size?: number | null }[],
): ReplyAttachment[] {
  return attachments.map((a) => ({
    filename: (a.filename ?? '').replace(/[\r\n\t]+/g, ' ').slice(0, 200) || 'attachment',
    contentType: (a.contentType ?? 'application/octet-stream').slice(0, 100),
    size: Math.max(0, Math.round(a.size ?? 0)),
  }));
}
