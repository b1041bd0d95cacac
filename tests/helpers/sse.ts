import http from 'node:http';

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * Reads a Server-Sent Events stream over a real HTTP connection (no pool: the socket is ours and
 * is destroyed when we leave) until `until` says stop, the server ends it, or the timeout. Comment
 * lines (heartbeats) are kept apart from the events.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  until: (events: SseEvent[]) => boolean,
  options: { timeoutMs?: number; onOpen?: () => Promise<void> } = {},
): Promise<{
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  body: string;
}> {
  const { response, request } = await new Promise<{ response: http.IncomingMessage; request: http.ClientRequest }>(
    (resolve, reject) => {
      const request = http.get(url, { headers, agent: false }, (response) => resolve({ response, request }));
      request.on('error', reject);
    },
  );
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let body = '';
  try {
    response.setEncoding('utf8');
    if (response.statusCode !== 200) {
      for await (const chunk of response) body += chunk;
      return { status: response.statusCode ?? 0, headers: response.headers, events, comments, body };
    }
    let buffer = '';
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 10_000);
      response.on('data', (chunk: string) => {
        body += chunk;
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line);
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
          }
          if (event.event) events.push(event);
        }
        if (until(events)) {
          clearTimeout(timer);
          resolve();
        }
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await options.onOpen?.();
    await done;
  } finally {
    request.destroy();
  }
  return { status: response.statusCode ?? 0, headers: response.headers, events, comments, body };
}
