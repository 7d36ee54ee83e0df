/* eslint-disable no-console -- boot failures are written as plain lines, before any logger exists */
import { ConfigError, loadConfig } from './config/app-config';
import { DatabaseOpenError } from './database/open-database';
import { createApp } from './bootstrap';
import { createRootLogger } from './logging/pino-logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(`config error: ${problem}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config);
  const running = await createApp(config, logger);
  // On SIGTERM/SIGINT: stop taking requests, let modules flush (the event log writes what is buffered),
  // close the database (releasing the embedded database's lock), then exit 0.
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  await running.app.listen(config.port, config.host);
  const address = running.app.getHttpServer().address() as { port: number } | null;
  logger.info(
    { port: address?.port ?? config.port, database: config.database.kind, dataDir: config.dataDir },
    `LiveLab is up: studio at http://localhost:${address?.port ?? config.port}/`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseOpenError) {
    console.error(`error: ${error.message}`);
  } else {
    const err = error as { code?: string; message?: string; stack?: string };
    if (err.code === 'EADDRINUSE')
      console.error(`error: port already in use (${err.message ?? ''}); set PORT`);
    else console.error(`error: ${err.message ?? String(error)}`);
    if (process.env['LOG_LEVEL'] === 'debug' || process.env['LOG_LEVEL'] === 'trace')
      console.error(err.stack);
  }
  process.exit(1);
});
