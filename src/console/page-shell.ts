/**
 * The console's HTML: a shell the script fills; the per-run token rides in a meta tag.
 *
 * @param token this run's console token (base64url, safe in an attribute)
 * @returns the page
 * @example
 * res.end(pageShell(token.value));
 */
export function pageShell(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="console-token" content="${token}">
<title>Channel flow console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/app.css">
<script defer src="/console/app.js"></script>
</head>
<body>
<noscript>The channel flow console needs JavaScript.</noscript>
</body>
</html>
`;
}

/**
 * Headers for every console answer: nothing loads from anywhere but this origin (and its own
 * messaging-session WebSocket), no framing, no referrer, no caching of content.
 *
 * @param host the request's (loopback) Host header
 * @returns header names and values
 * @example
 * res.writeHead(200, { ...securityHeaders('127.0.0.1:4599'), 'content-type': 'text/html' });
 */
export function securityHeaders(host: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://${host}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}
