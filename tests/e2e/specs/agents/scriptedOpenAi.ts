// A scripted OpenAI-compatible server on loopback speaking the real streaming wire format (SSE chat completion
// chunks), so the try-it chat runs the agent's real LLM client against it.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface ScriptedOpenAi {
  baseUrl: string;
  requests: unknown[];
  close: () => Promise<void>;
}

export async function startScriptedOpenAi(replies: string[]): Promise<ScriptedOpenAi> {
  const requests: unknown[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push(JSON.parse(body || '{}'));
      const text = replies[Math.min(next++, replies.length - 1)];
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'chatcmpl-e2e', object: 'chat.completion.chunk', created: 1, model: 'scripted', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      for (const word of text.split(/(?<= )/)) res.write(chunk({ content: word }, null));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
