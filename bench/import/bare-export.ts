import { freePort, startNode, Started, waitForHttp } from '../http/processes';

export interface BareExport {
  server: Started;
  base: string;
  pid: number | undefined;
}

/** Starts bare-export-server.ts on a free port, streaming `select` as CSV; resolves once it answers. */
export async function startBareExport(databaseUrl: string, select: string, logFile: string): Promise<BareExport> {
  const port = await freePort();
  const server = startNode(
    ['-r', '@swc-node/register', 'bench/import/bare-export-server.ts'],
    {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BARE_EXPORT_SELECT: select,
    },
    logFile,
    'SIGTERM',
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${base}/health`, server.child, 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { base, server, pid: server.child.pid };
}
