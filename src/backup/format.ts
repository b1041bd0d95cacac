/**
 * The backup file format and the canonical content hash of a graph.
 *
 * A backup is UTF-8 JSON Lines:
 *   line 1        {"format":"wsis-roadmap-backup","version":1,"createdAt":…,"revision":…,"neo4j":…}
 *   then          {"node":{"key":0,"labels":[…],"props":{…}}}   one per node (keys 0, 1, 2, … within the file)
 *   then          {"rel":{"type":…,"from":0,"to":1,"props":{…}}} one per relationship
 *   last line     {"end":{"nodes":N,"relationships":M,"contentHash":…,"checksum":…}}
 * `checksum` is the SHA-256 of every byte before the last line; `contentHash` is contentHash() of
 * the graph, which does not depend on element ids, order or the file, so a backup and the
 * database it was restored into can be compared.
 *
 * Property values keep their Neo4j type: strings and booleans are JSON, everything else is tagged
 * ({"int":"42"}, {"float":1.5}, {"datetime":{…}}, …) so integers never turn into floats and
 * temporal values keep their nanoseconds and zone. Lists are JSON arrays of encoded values.
 */
import { createHash } from 'node:crypto';
import neo4j, { type Integer } from 'neo4j-driver';

export const BACKUP_FORMAT = 'wsis-roadmap-backup';
export const BACKUP_VERSION = 1;

export type Encoded =
  | string
  | boolean
  | Encoded[]
  | { int: string }
  | { float: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { datetime: Record<string, string | number | null> }
  | { localdatetime: Record<string, string> }
  | { date: Record<string, string> }
  | { time: Record<string, string> }
  | { localtime: Record<string, string> }
  | { duration: Record<string, string> }
  | { point: Record<string, string | number | null> };

export type Props = Record<string, Encoded>;

export interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  revision: number;
  neo4j: string;
}
export interface NodeLine {
  key: number;
  labels: string[];
  props: Props;
}
export interface RelLine {
  type: string;
  from: number;
  to: number;
  props: Props;
}
export interface EndLine {
  nodes: number;
  relationships: number;
  contentHash: string;
  checksum: string;
}

const str = (v: Integer | number) => String(v);

/** One property value from the driver (lossless integers) to its tagged JSON form. */
export function encodeValue(value: unknown): Encoded {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (neo4j.isInt(value)) return { int: value.toString() };
  if (typeof value === 'bigint') return { int: value.toString() };
  if (typeof value === 'number') {
    return { float: Number.isFinite(value) ? value : (String(value) as 'NaN' | 'Infinity' | '-Infinity') };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  if (neo4j.isDateTime(value)) {
    return {
      datetime: {
        year: str(value.year),
        month: str(value.month),
        day: str(value.day),
        hour: str(value.hour),
        minute: str(value.minute),
        second: str(value.second),
        nanosecond: str(value.nanosecond),
        offsetSeconds: value.timeZoneOffsetSeconds === undefined ? null : str(value.timeZoneOffsetSeconds),
        zone: value.timeZoneId ?? null,
      },
    };
  }
  if (neo4j.isLocalDateTime(value)) {
    const { year, month, day, hour, minute, second, nanosecond } = value;
    return {
      localdatetime: Object.fromEntries(
        Object.entries({ year, month, day, hour, minute, second, nanosecond }).map(([k, v]) => [k, str(v)]),
      ),
    };
  }
  if (neo4j.isDate(value)) return { date: { year: str(value.year), month: str(value.month), day: str(value.day) } };
  if (neo4j.isTime(value)) {
    const { hour, minute, second, nanosecond, timeZoneOffsetSeconds } = value;
    return {
      time: Object.fromEntries(
        Object.entries({ hour, minute, second, nanosecond, timeZoneOffsetSeconds }).map(([k, v]) => [k, str(v)]),
      ),
    };
  }
  if (neo4j.isLocalTime(value)) {
    const { hour, minute, second, nanosecond } = value;
    return {
      localtime: Object.fromEntries(Object.entries({ hour, minute, second, nanosecond }).map(([k, v]) => [k, str(v)])),
    };
  }
  if (neo4j.isDuration(value)) {
    const { months, days, seconds, nanoseconds } = value;
    return {
      duration: Object.fromEntries(Object.entries({ months, days, seconds, nanoseconds }).map(([k, v]) => [k, str(v)])),
    };
  }
  if (neo4j.isPoint(value)) {
    return { point: { srid: str(value.srid), x: value.x, y: value.y, z: value.z ?? null } };
  }
  throw new TypeError(`Cannot back up a property value of type ${Object.prototype.toString.call(value)}`);
}

export const encodeProps = (props: Record<string, unknown>): Props =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, encodeValue(v)]));

