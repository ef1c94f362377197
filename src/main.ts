// First: tracing (when switched on) must wrap http, pg and graphql before anything loads them.
import { tracing } from './tracing';
import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { startRuntime } from './runtime';
import { missingRuntimeFlags } from './runtime-flags';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const runtime = await startRuntime(config, log);
  const missing = missingRuntimeFlags();
  if (missing.length) log.warn({ missing }, 'started without the Node options npm start gives this Node (src/runtime-flags.ts): about a tenth more CPU per request');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: draining HTTP and WebSocket, closing the database');
    try {
      await runtime.stop();
      await tracing?.shutdown();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`ShortStop failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
