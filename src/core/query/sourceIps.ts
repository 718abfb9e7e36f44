/**
 * Rows of the actor summary (f) spread over each of their source IPs: a request that came through
 * proxies carries several (X-Forwarded-For hops, `src_ips`), and each address gets the row. A row
 * without a list falls back to `src_ip`; a row with neither gets a NULL ip.
 */
export const EXPAND_SOURCE_IPS = `SELECT f.*, coalesce(j.value, sip.value) AS ip FROM f
  LEFT JOIN strings sips ON sips.id = f.src_ips_id
  LEFT JOIN json_each(CASE WHEN json_valid(sips.value) THEN sips.value ELSE '[]' END) j
  LEFT JOIN strings sip ON sip.id = f.src_ip_id`;

/** Time zone shift for hour and day buckets: epoch ms added to each timestamp before bucketing. */
export type ZoneOffsetMs = number;
