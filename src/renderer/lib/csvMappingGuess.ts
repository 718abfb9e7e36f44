import { MAPPABLE_FIELDS, type CsvMapping, type MappableField } from '../../core/formats/csvMapped';

/** Header names that usually hold each field, compared without case, spaces, dots, dashes or underscores. */
const USUAL_NAMES: Record<MappableField, readonly string[]> = {
  time: ['time', 'timestamp', '@timestamp', 'date', 'datetime', 'eventtime', 'ts', 'created', 'createdat'],
  user: ['user', 'username', 'usr', 'actor', 'account', 'principal', 'login'],
  src_ip: ['srcip', 'sourceip', 'clientip', 'ip', 'ipaddress', 'remoteaddr', 'remoteip', 'source'],
  src_port: ['srcport', 'sourceport', 'port', 'clientport'],
  action: ['action', 'event', 'eventtype', 'activity', 'operation'],
  verb: ['verb', 'method'],
  cluster: ['cluster', 'clustername'],
  node: ['node', 'host', 'hostname', 'server'],
  namespace: ['namespace', 'ns'],
  resource: ['resource', 'kind', 'objecttype'],
  name: ['name', 'object', 'objectname', 'target'],
  status_code: ['status', 'statuscode', 'code', 'responsecode'],
  user_agent: ['useragent', 'agent', 'client'],
  message: ['message', 'msg', 'details', 'description', 'text'],
};

const squash = (text: string): string => text.toLowerCase().replace(/[\s._-]+/g, '');

/** A first guess from the header names; each column is used once, the analyst checks and corrects it. */
export function guessColumns(header: readonly string[]): CsvMapping['columns'] {
  const columns: CsvMapping['columns'] = {};
  const taken = new Set<string>();
  for (const field of MAPPABLE_FIELDS) {
    const usual = USUAL_NAMES[field];
    const cell = header.find((h) => !taken.has(h) && usual.includes(squash(h)));
    if (cell !== undefined) {
      columns[field] = cell;
      taken.add(cell);
    }
  }
  return columns;
}

/** A mapping's name from the file it was made for: `exports/vpn-2026-03.tsv` gives `vpn-2026-03`. */
export function mappingNameFor(path: string): string {
  const base = path.split(/[/\\!]/).pop() ?? path;
  return base.replace(/\.(csv|tsv|txt)$/i, '') || base;
}
