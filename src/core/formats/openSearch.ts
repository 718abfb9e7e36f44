import { isObject, text, type JsonObject } from './jsonFields';
import { jsonRecordDocument, jsonRecordLines, type JsonRecordSpec } from './jsonRecordFormat';
import { OPENSEARCH_HITS_SAMPLES, OPENSEARCH_RESPONSE_SAMPLES } from './openSearchSamples';
import { normalizeSearchHit } from './searchDocument';

/**
 * OpenSearch / Elasticsearch exports of the kubeaudit* and authlog* indices as search hits
 * (`{_index, _id, _source}`): one hit per line (elasticdump, `jq -c '.hits.hits[]'`), or a saved
 * `_search` response (`hits.hits[]`, also a plain array of hits). What a `_source` becomes is
 * decided in searchDocument.ts.
 */

const HIT_SPEC: JsonRecordSpec = {
  what: 'a search hit ({_index, _id, _source})',
  claims: (r) => isObject(r._source) && (typeof r._index === 'string' || typeof r._id === 'string'),
  normalize: (r, ctx, format) => normalizeSearchHit({ index: text(r._index), id: text(r._id), source: r._source as JsonObject }, ctx, format),
};

export const openSearchHitLines = jsonRecordLines(HIT_SPEC, {
  id: 'opensearch-hits-ndjson',
  label: 'OpenSearch / Elasticsearch hits (NDJSON)',
  samples: OPENSEARCH_HITS_SAMPLES,
});

export const openSearchResponse = jsonRecordDocument(HIT_SPEC, {
  id: 'opensearch-search-response',
  label: 'OpenSearch / Elasticsearch _search response (JSON)',
  shape: 'a _search response (hits.hits) or an array of hits',
  // Import sniffs a document from its first 20 lines: in a pretty-printed response the hits start
  // below them, so the response's own envelope (timed_out, _shards, hits) has to be enough.
  sniff(head) {
    if (/^\s*\{/.test(head)) return /"timed_out"\s*:/.test(head) && /"(?:hits|_shards)"\s*:\s*\{/.test(head) ? 0.94 : 0;
    return /^\s*\[\s*\{/.test(head) && /"_index"\s*:/.test(head) && /"_(?:id|source)"\s*:/.test(head) ? 0.94 : 0;
  },
  items(doc) {
    if (Array.isArray(doc)) return doc;
    const hits = isObject(doc) && isObject(doc.hits) ? doc.hits.hits : undefined;
    return Array.isArray(hits) ? hits : null;
  },
  samples: OPENSEARCH_RESPONSE_SAMPLES,
});
