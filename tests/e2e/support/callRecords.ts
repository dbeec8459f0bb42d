// Call records as Asterisk's cdr_pgsql writes them (rows in cdr_raw); the running API's reconciler turns them into
// the call log within a second or two, exactly as on a real PBX.
import pg from 'pg';
import { ENV_DATABASE_URL } from './environment';

export interface CdrSeed {
  linkedid: string;
  start: Date;
  answerAfter: number | null;
  seconds: number;
  src: string;
  clid: string;
  dst: string;
  channel: string;
  dstchannel: string;
  disposition: 'ANSWERED' | 'NO ANSWER' | 'BUSY' | 'FAILED';
  direction?: 'inbound' | 'outbound';
  did?: string;
  trunk?: string;
  number?: string;
  queue?: string;
}

export async function insertCallRecords(records: readonly CdrSeed[]): Promise<void> {
  const url = process.env[ENV_DATABASE_URL];
  if (!url) throw new Error(`${ENV_DATABASE_URL} is not set: the e2e global setup did not run`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const r of records) {
      const start = r.start.getTime() / 1000;
      const answer = r.answerAfter === null ? null : start + r.answerAfter;
      await client.query(
        `INSERT INTO cdr_raw (start, answer, "end", duration, billsec, clid, src, dst, channel, dstchannel, disposition,
           uniqueid, linkedid, sequence, botpbx_direction, botpbx_did, botpbx_trunk, botpbx_number, botpbx_queue, botpbx_cause)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 1, $13, $14, $15, $16, $17, '16')`,
        [start, answer, start + r.seconds, Math.round(r.seconds), answer === null ? 0 : Math.round(start + r.seconds - answer),
          r.clid, r.src, r.dst, r.channel, r.dstchannel, r.disposition, r.linkedid, r.direction ?? null, r.did ?? null,
          r.trunk ?? null, r.number ?? null, r.queue ?? null],
      );
    }
  } finally {
    await client.end();
  }
}
