import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reading OnlineAfspraken's XML answers. Every answer is
 * `<Response><Status>…<Status>success|failed</Status>[<Code/>][<Message/>]</Status>[<Objects>…</Objects>]</Response>`;
 * get-one calls put their element straight under `<Response>`, lists and set-calls under `<Objects>`.
 * Text stays text here (numbers arrive as text, blanks as empty elements); wire.ts gives it types.
 */

export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

export interface Envelope {
  ok: boolean;
  code: string;
  message: string;
  /** The server's clock, Unix seconds (NaN when missing). */
  timestamp: number;
  /** Everything under `<Response>` except its `<Status>`. */
  body: Record<string, XmlNode | XmlNode[]>;
}

export class UnreadableAnswer extends Error {
  override name = 'UnreadableAnswer';
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep every value as its text: "0612345678" and "04" must not become numbers.
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  // No document type is expected: entity definitions in one are not expanded.
  processEntities: true,
  htmlEntities: false,
});

function isRecord(value: unknown): value is Record<string, XmlNode | XmlNode[]> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function parseEnvelope(xml: string): Envelope {
  if (XMLValidator.validate(xml) !== true) throw new UnreadableAnswer('not well-formed XML');
  const doc: unknown = parser.parse(xml);
  const response = isRecord(doc) ? doc['Response'] : undefined;
  if (!isRecord(response)) throw new UnreadableAnswer('no <Response>');
  const head = response['Status'];
  if (!isRecord(head)) throw new UnreadableAnswer('no <Status> in <Response>');
  const outcome = text(head['Status']);
  if (outcome !== 'success' && outcome !== 'failed') throw new UnreadableAnswer(`unknown status "${outcome}"`);
  const { Status: _status, ...body } = response;
  return {
    ok: outcome === 'success',
    code: text(head['Code']),
    message: text(head['Message']),
    timestamp: Number(text(head['Timestamp']) || Number.NaN),
    body,
  };
}

/** One element or a list: the parser turns a one-item list into a bare element and an empty one into ''. */
function asList(value: XmlNode | XmlNode[] | undefined): XmlNode[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The `<name>` items of a list answer, wherever they sit: under `<Objects>` (possibly absent or empty) or `<Response>`. */
export function items(body: Envelope['body'], name: string): XmlNode[] {
  const objects = body['Objects'];
  if (isRecord(objects) && name in objects) return asList(objects[name]);
  return asList(body[name]);
}

/** The one `<name>` of a get-one or set answer, under `<Response>` or `<Objects>`; undefined when absent. */
export function item(body: Envelope['body'], name: string): XmlNode | undefined {
  return items(body, name)[0];
}
