import { buildApp } from './app.js';
import { loadConfig } from './config.js';

/**
 * The OpenAPI document exactly as the app serves it at /openapi.json, as stable text.
 * Building the app opens no connection (the driver connects lazily), so this needs no database.
 */
export async function generateOpenApi(): Promise<string> {
  const app = await buildApp(loadConfig({}), { logger: false });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
