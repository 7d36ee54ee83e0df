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
