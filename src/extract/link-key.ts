const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^#]*)/i;

/**
 * The key a URL is checked under: scheme and host lower-cased, default port and fragment
 * dropped, path and query kept byte for byte (servers may treat `/A` and `/a`, or `%7E` and
 * `~`, differently, so no further normalization). An empty path becomes `/` (RFC 3986 6.2.3).
 * Input that is not `scheme://...` is returned without its fragment.
 */
export function linkKeyOf(url: string): string {
  const parts = URL_PARTS.exec(url);
  if (!parts) {
    const hash = url.indexOf('#');
    return hash === -1 ? url : url.slice(0, hash);
  }
  const scheme = parts[1]!.toLowerCase();
  const authority = parts[2]!;
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at + 1);
  let host = (at === -1 ? authority : authority.slice(at + 1)).toLowerCase();
  const port = /:(\d*)$/.exec(host);
  if (port && (port[1] === '' || port[1] === DEFAULT_PORTS[scheme])) host = host.slice(0, port.index);
  const pathAndQuery = parts[3]!;
  const key = `${scheme}://${userInfo}${host}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
  // Most serialized URLs already are their key: sharing the string saves a copy per citation.
  return key === url ? url : key;
}
