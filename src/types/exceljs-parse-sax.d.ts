/** exceljs's own streaming SAX step (saxes underneath): one batch of events per chunk written. */
declare module 'exceljs/lib/utils/parse-sax' {
  export type SaxEvent =
    | { eventType: 'opentag'; value: { name: string; attributes: Record<string, string> } }
    | { eventType: 'text'; value: string }
    | { eventType: 'closetag'; value: { name: string } };
  export default function parseSax(chunks: AsyncIterable<string>): AsyncGenerator<SaxEvent[]>;
}
