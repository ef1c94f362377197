import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Child processes of the abuse benchmark, outside the server's process so
 * that their own work (building a 10 MB body, parsing a 100,000-line answer,
 * 5,000 subscriptions) never shows in the server's event-loop delay.
 *
 *   node abuse-clients.js other <url> <token>  the second client: `{ me { id } }`
 *     one request at a time while started; on stop, every latency (ms)
 *   node abuse-clients.js hostile              runs the hostile input it is sent
 *     and answers with what the server answered
 */
const role = process.argv[2];
const now = () => performance.now();
const send = (message: unknown) => process.send!(message);

// ---------------------------------------------------------------------------
// The second client.

function otherClient(url: string, token: string) {
  const body = JSON.stringify({ query: '{ me { id } }' });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let samples: number[] = [];
  let failures: string[] = [];
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'start') {
      samples = [];
      failures = [];
      running = true;
      loop = (async () => {
        while (running) {
          const start = now();
          try {
            const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(600_000) });
            const json = (await res.json()) as { data?: { me?: { id?: string } }; errors?: { extensions?: { code?: string } }[] };
            if (!json.data?.me?.id) failures.push(json.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`);
          } catch (err) {
            failures.push((err as Error).message);
          }
          samples.push(now() - start);
        }
      })();
      send({ kind: 'started' });
    } else if (message.kind === 'stop') {
      running = false;
      // The request in flight counts: it may be the one that waited out a stall.
      void loop.then(() => send({ kind: 'stopped', samples, failures }));
    } else if (message.kind === 'exit') {
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------
// The hostile client.

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; retryAfterSeconds?: number } }[];
}

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const clip = (text: string, n = 90) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** "CODE (field): message" for each distinct error, with a count when repeated. */
function describeErrors(errors: NonNullable<GraphQLAnswer['errors']>): string {
  const seen = new Map<string, number>();
  for (const e of errors) {
    const code = e.extensions?.code ?? 'no code';
    const field = e.extensions?.field ? ` on ${e.extensions.field}` : '';
    const key = `${code}${field}: "${clip(e.message)}"`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].map(([key, n]) => (n > 1 ? `${n} x ${key}` : key)).join('; ');
}

/** What came back for each root field: list sizes, connection pages, line statuses. */
function describeData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([field, value]) => {
      if (Array.isArray(value)) return `${field}: ${value.length.toLocaleString('en')} lines`;
      const v = value as { edges?: unknown[]; pageInfo?: { hasNextPage?: boolean }; status?: string; slipped?: boolean; token?: string } | null;
      if (v?.edges) return `${field}: ${v.edges.length.toLocaleString('en')} edges${v.pageInfo?.hasNextPage ? ', hasNextPage' : ''}`;
      if (v?.status) return `${field}: ${v.status}${v.slipped ? ', slipped' : ''}`;
      if (v?.token) return `${field}: a token`;
      return `${field}: ${v === null ? 'null' : 'answered'}`;
    })
    .join('; ');
}

async function post(url: string, body: string, token?: string): Promise<{ status: number; answer: GraphQLAnswer | null; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
    signal: AbortSignal.timeout(600_000),
  });
  const text = await res.text();
  try {
    return { status: res.status, answer: JSON.parse(text) as GraphQLAnswer, text };
  } catch {
    return { status: res.status, answer: null, text };
  }
}

function describeResponse(r: { status: number; answer: GraphQLAnswer | null; text: string }): string {
  const http = r.status === 200 ? '' : `HTTP ${r.status}, `;
  if (!r.answer) return `${http}"${clip(r.text)}"`;
  const parts: string[] = [];
  if (r.answer.errors?.length) parts.push(describeErrors(r.answer.errors));
  if (r.answer.data) parts.push(describeData(r.answer.data));
  return `${http}${parts.join('; ') || 'empty answer'}`;
}

/** One GraphQL request; what the server answered and how long it took. */
async function graphql(args: { url: string; query: string; variables?: unknown; token?: string }): Promise<string> {
  const start = now();
  try {
    const r = await post(args.url, JSON.stringify({ query: args.query, variables: args.variables ?? {} }), args.token);
    return `${describeResponse(r)}, in ${seconds(now() - start)}`;
  } catch (err) {
    return `request failed after ${seconds(now() - start)}: ${clip((err as Error).message)}`;
  }
}

/** login with an email of `bytes` bytes, no credential. */
async function bigEmailLogin(args: { url: string; bytes: number }): Promise<string> {
  const email = `${'a'.repeat(args.bytes - 4)}@b.c`;
  const body = JSON.stringify({ query: 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', variables: { email, password: 'x' } });
  const start = now();
  try {
    const r = await post(args.url, body);
    return `${describeResponse(r)}, in ${seconds(now() - start)} (body ${(body.length / 1024 / 1024).toFixed(1)} MB)`;
  } catch (err) {
    return `request failed after ${seconds(now() - start)}: ${clip((err as Error).message)}`;
  }
}

/** `wrong` wrong passwords in a row for one account, then the right one: the answers' codes, run-length encoded. */
async function guessPasswords(args: { url: string; email: string; wrong: number; right: string }): Promise<string> {
  const query = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
  const outcome = async (password: string): Promise<{ code: string; retryAfter?: number }> => {
    const r = await post(args.url, JSON.stringify({ query, variables: { email: args.email, password } }));
    const e = r.answer?.errors?.[0];
    if (!e) return { code: r.answer?.data?.login ? 'signed in' : `HTTP ${r.status}` };
    return { code: e.extensions?.code ?? 'no code', retryAfter: e.extensions?.retryAfterSeconds };
  };
  const describe = (code: string, retryAfter: number[]) =>
    retryAfter.length ? `${code} (retryAfterSeconds ${Math.max(...retryAfter)}${Math.min(...retryAfter) < Math.max(...retryAfter) ? ` down to ${Math.min(...retryAfter)}` : ''})` : code;
  const start = now();
  // Runs of the same code, in order.
  const runs: { code: string; n: number; retryAfter: number[] }[] = [];
  for (let i = 0; i < args.wrong; i++) {
    const o = await outcome(`wrong-password-${i}`);
    const last = runs[runs.length - 1];
    if (last?.code === o.code) last.n++;
    else runs.push({ code: o.code, n: 1, retryAfter: [] });
    if (o.retryAfter !== undefined) runs[runs.length - 1].retryAfter.push(o.retryAfter);
  }
  const right = await outcome(args.right);
  return `${args.wrong} wrong: ${runs.map((r) => `${r.n} x ${describe(r.code, r.retryAfter)}`).join(', then ')}; `
    + `the right one: ${describe(right.code, right.retryAfter === undefined ? [] : [right.retryAfter])}; in ${seconds(now() - start)}`;
}

/** One graphql-ws connection opening `count` subscriptions at once. */
async function subscriptionFlood(args: { wsUrl: string; token: string; count: number; query: string }): Promise<string> {
  const start = now();
  let closed: string | null = null;
  const client = createClient({
    url: args.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${args.token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => (closed = `closed ${(event as { code: number }).code} ${(event as { reason: string }).reason}`) },
  });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const refusals: GraphQLAnswer['errors'] = [];
  let otherErrors = 0;
  const streaming = new Set<number>();
  let settled = 0;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    const check = () => {
      if (settled === args.count || closed) {
        clearTimeout(timer);
        resolve();
      }
    };
    client.on('closed', check);
    for (let i = 0; i < args.count; i++) {
      client.subscribe(
        { query: args.query },
        {
          next: () => {
            if (streaming.has(i)) return;
            streaming.add(i);
            settled++;
            check();
          },
          error: (err) => {
            if (Array.isArray(err)) refusals.push(...(err as NonNullable<GraphQLAnswer['errors']>));
            else otherErrors++;
            settled++;
            check();
          },
          complete: () => undefined,
        },
      );
    }
  });
  const answered = now() - start;
  const summary = `${streaming.size.toLocaleString('en')} of ${args.count.toLocaleString('en')} streaming, ${refusals.length.toLocaleString('en')} refused`
    + (refusals.length ? ` (${describeErrors(refusals)})` : '')
    + (otherErrors ? `, ${otherErrors} other errors` : '')
    + (closed ? `, connection ${closed}` : '')
    + (settled < args.count && !closed ? `, ${(args.count - settled).toLocaleString('en')} unanswered after 30 s` : '')
    + `; all answered in ${seconds(answered)}`;
  await client.dispose();
  return summary;
}

function hostileClient() {
  const actions: Record<string, (args: never) => Promise<string>> = { graphql, bigEmailLogin, guessPasswords, subscriptionFlood };
  process.on('message', (message: { kind: string; action?: string; args?: unknown }) => {
    if (message.kind === 'exit') process.exit(0);
    if (message.kind !== 'run') return;
    const action = actions[message.action!];
    action(message.args as never).then(
      (answer) => send({ kind: 'done', answer }),
      (err) => send({ kind: 'done', answer: `the hostile client failed: ${clip((err as Error).message)}` }),
    );
  });
  send({ kind: 'ready' });
}

if (role === 'other') {
  otherClient(process.argv[3], process.argv[4]);
  send({ kind: 'ready' });
} else if (role === 'hostile') {
  hostileClient();
} else {
  process.stderr.write(`unknown role ${role}\n`);
  process.exit(2);
}
