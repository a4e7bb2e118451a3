import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type express from 'express';
import { getIntrospectionQuery, graphqlSync, type GraphQLSchema } from 'graphql';
import { IDE_TABS } from './graphiql-walkthrough';

/**
 * GraphiQL at `GET /graphql` for a browser, served whole by this service: no CDN, so it works offline and behind
 * a proxy. The page loads React 18's UMD builds and GraphiQL 4's UMD bundle (the last GraphiQL major that ships
 * one; 5 is ESM and Monaco only) from `/ide/…`, where they are sent from the installed npm packages, plus
 * `/ide/chotei-ide.js`, which mounts GraphiQL with the README walkthrough as one tab per role
 * (./graphiql-walkthrough.ts) and a headers pane for `Authorization: Bearer <token>`. Its Content-Security-Policy
 * allows this origin only; the one inline style GraphiQL writes (a scroll lock while a menu is open) carries the
 * response's nonce (GraphiQL reads it from window.__webpack_nonce__).
 *
 * The schema (docs, completion, checking as you type) comes from `/ide/schema.json`, the introspection result
 * computed here: GraphiQL's own introspection query is deeper than QUERY_MAX_DEPTH and would be refused by the query
 * guard. Where introspection is off (production) there is no schema.json and the IDE runs without docs.
 *
 * Only a GET that prefers HTML and carries no `query` is the IDE: POST /graphql and GET /graphql?query=… (and any
 * client asking for JSON) reach Apollo as before, CSRF prevention included. Headers typed in the IDE are not
 * stored by the browser (GraphiQL's shouldPersistHeaders is off), so a token lasts as long as the tab.
 */

const requireFrom = createRequire(__filename);
const packageDir = (name: string) => dirname(requireFrom.resolve(`${name}/package.json`));

/** The vendored files, by the name they are served under (/ide/<name>). */
const ASSETS: Record<string, string> = {
  'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

/** The page's policy: everything from this origin, no inline script, inline style only with the nonce, nothing framed. */
export const ideCsp = (styleNonce: string) => [
  "default-src 'self'", "script-src 'self'", `style-src 'self' 'nonce-${styleNonce}'`, "img-src 'self' data:", "font-src 'self' data:",
  "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

/** The page's settings as JSON, safe inside a <script type="application/json"> (no "</script>" can close it). */
const configJson = (styleNonce: string, introspection: boolean) => JSON.stringify({
  styleNonce, introspection, tabs: IDE_TABS.map(({ query, variables, headers }) => ({ query, variables, headers })),
}).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const page = (styleNonce: string, introspection: boolean): string => '<!doctype html><html lang="en"><head><meta charset="utf-8">'
  + '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
  + '<title>Chōtei GraphQL IDE</title><link rel="stylesheet" href="/ide/graphiql.min.css"><link rel="stylesheet" href="/ide/chotei-ide.css"></head>'
  + '<body><div id="graphiql">Loading the IDE…</div>'
  + `<script type="application/json" id="chotei-ide-config">${configJson(styleNonce, introspection)}</script>`
  + '<script src="/ide/react.production.min.js"></script><script src="/ide/react-dom.production.min.js"></script>'
  + '<script src="/ide/graphiql.min.js"></script><script src="/ide/chotei-ide.js"></script></body></html>';

/** Mounts GraphiQL (window.GraphiQL from the UMD bundle) on #graphiql; POSTs to /graphql on this origin. */
const INIT_SCRIPT = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('chotei-ide-config').textContent);
  window.__webpack_nonce__ = config.styleNonce;
  var http = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  // GraphiQL's own introspection is answered by /ide/schema.json (the same result, computed by the service).
  var fetcher = function (params, options) {
    if (params && params.operationName === 'IntrospectionQuery') {
      return fetch('/ide/schema.json', { credentials: 'omit' }).then(function (res) { return res.json(); });
    }
    return http(params, options);
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    // null: no schema (introspection is off, as in production); undefined: ask the fetcher.
    schema: config.introspection ? undefined : null,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }));
})();
`;

const IDE_STYLE = 'html,body{height:100%;margin:0}#graphiql{height:100vh}\n';

/** True for a browser opening /graphql: it prefers HTML and sends no operation. */
function wantsIde(req: express.Request): boolean {
  if (req.query.query !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export interface GraphiqlDeps {
  schema: GraphQLSchema;
  /** Whether the API answers introspection (off in production): the IDE gets the schema only then. */
  introspection: boolean;
}

export function graphiqlRoutes(app: express.Express, deps: GraphiqlDeps): void {
  app.get('/graphql', (req, res, next) => {
    if (!wantsIde(req)) { next(); return; }
    const styleNonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', ideCsp(styleNonce));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Vary', 'Accept');
    res.send(page(styleNonce, deps.introspection));
  });
  const text = (type: string, body: string) => (_req: express.Request, res: express.Response) => {
    res.setHeader('Content-Type', `${type}; charset=utf-8`);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(body);
  };
  app.get('/ide/chotei-ide.js', text('text/javascript', INIT_SCRIPT));
  app.get('/ide/chotei-ide.css', text('text/css', IDE_STYLE));
  let introspected: string | null = null;
  app.get('/ide/schema.json', (req, res, next) => {
    if (!deps.introspection) { next(); return; }
    introspected ??= JSON.stringify(graphqlSync({ schema: deps.schema, source: getIntrospectionQuery() }));
    text('application/json', introspected)(req, res);
  });
  app.get('/ide/:file', (req, res, next) => {
    const path = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!path) { next(); return; }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The packages' files change only with an upgrade: a day in the browser's cache.
    res.sendFile(path, { maxAge: 24 * 3600 * 1000 });
  });
}