const I = (s: string | number) => neo4j.int(s);

/** The tagged JSON form back to a driver value, for a restore's query parameters. */
export function decodeValue(value: Encoded): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  if ('int' in value) return neo4j.int(value.int);
  if ('float' in value) return typeof value.float === 'number' ? value.float : Number(value.float);
  if ('datetime' in value) {
    const d = value.datetime;
    return new neo4j.types.DateTime(
      I(d.year!),
      I(d.month!),
      I(d.day!),
      I(d.hour!),
      I(d.minute!),
      I(d.second!),
      I(d.nanosecond!),
      d.offsetSeconds === null || d.offsetSeconds === undefined ? undefined : I(d.offsetSeconds),
      (d.zone as string | null) ?? undefined,
    );
  }
  if ('localdatetime' in value) {
    const d = value.localdatetime;
    return new neo4j.types.LocalDateTime(
      I(d.year!),
      I(d.month!),
      I(d.day!),
      I(d.hour!),
      I(d.minute!),
      I(d.second!),
      I(d.nanosecond!),
    );
  }
  if ('date' in value) return new neo4j.types.Date(I(value.date.year!), I(value.date.month!), I(value.date.day!));
  if ('time' in value) {
    const t = value.time;
    return new neo4j.types.Time(I(t.hour!), I(t.minute!), I(t.second!), I(t.nanosecond!), I(t.timeZoneOffsetSeconds!));
  }
  if ('localtime' in value) {
    const t = value.localtime;
    return new neo4j.types.LocalTime(I(t.hour!), I(t.minute!), I(t.second!), I(t.nanosecond!));
  }
  if ('duration' in value) {
    const d = value.duration;
    return new neo4j.types.Duration(I(d.months!), I(d.days!), I(d.seconds!), I(d.nanoseconds!));
  }
  if ('point' in value) {
    const p = value.point;
    return p.z === null
      ? new neo4j.types.Point(I(p.srid!), p.x as number, p.y as number)
      : new neo4j.types.Point(I(p.srid!), p.x as number, p.y as number, p.z as number);
  }
  throw new TypeError(`Unknown encoded value ${JSON.stringify(value)}`);
}

export const decodeProps = (props: Props): Record<string, unknown> =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, decodeValue(v)]));

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The canonical content hash of a graph, independent of element ids and order: each node hashes
 * to its sorted labels and properties; each relationship to its type, properties and the hashes
 * of its two ends; the graph hash is the SHA-256 of both sorted lists (multisets: two identical
 * nodes count twice). Fed node by node, then relationship by relationship.
 */
export class ContentHasher {
  private readonly nodeHashes = new Map<number | string, string>();
  private readonly relHashes: string[] = [];

  addNode(key: number | string, labels: string[], props: Props): void {
    this.nodeHashes.set(key, sha256(canonicalJson({ labels: [...labels].sort(), props })));
  }

  addRelationship(type: string, from: number | string, to: number | string, props: Props): void {
    const a = this.nodeHashes.get(from);
    const b = this.nodeHashes.get(to);
    if (a === undefined || b === undefined) throw new Error(`relationship ${type} refers to a node not seen before`);
    this.relHashes.push(sha256(canonicalJson({ type, from: a, to: b, props })));
  }

  get counts(): { nodes: number; relationships: number } {
    return { nodes: this.nodeHashes.size, relationships: this.relHashes.length };
  }

  digest(): string {
    const nodes = [...this.nodeHashes.values()].sort();
    const rels = [...this.relHashes].sort();
    return sha256(`nodes\n${nodes.join('\n')}\nrelationships\n${rels.join('\n')}\n`);
  }
}
